package dev.btag.examples.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.btag.data.dataset.StreamingJetDataset;
import dev.btag.data.layout.Layout;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;

/**
 * The streaming benchmark behind {@code btag bench dataset --stream FILE...}: assembled batches per second from a
 * {@link StreamingJetDataset} over many files (features plus the layout's first collection, shuffled), and the peak
 * heap while streaming. The JVM's heap limit ({@code -Xmx}) is part of the setting being measured.
 */
public final class StreamThroughput {

    private StreamThroughput() {
    }

    /**
     * The figures of one run. This record is immutable.
     *
     * @param files the files streamed
     * @param jets the jets of one epoch
     * @param batchSize the batch size
     * @param epochs the timed epochs
     * @param seconds the time of the timed epochs
     * @param jetsPerSecond assembled jets per second
     * @param waitSeconds the time the consumer waited for batches during the timed epochs
     * @param peakHeapBytes the peak used heap (all heap pools) from the start of the first epoch
     * @param maxHeapBytes the heap limit
     */
    public record Result(int files, long jets, int batchSize, int epochs, double seconds, double jetsPerSecond,
                         double waitSeconds, long peakHeapBytes, long maxHeapBytes) {
    }

    /**
     * Streams the files for one untimed and {@code epochs} timed epochs, closing every batch as a trainer would.
     *
     * @param files the files
     * @param layout their layout
     * @param batchSize the batch size
     * @param epochs timed epochs, at least 1
     * @param workers reader threads
     * @param shuffleBuffer jets in the shuffle buffer
     * @return the figures
     * @throws IOException when a file cannot be read
     */
    public static Result run(List<Path> files, Layout layout, int batchSize, int epochs, int workers,
                             int shuffleBuffer) throws IOException {
        StreamingJetDataset dataset = StreamingJetDataset.builder().setFiles(files).setLayout(layout)
            .optCollection(layout.collections().isEmpty() ? -1 : 0).setSampling(batchSize, true).optSeed(1)
            .optWorkers(workers).optShuffleBuffer(shuffleBuffer).build();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        try (NDManager manager = NDManager.newBaseManager()) {
            drain(dataset, manager, 0);
            dataset.resetWaitTime();
            long start = System.nanoTime();
            long jets = 0;
            for (int e = 1; e <= epochs; e++) {
                jets += drain(dataset, manager, e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Result(files.size(), dataset.size(), batchSize, epochs, seconds, jets / seconds,
                dataset.waitSeconds(), peak, Runtime.getRuntime().maxMemory());
        } finally {
            dataset.stop();
        }
    }

    private static long drain(StreamingJetDataset dataset, NDManager manager, int epoch) {
        long jets = 0;
        for (Batch batch : dataset.batches(manager, epoch)) {
            jets += batch.getSize();
            batch.close();
        }
        return jets;
    }
}
