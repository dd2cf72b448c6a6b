package dev.btag.metrics.efficiency;

import dev.btag.metrics.binning.Binning;
import java.util.Arrays;
import java.util.Objects;

/**
 * A two-dimensional efficiency table, for example the b-tagging efficiency of b jets at one working point over
 * jet p<sub>T</sub> &times; |&eta;| bins, as the scale-factor method of an analysis multiplies it into event weights.
 * This record is immutable: its arrays are copied in and out. Every array is indexed {@code [xBin][yBin]}.
 *
 * <p>Bins follow {@link dev.btag.metrics.binning.Overflow#LAST_BIN}: bin {@code i} is {@code [edge_i, edge_i+1)},
 * the last bin also takes everything at or above its lower edge, and entries below the first edge (or NaN) are left
 * out. {@code passed} and {@code total} are always entry (jet) counts. With weights, {@code weightedPassed} and
 * {@code weightedTotal} hold the sums of weights, the efficiency is their ratio, and the Clopper&ndash;Pearson
 * interval is computed for Kish's effective counts ({@code n_eff = (sum w)^2 / sum w^2}, {@code k_eff = eff * n_eff}),
 * as {@link BinnedEfficiency} does; without weights both weighted arrays are {@code null}. An empty cell has
 * efficiency NaN and the interval [0, 1].
 *
 * @param x the bins of the first variable (rows), for example jet p<sub>T</sub> in GeV
 * @param y the bins of the second variable (columns), for example |&eta;|
 * @param passed the number of passing entries per cell
 * @param total the number of entries per cell
 * @param weightedPassed the passing weight per cell, or {@code null} without weights
 * @param weightedTotal the weight per cell, or {@code null} without weights
 * @param efficiency the efficiency per cell, NaN for empty cells
 * @param lower the lower bound of the Clopper&ndash;Pearson interval per cell
 * @param upper the upper bound of the Clopper&ndash;Pearson interval per cell
 * @param confidenceLevel the confidence level of the intervals
 */
public record EfficiencyMap(Binning x, Binning y, double[][] passed, double[][] total, double[][] weightedPassed,
                            double[][] weightedTotal, double[][] efficiency, double[][] lower, double[][] upper,
                            double confidenceLevel) {

    /**
     * Copies and checks the components.
     *
     * @param x the row bins
     * @param y the column bins
     * @param passed the passing counts
     * @param total the counts
     * @param weightedPassed the passing weights, or {@code null}
     * @param weightedTotal the weights, or {@code null} (exactly when {@code weightedPassed} is)
     * @param efficiency the efficiencies
     * @param lower the lower bounds
     * @param upper the upper bounds
     * @param confidenceLevel the confidence level, in (0, 1)
     * @throws IllegalArgumentException if an array is not {@code x.bins()} by {@code y.bins()}, only one weighted
     *     array is given, or the level is not in (0, 1)
     */
    public EfficiencyMap {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if ((weightedPassed == null) != (weightedTotal == null)) {
            throw new IllegalArgumentException("weightedPassed and weightedTotal must both be given or both be null");
        }
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidenceLevel);
        }
        passed = copy("passed", passed, x, y);
        total = copy("total", total, x, y);
        weightedPassed = weightedPassed == null ? null : copy("weightedPassed", weightedPassed, x, y);
        weightedTotal = weightedTotal == null ? null : copy("weightedTotal", weightedTotal, x, y);
        efficiency = copy("efficiency", efficiency, x, y);
        lower = copy("lower", lower, x, y);
        upper = copy("upper", upper, x, y);
    }

    private static double[][] copy(String name, double[][] a, Binning x, Binning y) {
        Objects.requireNonNull(a, name);
        if (a.length != x.bins()) {
            throw new IllegalArgumentException(name + " has " + a.length + " rows for " + x.bins() + " bins");
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != y.bins()) {
                throw new IllegalArgumentException(name + "[" + i + "] has " + a[i].length + " entries for "
                    + y.bins() + " bins");
            }
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[][] copyOut(double[][] a) {
        if (a == null) {
            return null;
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /**
     * A map from per-cell sums counted elsewhere; computes the efficiencies and intervals.
     *
     * @param x the row bins
     * @param y the column bins
     * @param passed the passing counts per cell
     * @param total the counts per cell
     * @param weightedPassed the passing weights per cell, or {@code null} for unweighted entries
     * @param weightedTotal the weights per cell, or {@code null}
     * @param weightedTotalSquares the sums of squared weights per cell, or {@code null}
     * @param confidenceLevel the confidence level, in (0, 1)
     * @return the map
     * @throws IllegalArgumentException as the constructor
     */
    public static EfficiencyMap fromSums(Binning x, Binning y, double[][] passed, double[][] total,
            double[][] weightedPassed, double[][] weightedTotal, double[][] weightedTotalSquares,
            double confidenceLevel) {
        boolean weighted = weightedPassed != null;
        double[][] num = weighted ? weightedPassed : passed;
        double[][] den = weighted ? weightedTotal : total;
        int nx = x.bins();
        int ny = y.bins();
        double[][] efficiency = new double[nx][ny];
        double[][] lower = new double[nx][ny];
        double[][] upper = new double[nx][ny];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                if (!(den[i][j] > 0)) {
                    efficiency[i][j] = Double.NaN;
                    lower[i][j] = 0;
                    upper[i][j] = 1;
                    continue;
                }
                double eff = Math.min(1.0, num[i][j] / den[i][j]);
                double nEff = weighted ? den[i][j] * den[i][j] / weightedTotalSquares[i][j] : den[i][j];
                ClopperPearson.Interval interval = ClopperPearson.interval(eff * nEff, nEff, confidenceLevel);
                efficiency[i][j] = eff;
                lower[i][j] = interval.lower();
                upper[i][j] = interval.upper();
            }
        }
        return new EfficiencyMap(x, y, passed, total, weightedPassed, weightedTotal, efficiency, lower, upper,
            confidenceLevel);
    }

    /**
     * Whether the map was filled with weights.
     *
     * @return {@code weightedPassed() != null}
     */
    public boolean weighted() {
        return weightedPassed != null;
    }

    /**
     * The passing counts.
     *
     * @return a copy, {@code [xBin][yBin]}
     */
    @Override
    public double[][] passed() {
        return copyOut(passed);
    }

    /**
     * The counts.
     *
     * @return a copy, {@code [xBin][yBin]}
     */
    @Override
    public double[][] total() {
        return copyOut(total);
    }

    /**
     * The passing weights.
     *
     * @return a copy, or {@code null} for an unweighted map
     */
    @Override
    public double[][] weightedPassed() {
        return copyOut(weightedPassed);
    }

    /**
     * The weights.
     *
     * @return a copy, or {@code null} for an unweighted map
     */
    @Override
    public double[][] weightedTotal() {
        return copyOut(weightedTotal);
    }

    /**
     * The efficiencies.
     *
     * @return a copy, NaN for empty cells
     */
    @Override
    public double[][] efficiency() {
        return copyOut(efficiency);
    }

    /**
     * The lower interval bounds.
     *
     * @return a copy
     */
    @Override
    public double[][] lower() {
        return copyOut(lower);
    }

    /**
     * The upper interval bounds.
     *
     * @return a copy
     */
    @Override
    public double[][] upper() {
        return copyOut(upper);
    }

    /**
     * One cell's efficiency, without copying.
     *
     * @param xBin the row
     * @param yBin the column
     * @return the efficiency, NaN if the cell is empty
     */
    public double efficiency(int xBin, int yBin) {
        return efficiency[xBin][yBin];
    }

    /**
     * Compares components by value.
     *
     * @param other the other object
     * @return whether {@code other} is an equal map
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof EfficiencyMap m && x.equals(m.x) && y.equals(m.y)
            && Arrays.deepEquals(passed, m.passed) && Arrays.deepEquals(total, m.total)
            && Arrays.deepEquals(weightedPassed, m.weightedPassed) && Arrays.deepEquals(weightedTotal, m.weightedTotal)
            && Arrays.deepEquals(efficiency, m.efficiency) && Arrays.deepEquals(lower, m.lower)
            && Arrays.deepEquals(upper, m.upper) && Double.compare(confidenceLevel, m.confidenceLevel) == 0;
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(x, y, Arrays.deepHashCode(passed), Arrays.deepHashCode(total), confidenceLevel);
    }

    /**
     * The map as text.
     *
     * @return a summary
     */
    @Override
    public String toString() {
        return "EfficiencyMap[" + x + " x " + y + ", efficiency=" + Arrays.deepToString(efficiency)
            + (weighted() ? ", weighted" : "") + "]";
    }
}
