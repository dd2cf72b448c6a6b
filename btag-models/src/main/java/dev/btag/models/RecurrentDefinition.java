package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import java.util.function.Consumer;

/**
 * Notebook 5's LSTM(64) and the lecture's GRU(64): the cell runs over the T tracks (batch first, zero initial state,
 * no state returned) and its output at the last track is the summary. Stateless.
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
        RecurrentBlock cell = gates == 4
            ? LSTM.builder().setStateSize(spec.recurrentUnits()).setNumLayers(1).optBatchFirst(true)
                .optReturnState(false).build()
            : GRU.builder().setStateSize(spec.recurrentUnits()).setNumLayers(1).optBatchFirst(true)
                .optReturnState(false).build();
        cell.setInitializer(spec.weightInit().initializer(), Parameter.Type.WEIGHT);
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
