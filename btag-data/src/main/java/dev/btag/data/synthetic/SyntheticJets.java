package dev.btag.data.synthetic;

import dev.btag.data.schema.JetArray;
import java.util.Objects;

/**
 * Synthetic jets in memory: the six arrays of the tutorial layout for {@link #jetCount()} jets, each row-major float32
 * in C order with the shapes of {@link JetArray#shape(long)}. Made by {@link SyntheticSample#generate}.
 *
 * <p>The arrays are large ({@code arr_5} alone holds 7,200 floats per jet), so {@link #array(JetArray)} copies on
 * request and {@link #value(JetArray, int)} reads single values without copying.
 */
public final class SyntheticJets {

    private final int jetCount;
    private final float[][] arrays;

    SyntheticJets(int jetCount, float[][] arrays) {
        this.jetCount = jetCount;
        this.arrays = Objects.requireNonNull(arrays, "arrays");
    }

    /**
     * The number of jets (the leading dimension N of every array).
     *
     * @return N
     */
    public int jetCount() {
        return jetCount;
    }

    /**
     * A copy of one array, C order, {@code jetCount() * array.valuesPerJet()} values.
     *
     * @param array which array
     * @return a new float array
     */
    public float[] array(JetArray array) {
        return arrays[array.ordinal()].clone();
    }

    /**
     * One value of an array by flat index (C order), without copying.
     *
     * @param array which array
     * @param flatIndex index into the flattened array, {@code 0 <= flatIndex < jetCount() * array.valuesPerJet()}
     * @return the value
     * @throws IndexOutOfBoundsException for an index outside the array
     */
    public float value(JetArray array, int flatIndex) {
        return arrays[array.ordinal()][flatIndex];
    }

    /** The backing array, not copied; for the writer and tests in this package. */
    float[] raw(JetArray array) {
        return arrays[array.ordinal()];
    }
}
