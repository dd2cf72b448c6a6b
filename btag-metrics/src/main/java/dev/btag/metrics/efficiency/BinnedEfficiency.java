package dev.btag.metrics.efficiency;

import dev.btag.metrics.binning.Binning;
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
     * Efficiencies of possibly weighted entries with Clopper&ndash;Pearson intervals at a given level.
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
        if (pass.length != variable.length || (weights != null && weights.length != variable.length)) {
            throw new IllegalArgumentException("variable has " + variable.length + " entries but pass has "
                + pass.length + (weights == null ? "" : " and weights " + weights.length) + "; lengths must match");
        }
        int bins = binning.bins();
        double[] passed = new double[bins];
        double[] total = new double[bins];
        double[] passedSq = new double[bins];
        double[] totalSq = new double[bins];
        for (int i = 0; i < variable.length; i++) {
            double w = 1;
            if (weights != null) {
                w = weights[i];
                if (!Double.isFinite(w) || w < 0) {
                    throw new IllegalArgumentException(
                        "weights[" + i + "] is " + w + ": weights must be finite and non-negative");
                }
            }
            if (Double.isNaN(variable[i])) {
                continue;
            }
            int bin = binning.indexOf(variable[i]);
            if (bin < 0 || bin >= bins) {
                continue;
            }
            total[bin] += w;
            totalSq[bin] += w * w;
            if (pass[i]) {
                passed[bin] += w;
                passedSq[bin] += w * w;
            }
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
            double nEff = weights == null ? total[b] : total[b] * total[b] / totalSq[b];
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
