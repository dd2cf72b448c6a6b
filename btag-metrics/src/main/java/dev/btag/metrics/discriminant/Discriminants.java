package dev.btag.metrics.discriminant;

import java.util.List;

/**
 * Discriminants for many jets at once, from probabilities stored row-major as N x 6 ({@code float[]} as a network
 * outputs them, or {@code double[]}), columns in the order b, bb, leptonic b, c, uds, g. See {@link Discriminant}
 * for the definitions and the value of undefined ratios.
 */
public final class Discriminants {

    /** The number of class probabilities per jet. */
    public static final int CLASSES = 6;

    private Discriminants() {
    }

    /**
     * Computes a discriminant for every jet.
     *
     * @param discriminant which discriminant
     * @param probabilities row-major N x 6 probabilities, each finite
     * @return N values
     * @throws IllegalArgumentException if the length is not a multiple of 6 or a probability is not finite (the message
     *     names the row and column)
     */
    public static double[] compute(Discriminant discriminant, double[] probabilities) {
        int rows = rows(probabilities.length);
        double[] out = new double[rows];
        for (int r = 0, o = 0; r < rows; r++, o += CLASSES) {
            for (int c = 0; c < CLASSES; c++) {
                if (!Double.isFinite(probabilities[o + c])) {
                    throw notFinite(r, c, probabilities[o + c]);
                }
            }
            out[r] = discriminant.of(probabilities[o], probabilities[o + 1], probabilities[o + 2], probabilities[o + 3],
                probabilities[o + 4], probabilities[o + 5]);
        }
        return out;
    }

    /**
     * Computes a discriminant for every jet from {@code float} probabilities (summed in double precision).
     *
     * @param discriminant which discriminant
     * @param probabilities row-major N x 6 probabilities, each finite
     * @return N values
     * @throws IllegalArgumentException as {@link #compute(Discriminant, double[])}
     */
    public static double[] compute(Discriminant discriminant, float[] probabilities) {
        return computeAll(List.of(discriminant), probabilities)[0];
    }

    /**
     * Computes several discriminants for every jet in one pass over the probabilities (each value is the one
     * {@link #compute(Discriminant, float[])} gives).
     *
     * @param discriminants which discriminants, in the order of the result
     * @param probabilities row-major N x 6 probabilities, each finite
     * @return one array of N values per discriminant
     * @throws IllegalArgumentException as {@link #compute(Discriminant, double[])}
     */
    public static double[][] computeAll(List<Discriminant> discriminants, float[] probabilities) {
        int rows = rows(probabilities.length);
        Discriminant[] ds = discriminants.toArray(new Discriminant[0]);
        double[][] out = new double[ds.length][rows];
        for (int r = 0, o = 0; r < rows; r++, o += CLASSES) {
            for (int c = 0; c < CLASSES; c++) {
                if (!Float.isFinite(probabilities[o + c])) {
                    throw notFinite(r, c, probabilities[o + c]);
                }
            }
            double pb = probabilities[o];
            double pbb = probabilities[o + 1];
            double plepb = probabilities[o + 2];
            double pc = probabilities[o + 3];
            double puds = probabilities[o + 4];
            double pg = probabilities[o + 5];
            for (int d = 0; d < ds.length; d++) {
                out[d][r] = ds[d].of(pb, pbb, plepb, pc, puds, pg);
            }
        }
        return out;
    }

    private static int rows(int length) {
        if (length % CLASSES != 0) {
            throw new IllegalArgumentException(
                "probabilities have " + length + " values, not a multiple of " + CLASSES + " classes");
        }
        return length / CLASSES;
    }

    private static IllegalArgumentException notFinite(int row, int column, double value) {
        return new IllegalArgumentException(
            "probabilities row " + row + ", column " + column + " is " + value + "; probabilities must be finite");
    }

    /**
     * BvsAll = p(b) + p(bb) + p(leptonic b) for every jet.
     *
     * @param probabilities row-major N x 6 probabilities
     * @return N values
     */
    public static double[] bVsAll(float[] probabilities) {
        return compute(Discriminant.B_VS_ALL, probabilities);
    }

    /**
     * BvsL = B / (B + p(uds) + p(g)) for every jet.
     *
     * @param probabilities row-major N x 6 probabilities
     * @return N values
     */
    public static double[] bVsL(float[] probabilities) {
        return compute(Discriminant.B_VS_L, probabilities);
    }

    /**
     * BvsC = B / (B + p(c)) for every jet.
     *
     * @param probabilities row-major N x 6 probabilities
     * @return N values
     */
    public static double[] bVsC(float[] probabilities) {
        return compute(Discriminant.B_VS_C, probabilities);
    }

    /**
     * CvsL = p(c) / (p(c) + p(uds) + p(g)) for every jet.
     *
     * @param probabilities row-major N x 6 probabilities
     * @return N values
     */
    public static double[] cVsL(float[] probabilities) {
        return compute(Discriminant.C_VS_L, probabilities);
    }

    /**
     * CvsB = p(c) / (p(c) + B) for every jet.
     *
     * @param probabilities row-major N x 6 probabilities
     * @return N values
     */
    public static double[] cVsB(float[] probabilities) {
        return compute(Discriminant.C_VS_B, probabilities);
    }
}
