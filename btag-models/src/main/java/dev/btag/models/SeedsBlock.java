package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.Consumer;

/**
 * The DeepVertex-style encoder: input {@code (B, N x P, S)}, the DeepVertex array with row {@code n x P + p} holding
 * parameter p of neighbour n and column s seed s (P = 36); output {@code (B, units)}.
 * <ol>
 *   <li>to {@code (B, S, N, P)}: one row of P parameters per neighbour of each seed;</li>
 *   <li>a neighbour is real when any parameter is non-zero, a seed when any of its neighbours is;</li>
 *   <li>1x1 convolutions per neighbour, then the mean over the seed's real neighbours (zero for a padded seed);</li>
 *   <li>an LSTM over the seeds, real seeds first in stored order, its output after the last real seed (zero for a
 *       jet without seeds), as {@link BranchesBlock} does with {@link PaddingPolicy#MASK}.</li>
 * </ol>
 * Not thread-safe while training (dropout state); inference touches no state.
 */
final class SeedsBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ObjectBranch branch;
    private final Block convolutions;
    private final Block cell;

    SeedsBlock(ObjectBranch branch, WeightInit init, Consumer<SequentialBlock> dropout) {
        super(VERSION);
        this.branch = branch;
        convolutions = addChildBlock("neighbours_conv", Cnn1x1Definition.convolutions(branch.convFilters(), init,
            dropout));
        cell = addChildBlock("seeds_lstm", RecurrentDefinition.kerasCell(4, branch.recurrentUnits()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        long b = x.getShape().get(0);
        long seeds = branch.variables();
        long neighbours = branch.objects() / DeepVertexDefinition.PARAMETERS;
        NDArray perSeed = x.transpose(0, 2, 1).reshape(b, seeds, neighbours, DeepVertexDefinition.PARAMETERS);
        NDArray realNeighbour = perSeed.abs().sum(new int[] {3}).gt(0f).toType(DataType.FLOAT32, false);
        NDArray encoded = convolutions.forward(parameterStore, new NDList(perSeed), training, params).head();
        NDArray count = realNeighbour.sum(new int[] {2});
        NDArray pooled = encoded.mul(realNeighbour.expandDims(3)).sum(new int[] {2})
            .div(count.maximum(1f).expandDims(2));
        NDArray realSeed = count.gt(0f).toType(DataType.FLOAT32, false);
        NDArray ordered = BranchesBlock.reorder(pooled, realSeed, -1);
        NDArray outputs = cell.forward(parameterStore, new NDList(ordered), training, params).head();
        return new NDList(BranchesBlock.afterLastReal(outputs, realSeed));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), branch.recurrentUnits())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        long seeds = branch.variables();
        long neighbours = branch.objects() / DeepVertexDefinition.PARAMETERS;
        convolutions.initialize(manager, dataType, new Shape(b, seeds, neighbours, DeepVertexDefinition.PARAMETERS));
        int[] filters = branch.convFilters();
        cell.initialize(manager, dataType, new Shape(b, seeds, filters[filters.length - 1]));
    }
}
