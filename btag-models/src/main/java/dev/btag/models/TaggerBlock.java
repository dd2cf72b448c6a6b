package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One of btag's taggers as a DJL block; create it with {@link TaggerSpec#newBlock()}.
 *
 * <p>Inputs: an {@code NDList} of {@code features} (B, F) and, for the track taggers, {@code tracks} (B, T, V), or for
 * the DeepJet-style tagger one (B, O, V) array per branch ({@link TaggerSpec#collectionShapes()}), all float32,
 * exactly what {@code JetDataset} yields (further entries are ignored). Output: one (B, classes) array of
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
 *   <li>DeepJet-style: per branch, 1x1 convolutions then an LSTM over the objects (padding masked or kept, objects
 *       optionally sorted; see {@link PaddingPolicy}); the branch summaries concatenated after the batch-normalised
 *       features, then the dense head.</li>
 *   <li>DeepVertex-style: per seed, 1x1 convolutions over its neighbours and their mean, an LSTM over the seeds;
 *       joined with the batch-normalised features, then the dense head.</li>
 * </ul>
 * What differs between the architectures (encoder, summary, head input layers, initialisers) comes from the
 * architecture's definition; this class holds the common skeleton.
 * Dropout is inverted dropout as in Keras, with the mask drawn in Java on the CPU (see {@link #reseedDropout(long)}
 * and docs/models.md for why). The block never sees an initial recurrent state or a third input: the tracks are
 * handed to the cell alone (a DJL recurrent block would read extra list entries as initial states).
 */
public final class TaggerBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final TaggerSpec spec;
    /** The number of inputs the block reads: the features and the arrays of the encoder. */
    private final int inputCount;
    private final Block trackEncoder;
    private final Block featureBlock;
    private final SequentialBlock head;
    private final List<MaskDropout> dropouts = new ArrayList<>();

    TaggerBlock(TaggerSpec spec) {
        super(VERSION);
        this.spec = spec;
        ArchitectureDefinition definition = spec.architecture().definition();
        inputCount = definition.inputShapes(spec, 1).length;
        Block encoder = definition.newEncoder(spec, this::addDropout);
        trackEncoder = encoder == null ? null : addChildBlock("tracks", encoder);
        Block normaliser = definition.newFeatureBlock(spec);
        featureBlock = normaliser == null ? null : addChildBlock("features", normaliser);
        SequentialBlock h = new SequentialBlock();
        definition.addHeadInputLayers(h);
        for (int w : spec.headWidths()) {
            h.add(Linear.builder().setUnits(w).build());
            h.add(Activation.reluBlock());
            addDropout(h);
        }
        h.add(Linear.builder().setUnits(spec.classes()).build());
        h.setInitializer(spec.weightInit().initializer(), Parameter.Type.WEIGHT);
        head = addChildBlock("head", h);
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
        if (inputs.size() < inputCount) {
            throw new IllegalArgumentException("the " + a.cliName() + " tagger needs " + inputCount
                + " inputs (" + inputNames() + "), got " + inputs.size());
        }
        NDArray features = inputs.get(0);
        if (featureBlock != null) {
            features = featureBlock.forward(parameterStore, new NDList(features), training, params).head();
        }
        NDArray joined = features;
        if (trackEncoder != null) {
            NDArray encoded = trackEncoder.forward(parameterStore, inputs.subNDList(1, inputCount), training, params)
                .head();
            joined = NDArrays.concat(new NDList(features, a.definition().summarise(encoded)), 1);
        }
        return head.forward(parameterStore, new NDList(joined), training, params);
    }

    /** The names of the inputs, for messages: {@code features, tracks} or the branches' collections. */
    private String inputNames() {
        List<String> names = new ArrayList<>(List.of("features"));
        if (!spec.branches().isEmpty()) {
            spec.branches().forEach(b -> names.add(b.collection()));
        } else if (spec.architecture().usesTracks()) {
            names.add("tracks");
        }
        return String.join(", ", names);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape features = inputShapes[0];
        if (trackEncoder != null) {
            if (inputShapes.length < inputCount) {
                throw new IllegalArgumentException("the " + spec.architecture().cliName()
                    + " tagger needs the shapes of " + inputNames());
            }
            trackEncoder.initialize(manager, dataType, Arrays.copyOfRange(inputShapes, 1, inputCount));
        }
        if (featureBlock != null) {
            featureBlock.initialize(manager, dataType, features);
        }
        long width = features.get(1) + spec.architecture().definition().summaryWidth(spec);
        head.initialize(manager, dataType, new Shape(features.get(0), width));
    }
}
