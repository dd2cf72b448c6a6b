package dev.btag.models.onnx;

import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl;
import dev.btag.data.dataset.CollectionStandardizer;
import dev.btag.models.LayoutInputs;
import dev.btag.models.ObjectBranch;
import dev.btag.models.PaddingPolicy;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ONNX translation of the branch taggers' encoders, with the semantics of btag's DJL blocks
 * ({@code BranchesBlock}, {@code SeedsBlock}): one graph input (batch, O, V) per branch, named after its collection.
 * <ul>
 *   <li>an object is real when any of its variables is non-zero ({@code ReduceSum} of {@code Abs} over the
 *       variables, {@code Greater} than 0); a standardised collection is standardised in the graph on its real
 *       objects only ({@code Where}), padding stays zero;</li>
 *   <li>reordering (padding masked, or a sort variable): the sort key is the sort variable, or minus the slot index
 *       to keep the stored order, and {@value #PADDING_KEY} for padding; {@code TopK} (largest, sorted; ties keep the
 *       lower slot first) gives the permutation and {@code GatherElements} applies it along the objects. With a sort
 *       variable {@code TopK} (smallest) runs on each slot's strict place instead, the count of slots with a larger
 *       key or an equal key in a lower slot ({@code Greater}, {@code Equal}, {@code ReduceSum}), as
 *       {@code BranchesBlock.positions} computes it: ties keep the stored order on both engines by construction;</li>
 *   <li>per-object 1x1 convolutions as {@code MatMul} + {@code Add} + {@code Relu};</li>
 *   <li>{@link PaddingPolicy#MASK}: ONNX's {@code LSTM} with {@code sequence_lens} = max(real objects, 1) as int32,
 *       its last hidden state {@code Y_h} multiplied by (real objects &gt; 0), so a jet without real objects gives
 *       zeros; {@link PaddingPolicy#KEEP}: the LSTM over every slot, {@code Y_h} at the last slot;</li>
 *   <li>DeepVertex: {@code Transpose} and {@code Reshape} of (batch, N x 36, S) to (batch, S, N, 36), convolutions
 *       per neighbour, the mean over the seed's real neighbours ({@code ReduceSum}, {@code Div} by max(count, 1)),
 *       then the masked LSTM over the seeds, real seeds first in stored order.</li>
 * </ul>
 * Stateless.
 */
final class BranchGraph {

    /** The sort key of a padded slot, as in {@code BranchesBlock}: below any real key, so padding sorts last. */
    static final float PADDING_KEY = -1e30f;
    /** Parameters per neighbour in each row block of the DeepVertex input ({@code DeepVertexDefinition}). */
    static final int DEEP_VERTEX_PARAMETERS = 36;

    private static final long FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    private static final long INT32 = OnnxMl.TensorProto.DataType.INT32.getNumber();

    private BranchGraph() {
    }

    /**
     * Declares the branches' graph inputs, float32 (batch, O, V), each named after its collection, in branch order.
     * Called before any node is added, so that no constant or intermediate value can have taken a collection's name
     * (those get unique names; inputs must keep theirs).
     *
     * @param g the graph, holding only the features input so far
     * @param tagger the tagger
     * @return the input names, in branch order
     * @throws UnsupportedOperationException as {@link TaggerGraph#inputNames(Tagger)}, for a collection named as the
     *     features input or the probabilities output
     */
    static List<String> inputs(OnnxGraph g, Tagger tagger) {
        TaggerGraph.inputNames(tagger);
        List<String> names = new ArrayList<>();
        for (ObjectBranch b : tagger.spec().branches()) {
            names.add(g.input(b.collection(), OnnxNames.BATCH, (long) b.objects(), (long) b.variables()));
        }
        return names;
    }

    /**
     * Adds the DeepJet-style encoder: one input per branch, the branch summaries concatenated in branch order.
     *
     * @param g the graph
     * @param tagger the tagger
     * @param inputs the branches' inputs from {@link #inputs}, in branch order
     * @return the (batch, sum of LSTM units) summary
     */
    static String deepJet(OnnxGraph g, Tagger tagger, List<String> inputs) {
        TaggerSpec spec = tagger.spec();
        List<Block> blocks = new ArrayList<>(TaggerGraph.child(tagger, "tracks").getChildren().values());
        boolean mask = spec.padding() == PaddingPolicy.MASK;
        List<String> summaries = new ArrayList<>();
        for (int i = 0; i < spec.branches().size(); i++) {
            ObjectBranch b = spec.branches().get(i);
            String x = standardiseObjects(g, inputs.get(i), collectionStandardizer(tagger, i));
            String real = realFlags(g, x, 2);
            if (mask || b.sortVariable() >= 0) {
                x = reorder(g, x, real, b.sortVariable(), b.objects());
            }
            String encoded = TaggerGraph.dense(g, x, blocks.get(2 * i), true);
            Block cell = blocks.get(2 * i + 1);
            summaries.add(mask ? afterLastReal(g, encoded, cell, real) : TaggerGraph.recurrent(g, encoded, cell, ""));
        }
        return summaries.size() == 1 ? summaries.get(0)
            : g.node("Concat", Map.of("axis", 1L), summaries.toArray(new String[0]));
    }

    /**
     * Adds the DeepVertex-style encoder over its one input (batch, N x 36, S).
     *
     * @param g the graph
     * @param tagger the tagger
     * @param input its one input from {@link #inputs}
     * @return the (batch, LSTM units) summary
     */
    static String deepVertex(OnnxGraph g, Tagger tagger, String input) {
        ObjectBranch b = tagger.spec().branches().get(0);
        List<Block> blocks = new ArrayList<>(TaggerGraph.child(tagger, "tracks").getChildren().values());
        long seeds = b.variables();
        long neighbours = b.objects() / DEEP_VERTEX_PARAMETERS;
        String x = standardiseObjects(g, input, collectionStandardizer(tagger, 0));
        String perSeed = g.node("Reshape", Map.of(), g.node("Transpose", Map.of("perm", new long[] {0, 2, 1}), x),
            g.longs("per_seed_shape", 0, seeds, neighbours, DEEP_VERTEX_PARAMETERS));
        String realNeighbour = toFloat(g, realFlags(g, perSeed, 3));
        String encoded = TaggerGraph.dense(g, perSeed, blocks.get(0), true);
        String count = g.node("ReduceSum", Map.of("keepdims", 0L), realNeighbour, g.longs("neighbour_axis", 2));
        String summed = g.node("ReduceSum", Map.of("keepdims", 0L),
            g.node("Mul", Map.of(), encoded, g.node("Unsqueeze", Map.of(), realNeighbour, g.longs("axis", 3))),
            g.longs("neighbour_axis", 2));
        String denominator = g.node("Unsqueeze", Map.of(), g.node("Max", Map.of(), count, one(g)),
            g.longs("axis", 2));
        String pooled = g.node("Div", Map.of(), summed, denominator);
        String realSeed = g.node("Greater", Map.of(), count, g.floats("zero", new float[] {0f}));
        return afterLastReal(g, reorder(g, pooled, realSeed, -1, seeds), blocks.get(1), realSeed);
    }

    /**
     * The standardisation of the tagger's i-th collection, or {@code null} when its objects enter raw (or the tagger
     * records no layout inputs).
     *
     * @param tagger the tagger
     * @param i the collection's position in input order
     * @return the standardisation or {@code null}
     * @throws UnsupportedOperationException if the collection is standardised on the objects a {@code valid} field
     *     of its layout marks: the graph sees the variables only, so it could not tell the same objects
     */
    static CollectionStandardizer collectionStandardizer(Tagger tagger, int i) {
        LayoutInputs inputs = tagger.layoutInputs().orElse(null);
        CollectionStandardizer cs = inputs == null || i >= inputs.collectionStandardizers().size() ? null
            : inputs.collectionStandardizers().get(i);
        if (cs != null && inputs.layout().collection(inputs.collections().get(i)).valid() != null) {
            throw new UnsupportedOperationException("cannot export the " + tagger.spec().architecture().cliName()
                + " tagger: collection '" + inputs.collections().get(i) + "' is standardised on the objects its"
                + " valid field '" + inputs.layout().collection(inputs.collections().get(i)).valid() + "' marks,"
                + " which the graph does not receive");
        }
        return cs;
    }

    /**
     * Standardises the real objects of a (batch, O, V) value, {@code (x - mean) * (1 / std)} in float32 as
     * {@code CollectionStandardizer} does; padding (all variables zero) stays as it is.
     *
     * @param g the graph
     * @param x the raw objects
     * @param standardizer the standardisation, or {@code null} to return {@code x}
     * @return the standardised objects
     */
    static String standardiseObjects(OnnxGraph g, String x, CollectionStandardizer standardizer) {
        if (standardizer == null) {
            return x;
        }
        String standardised = TaggerGraph.standardiseValues(g, x, standardizer.mean(), standardizer.std());
        String real = g.node("Unsqueeze", Map.of(), realFlags(g, x, 2), g.longs("axis", 2));
        return g.node("Where", Map.of(), real, standardised, x);
    }

    /** Boolean flags, true where any value along {@code axis} is non-zero; the axis is removed. */
    private static String realFlags(OnnxGraph g, String x, long axis) {
        String sum = g.node("ReduceSum", Map.of("keepdims", 0L), g.node("Abs", Map.of(), x), g.longs("axis", axis));
        return g.node("Greater", Map.of(), sum, g.floats("zero", new float[] {0f}));
    }

    private static String toFloat(OnnxGraph g, String flags) {
        return g.node("Cast", Map.of("to", FLOAT), flags);
    }

    private static String one(OnnxGraph g) {
        return g.floats("one", new float[] {1f});
    }

    /**
     * The (batch, O, C) objects with the real ones first, in stored order or descending by the sort variable, and
     * padding last, as {@code BranchesBlock.reorder} does.
     */
    private static String reorder(OnnxGraph g, String x, String real, int sortVariable, long objects) {
        String key;
        if (sortVariable >= 0) {
            key = g.node("Squeeze", Map.of(), g.node("Gather", Map.of("axis", 2L), x,
                g.longs("sort_variable", sortVariable)), g.longs("axis", 2));
        } else {
            float[] slots = new float[(int) objects];
            for (int o = 0; o < slots.length; o++) {
                slots[o] = -o;
            }
            key = g.floats("stored_order_key", slots, 1, objects);
        }
        String masked = g.node("Where", Map.of(), real, key, g.floats("padding_key", new float[] {PADDING_KEY}));
        boolean sorts = sortVariable >= 0;
        String order = g.nodeOutputs("TopK", Map.of("axis", 1L, "largest", sorts ? 0L : 1L, "sorted", 1L),
            new String[] {"sorted_keys", "order"}, sorts ? positions(g, masked, objects) : masked,
            g.longs("k", objects))[1];
        String index = g.node("Expand", Map.of(), g.node("Unsqueeze", Map.of(), order, g.longs("axis", 2)),
            g.node("Shape", Map.of(), x));
        return g.node("GatherElements", Map.of("axis", 1L), x, index);
    }

    /**
     * Each slot's place in the descending order of the (batch, O) keys, ties broken by the lower slot: the number of
     * slots with a larger key, or an equal key in a lower slot, as float32 (batch, O), as
     * {@code BranchesBlock.positions} computes it.
     */
    private static String positions(OnnxGraph g, String key, long objects) {
        float[] lower = new float[(int) (objects * objects)];
        for (int i = 0; i < objects; i++) {
            for (int j = 0; j < i; j++) {
                lower[(int) (i * objects + j)] = 1f; // [i, j]: j < i
            }
        }
        String ki = g.node("Unsqueeze", Map.of(), key, g.longs("axis", 2));
        String kj = g.node("Unsqueeze", Map.of(), key, g.longs("axis", 1));
        String tiedBefore = g.node("Mul", Map.of(), toFloat(g, g.node("Equal", Map.of(), kj, ki)),
            g.floats("lower_slot", lower, objects, objects));
        String before = g.node("Add", Map.of(), toFloat(g, g.node("Greater", Map.of(), kj, ki)), tiedBefore);
        return g.node("ReduceSum", Map.of("keepdims", 0L), before, g.longs("axis", 2));
    }

    /**
     * The LSTM over reordered (batch, O, C) objects, its output after the last real one (zero for a jet without any),
     * as {@code BranchesBlock.afterLastReal} does; {@code real} holds the (batch, O) boolean flags.
     */
    private static String afterLastReal(OnnxGraph g, String ordered, Block cell, String real) {
        String count = g.node("ReduceSum", Map.of("keepdims", 0L), toFloat(g, real), g.longs("axis", 1));
        String lengths = g.node("Cast", Map.of("to", INT32), g.node("Max", Map.of(), count, one(g)));
        String last = TaggerGraph.recurrent(g, ordered, cell, lengths);
        String any = g.node("Unsqueeze", Map.of(), toFloat(g, g.node("Greater", Map.of(), count,
            g.floats("zero", new float[] {0f}))), g.longs("axis", 1));
        return g.node("Mul", Map.of(), last, any);
    }
}
