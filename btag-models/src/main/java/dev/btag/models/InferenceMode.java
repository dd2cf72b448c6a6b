package dev.btag.models;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches off autograd recording on the calling thread while open, so that forward passes for validation and
 * prediction keep no graph (less memory, less time). PyTorch's grad mode is per thread; other engines are left
 * alone. Use with try-with-resources; closing restores the previous mode.
 */
public final class InferenceMode implements AutoCloseable {

    private final boolean pytorch;
    private final boolean previous;

    private InferenceMode() {
        pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        previous = pytorch && JniUtils.isGradMode();
        if (pytorch) {
            JniUtils.setGradMode(false);
        }
    }

    /**
     * Enters inference mode on this thread.
     *
     * @return the scope; close it to restore the previous mode
     */
    public static InferenceMode enter() {
        return new InferenceMode();
    }

    @Override
    public void close() {
        if (pytorch) {
            JniUtils.setGradMode(previous);
        }
    }
}
