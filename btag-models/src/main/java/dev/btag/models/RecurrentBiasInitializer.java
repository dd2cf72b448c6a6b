package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Arrays;

/**
 * The input-side bias of a recurrent cell as Keras starts it: zeros, except for one gate's slice, which is one
 * (Keras' {@code unit_forget_bias=True} for the LSTM's forget gate). A PyTorch (and so DJL) cell has two bias vectors
 * per gate, {@code b_ih} and {@code b_hh}, that enter only as their sum; this initialiser fills {@code b_ih} and
 * {@code b_hh} starts at zero, so the sum is Keras' single bias. Stateless and thread-safe.
 */
final class RecurrentBiasInitializer implements Initializer {

    private final int gates;
    private final int oneGate;

    /**
     * Creates the initialiser.
     *
     * @param gates the number of gate slices the bias holds (4 for the LSTM)
     * @param oneGate the slice set to one, from 0 in PyTorch's gate order (1: the LSTM's forget gate in i, f, g, o)
     */
    RecurrentBiasInitializer(int gates, int oneGate) {
        this.gates = gates;
        this.oneGate = oneGate;
    }

    /**
     * Creates the bias.
     *
     * @param manager the manager that owns the result
     * @param shape a 1-D shape of {@code gates x units}
     * @param dataType the data type of the result
     * @return zeros with ones in the chosen gate's slice
     * @throws IllegalArgumentException if the shape is not 1-D or its length is not a multiple of the gate count
     */
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (shape.dimension() != 1 || shape.get(0) % gates != 0) {
            throw new IllegalArgumentException("a recurrent bias of " + gates + " gates needs a 1-D shape of a"
                + " multiple of " + gates + ", got " + shape);
        }
        int units = Math.toIntExact(shape.get(0) / gates);
        float[] values = new float[gates * units];
        Arrays.fill(values, oneGate * units, (oneGate + 1) * units, 1f);
        NDArray result = manager.create(values, shape);
        return dataType == DataType.FLOAT32 ? result : result.toType(dataType, false);
    }
}
