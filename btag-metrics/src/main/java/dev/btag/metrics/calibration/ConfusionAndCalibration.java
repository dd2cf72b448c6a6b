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
        boolean calibrated = true;
        for (int r = 0, o = 0; r < n; r++, o += classes) {
            int predicted = ConfusionMatrix.argmaxRow(probabilities, classes, r);
            int truth = OneHotLabels.classIndex(oneHot, classes, r);
            if (truth >= 0) {
                counts[truth][predicted]++;
            }
            if (calibrated) {
                calibrated = ReliabilityDiagram.addRow(sums, oneHot, probabilities, weights, classes, r, o) == null;
            }
        }
        List<ReliabilityDiagram> diagrams = new ArrayList<>(classes);
        for (int c = 0; calibrated && c < classes; c++) {
            diagrams.add(sums.diagram(c, classNames.get(c)));
        }
        return new ConfusionAndCalibration(new ConfusionMatrix(classNames, counts), diagrams);
    }
}
