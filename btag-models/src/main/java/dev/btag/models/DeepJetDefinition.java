package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import java.util.function.Consumer;

/**
 * The DeepJet-style tagger (arXiv:2008.10519): one {@link ObjectBranch} per collection (1x1 convolutions with the
 * spec's kernel initialiser, lecun-uniform by default as in DeepJet, then an LSTM over the objects that starts as a
 * Keras LSTM), the branch summaries concatenated after the batch-normalised jet features (Keras momentum 0.99,
 * epsilon 1e-3), then a dense head of 200 and seven times 100 with ReLU and dropout. Padded objects are masked or
 * kept as {@link TaggerSpec#padding()} says. Stateless.
 *
 * <p>Simplifications against DeepJet: no batch normalisation inside the branches or the head, the LSTMs run forward
 * (DeepJet's run backwards over objects sorted by descending impact-parameter significance; the same effect here is
 * a branch sorted ascending, which is not offered), and dropout follows every convolution but the last (as in the
 * tutorial's 1x1-CNN).
 */
final class DeepJetDefinition extends ArchitectureDefinition {

    /** The tutorial layout's object slots and variables of the charged, neutral and vertex collections. */
    private static final List<ObjectBranch> TUTORIAL_BRANCHES = List.of(ObjectBranch.deepJet("charged", 25, 16),
        ObjectBranch.deepJet("neutral", 25, 6), ObjectBranch.deepJet("vertices", 4, 12));

    /** DeepJet's dense head (arXiv:2008.10519): 200, then seven layers of 100; the DeepVertex-style tagger's too. */
    static final List<Integer> HEAD_WIDTHS = List.of(200, 100, 100, 100, 100, 100, 100, 100);

    @Override
    int[] defaultHeadWidths() {
        return HEAD_WIDTHS.stream().mapToInt(Integer::intValue).toArray();
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
    boolean usesBranches() {
        return true;
    }

    @Override
    List<ObjectBranch> defaultBranches() {
        return TUTORIAL_BRANCHES;
    }

    @Override
    Block newEncoder(TaggerSpec spec, Consumer<SequentialBlock> dropout) {
        return new BranchesBlock(spec, dropout);
    }

    @Override
    Block newFeatureBlock(TaggerSpec spec) {
        return BatchNorm.builder().optMomentum(0.99f).optEpsilon(1e-3f).build();
    }

    @Override
    NDArray summarise(NDArray encoded) {
        return encoded;
    }

    @Override
    long summaryWidth(TaggerSpec spec) {
        return spec.branches().stream().mapToLong(ObjectBranch::recurrentUnits).sum();
    }

    /** The features' batch normalisation (gamma, beta, moving mean and variance) and every branch. */
    @Override
    long kerasParametersBeforeHead(TaggerSpec spec) {
        return 4L * spec.featureCount() + spec.branches().stream().mapToLong(ObjectBranch::kerasParameters).sum();
    }

    @Override
    long macsBeforeHead(TaggerSpec spec) {
        return spec.branches().stream().mapToLong(ObjectBranch::macs).sum();
    }
}
