package dev.btag.models.scan;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bounded pool of a {@link ModelScan}: trains points in parallel threads, with the engine's intra-op thread count
 * set for the duration, tells the listener about each finished point one call at a time, and stops starting points
 * at the first failure. Stateless; each call has its own pool.
 */
final class ScanWorkers {

    /** Trains, evaluates and saves one point. */
    @FunctionalInterface
    interface PointTrainer {
        PointResult train(ScanPoint point) throws IOException, TranslateException;
    }

    private ScanWorkers() {
    }

    /**
     * Trains the points in a pool of workers; the first failure (of a point or the listener) stops the others from
     * starting and is thrown once the running ones are done.
     */
    static List<PointResult> trainAll(List<ScanPoint> points, int workers, int intraOpThreads, PointTrainer trainer,
                                      ScanListener listener) throws IOException, TranslateException {
        if (points.isEmpty()) {
            return List.of();
        }
        boolean pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        int previousThreads = pytorch ? JniUtils.getNumThreads() : -1;
        if (pytorch) {
            JniUtils.setNumThreads(intraOpThreads);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, points.size()), task -> {
            Thread t = new Thread(task, "btag-scan-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger trained = new AtomicInteger();
        Object listenerLock = new Object();
        List<Future<PointResult>> futures = new ArrayList<>();
        try {
            for (ScanPoint p : points) {
                futures.add(pool.submit(() -> {
                    if (stop.get()) {
                        return null;
                    }
                    try {
                        PointResult r = trainer.train(p);
                        synchronized (listenerLock) {
                            listener.pointFinished(r, trained.incrementAndGet(), points.size());
                        }
                        return r;
                    } catch (Exception | Error e) {
                        stop.set(true);
                        failure.compareAndSet(null, e);
                        return null;
                    }
                }));
            }
            List<PointResult> done = new ArrayList<>();
            for (Future<PointResult> f : futures) {
                PointResult r = waitFor(f);
                if (r != null) {
                    done.add(r);
                }
            }
            rethrow(failure.get());
            return done;
        } finally {
            pool.shutdownNow();
            if (pytorch) {
                JniUtils.setNumThreads(previousThreads);
            }
        }
    }

    private static PointResult waitFor(Future<PointResult> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the scan's points", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a scan worker failed outside its point: " + e.getCause(), e.getCause());
        }
    }

    private static void rethrow(Throwable failure) throws IOException, TranslateException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof TranslateException te) {
            throw te;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure.getMessage(), failure);
    }

}
