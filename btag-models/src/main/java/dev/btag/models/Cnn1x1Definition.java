package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.function.Consumer;

/**
 * Notebook 4's 1x1-CNN: per track, Dense + ReLU (+ dropout except after the last) per filter count (a Keras
 * {@code Conv1D(f, 1)} is a dense layer applied to each track), with the spec's kernel initialiser (lecun-uniform
 * by default, as the notebook asks), flattened track-major to {@code T x last filters}. Stateless.
 */
final class Cnn1x1Definition extends ArchitectureDefinition {

    @Override
    int[] defaultHeadWidths() {
        return trackTaggerHead();
    }

    @Override
    WeightInit defaultWeightInit() {
        return WeightInit.LECUN_UNIFORM;
    }

    @Override
    boolean usesTracks() {
        return true;
    }

    @Override
    Block newEncoder(TaggerSpec spec, Consumer<SequentialBlock> dropout) {
        return convolutions(spec.convFilters(), spec.weightInit(), dropout);
    }

    /**
     * Builds 1x1 convolutions: per object, Dense + ReLU (+ dropout except after the last) per filter count, with the
     * given kernel initialiser. Shared with the DeepJet-style tagger's branches.
     *
     * @param filters the widths, first layer first
     * @param init the kernel initialiser
     * @param dropout adds a dropout layer to the block (or nothing when the rate is zero)
     * @return a new block mapping {@code (B, O, V)} to {@code (B, O, last filters)}
     */
    static SequentialBlock convolutions(int[] filters, WeightInit init, Consumer<SequentialBlock> dropout) {
        SequentialBlock conv = new SequentialBlock();
        for (int i = 0; i < filters.length; i++) {
            conv.add(Linear.builder().setUnits(filters[i]).build());
            conv.add(Activation.reluBlock());
            if (i < filters.length - 1) {
                dropout.accept(conv);
            }
        }
        conv.setInitializer(init.initializer(), Parameter.Type.WEIGHT);
        return conv;
    }

    @Override
    NDArray summarise(NDArray encoded) {
        return encoded.reshape(encoded.getShape().get(0), -1);
    }

    @Override
    long summaryWidth(TaggerSpec spec) {
        int[] filters = spec.convFilters();
        return (long) spec.trackCount() * filters[filters.length - 1];
    }

    @Override
    long kerasParametersBeforeHead(TaggerSpec spec) {
        long count = 0;
        int width = spec.trackVariables();
        for (int f : spec.convFilters()) {
            count += (long) (width + 1) * f;
            width = f;
        }
        return count;
    }

    @Override
    long macsBeforeHead(TaggerSpec spec) {
        long macs = 0;
        int width = spec.trackVariables();
        for (int f : spec.convFilters()) {
            macs += (long) spec.trackCount() * width * f;
            width = f;
        }
        return macs;
    }
}
