package dev.btag.data.weight;

/**
 * Per-class histograms of one variable, for the before/after plots of a weighting: each class's summed weights
 * (or counts) in the bins of a {@link BinAxis} (values outside go to the nearest edge bin; NaN values are skipped).
 */
public final class ClassHistograms {

    private ClassHistograms() {
    }

    /**
     * Fills the histograms.
     *
     * @param axis the bins
     * @param values the variable, one value per jet of the full sample
     * @param rows the jets to count (indices into {@code values}), or {@code null} for all of them
     * @param classes the class of each counted jet (parallel to {@code rows}, or to {@code values} when rows is
     *     {@code null}); -1 is not counted
     * @param weights the weight of each counted jet (parallel as {@code classes}), or {@code null} for 1
     * @param classCount the number of classes
     * @return {@code [class][bin]} sums
     */
    public static double[][] of(BinAxis axis, float[] values, int[] rows, int[] classes, float[] weights,
                                int classCount) {
        double[][] h = new double[classCount][axis.bins()];
        for (int j = 0; j < classes.length; j++) {
            int c = classes[j];
            if (c < 0) {
                continue;
            }
            int b = axis.bin(values[rows == null ? j : rows[j]]);
            if (b >= 0) {
                h[c][b] += weights == null ? 1.0 : weights[j];
            }
        }
        return h;
    }
}
