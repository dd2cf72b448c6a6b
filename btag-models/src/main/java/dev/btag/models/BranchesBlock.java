package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The branches of a DeepJet-style tagger as one block: input one {@code (B, O_i, V_i)} array per
 * {@link ObjectBranch}, in the spec's order; output one {@code (B, sum of units)} array, the branch summaries side by
 * side. Each branch runs 1x1 convolutions over its objects and an LSTM over the result, after reordering the objects
 * when the spec masks padding or the branch sorts:
 * <ul>
 *   <li>an object is padding when all its variables are zero (the files' convention; standardisation keeps it);</li>
 *   <li>the real objects move to the front, in stored order, or sorted by the branch's sort variable (descending,
 *       ties in stored order: see {@link #positions}), and the padded slots follow ({@code gather} with the
 *       permutation from {@code argSort});</li>
 *   <li>with {@link PaddingPolicy#MASK} the summary is the LSTM's output after the last real object (zero for a jet
 *       without any), so padded slots cannot change it; with {@link PaddingPolicy#KEEP} it is the output at the last
 *       slot.</li>
 * </ul>
 * Not thread-safe while training (dropout state); inference touches no state.
 */
final class BranchesBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    /** The sort key of a padded slot: below any real key, so padding sorts last in descending order. */
    private static final float PADDING_KEY = -1e30f;

    private final TaggerSpec spec;
    private final List<Block> convolutions = new ArrayList<>();
    private final List<Block> cells = new ArrayList<>();

    BranchesBlock(TaggerSpec spec, Consumer<SequentialBlock> dropout) {
        super(VERSION);
        this.spec = spec;
        for (ObjectBranch b : spec.branches()) {
            convolutions.add(addChildBlock(b.collection() + "_conv",
                Cnn1x1Definition.convolutions(b.convFilters(), spec.weightInit(), dropout)));
            cells.add(addChildBlock(b.collection() + "_lstm", RecurrentDefinition.kerasCell(4, b.recurrentUnits())));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        List<ObjectBranch> branches = spec.branches();
        NDList summaries = new NDList(branches.size());
        for (int i = 0; i < branches.size(); i++) {
            ObjectBranch branch = branches.get(i);
            NDArray objects = inputs.get(i);
            NDArray real = objects.abs().sum(new int[] {2}).gt(0f).toType(DataType.FLOAT32, false);
            boolean reorder = spec.padding() == PaddingPolicy.MASK || branch.sortVariable() >= 0;
            if (reorder) {
                objects = reorder(objects, real, branch.sortVariable());
            }
            NDArray encoded = convolutions.get(i).forward(parameterStore, new NDList(objects), training, params)
                .head();
            NDArray outputs = cells.get(i).forward(parameterStore, new NDList(encoded), training, params).head();
            summaries.add(spec.padding() == PaddingPolicy.MASK ? afterLastReal(outputs, real)
                : outputs.get(new NDIndex(":, -1, :")));
        }
        return new NDList(summaries.size() == 1 ? summaries.head() : NDArrays.concat(summaries, 1));
    }

    /**
     * The objects {@code (B, O, V)} with the real ones first (stored order, or descending by the sort variable with
     * ties kept in stored order), padding last; {@code real} is {@code (B, O)} with 1 for a real object, 0 for padding.
     *
     * <p>PyTorch's {@code argsort} is not stable (on the CPU, ties come out in reverse slot order up to 16 objects
     * and in no set order beyond), while ONNX's {@code TopK} keeps the lower slot first; so with a sort variable the
     * permutation is taken from the strict {@link #positions} of the keys, which have no ties, and ONNX
     * ({@code BranchGraph}) computes the same positions. Without one the keys (minus the slot index) tie only between
     * padded slots, which hold identical all-zero objects, so their order cannot change the output.
     */
    static NDArray reorder(NDArray objects, NDArray real, int sortVariable) {
        Shape shape = objects.getShape();
        NDArray key = sortVariable >= 0 ? objects.get(new NDIndex(":, :, {}", sortVariable))
            : objects.getManager().arange(0f, (float) shape.get(1)).neg().expandDims(0);
        // real: key; padding: PADDING_KEY (the product with 0/1 flags keeps real keys exact)
        NDArray masked = key.mul(real).add(real.sub(1f).mul(-PADDING_KEY));
        NDArray sorted = sortVariable >= 0 ? positions(masked).argSort(1, true) : masked.argSort(1, false);
        NDArray order = sorted.expandDims(2).repeat(2, shape.get(2));
        return objects.gather(order, 1);
    }

    /**
     * The place of each slot in the descending order of the keys with ties broken by the slot index: for slot i of
     * a jet, the number of slots j with {@code key[j] > key[i]}, or {@code key[j] == key[i]} and {@code j < i}
     * (floats compared exactly, {@code -0 == 0}). Each row is a permutation of 0 … O-1 (for keys without NaN), so
     * sorting it ascending has one answer on every engine: the stable descending order.
     *
     * @param key {@code (B, O)} sort keys
     * @return {@code (B, O)} float32 places
     */
    static NDArray positions(NDArray key) {
        long o = key.getShape().get(1);
        NDManager manager = key.getManager();
        NDArray slot = manager.arange(0f, (float) o);
        NDArray lowerSlot = slot.expandDims(0).lt(slot.expandDims(1)); // [i, j]: j < i
        NDArray ki = key.expandDims(2);
        NDArray kj = key.expandDims(1);
        NDArray before = kj.gt(ki).logicalOr(kj.eq(ki).logicalAnd(lowerSlot));
        return before.toType(DataType.FLOAT32, false).sum(new int[] {2});
    }

    /** The LSTM outputs {@code (B, O, U)} after the last real object, zero for a jet without real objects. */
    static NDArray afterLastReal(NDArray outputs, NDArray real) {
        long b = outputs.getShape().get(0);
        long units = outputs.getShape().get(2);
        NDArray count = real.sum(new int[] {1});
        NDArray last = count.sub(1f).maximum(0f).toType(DataType.INT64, false).reshape(b, 1, 1).repeat(2, units);
        NDArray any = count.gt(0f).toType(DataType.FLOAT32, false).reshape(b, 1);
        return outputs.gather(last, 1).reshape(b, units).mul(any);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long width = spec.branches().stream().mapToLong(ObjectBranch::recurrentUnits).sum();
        return new Shape[] {new Shape(inputShapes[0].get(0), width)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        List<ObjectBranch> branches = spec.branches();
        if (inputShapes.length < branches.size()) {
            throw new IllegalArgumentException("the branches need " + branches.size() + " object arrays, got "
                + inputShapes.length + " shapes");
        }
        for (int i = 0; i < branches.size(); i++) {
            Shape in = inputShapes[i];
            convolutions.get(i).initialize(manager, dataType, in);
            int[] filters = branches.get(i).convFilters();
            cells.get(i).initialize(manager, dataType, new Shape(in.get(0), in.get(1), filters[filters.length - 1]));
        }
    }
}
