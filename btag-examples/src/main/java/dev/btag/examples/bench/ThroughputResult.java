package dev.btag.examples.bench;

/**
 * Training and inference throughput of one tagger, as {@code btag bench train} reports it.
 *
 * @param model the architecture's command-line name
 * @param parameters the parameter count of the DJL block (total, as Keras would count a PyTorch-style cell)
 * @param jets jets per epoch and per inference pass
 * @param batchSize training batch size
 * @param epochs timed training epochs (after one warm-up epoch)
 * @param trainJetsPerSecond training jets per second (forward, backward, Adam), the timed epochs' mean
 * @param predictJetsPerSecond inference jets per second (batches of
 *     {@link dev.btag.models.predict.TaggerPredictor#DEFAULT_BATCH_SIZE}, softmax included, autograd off)
 * @param trainGflops achieved training rate in GFLOP/s, counting 3 x 2 x (multiply-accumulates per jet)
 * @param predictGflops achieved inference rate in GFLOP/s, counting 2 x (multiply-accumulates per jet)
 * @param matmulGflops the machine's float32 matrix-multiply rate measured in the same run (0 if not measured)
 * @param rssMiBAfterEpoch2 resident memory after the second epoch, MiB (0 if unavailable)
 * @param rssMiBAfterLastEpoch resident memory after the last epoch, MiB (0 if unavailable)
 */
public record ThroughputResult(String model, long parameters, int jets, int batchSize, int epochs,
        double trainJetsPerSecond, double predictJetsPerSecond, double trainGflops, double predictGflops,
        double matmulGflops, double rssMiBAfterEpoch2, double rssMiBAfterLastEpoch) {
}
