package dev.btag.metrics.efficiency;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * The Clopper&ndash;Pearson confidence interval of a binomial proportion, from quantiles of the Beta distribution
 * (Commons Math {@link BetaDistribution}): for {@code k} passing out of {@code n}, the lower bound is
 * {@code Beta(alpha/2; k, n-k+1)} (0 when {@code k = 0}) and the upper bound {@code Beta(1-alpha/2; k+1, n-k)} (1
 * when {@code k = n}), with {@code alpha = 1 - confidenceLevel}. Non-integer (effective) counts are accepted.
 */
public final class ClopperPearson {

    /** One standard deviation of a normal distribution: 68.27%. */
    public static final double ONE_SIGMA = 0.6826894921370859;

    private ClopperPearson() {
    }

    /**
     * A confidence interval. This record is immutable.
     *
     * @param lower the lower bound, in [0, 1]
     * @param upper the upper bound, in [lower, 1]
     */
    public record Interval(double lower, double upper) {
    }

    /**
     * The interval for {@code passed} out of {@code total} at the given confidence level.
     *
     * @param passed the passing count, 0 &le; passed &le; total (may be non-integer for effective counts)
     * @param total the total count, positive
     * @param confidenceLevel the confidence level, in (0, 1), for example {@link #ONE_SIGMA} or 0.95
     * @return the interval
     * @throws IllegalArgumentException if the counts are negative, not finite, {@code passed > total},
     *     {@code total == 0}, or the level is not in (0, 1)
     */
    public static Interval interval(double passed, double total, double confidenceLevel) {
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidenceLevel);
        }
        if (!(total > 0) || !(passed >= 0) || passed > total || Double.isInfinite(total)) {
            throw new IllegalArgumentException(
                "need 0 <= passed <= total and total > 0, finite; got passed " + passed + ", total " + total);
        }
        double alpha = 1 - confidenceLevel;
        double lower = passed == 0 ? 0.0
            : new BetaDistribution(null, passed, total - passed + 1).inverseCumulativeProbability(alpha / 2);
        double upper = passed == total ? 1.0
            : new BetaDistribution(null, passed + 1, total - passed).inverseCumulativeProbability(1 - alpha / 2);
        return new Interval(lower, upper);
    }
}
