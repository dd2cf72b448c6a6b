package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import java.util.function.Consumer;

/**
 * The DeepVertex-style tagger: the DeepVertex input ({@code arr_5}, per jet up to 10 seeds, each with its 20 nearest
 * tracks x 36 parameters) read as one collection of 720 x 10 (neighbour-major rows {@code neighbour x 36 +
 * parameter}, one column per seed; docs/schema.md). Per seed, 1x1 convolutions over the 20 neighbours, a mean over
 * the real neighbours, then an LSTM over the seeds (real seeds first, output after the last real one), joined with the
 * batch-normalised features into the DeepJet head of 200 and seven times 100. Its one {@link ObjectBranch} holds the
 * collection's shape, the convolution widths (default 64, 32, 32, 8) and the LSTM size over seeds (default 50).
 * Stateless.
 */
final class DeepVertexDefinition extends ArchitectureDefinition {

    /** Parameters per neighbour in each row block of the DeepVertex input. */
    static final int PARAMETERS = 36;

    @Override
    int[] defaultHeadWidths() {
        return DeepJetDefinition.HEAD_WIDTHS.stream().mapToInt(Integer::intValue).toArray();
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
        return List.of(branch("seeds", 720, 10));
    }

    /**
     * The default branch for a DeepVertex collection.
     *
     * @param collection its name
     * @param rows neighbours x {@value #PARAMETERS} (720 in the tutorial)
     * @param seeds the seed columns (10 in the tutorial)
     * @return convolutions 64, 32, 32, 8 and an LSTM of 50 over the seeds
     */
    static ObjectBranch branch(String collection, int rows, int seeds) {
        return new ObjectBranch(collection, rows, seeds, new int[] {64, 32, 32, 8}, 50, -1);
    }

    @Override
    Block newEncoder(TaggerSpec spec, Consumer<SequentialBlock> dropout) {
        if (spec.branches().size() != 1) {
            throw new IllegalArgumentException("the deepvertex tagger reads one collection, got "
                + spec.branches().stream().map(ObjectBranch::collection).toList());
        }
        ObjectBranch b = spec.branches().get(0);
        if (b.objects() % PARAMETERS != 0 || b.sortVariable() >= 0) {
            throw new IllegalArgumentException("the deepvertex tagger reads rows of neighbours x " + PARAMETERS
                + " parameters in stored order; collection '" + b.collection() + "' has " + b.objects() + " rows"
                + (b.sortVariable() >= 0 ? " and a sort variable" : ""));
        }
        return new SeedsBlock(b, spec.weightInit(), dropout);
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
        return spec.branches().get(0).recurrentUnits();
    }

    /** The features' batch normalisation, the per-neighbour convolutions and the LSTM over seeds. */
    @Override
    long kerasParametersBeforeHead(TaggerSpec spec) {
        ObjectBranch b = spec.branches().get(0);
        long count = 4L * spec.featureCount();
        int width = PARAMETERS;
        for (int f : b.convFilters()) {
            count += (long) (width + 1) * f;
            width = f;
        }
        return count + 4L * b.recurrentUnits() * (width + b.recurrentUnits() + 1);
    }

    @Override
    long macsBeforeHead(TaggerSpec spec) {
        ObjectBranch b = spec.branches().get(0);
        long neighbourSlots = (long) b.objects() / PARAMETERS * b.variables();
        long macs = 0;
        int width = PARAMETERS;
        for (int f : b.convFilters()) {
            macs += neighbourSlots * width * f;
            width = f;
        }
        return macs + (long) b.variables() * 4 * b.recurrentUnits() * (width + b.recurrentUnits());
    }
}
