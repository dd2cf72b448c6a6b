package dev.btag.models.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

/**
 * A gradient collector for the PyTorch engine that lets taggers train in parallel threads of one JVM.
 *
 * <p>DJL's {@code PtGradientCollector} refuses to open while any other thread's collector is open (one process-wide
 * flag, meant to catch nested collectors), which makes two trainings in parallel threads fail with "A
 * PtGradientCollector is already collecting". What the collector does is per thread in libtorch: the grad mode it
 * switches on is thread-local, and the backward pass of one graph does not touch another's. This collector does
 * the same as DJL's (grad mode on while open and restored on close; {@link #backward} from a gradient of ones)
 * without the process-wide flag. Other engines get their own collector ({@link #open}).
 *
 * <p>One instance belongs to the thread that opened it.
 */
final class ThreadGradientCollector implements GradientCollector {

    private final boolean previous;

    private ThreadGradientCollector() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /**
     * Opens a collector for the trainer's engine: this one for PyTorch, the engine's own otherwise.
     *
     * @param trainer the trainer
     * @return the open collector; close it after the backward passes
     */
    static GradientCollector open(Trainer trainer) {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            return new ThreadGradientCollector();
        }
        return trainer.newGradientCollector();
    }

    @Override
    public void backward(NDArray target) {
        try (NDArray ones = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
        }
    }

    /**
     * Not supported: {@link TaggerTrainer} never calls it (opening DJL's collector does not either, so the
     * gradients are handled exactly as before), and DJL's version clears every gradient of the process, those of
     * trainings in other threads included.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void zeroGradients() {
        throw new UnsupportedOperationException("zeroGradients would clear the gradients of every thread's training");
    }

    @Override
    public void close() {
        if (!previous) {
            JniUtils.setGradMode(false);
        }
    }
}
