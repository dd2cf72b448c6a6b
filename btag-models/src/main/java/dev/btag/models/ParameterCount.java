package dev.btag.models;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * The parameters of an initialised block, counted the way Keras' {@code model.summary()} does: {@code total}
 * includes batch-normalisation moving statistics, {@code trainable} only what the optimiser changes.
 *
 * @param total every parameter element (weights, biases, batch-norm gamma, beta, moving mean and variance)
 * @param trainable the elements that receive gradients (all but the batch-norm moving statistics)
 */
public record ParameterCount(long total, long trainable) {

    /**
     * Counts the parameters of an initialised block.
     *
     * @param block an initialised block (for example after {@code Trainer.initialize} or loading)
     * @return the counts
     * @throws IllegalStateException if a parameter is not initialised yet
     */
    public static ParameterCount of(Block block) {
        long total = 0;
        long trainable = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (!parameter.isInitialized()) {
                throw new IllegalStateException("parameter " + p.getKey() + " is not initialised; initialise the"
                    + " block with its input shapes first");
            }
            long size = parameter.getArray().size();
            total += size;
            if (parameter.requiresGradient()) {
                trainable += size;
            }
        }
        return new ParameterCount(total, trainable);
    }

    /**
     * Returns the elements that receive no gradient.
     *
     * @return {@code total - trainable}
     */
    public long nonTrainable() {
        return total - trainable;
    }
}
