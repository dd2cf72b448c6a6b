package dev.btag.metrics.selection;

/**
 * Decoding of the tutorial's six-class one-hot labels (jet-table columns 43&ndash;48, in the order b, bb, leptonic b,
 * c, uds, g), where an undefined jet has an all-zero row.
 */
public final class OneHotLabels {

    /** The number of training classes. */
    public static final int CLASSES = 6;

    /** The truth code of each of the six classes: b-like classes are b, then c, light, gluon. */
    private static final int[] CODES = {
        FlavourSelection.B, FlavourSelection.B, FlavourSelection.B,
        FlavourSelection.C, FlavourSelection.LIGHT, FlavourSelection.GLUON,
    };

    private OneHotLabels() {
    }

    /**
     * The class index of each row: the column holding a flag (a value above 0.5), or {@code -1} for an all-zero row.
     *
     * @param oneHot the labels, row-major N x {@code classes}
     * @param classes the number of classes (columns), at least 1
     * @return one class index per row, {@code -1} for undefined rows
     * @throws IllegalArgumentException if the length is not a multiple of {@code classes}, a value is not 0 or 1
     *     (within 0.5), or a row has more than one flag (the message names the row)
     */
    public static int[] classIndices(float[] oneHot, int classes) {
        if (classes < 1 || oneHot.length % classes != 0) {
            throw new IllegalArgumentException("one-hot labels have " + oneHot.length
                + " values, not a multiple of " + classes + " classes");
        }
        int rows = oneHot.length / classes;
        int[] index = new int[rows];
        for (int r = 0; r < rows; r++) {
            index[r] = classIndex(oneHot, classes, r);
        }
        return index;
    }

    /**
     * The class index of one row, as {@link #classIndices(float[], int)} gives it, without allocating.
     *
     * @param oneHot the labels, row-major N x {@code classes}
     * @param classes the number of classes (columns), at least 1
     * @param row the row, in [0, N)
     * @return the column holding the row's flag, or {@code -1} for an all-zero row
     * @throws IllegalArgumentException if a value of the row is not 0 or 1 (within 0.5), or the row has more than one
     *     flag (the message names the row)
     */
    public static int classIndex(float[] oneHot, int classes, int row) {
        int found = -1;
        for (int c = 0, at = row * classes; c < classes; c++, at++) {
            float v = oneHot[at];
            if (!(v >= -0.5f && v <= 1.5f)) {
                throw new IllegalArgumentException(
                    "one-hot label row " + row + ", column " + c + " is " + v + "; expected 0 or 1");
            }
            if (v > 0.5f) {
                if (found >= 0) {
                    throw new IllegalArgumentException("one-hot label row " + row + " has flags in columns "
                        + found + " and " + c + "; expected at most one");
                }
                found = c;
            }
        }
        return found;
    }

    /**
     * The truth code of each row of six-class labels: b, bb and leptonic b give {@value FlavourSelection#B}, c
     * {@value FlavourSelection#C}, uds {@value FlavourSelection#LIGHT}, g {@value FlavourSelection#GLUON}, an
     * all-zero row {@value FlavourSelection#UNDEFINED}.
     *
     * @param oneHot the labels, row-major N x 6
     * @return one truth code per row
     * @throws IllegalArgumentException as {@link #classIndices(float[], int)}
     */
    public static int[] truthCodes(float[] oneHot) {
        int[] index = classIndices(oneHot, CLASSES);
        int[] codes = new int[index.length];
        for (int r = 0; r < codes.length; r++) {
            codes[r] = index[r] < 0 ? FlavourSelection.UNDEFINED : CODES[index[r]];
        }
        return codes;
    }
}
