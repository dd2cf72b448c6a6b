package dev.btag.examples.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.btag.data.dataset.JetColumns;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticJets;
import dev.btag.data.synthetic.SyntheticSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the data path: simulating and writing the synthetic sample, and assembling training batches of the
 * tutorial's 15 features plus 10 × 21 tracks with {@link JetDataset}. Figures for docs/performance.md.
 */
public final class DataThroughput {

    /**
     * Untimed warm-up before timing, so that the JIT has compiled the batch path: at least this many epochs and at
     * least {@link #WARM_UP_SECONDS} seconds.
     */
    public static final int WARM_UP_EPOCHS = 10;

    /** Minimum warm-up time in seconds (see {@link #WARM_UP_EPOCHS}). */
    public static final double WARM_UP_SECONDS = 5.0;

    private DataThroughput() {
    }

    /**
     * Generation figures.
     *
     * @param jets jets simulated (one file)
     * @param threads simulation threads
     * @param simulateJetsPerSecond jets per second of the in-memory simulation of all six arrays
     * @param writeSeconds seconds to write the file (uncompressed npz)
     * @param fileBytes size of the written file
     * @param jetsPerSecond jets per second of simulation and writing together
     */
    public record Generation(int jets, int threads, double simulateJetsPerSecond, double writeSeconds, long fileBytes,
                             double jetsPerSecond) {
    }

    /**
     * Batch-assembly figures.
     *
     * @param jets jets per epoch
     * @param batchSize B
     * @param epochs epochs timed (after the untimed warm-up, see {@link #WARM_UP_EPOCHS})
     * @param loadSeconds seconds to read the features, tracks and labels from the file
     * @param jetsPerSecond jets per second delivered as closed batches (features, tracks, labels as NDArrays)
     */
    public record Batches(int jets, int batchSize, int epochs, double loadSeconds, double jetsPerSecond) {
    }

    /**
     * Simulates one file of jets in memory, then writes it.
     *
     * @param file where to write
     * @param jets the number of jets
     * @param seed the seed
     * @param threads simulation threads
     * @return the figures
     * @throws IOException when writing fails
     */
    public static Generation generation(Path file, int jets, long seed, int threads) throws IOException {
        long start = System.nanoTime();
        SyntheticJets simulated = SyntheticSample.generate(seed, 0, jets, threads);
        long simulated1 = System.nanoTime();
        SyntheticSample.writeFile(file, simulated, seed, 0);
        long written = System.nanoTime();
        double simulate = (simulated1 - start) / 1e9;
        double write = (written - simulated1) / 1e9;
        return new Generation(jets, threads, jets / simulate, write, Files.size(file), jets / (simulate + write));
    }

    /**
     * Iterates shuffled epochs of batches over a file and times them.
     *
     * @param file a tutorial-layout file
     * @param batchSize B
     * @param epochs timed epochs, at least 1
     * @return the figures
     * @throws IOException when the file cannot be read
     */
    public static Batches batches(Path file, int batchSize, int epochs) throws IOException {
        long start = System.nanoTime();
        JetColumns columns;
        try (TutorialFile tutorial = TutorialFile.open(file)) {
            columns = JetColumns.load(tutorial, FeatureSet.TUTORIAL, true);
        }
        double load = (System.nanoTime() - start) / 1e9;
        JetDataset dataset = JetDataset.builder().setColumns(columns).optTracks(true).optSeed(1)
            .setSampling(batchSize, true).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            long warmUpStart = System.nanoTime();
            for (int e = 0; e < WARM_UP_EPOCHS || System.nanoTime() - warmUpStart < WARM_UP_SECONDS * 1e9; e++) {
                drain(dataset, manager);
            }
            long t0 = System.nanoTime();
            long jets = 0;
            for (int e = 0; e < epochs; e++) {
                jets += drain(dataset, manager);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Batches(columns.jetCount(), batchSize, epochs, load, jets / seconds);
        }
    }

    private static long drain(JetDataset dataset, NDManager manager) {
        long jets = 0;
        for (Batch batch : dataset.getData(manager)) {
            try (batch) {
                jets += batch.getSize();
            }
        }
        return jets;
    }
}
