package dev.btag.models.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.onnx.proto.OnnxMl;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.ObjectBranch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a tagger into one ONNX graph (opset {@value #OPSET}): raw inputs in, softmax probabilities out.
 *
 * <ul>
 *   <li>standardisation: {@code Sub} of the means, {@code Mul} by the float32 reciprocals of the scales, the same
 *       float32 arithmetic as btag-data's {@code Standardizer};</li>
 *   <li>dense layers: {@code Gemm} ({@code transB = 1}: DJL stores the weight as (out, in)); the 1x1 convolutions:
 *       {@code MatMul} by the transposed weight and {@code Add} of the bias on (batch, T, V), then
 *       {@code Flatten(axis = 1)}, track-major like the block's reshape;</li>
 *   <li>{@code BatchNormalization} in inference mode with the running statistics and epsilon
 *       {@value #KERAS_BATCH_NORM_EPSILON};</li>
 *   <li>LSTM and GRU: the tracks are transposed to (T, batch, V) for ONNX's default layout; the gate blocks of
 *       PyTorch's order (LSTM i, f, g, o; GRU r, z, n) are permuted to ONNX's (LSTM i, o, f, c; GRU z, r, h); the two
 *       bias vectors go in as ONNX's {@code [Wb, Rb]}; the GRU has {@code linear_before_reset = 1}, which is
 *       PyTorch's {@code n = tanh(W_in x + b_in + r * (W_hn h + b_hn))}. The last hidden state {@code Y_h} is the
 *       output at the last track;</li>
 *   <li>ReLU as {@code Relu}; dropout layers are the identity at inference and leave no node;</li>
 *   <li>the branch taggers ({@code deepjet}, {@code deepvertex}): one input per collection, masking, reordering and
 *       the LSTM with {@code sequence_lens}, see {@link BranchGraph}; their features pass the batch normalisation
 *       before they join the summaries;</li>
 *   <li>a collection the tagger standardises ({@code CollectionStandardizer}) is standardised in the graph on its
 *       real objects;</li>
 *   <li>{@code Softmax(axis = 1)} on the logits.</li>
 * </ul>
 * Which encoder an architecture has is decided by one exhaustive {@code switch}, so adding an architecture does not
 * compile until its export is written. Stateless.
 */
final class TaggerGraph {

    /** The ONNX operator set the graph uses (ONNX 1.12 and PyTorch 1.13 read it; ONNX Runtime 1.22 runs it). */
    static final int OPSET = 17;
    /** The ONNX IR version written (that of ONNX 1.12). */
    static final long IR_VERSION = 8;
    /**
     * The epsilon of the DNN's batch normalisation, Keras' default, as the DNN's definition builds it. DJL's
     * {@code BatchNorm} does not expose it; a different value would fail the agreement check.
     */
    static final float KERAS_BATCH_NORM_EPSILON = 1e-3f;

    /** PyTorch's LSTM gates (i, f, g, o) in ONNX's order (i, o, f, c). */
    private static final int[] LSTM_GATES = {0, 3, 1, 2};
    /** PyTorch's GRU gates (r, z, n) in ONNX's order (z, r, h). */
    private static final int[] GRU_GATES = {1, 0, 2};
    /** The name DJL gives its ReLU block ({@code Activation.reluBlock()}). */
    private static final String RELU = "ReLU";
    /** btag's inference-identity dropout block (package-private in {@code dev.btag.models}). */
    private static final String MASK_DROPOUT = "dev.btag.models.MaskDropout";

    private TaggerGraph() {
    }

    /**
     * Builds the model message.
     *
     * @param tagger an initialised tagger
     * @param metadata the metadata to attach
     * @return the model
     * @throws UnsupportedOperationException if the tagger holds a block this translation does not know (the message
     *     names it)
     */
    static OnnxMl.ModelProto build(Tagger tagger, Map<String, String> metadata) {
        TaggerSpec spec = tagger.spec();
        Architecture architecture = spec.architecture();
        OnnxGraph g = new OnnxGraph("btag_" + architecture.cliName());
        String raw = g.input(OnnxNames.FEATURES, OnnxNames.BATCH, (long) spec.featureCount());
        List<String> collections = architecture.usesBranches() ? BranchGraph.inputs(g, tagger) : List.of();
        String features = standardise(g, raw, tagger.inputs());
        String summary = switch (architecture) {
            case DNN -> null;
            case CNN1X1 -> g.node("Flatten", Map.of("axis", 1L),
                dense(g, tracks(g, tagger), child(tagger, "tracks"), true));
            case LSTM, GRU -> recurrent(g, tracks(g, tagger), child(tagger, "tracks"), "");
            case DEEPJET -> BranchGraph.deepJet(g, tagger, collections);
            case DEEPVERTEX -> BranchGraph.deepVertex(g, tagger, collections.get(0));
        };
        if (architecture.usesBranches()) {
            features = batchNorm(g, features, child(tagger, "features"));
        }
        String joined = summary == null ? features : g.node("Concat", Map.of("axis", 1L), features, summary);
        String logits = dense(g, joined, child(tagger, "head"), false);
        String probabilities = g.node("Softmax", Map.of("axis", 1L), logits);
        g.output(probabilities, OnnxNames.PROBABILITIES, OnnxNames.BATCH, (long) spec.classes());

        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder().setIrVersion(IR_VERSION)
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setProducerName("btag").setProducerVersion(TaggerFile.btagVersion()).setDomain("dev.btag")
            .setModelVersion(1).setDocString("btag " + architecture.cliName() + " tagger: raw "
                + String.join(", ", inputNames(tagger)) + " in, softmax " + OnnxNames.PROBABILITIES + " out")
            .setGraph(g.build());
        metadata.forEach((k, v) -> model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k)
            .setValue(v)));
        return model.build();
    }

    /**
     * The graph's input names, in order: {@value OnnxNames#FEATURES}, then {@value OnnxNames#TRACKS} for the track
     * taggers or one input per branch named after its collection.
     *
     * @param tagger the tagger
     * @return the names
     * @throws UnsupportedOperationException if a branch's collection is named {@value OnnxNames#FEATURES} or
     *     {@value OnnxNames#PROBABILITIES}
     */
    static List<String> inputNames(Tagger tagger) {
        TaggerSpec spec = tagger.spec();
        List<String> names = new ArrayList<>(List.of(OnnxNames.FEATURES));
        if (spec.architecture().usesBranches()) {
            for (ObjectBranch b : spec.branches()) {
                boolean features = OnnxNames.FEATURES.equals(b.collection());
                if (features || OnnxNames.PROBABILITIES.equals(b.collection())) {
                    throw new UnsupportedOperationException("cannot export the " + spec.architecture().cliName()
                        + " tagger: its collection '" + b.collection() + "' has the name of the "
                        + (features ? "features input" : "probabilities output"));
                }
                names.add(b.collection());
            }
        } else if (spec.architecture().usesTracks()) {
            names.add(OnnxNames.TRACKS);
        }
        return names;
    }

    /** The tracks input of a track tagger, standardised in the graph when the tagger standardises them. */
    private static String tracks(OnnxGraph g, Tagger tagger) {
        TaggerSpec spec = tagger.spec();
        String raw = g.input(OnnxNames.TRACKS, OnnxNames.BATCH, (long) spec.trackCount(),
            (long) spec.trackVariables());
        return BranchGraph.standardiseObjects(g, raw, BranchGraph.collectionStandardizer(tagger, 0));
    }

    private static String standardise(OnnxGraph g, String features, InputSpec inputs) {
        return inputs.standardised() ? standardiseValues(g, features, inputs.means(), inputs.scales()) : features;
    }

    /**
     * Standardises the last axis of a value: {@code Sub} of the float32 means, {@code Mul} by the float32
     * reciprocals of the scales, the arithmetic of btag-data's {@code Standardizer}.
     *
     * @param g the graph
     * @param x a value whose last axis has {@code means.length} entries
     * @param means the means
     * @param scales the scales (standard deviations)
     * @return the standardised value
     */
    static String standardiseValues(OnnxGraph g, String x, double[] means, double[] scales) {
        float[] m = new float[means.length];
        float[] inverse = new float[scales.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = (float) means[j];
            inverse[j] = (float) (1.0 / scales[j]);
        }
        String centred = g.node("Sub", Map.of(), x, g.floats("standardisation_mean", m, m.length));
        return g.node("Mul", Map.of(), centred, g.floats("standardisation_inverse_scale", inverse, inverse.length));
    }

    /** The child block of the tagger whose name ends with {@code suffix} (DJL prefixes child names with an index). */
    static Block child(Tagger tagger, String suffix) {
        for (var entry : tagger.block().getChildren()) {
            if (entry.getKey().endsWith(suffix)) {
                return entry.getValue();
            }
        }
        throw new UnsupportedOperationException("the " + tagger.spec().architecture().cliName()
            + " tagger has no '" + suffix + "' block to export");
    }

    /**
     * Exports a sequential stack of dense layers, ReLUs, batch normalisation and dropout over a (batch, W) or
     * (batch, T, W) value ({@code perTrack}: the dense layers act on the last axis, as 1x1 convolutions).
     */
    static String dense(OnnxGraph g, String input, Block block, boolean perTrack) {
        if (!(block instanceof SequentialBlock)) {
            throw unsupported(block);
        }
        String x = input;
        for (Block layer : ((SequentialBlock) block).getChildren().values()) {
            if (layer instanceof Linear) {
                x = linear(g, x, layer, perTrack);
            } else if (layer instanceof BatchNorm) {
                x = batchNorm(g, x, layer);
            } else if (layer instanceof LambdaBlock && RELU.equals(((LambdaBlock) layer).getName())) {
                x = g.node("Relu", Map.of(), x);
            } else if (!MASK_DROPOUT.equals(layer.getClass().getName())) {
                throw unsupported(layer);
            }
        }
        return x;
    }

    /**
     * Exports a DJL {@code BatchNorm} over (batch, C) in inference mode: {@code BatchNormalization} with the running
     * statistics and epsilon {@value #KERAS_BATCH_NORM_EPSILON}.
     */
    static String batchNorm(OnnxGraph g, String x, Block layer) {
        if (!(layer instanceof BatchNorm)) {
            throw unsupported(layer);
        }
        return g.node("BatchNormalization", Map.of("epsilon", KERAS_BATCH_NORM_EPSILON), x,
            g.floats("bn_scale", values(layer, "gamma"), shape(layer, "gamma")),
            g.floats("bn_bias", values(layer, "beta"), shape(layer, "beta")),
            g.floats("bn_mean", values(layer, "runningMean"), shape(layer, "runningMean")),
            g.floats("bn_var", values(layer, "runningVar"), shape(layer, "runningVar")));
    }

    private static String linear(OnnxGraph g, String x, Block layer, boolean perTrack) {
        long[] dims = shape(layer, "weight");
        float[] w = values(layer, "weight");
        float[] b = values(layer, "bias");
        if (!perTrack) {
            return g.node("Gemm", Map.of("transB", 1L), x, g.floats("dense_weight", w, dims),
                g.floats("dense_bias", b, b.length));
        }
        float[] transposed = new float[w.length];
        int out = (int) dims[0];
        int in = (int) dims[1];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                transposed[i * out + o] = w[o * in + i];
            }
        }
        String product = g.node("MatMul", Map.of(), x, g.floats("conv1x1_weight", transposed, in, out));
        return g.node("Add", Map.of(), product, g.floats("conv1x1_bias", b, b.length));
    }

    /**
     * Exports a one-layer LSTM or GRU over a batch-first (batch, T, C) value and returns its last hidden state
     * (batch, H): at step T, or with {@code lengths} (an int32 (batch) value, {@code ""} for none) at step
     * {@code lengths[b]} of each jet, ONNX's {@code sequence_lens}.
     */
    static String recurrent(OnnxGraph g, String tracks, Block cell, String lengths) {
        boolean lstm = cell instanceof LSTM;
        if (!lstm && !(cell instanceof GRU) || cell.getParameters().size() != 4) {
            throw unsupported(cell);
        }
        int[] order = lstm ? LSTM_GATES : GRU_GATES;
        long[] wDims = shape(cell, "l_0_i2h_WEIGHT");
        int hidden = (int) wDims[0] / order.length;
        float[] w = gates(values(cell, "l_0_i2h_WEIGHT"), order);
        float[] r = gates(values(cell, "l_0_h2h_WEIGHT"), order);
        float[] wb = gates(values(cell, "l_0_i2h_BIAS"), order);
        float[] rb = gates(values(cell, "l_0_h2h_BIAS"), order);
        float[] bias = new float[wb.length + rb.length];
        System.arraycopy(wb, 0, bias, 0, wb.length);
        System.arraycopy(rb, 0, bias, wb.length, rb.length);
        String timeMajor = g.node("Transpose", Map.of("perm", new long[] {1, 0, 2}), tracks);
        String op = lstm ? "LSTM" : "GRU";
        Map<String, Object> attributes = lstm ? Map.of("hidden_size", (long) hidden)
            : Map.of("hidden_size", (long) hidden, "linear_before_reset", 1L);
        List<String> inputs = new ArrayList<>(List.of(timeMajor, g.floats(op + "_W", w, 1, wDims[0], wDims[1]),
            g.floats(op + "_R", r, 1, wDims[0], hidden), g.floats(op + "_B", bias, 1, bias.length)));
        if (!lengths.isEmpty()) {
            inputs.add(lengths);
        }
        String[] outputs = g.nodeOutputs(op, attributes, new String[] {"", op.toLowerCase(Locale.ROOT) + "_last"},
            inputs.toArray(new String[0]));
        return g.node("Squeeze", Map.of(), outputs[1], g.longs("squeeze_axes", 0));
    }

    /** Reorders the equal gate blocks of a (gates x H, ...) matrix or (gates x H) vector. */
    private static float[] gates(float[] values, int[] order) {
        int block = values.length / order.length;
        float[] out = new float[values.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(values, order[k] * block, out, k * block, block);
        }
        return out;
    }

    static float[] values(Block block, String name) {
        return array(block, name).toFloatArray();
    }

    private static long[] shape(Block block, String name) {
        return array(block, name).getShape().getShape();
    }

    private static NDArray array(Block block, String name) {
        Parameter p = block.getParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new UnsupportedOperationException("cannot export " + block + ": parameter '" + name
                + "' is missing or not initialised");
        }
        return p.getArray();
    }

    static UnsupportedOperationException unsupported(Block block) {
        return new UnsupportedOperationException("cannot export a " + (block == null ? "missing block"
            : block.getClass().getSimpleName() + " block (" + block + ")") + " to ONNX");
    }
}
