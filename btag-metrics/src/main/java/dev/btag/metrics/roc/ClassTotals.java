package dev.btag.metrics.roc;

/**
 * How much of one class (signal or background) entered a ROC computation. This record is immutable.
 *
 * @param count the number of entries (jets), whatever their weights
 * @param weight the sum of the weights; equal to {@code count} for unweighted input
 * @param effectiveCount Kish's effective number of entries {@code (sum w)^2 / sum w^2}; equal to {@code count} for
 *     unweighted input and {@code 0} when the weight is zero. Binomial uncertainties of rates use it.
 */
public record ClassTotals(long count, double weight, double effectiveCount) {

    /**
     * Checks the components.
     *
     * @param count the number of entries
     * @param weight the sum of weights
     * @param effectiveCount the effective number of entries
     * @throws IllegalArgumentException if a component is negative or not finite
     */
    public ClassTotals {
        if (count < 0 || !(weight >= 0) || !(effectiveCount >= 0)
            || Double.isInfinite(weight) || Double.isInfinite(effectiveCount)) {
            throw new IllegalArgumentException(
                "invalid class totals: count " + count + ", weight " + weight + ", effective count " + effectiveCount);
        }
    }

    /**
     * Totals of unweighted entries.
     *
     * @param count the number of entries
     * @return totals with weight and effective count equal to {@code count}
     */
    public static ClassTotals unweighted(long count) {
        return new ClassTotals(count, count, count);
    }

    /**
     * Totals from a sum of weights and a sum of squared weights.
     *
     * @param count the number of entries
     * @param sumWeights the sum of their weights
     * @param sumSquaredWeights the sum of their squared weights
     * @return the totals, with effective count {@code sumWeights^2 / sumSquaredWeights} (0 if that is 0)
     */
    public static ClassTotals weighted(long count, double sumWeights, double sumSquaredWeights) {
        double effective = sumSquaredWeights > 0 ? sumWeights * sumWeights / sumSquaredWeights : 0.0;
        return new ClassTotals(count, sumWeights, effective);
    }
}
