package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import java.util.function.Consumer;

/**
 * Notebook 3's DNN: the features alone, batch-normalised (Keras momentum 0.99, epsilon 1e-3), into a dense head of
 * 30, 30, 20, 10 with Keras' default glorot-uniform kernels. Stateless.
 */
final class DnnDefinition extends ArchitectureDefinition {

    @Override
    int[] defaultHeadWidths() {
        return new int[] {30, 30, 20, 10};
    }

    @Override
    WeightInit defaultWeightInit() {
        return WeightInit.GLOROT_UNIFORM;
    }

    @Override
    boolean usesTracks() {
        return false;
    }

    @Override
    Block newEncoder(TaggerSpec spec, Consumer<SequentialBlock> dropout) {
        return null;
    }

    @Override
    NDArray summarise(NDArray encoded) {
        throw new UnsupportedOperationException("the DNN has no encoder");
    }

    @Override
    long summaryWidth(TaggerSpec spec) {
        return 0;
    }

    @Override
    void addHeadInputLayers(SequentialBlock head) {
        head.add(BatchNorm.builder().optMomentum(0.99f).optEpsilon(1e-3f).build());
    }

    /** Batch normalisation's gamma, beta, moving mean and moving variance per feature. */
    @Override
    long kerasParametersBeforeHead(TaggerSpec spec) {
        return 4L * spec.featureCount();
    }

    @Override
    long macsBeforeHead(TaggerSpec spec) {
        return 0;
    }
}
