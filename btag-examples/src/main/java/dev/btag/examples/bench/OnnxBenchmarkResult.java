package dev.btag.examples.bench;

/**
 * Inference speed of one tagger exported to ONNX, in ONNX Runtime and on the PyTorch engine, measured in the same
 * process, as {@code btag bench onnx} reports it.
 *
 * @param model the architecture's command-line name
 * @param parameters the parameter count of the block
 * @param jets jets per throughput pass
 * @param batchSize jets per engine call in the throughput passes (the same for both engines)
 * @param onnxThreads ONNX Runtime's intra-op threads in the throughput passes (0: ONNX Runtime's choice)
 * @param onnxJetsPerSecond ONNX Runtime's throughput (softmax in the graph)
 * @param pytorchJetsPerSecond the PyTorch engine's throughput through {@code TaggerPredictor} (softmax included)
 * @param latencyCalls timed single-jet calls per engine (after as many warm-up calls)
 * @param onnxP50Micros ONNX Runtime's median single-jet latency in microseconds (one intra-op thread)
 * @param onnxP99Micros ONNX Runtime's 99th-percentile single-jet latency in microseconds
 * @param pytorchP50Micros the PyTorch engine's median single-jet latency in microseconds
 * @param pytorchP99Micros the PyTorch engine's 99th-percentile single-jet latency in microseconds
 */
public record OnnxBenchmarkResult(String model, long parameters, int jets, int batchSize, int onnxThreads,
        double onnxJetsPerSecond, double pytorchJetsPerSecond, int latencyCalls, double onnxP50Micros,
        double onnxP99Micros, double pytorchP50Micros, double pytorchP99Micros) {
}
