package dev.btag.data.dataset;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import dev.btag.data.ntuple.JetFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One epoch of a {@link StreamingJetDataset}: worker threads read blocks of rows (in epoch order, at most
 * {@code workers + 1} in flight, each file open only while its blocks are read), an assembler thread passes them
 * through the {@link ShuffleBuffer} into batches, and a bounded queue of {@code prefetch} batches hands them to the
 * consumer, which only copies each batch into pooled direct buffers. Memory is bounded by the blocks in flight, the
 * shuffle buffer and the queue, whatever the number of files. When a shuffled epoch has read its last block, it
 * starts the next epoch's stream ({@link StreamEpochs#startAhead}), so that the next epoch's shuffle buffer
 * fills while the trainer works through this epoch's last batches.
 */
final class BatchStream implements Iterator<Batch> {

    /** What the assembler puts in the queue after the last batch. */
    private static final ShuffleBuffer.ReadyBatch END = new ShuffleBuffer.ReadyBatch(0, null, null, null);

    private final StreamingJetDataset dataset;
    private final NDManager manager;
    private final int epoch;
    private final BlockingQueue<ShuffleBuffer.ReadyBatch> queue;
    private final Thread assembler;
    private volatile boolean cancelled;
    private volatile Throwable failure;
    private ShuffleBuffer.ReadyBatch next;
    private long served;

    BatchStream(StreamingJetDataset dataset, NDManager manager, int epoch) {
        this.dataset = dataset;
        this.manager = manager;
        this.epoch = epoch;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, dataset.settings().prefetch()));
        List<FileSegment> order = dataset.epochOrder(epoch);
        SplittableRandom random = EpochOrder.random(dataset.settings().seed(), epoch);
        this.assembler = new Thread(() -> assemble(order, random), "btag-stream-assembler");
        assembler.setDaemon(true);
        assembler.start();
    }

    /** A block of rows of one file. */
    private record Block(int file, long from, long to) {
    }

    /** The files of an epoch, each opened for its first block and closed after its last. */
    private final class OpenFiles {
        private final JetFile[] open;
        private final int[] remaining;

        OpenFiles(List<Block> blocks) {
            open = new JetFile[dataset.files().size()];
            remaining = new int[open.length];
            for (Block b : blocks) {
                remaining[b.file()]++;
            }
        }

        JetFile acquire(int file) throws IOException {
            synchronized (open) {
                if (open[file] == null) {
                    Path path = dataset.files().get(file);
                    open[file] = JetFile.open(path, dataset.layout());
                }
                return open[file];
            }
        }

        void release(int file) throws IOException {
            JetFile done = null;
            synchronized (open) {
                if (--remaining[file] == 0) {
                    done = open[file];
                    open[file] = null;
                }
            }
            if (done != null) {
                done.close();
            }
        }

        void closeAll() {
            synchronized (open) {
                for (int i = 0; i < open.length; i++) {
                    if (open[i] != null) {
                        try {
                            open[i].close();
                        } catch (IOException e) {
                            // closing after a failure: the first failure is what gets reported
                        }
                        open[i] = null;
                    }
                }
            }
        }
    }

    private void assemble(List<FileSegment> order, SplittableRandom random) {
        List<Block> blocks = new ArrayList<>();
        for (FileSegment s : order) {
            for (long from = s.from(); from < s.to(); from += dataset.settings().blockRows()) {
                blocks.add(new Block(s.file(), from, Math.min(s.to(), from + dataset.settings().blockRows())));
            }
        }
        OpenFiles files = new OpenFiles(blocks);
        ExecutorService readers = Executors.newFixedThreadPool(dataset.settings().workers(), r -> {
            Thread t = new Thread(r, "btag-stream-reader");
            t.setDaemon(true);
            return t;
        });
        StreamSettings settings = dataset.settings();
        ShuffleBuffer buffer = new ShuffleBuffer(settings.shuffle() ? settings.shuffleBuffer() : 0,
            settings.featureCount(), settings.objectValues(), dataset.classCount(), settings.batchSize(), random,
            this::put);
        try {
            ArrayDeque<Future<JetBlock>> inflight = new ArrayDeque<>();
            int submitted = 0;
            while (!cancelled && (submitted < blocks.size() || !inflight.isEmpty())) {
                while (submitted < blocks.size() && inflight.size() <= dataset.settings().workers()) {
                    Block b = blocks.get(submitted++);
                    inflight.add(readers.submit(() -> {
                        JetFile file = files.acquire(b.file());
                        try {
                            return dataset.readBlock(file, b.from(), b.to());
                        } finally {
                            files.release(b.file());
                        }
                    }));
                }
                buffer.add(inflight.poll().get());
            }
            if (!cancelled) {
                dataset.epochs().startAhead(dataset, manager, epoch + 1);
                buffer.finish();
            }
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            readers.shutdownNow();
            files.closeAll();
            put(END);
        }
    }

    private void put(ShuffleBuffer.ReadyBatch batch) {
        try {
            while (!cancelled && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                // wait for the consumer, or for cancellation
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        }
    }

    /** Whether this stream is the given epoch's, with batches for the given manager. */
    boolean serves(int epochNumber, NDManager batchManager) {
        return epoch == epochNumber && manager == batchManager && !cancelled;
    }

    /** Stops the assembler and its readers (an abandoned epoch). */
    void cancel() {
        cancelled = true;
        queue.clear();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            long start = System.nanoTime();
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            }
            dataset.epochs().recordWait(System.nanoTime() - start);
        }
        if (next == END) {
            Throwable t = failure;
            if (t != null) {
                failure = null;
                if (t instanceof IOException io) {
                    throw new UncheckedIOException(io.getMessage(), io);
                }
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(t.getMessage(), t);
            }
            return false;
        }
        return true;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ShuffleBuffer.ReadyBatch ready = next;
        next = null;
        served += ready.size();
        return toBatch(ready);
    }

    private Batch toBatch(ShuffleBuffer.ReadyBatch ready) {
        int b = ready.size();
        int f = dataset.featureCount();
        int k = dataset.classCount();
        int c = dataset.collectionCount();
        BufferPool pool = dataset.buffers();
        List<ByteBuffer> used = new ArrayList<>(2 + c);
        NDManager batchManager = manager.newSubManager();
        NDList data = new NDList(array(batchManager, pool, used, ready.features(), b * f, new Shape(b, f)));
        for (int j = 0; j < c; j++) {
            int o = dataset.objectCount(j);
            int v = dataset.variableCount(j);
            data.add(array(batchManager, pool, used, ready.objects()[j], b * o * v, new Shape(b, o, v)));
        }
        NDList labels = new NDList(array(batchManager, pool, used, ready.labels(), b * k, new Shape(b, k)));
        return new PooledBatch(batchManager, data, labels, b, served, dataset.size(), List.of(), pool, used);
    }

    private static ai.djl.ndarray.NDArray array(NDManager manager, BufferPool pool, List<ByteBuffer> used,
                                                float[] values, int count, Shape shape) {
        ByteBuffer bytes = pool.take(count);
        bytes.asFloatBuffer().put(values, 0, count);
        used.add(bytes);
        return manager.create(bytes, shape, DataType.FLOAT32);
    }
}
