package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One of the tutorial's taggers as a DJL block; create it with {@link TaggerSpec#newBlock()}.
 *
 * <p>Inputs: an {@code NDList} of {@code features} (B, F) and, for the track taggers, {@code tracks} (B, T, V), both
 * float32, exactly what {@code JetDataset} yields (further entries are ignored). Output: one (B, classes) array of
 * logits; apply a softmax over axis 1 for probabilities. Layer order (the notebooks' Keras code; see
 * docs/models.md):
 * <ul>
 *   <li>DNN: BatchNorm(F) (Keras momentum 0.99, epsilon 1e-3), then Dense + ReLU + Dropout per head width, then
 *       Dense(classes).</li>
 *   <li>1x1-CNN: per track, Dense + ReLU (+ Dropout except after the last) per filter count (a Keras
 *       {@code Conv1D(f, 1)} is a dense layer applied to each track), flattened track-major (T x last filters),
 *       concatenated after the features, then the dense head.</li>
 *   <li>LSTM / GRU: the cell over the T tracks (batch first, zero initial state), its output at the last track,
 *       concatenated after the features, then the dense head.</li>
 * </ul>
 * Dropout is inverted dropout as in Keras, with the mask drawn in Java on the CPU (see {@link #reseedDropout(long)}
 * and docs/models.md for why). The block never sees an initial recurrent state or a third input: the tracks are
 * handed to the cell alone (a DJL recurrent block would read extra list entries as initial states).
 */
public final class TaggerBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final TaggerSpec spec;
    private final Block trackEncoder;
    private final SequentialBlock head;
    private final List<MaskDropout> dropouts = new ArrayList<>();

    TaggerBlock(TaggerSpec spec) {
        super(VERSION);
        this.spec = spec;
        Architecture a = spec.architecture();
        switch (a) {
            case DNN:
                trackEncoder = null;
                break;
            case CNN1X1:
                SequentialBlock conv = new SequentialBlock();
                int[] filters = spec.convFilters();
                for (int i = 0; i < filters.length; i++) {
                    conv.add(Linear.builder().setUnits(filters[i]).build());
                    conv.add(Activation.reluBlock());
                    if (i < filters.length - 1) {
                        addDropout(conv);
                    }
                }
                trackEncoder = addChildBlock("tracks", conv);
                break;
            case LSTM:
                trackEncoder = addChildBlock("tracks", LSTM.builder().setStateSize(spec.recurrentUnits())
                    .setNumLayers(1).optBatchFirst(true).optReturnState(false).build());
                break;
            case GRU:
                trackEncoder = addChildBlock("tracks", GRU.builder().setStateSize(spec.recurrentUnits())
                    .setNumLayers(1).optBatchFirst(true).optReturnState(false).build());
                break;
            default:
                throw new AssertionError(a);
        }
        SequentialBlock h = new SequentialBlock();
        if (a == Architecture.DNN) {
            h.add(BatchNorm.builder().optMomentum(0.99f).optEpsilon(1e-3f).build());
        }
        for (int w : spec.headWidths()) {
            h.add(Linear.builder().setUnits(w).build());
            h.add(Activation.reluBlock());
            addDropout(h);
        }
        h.add(Linear.builder().setUnits(spec.classes()).build());
        head = addChildBlock("head", h);
        setInitializer(spec.weightInit().initializer(), Parameter.Type.WEIGHT);
    }

    private void addDropout(SequentialBlock block) {
        if (spec.dropout() > 0f) {
            MaskDropout dropout = new MaskDropout(spec.dropout(), dropouts.size());
            dropouts.add(dropout);
            block.add(dropout);
        }
    }

    /**
     * Restarts the dropout masks from a seed: after {@code reseedDropout(s)} the same training batches draw the same
     * masks (on the CPU). {@code TaggerTrainer} calls this at the start of every epoch. Without a call, the masks
     * are seeded from the engine's random seed ({@code Engine.setRandomSeed}) when one is set, at the first training
     * pass and whenever that seed changes; setting the same engine seed again does not restart them.
     *
     * @param seed any value; each dropout layer derives its own stream from it
     */
    public void reseedDropout(long seed) {
        for (MaskDropout d : dropouts) {
            d.reseed(seed);
        }
    }

    /**
     * Returns the specification this block was built from.
     *
     * @return the specification
     */
    public TaggerSpec spec() {
        return spec;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        Architecture a = spec.architecture();
        int needed = a.usesTracks() ? 2 : 1;
        if (inputs.size() < needed) {
            throw new IllegalArgumentException("the " + a.cliName() + " tagger needs " + needed
                + " inputs (features" + (needed == 2 ? ", tracks" : "") + "), got " + inputs.size());
        }
        NDArray features = inputs.get(0);
        NDArray joined;
        if (a == Architecture.DNN) {
            joined = features;
        } else {
            NDArray encoded = trackEncoder.forward(parameterStore, new NDList(inputs.get(1)), training, params)
                .head();
            NDArray summary = a == Architecture.CNN1X1
                ? encoded.reshape(encoded.getShape().get(0), -1)
                : encoded.get(new NDIndex(":, -1, :"));
            joined = NDArrays.concat(new NDList(features, summary), 1);
        }
        return head.forward(parameterStore, new NDList(joined), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape features = inputShapes[0];
        long batch = features.get(0);
        long width = features.get(1);
        if (trackEncoder != null) {
            if (inputShapes.length < 2) {
                throw new IllegalArgumentException("the " + spec.architecture().cliName()
                    + " tagger needs the shapes of features and tracks");
            }
            trackEncoder.initialize(manager, dataType, inputShapes[1]);
            Shape encoded = trackEncoder.getOutputShapes(new Shape[] {inputShapes[1]})[0];
            width += spec.architecture() == Architecture.CNN1X1
                ? encoded.get(1) * encoded.get(2)
                : encoded.get(2);
        }
        head.initialize(manager, dataType, new Shape(batch, width));
    }
}
