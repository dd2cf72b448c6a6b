package dev.btag.metrics.roc;

/**
 * The area under the ROC curve with its standard error by DeLong's method (DeLong, DeLong &amp; Clarke-Pearson,
 * Biometrics 44 (1988) 837), computed in O(n) after sorting. This record is immutable.
 *
 * <p>Each signal entry gets its placement value {@code V10} = (background weight scoring lower + half the background
 * weight scoring the same) / total background weight, each background entry {@code V01} likewise against the
 * signal. The AUC is the weighted mean of the {@code V10} (ties count one half, as in {@link RocCurve#auc()}) and
 * its variance is {@code var(V10)/n_signal + var(V01)/n_background}. With weights, the sample variances are the
 * unbiased ones for reliability weights and {@code n} is Kish's effective count; for unit weights this is exactly
 * DeLong's estimator. It is deterministic (no resampling). The standard error is NaN when a class has fewer than two
 * effective entries.
 *
 * @param auc the area under the curve, in [0, 1]
 * @param standardError DeLong's standard error of {@code auc}, or NaN if it is undefined
 */
public record AucEstimate(double auc, double standardError) {

    /**
     * The AUC and its DeLong standard error for unweighted scores.
     *
     * @param scores one finite score per entry
     * @param signal {@code true} for signal entries
     * @return the estimate
     * @throws IllegalArgumentException as {@link RocCurve#of(double[], boolean[])}
     */
    public static AucEstimate delong(double[] scores, boolean[] signal) {
        return fromBlocks(ScoreBlocks.of(scores, signal, null));
    }

    /**
     * The AUC and its DeLong standard error for weighted scores.
     *
     * @param scores one finite score per entry
     * @param signal {@code true} for signal entries
     * @param weights one finite, non-negative weight per entry
     * @return the estimate
     * @throws IllegalArgumentException as {@link RocCurve#of(double[], boolean[], double[])}
     */
    public static AucEstimate delong(double[] scores, boolean[] signal, double[] weights) {
        if (weights == null) {
            throw new NullPointerException("weights is null; use delong(scores, signal) for unit weights");
        }
        return fromBlocks(ScoreBlocks.of(scores, signal, weights));
    }

    /**
     * The estimate from cumulative sums by distinct score; the arrays are only read.
     *
     * @param blocks the sums
     * @return the estimate
     */
    static AucEstimate fromBlocks(ScoreBlocks blocks) {
        double totalS = blocks.signal.weight();
        double totalB = blocks.background.weight();
        double[] tps = blocks.tps;
        double[] fps = blocks.fps;
        int n = blocks.size;
        // point k (k >= 1) is the block of entries scoring exactly thresholds[k]; earlier points scored higher
        double invB = 1 / totalB;
        double invS = 1 / totalS;
        double area = 0;
        double sumSquaresS = 0;
        for (int k = 1; k < n; k++) {
            double s = tps[k] - tps[k - 1];
            double v = (totalB - fps[k] + (fps[k] - fps[k - 1]) / 2) * invB;
            area += s * v;
            sumSquaresS += s * v * v;
        }
        double auc = area / totalS;
        // sum s (v - auc)^2 = sum s v^2 - auc * sum s v (sum s = totalS, sum s v = area): see fromSums
        double varB = 0;
        for (int k = 1; k < n; k++) {
            double b = fps[k] - fps[k - 1];
            if (b != 0) {
                double d = (tps[k - 1] + (tps[k] - tps[k - 1]) / 2) * invS - auc;
                varB += b * d * d;
            }
        }
        return fromSums(area, sumSquaresS, varB, blocks.signal, blocks.background);
    }

    /**
     * The estimate from the sums of {@link #fromBlocks}'s two loops, accumulated elsewhere in the same order (by a
     * {@link RocScan}'s walk over one bin's jets).
     *
     * @param area the sum over signal blocks of signal weight times placement value
     * @param sumSquaresS the same with the placement value squared
     * @param varB the background term: the sum over background blocks of weight times squared deviation
     * @param signal the signal totals
     * @param background the background totals
     * @return the estimate
     */
    static AucEstimate fromSums(double area, double sumSquaresS, double varB, ClassTotals signal,
            ClassTotals background) {
        double auc = area / signal.weight();
        double varS = Math.max(0, sumSquaresS - auc * area);
        double variance = meanVariance(varS, signal) + meanVariance(varB, background);
        return new AucEstimate(Math.min(1.0, Math.max(0.0, auc)), Math.sqrt(variance));
    }

    /** V10 of a signal entry: background weight scoring lower, plus half the tied background, over the total. */
    private static double placementOfSignal(double totalB, double cumulativeB, double tiedB) {
        return (totalB - cumulativeB + tiedB / 2) / totalB;
    }

    /**
     * The variance of a weighted mean from the weighted sum of squared deviations: the unbiased (reliability
     * weights) sample variance {@code sum w (v - mean)^2 / (W - W2/W)} times {@code W2 / W^2}.
     */
    private static double meanVariance(double weightedSquares, ClassTotals totals) {
        double w = totals.weight();
        double neff = totals.effectiveCount();
        if (!(neff > 1)) {
            return Double.NaN;
        }
        double w2 = w * w / neff;
        return weightedSquares / (w - w2 / w) * w2 / (w * w);
    }

    private static double sq(double x) {
        return x * x;
    }

    /**
     * A normal-approximation confidence interval {@code auc +- z * standardError}, clipped to [0, 1].
     *
     * @param confidenceLevel the two-sided level, in (0, 1), for example 0.95
     * @return {@code {lower, upper}}; both NaN if the standard error is NaN
     * @throws IllegalArgumentException if the level is not in (0, 1)
     */
    public double[] interval(double confidenceLevel) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidenceLevel);
        }
        double z = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
            .inverseCumulativeProbability(0.5 + confidenceLevel / 2);
        return new double[] {Math.max(0, auc - z * standardError), Math.min(1, auc + z * standardError)};
    }
}
