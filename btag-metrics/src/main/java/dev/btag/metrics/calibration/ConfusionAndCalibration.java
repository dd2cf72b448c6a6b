package dev.btag.metrics.calibration;

import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.selection.OneHotLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The confusion matrix and the per-class reliability diagrams of one classifier's outputs, read in a single pass over
 * the labels and probabilities (the two together cost about one pass over memory instead of two, which matters for
 * millions of jets). This record is immutable and can be shared between threads.
 *
 * <p>The results are exactly those of the separate calls: {@link #confusion()} equals
 * {@link ConfusionMatrix#fromOneHot(List, float[], float[])} and {@link #calibration()} equals
 * {@link ReliabilityDiagram#perClass(List, float[], float[], double[], int)}, except that where {@code perClass}
 * would throw because the outputs are not probabilities in [0, 1] (logits, other scores) or a weight of a jet with a
 * class is invalid, the calibration is empty and the confusion matrix still stands.
 *
 * @param confusion the confusion matrix of the jets that have a class
 * @param calibration one reliability diagram per class in column order, or empty when the outputs cannot be read as
 *     probabilities
 */
public record ConfusionAndCalibration(ConfusionMatrix confusion, List<ReliabilityDiagram> calibration) {

    /** The bits of 1.0f, the largest of a probability. */
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    /**
     * Checks and copies the components.
     *
     * @param confusion the confusion matrix
     * @param calibration the reliability diagrams, possibly empty
     */
    public ConfusionAndCalibration {
        Objects.requireNonNull(confusion, "confusion");
        calibration = List.copyOf(calibration);
    }

    /**
     * Computes both in one pass.
     *
     * @param classNames the class names, one per column
     * @param oneHot row-major N x C one-hot labels; an all-zero row (an undefined jet) is left out of both
     * @param probabilities row-major N x C class probabilities
     * @param weights one weight per jet for the diagrams, or {@code null} (the confusion matrix counts jets)
     * @param bins the number of probability bins of each diagram, at least 1
     * @return the confusion matrix and the diagrams
     * @throws IllegalArgumentException as {@link ConfusionMatrix#fromOneHot(List, float[], float[])} (lengths, a
     *     label row with more than one flag, a NaN probability: the message names the row), if the weights are not
     *     one per jet, or if {@code bins < 1}
     */
    public static ConfusionAndCalibration of(List<String> classNames, float[] oneHot, float[] probabilities,
            double[] weights, int bins) {
        int classes = classNames.size();
        if (oneHot.length != probabilities.length) {
            throw new IllegalArgumentException("one-hot labels have " + oneHot.length
                + " values but probabilities have " + probabilities.length);
        }
        if (classes < 1 || probabilities.length % classes != 0) {
            throw new IllegalArgumentException("probabilities have " + probabilities.length
                + " values, not a multiple of " + classes + " classes");
        }
        int n = probabilities.length / classes;
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException("weights has " + weights.length + " entries for " + n + " jets");
        }
        ReliabilityDiagram.Sums sums = new ReliabilityDiagram.Sums(classes, bins, weights != null);
        long[][] counts = new long[classes][classes];
        boolean calibrated = fill(oneHot, probabilities, weights, classes, counts, sums);
        List<ReliabilityDiagram> diagrams = new ArrayList<>(classes);
        for (int c = 0; calibrated && c < classes; c++) {
            diagrams.add(sums.diagram(c, classNames.get(c)));
        }
        return new ConfusionAndCalibration(new ConfusionMatrix(classNames, counts), diagrams);
    }

    /**
     * Counts every row into the matrix and, while the calibration stands, into the sums. A clean row (labels exactly
     * 0 or 1 with at most one 1, probabilities in [0, 1]) is read once, without branches on its values; a row with
     * clean labels and another score is checked for NaN by {@link ConfusionMatrix#argmaxRow}; any other row goes
     * through the separate calls, so that errors and their order (a NaN probability before a bad label; the first
     * bad row) are theirs.
     *
     * @return whether the calibration stands (no row with a class had a bad weight or a probability outside [0, 1])
     */
    private static boolean fill(float[] oneHot, float[] probabilities, double[] weights, int classes,
            long[][] counts, ReliabilityDiagram.Sums sums) {
        boolean calibrated = true;
        int rows = probabilities.length / classes;
        for (int r = 0, o = 0; r < rows; r++, o += classes) {
            long top = Long.MIN_VALUE; // the largest argmaxKey
            int signs = 0; // the probabilities' bits or-ed: negative when one of them is below 0
            float offLabels = 0; // sum of |v (v - 1)|: 0 exactly when every label is 0 or 1 (NaN otherwise stays)
            float flags = 0;
            // the column of the flag when there is one (exact: a matrix of 2^24 classes cannot exist)
            float flagged = 0;
            for (int c = 0; c < classes; c++) {
                int bits = Float.floatToRawIntBits(probabilities[o + c] + 0.0f);
                float v = oneHot[o + c];
                top = Math.max(top, argmaxKey(bits, c));
                signs |= bits;
                offLabels += Math.abs(v * (v - 1));
                flags += v;
                flagged += c * v;
            }
            // no bits with the sign and none above those of 1: every probability in [0, 1] (a NaN's bits are above)
            boolean inRange = signs >= 0 && (top >>> 32) <= ONE_BITS;
            boolean cleanLabels = offLabels == 0 && flags <= 1;
            if (cleanLabels && inRange) {
                if (flags == 1) {
                    int truth = (int) flagged;
                    counts[truth][argmaxColumn(top)]++;
                    if (calibrated) {
                        double w = weights == null ? 1 : weights[r];
                        calibrated = Double.isFinite(w) && w >= 0;
                        if (calibrated) {
                            sums.addRow(probabilities, o, classes, truth, w);
                        }
                    }
                }
                continue;
            }
            if (cleanLabels) {
                // a score outside [0, 1] (logits) or NaN: argmaxRow fails on NaN as the separate calls do; a jet with
                // a class ends the calibration (whatever its weight), an undefined one leaves it
                int predicted = ConfusionMatrix.argmaxRow(probabilities, classes, r);
                if (flags == 1) {
                    counts[(int) flagged][predicted]++;
                    calibrated = false;
                }
                continue;
            }
            int predicted = ConfusionMatrix.argmaxRow(probabilities, classes, r);
            int truth = OneHotLabels.classIndex(oneHot, classes, r);
            if (truth >= 0) {
                counts[truth][predicted]++;
            }
            if (calibrated) {
                calibrated = ReliabilityDiagram.addRow(sums, oneHot, probabilities, weights, classes, r, o) == null;
            }
        }
        return calibrated;
    }

    /**
     * A key whose maximum over a row of values in [0, 1] is the first column holding the largest value, as
     * {@link ConfusionMatrix#argmaxRow(float[], int, int)} finds it: the value's bits (those of {@code p + 0.0f},
     * which turns -0 into 0; non-negative floats order as their bits) above the column's complement, so that ties go
     * to the first column.
     */
    private static long argmaxKey(int bits, int c) {
        return (long) bits << 32 | (0xFFFFFFFFL - c);
    }

    /** The column of the largest {@link #argmaxKey(int, int)} of a row. */
    private static int argmaxColumn(long key) {
        return (int) (0xFFFFFFFFL - (key & 0xFFFFFFFFL));
    }
}
