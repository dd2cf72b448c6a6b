package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.initializer.Initializer;
import java.util.function.Consumer;

/**
 * Notebook 5's LSTM(64) and the lecture's GRU(64): the cell runs over the T tracks (batch first, zero initial state,
 * no state returned) and its output at the last track is the summary. Stateless.
 *
 * <p>The cell starts as a Keras {@code LSTM(64)} / {@code GRU(64)} with default arguments starts (the notebooks set
 * no initialiser on it; the spec's {@link WeightInit} is for the dense head and 1x1 convolutions only):
 * <ul>
 *   <li>input kernel {@code W_ih} (gates x units, V): glorot-uniform over the whole matrix, uniform in
 *       {@code +-sqrt(6 / (V + gates x units))}, Keras' {@code kernel_initializer} on its (V, gates x units)
 *       kernel;</li>
 *   <li>recurrent kernel {@code W_hh} (gates x units, units): orthogonal over the whole matrix, so its columns are
 *       orthonormal ({@code W_hh^T W_hh = I}); it is the transpose of Keras' (units, gates x units)
 *       {@code recurrent_kernel}, whose rows Keras' {@code Orthogonal} makes orthonormal. As in Keras, the per-gate
 *       blocks are not orthogonal on their own;</li>
 *   <li>biases: Keras has one vector per gate, PyTorch two ({@code b_ih}, {@code b_hh}) that enter as a sum;
 *       {@code b_hh} starts at zero and {@code b_ih} holds Keras' bias: zeros, with the LSTM's forget-gate slice
 *       (the second in PyTorch's order i, f, g, o, as in Keras' i, f, c, o) at one ({@code unit_forget_bias=True}).
 *       The GRU's biases are all zero (PyTorch's gate order r, z, n differs from Keras' z, r, h, which does not
 *       matter for zeros).</li>
 * </ul>
 */
final class RecurrentDefinition extends ArchitectureDefinition {

    /** The LSTM: four gates. */
    static final RecurrentDefinition LSTM_CELL = new RecurrentDefinition(4);
    /** The GRU: three gates. */
    static final RecurrentDefinition GRU_CELL = new RecurrentDefinition(3);

    private final int gates;

    private RecurrentDefinition(int gates) {
        this.gates = gates;
    }

    @Override
    int[] defaultHeadWidths() {
        return trackTaggerHead();
    }

    /** Lecun-uniform, for the dense head (notebook 5's {@code kernel_initializer}); the cell starts as Keras'. */
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
        return kerasCell(gates, spec.recurrentUnits());
    }

    /**
     * Builds a one-layer, batch-first cell that returns no state, with Keras' initialisers (see the class comment).
     * Shared with the DeepJet-style tagger's branches.
     *
     * @param gates 4 for an LSTM, 3 for a GRU
     * @param units the state size
     * @return the cell
     */
    static RecurrentBlock kerasCell(int gates, int units) {
        RecurrentBlock cell = gates == 4
            ? LSTM.builder().setStateSize(units).setNumLayers(1).optBatchFirst(true).optReturnState(false).build()
            : GRU.builder().setStateSize(units).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
        cell.setInitializer(WeightInit.GLOROT_UNIFORM.initializer(), "l_0_i2h_WEIGHT");
        cell.setInitializer(new OrthogonalInitializer(), "l_0_h2h_WEIGHT");
        cell.setInitializer(gates == 4 ? new RecurrentBiasInitializer(gates, 1) : Initializer.ZEROS, "l_0_i2h_BIAS");
        cell.setInitializer(Initializer.ZEROS, "l_0_h2h_BIAS");
        return cell;
    }

    @Override
    NDArray summarise(NDArray encoded) {
        return encoded.get(new NDIndex(":, -1, :"));
    }

    @Override
    long summaryWidth(TaggerSpec spec) {
        return spec.recurrentUnits();
    }

    /** Keras' kernel, recurrent kernel and one bias per gate ({@code reset_after=False} for the GRU). */
    @Override
    long kerasParametersBeforeHead(TaggerSpec spec) {
        int units = spec.recurrentUnits();
        return (long) gates * units * (spec.trackVariables() + units + 1);
    }

    @Override
    long macsBeforeHead(TaggerSpec spec) {
        int units = spec.recurrentUnits();
        return (long) spec.trackCount() * gates * units * (spec.trackVariables() + units);
    }
}
