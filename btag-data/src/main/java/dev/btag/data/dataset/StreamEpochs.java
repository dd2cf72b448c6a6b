package dev.btag.data.dataset;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running epochs of one {@link StreamingJetDataset}: the stream being read, a shuffled epoch started ahead, and
 * the time its consumers waited for batches. Thread-safe.
 */
final class StreamEpochs {

    private final AtomicLong waitNanos = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicReference<BatchStream> active = new AtomicReference<>();
    private final AtomicReference<BatchStream> next = new AtomicReference<>();

    /** The stream of an epoch: the one started ahead when it serves it, else a new one; stops any other. */
    BatchStream start(StreamingJetDataset dataset, NDManager manager, int epoch) {
        BatchStream started = next.getAndSet(null);
        BatchStream stream = started != null && started.serves(epoch, manager) ? started : null;
        if (stream == null) {
            if (started != null) {
                started.cancel();
            }
            stream = new BatchStream(dataset, manager, epoch);
        }
        BatchStream previous = active.getAndSet(stream);
        if (previous != null) {
            previous.cancel();
        }
        return stream;
    }

    /** Starts a shuffled epoch ahead, for {@link #start} to pick up (called when the previous one is read). */
    void startAhead(StreamingJetDataset dataset, NDManager manager, int epoch) {
        if (!dataset.settings().shuffle()) {
            return;
        }
        BatchStream previous = next.getAndSet(new BatchStream(dataset, manager, epoch));
        if (previous != null) {
            previous.cancel();
        }
    }

    /** Stops the running epoch's threads and any epoch started ahead. */
    void stop() {
        for (AtomicReference<BatchStream> ref : List.of(active, next)) {
            BatchStream previous = ref.getAndSet(null);
            if (previous != null) {
                previous.cancel();
            }
        }
    }

    void recordWait(long nanos) {
        waitNanos.addAndGet(nanos);
        waits.incrementAndGet();
    }

    double waitSeconds() {
        return waitNanos.get() / 1e9;
    }

    long waits() {
        return waits.get();
    }

    void resetWaits() {
        waitNanos.set(0);
        waits.set(0);
    }
}
