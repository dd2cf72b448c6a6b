package dev.btag.metrics.efficiency;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Overflow;
import java.util.Arrays;

/**
 * The efficiency of a selection in bins of a variable, for example the b-tagging efficiency or the mistag rate
 * versus jet p<sub>T</sub> at a working point, with Clopper&ndash;Pearson intervals. This record is immutable: its
 * arrays are copied in and out.
 *
 * <p>Entries outside the binning and entries whose variable is NaN are left out. A bin without entries has
 * efficiency NaN and the interval [0, 1]. With weights, the efficiency is the passing fraction of the weight and the
 * interval is computed for Kish's effective counts ({@code n_eff = (sum w)^2 / sum w^2}, {@code k_eff = eff * n_eff}).
 *
 * @param binning the bins of the variable
 * @param passed the passing count (sum of weights) per bin
 * @param total the count (sum of weights) per bin
 * @param efficiency {@code passed / total} per bin, NaN for empty bins
 * @param lower the lower bound of the interval per bin
 * @param upper the upper bound of the interval per bin
 * @param confidenceLevel the confidence level of the intervals
 */
public record BinnedEfficiency(Binning binning, double[] passed, double[] total, double[] efficiency,
                               double[] lower, double[] upper, double confidenceLevel) {

    /**
     * Copies and checks the components.
     *
     * @param binning the bins
     * @param passed the passing counts
     * @param total the counts
     * @param efficiency the efficiencies
     * @param lower the lower bounds
     * @param upper the upper bounds
     * @param confidenceLevel the confidence level
     * @throws IllegalArgumentException if an array does not have one entry per bin
     * @throws NullPointerException if a component is null
     */
    public BinnedEfficiency {
        if (binning == null || passed == null || total == null || efficiency == null || lower == null
            || upper == null) {
            throw new NullPointerException("BinnedEfficiency components must not be null");
        }
        passed = passed.clone();
        total = total.clone();
        efficiency = efficiency.clone();
        lower = lower.clone();
        upper = upper.clone();
        int bins = binning.bins();
        for (double[] a : new double[][] {passed, total, efficiency, lower, upper}) {
            if (a.length != bins) {
                throw new IllegalArgumentException("an array has " + a.length + " entries for " + bins + " bins");
            }
        }
    }

    /**
     * Efficiencies of unweighted entries with 68.27% Clopper&ndash;Pearson intervals.
     *
     * @param binning the bins of the variable
     * @param variable the variable per entry (for example jet p<sub>T</sub> in GeV)
     * @param pass whether each entry passes the selection, as long as {@code variable}
     * @return the binned efficiency
     * @throws IllegalArgumentException if the lengths differ
     */
    public static BinnedEfficiency of(Binning binning, double[] variable, boolean[] pass) {
        return of(binning, variable, pass, null, ClopperPearson.ONE_SIGMA);
    }

    /**
     * Efficiencies of possibly weighted entries with Clopper&ndash;Pearson intervals at a given level; entries at or
     * above the last edge are left out ({@link Overflow#LEFT_OUT}).
     *
     * @param binning the bins of the variable
     * @param variable the variable per entry
     * @param pass whether each entry passes the selection
     * @param weights the weight per entry, finite and non-negative, or {@code null} for unit weights
     * @param confidenceLevel the confidence level, in (0, 1)
     * @return the binned efficiency
     * @throws IllegalArgumentException if the lengths differ, a weight is negative or not finite (the message names
     *     the index), or the level is not in (0, 1)
     */
    public static BinnedEfficiency of(Binning binning, double[] variable, boolean[] pass, double[] weights,
                                      double confidenceLevel) {
        return of(binning, variable, pass, weights, confidenceLevel, Overflow.LEFT_OUT);
    }

    /**
     * Efficiencies of possibly weighted entries with Clopper&ndash;Pearson intervals at a given level, with an
     * explicit overflow policy.
     *
     * @param binning the bins of the variable
     * @param variable the variable per entry
     * @param pass whether each entry passes the selection
     * @param weights the weight per entry, finite and non-negative, or {@code null} for unit weights
     * @param confidenceLevel the confidence level, in (0, 1)
     * @param overflow whether entries at or above the last edge are left out or counted in the last bin
     * @return the binned efficiency
     * @throws IllegalArgumentException if the lengths differ, a weight is negative or not finite (the message names
     *     the index), or the level is not in (0, 1)
     */
    public static BinnedEfficiency of(Binning binning, double[] variable, boolean[] pass, double[] weights,
                                      double confidenceLevel, Overflow overflow) {
        if (pass.length != variable.length || (weights != null && weights.length != variable.length)) {
            throw new IllegalArgumentException("variable has " + variable.length + " entries but pass has "
                + pass.length + (weights == null ? "" : " and weights " + weights.length) + "; lengths must match");
        }
        int bins = binning.bins();
        double[] passed = new double[bins];
        double[] total = new double[bins];
        double[] totalSq = weights == null ? null : new double[bins];
        for (int i = 0; i < variable.length; i++) {
            double w = 1;
            if (weights != null) {
                w = weights[i];
                if (!Double.isFinite(w) || w < 0) {
                    throw new IllegalArgumentException(
                        "weights[" + i + "] is " + w + ": weights must be finite and non-negative");
                }
            }
            int bin = binning.bin(variable[i], overflow);
            if (bin < 0) {
                continue;
            }
            total[bin] += w;
            if (totalSq != null) {
                totalSq[bin] += w * w;
            }
            if (pass[i]) {
                passed[bin] += w;
            }
        }
        return fromSums(binning, passed, total, totalSq, confidenceLevel);
    }

    /**
     * Efficiencies from per-bin sums that were counted elsewhere (for example from a sorted pass over the scores).
     *
     * @param binning the bins
     * @param passed the passing count or weight per bin
     * @param total the count or weight per bin, at least {@code passed}
     * @param totalSquares the sum of squared weights per bin, for Kish's effective counts, or {@code null} for unit
     *     weights (then {@code passed} and {@code total} are counts)
     * @param confidenceLevel the confidence level, in (0, 1)
     * @return the binned efficiency; empty bins have efficiency NaN and the interval [0, 1]
     * @throws IllegalArgumentException if an array does not have one entry per bin or the level is not in (0, 1)
     */
    public static BinnedEfficiency fromSums(Binning binning, double[] passed, double[] total, double[] totalSquares,
                                            double confidenceLevel) {
        int bins = binning.bins();
        if (passed.length != bins || total.length != bins || (totalSquares != null && totalSquares.length != bins)) {
            throw new IllegalArgumentException("per-bin sums must have one entry per bin (" + bins + ")");
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidenceLevel);
        }
        double[] efficiency = new double[bins];
        double[] lower = new double[bins];
        double[] upper = new double[bins];
        for (int b = 0; b < bins; b++) {
            if (!(total[b] > 0)) {
                efficiency[b] = Double.NaN;
                lower[b] = 0;
                upper[b] = 1;
                continue;
            }
            double eff = Math.min(1.0, passed[b] / total[b]);
            double nEff = totalSquares == null ? total[b] : total[b] * total[b] / totalSquares[b];
            ClopperPearson.Interval interval = ClopperPearson.interval(eff * nEff, nEff, confidenceLevel);
            efficiency[b] = eff;
            lower[b] = interval.lower();
            upper[b] = interval.upper();
        }
        return new BinnedEfficiency(binning, passed, total, efficiency, lower, upper, confidenceLevel);
    }

    /**
     * The passing counts per bin.
     *
     * @return a copy
     */
    @Override
    public double[] passed() {
        return passed.clone();
    }

    /**
     * The counts per bin.
     *
     * @return a copy
     */
    @Override
    public double[] total() {
        return total.clone();
    }

    /**
     * The efficiencies per bin, NaN for empty bins.
     *
     * @return a copy
     */
    @Override
    public double[] efficiency() {
        return efficiency.clone();
    }

    /**
     * The lower interval bounds per bin.
     *
     * @return a copy
     */
    @Override
    public double[] lower() {
        return lower.clone();
    }

    /**
     * The upper interval bounds per bin.
     *
     * @return a copy
     */
    @Override
    public double[] upper() {
        return upper.clone();
    }

    /**
     * Compares components by value.
     *
     * @param other the other object
     * @return whether {@code other} is an equal binned efficiency
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof BinnedEfficiency e && binning.equals(e.binning) && Arrays.equals(passed, e.passed)
            && Arrays.equals(total, e.total) && Arrays.equals(efficiency, e.efficiency)
            && Arrays.equals(lower, e.lower) && Arrays.equals(upper, e.upper)
            && Double.compare(confidenceLevel, e.confidenceLevel) == 0;
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * binning.hashCode() + Arrays.hashCode(passed) + 7 * Arrays.hashCode(total)
            + Double.hashCode(confidenceLevel);
    }

    /**
     * The efficiencies as text.
     *
     * @return a summary
     */
    @Override
    public String toString() {
        return "BinnedEfficiency[" + binning + ", efficiency=" + Arrays.toString(efficiency) + ", confidenceLevel="
            + confidenceLevel + "]";
    }
}
