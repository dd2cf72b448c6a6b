package dev.btag.metrics.roc;

/**
 * Checks of the arrays every ROC computation takes: equal lengths, finite scores, finite non-negative weights, both
 * classes present. Messages name the array ({@code scores}, {@code signal}, {@code weights}) and the first
 * offending index.
 */
final class RocInput {

    private RocInput() {
    }

    /**
     * Validates the inputs of a ROC computation.
     *
     * @param scores the scores; every entry must be finite
     * @param signal the signal flags, as long as {@code scores}
     * @param weights the weights, as long as {@code scores}, finite and non-negative; {@code null} for unit weights
     * @throws InvalidEntryException for a score or weight that is not valid, naming the array and the index
     * @throws IllegalArgumentException for other violations
     * @throws NullPointerException if {@code scores} or {@code signal} is null
     */
    static void check(double[] scores, boolean[] signal, double[] weights) {
        if (scores == null || signal == null) {
            throw new NullPointerException(scores == null ? "scores is null" : "signal is null");
        }
        int n = scores.length;
        if (signal.length != n) {
            throw new IllegalArgumentException(
                "scores has " + n + " entries but signal has " + signal.length + " (lengths must match)");
        }
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException(
                "scores has " + n + " entries but weights has " + weights.length + " (lengths must match)");
        }
        if (n == 0) {
            throw new IllegalArgumentException("scores is empty: a ROC curve needs signal and background entries");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new InvalidEntryException(InvalidEntryException.Array.SCORES, i, scores[i],
                    "scores must be finite");
            }
        }
        if (weights != null) {
            for (int i = 0; i < n; i++) {
                double w = weights[i];
                if (!Double.isFinite(w) || w < 0) {
                    throw new InvalidEntryException(InvalidEntryException.Array.WEIGHTS, i, w,
                        "weights must be finite and non-negative");
                }
            }
        }
    }

    /**
     * Fails unless both classes have a positive total weight.
     *
     * @param signal the signal totals
     * @param background the background totals
     * @throws IllegalArgumentException if either class is empty or has zero total weight
     */
    static void requireBothClasses(ClassTotals signal, ClassTotals background) {
        if (signal.count() == 0 || background.count() == 0) {
            throw new IllegalArgumentException("single-class input: " + signal.count() + " signal and "
                + background.count() + " background entries; a ROC curve needs both");
        }
        if (!(signal.weight() > 0) || !(background.weight() > 0)) {
            throw new IllegalArgumentException("total weight of signal is " + signal.weight() + " and of background "
                + background.weight() + "; a ROC curve needs both positive");
        }
    }
}
