package dev.btag.metrics.roc;

import java.util.Arrays;

/**
 * A receiver operating characteristic curve: for each threshold, the fraction of signal (true-positive rate, the
 * tagging efficiency) and of background (false-positive rate, the mistag rate) with a score at or above it. This
 * record is immutable: its arrays are copied in and out.
 *
 * <p>{@link #of(double[], boolean[])} gives the numbers of scikit-learn's {@code roc_curve(signal, scores,
 * drop_intermediate=False)}: point {@code i} has {@code tpr[i]} = (signal weight with score &ge;
 * {@code thresholds[i]}) / (total signal weight), likewise {@code fpr[i]} for the background; thresholds are the
 * distinct scores in strictly descending order, compared exactly; point 0 is (0, 0) at threshold {@code +Infinity} and
 * the last point is (1, 1) at the lowest score. (scikit-learn 1.2 reports {@code max(score) + 1} instead of infinity
 * for the first threshold; from 1.3 on it reports infinity, as here.)
 *
 * <p>For physicists: with b jets as signal, {@code tpr} is the b-tagging efficiency and {@code fpr} the mistag rate;
 * a "ROC" plotted the CMS way has {@code tpr} on x and {@code fpr} on a log y axis.
 *
 * @param thresholds the thresholds, strictly descending, the first {@code +Infinity}; length {@code size()}
 * @param tpr true-positive rates, non-decreasing from 0 to 1
 * @param fpr false-positive rates, non-decreasing from 0 to 1
 * @param signal what the signal class contributed (entries, weight, effective entries)
 * @param background what the background class contributed
 */
public record RocCurve(double[] thresholds, double[] tpr, double[] fpr, ClassTotals signal, ClassTotals background) {

    /** Relative size of the cross product below which three points count as collinear (rates carry rounding). */
    private static final double COLLINEAR_TOLERANCE = 1e-12;

    /**
     * Copies and checks the components.
     *
     * @param thresholds the thresholds, strictly descending
     * @param tpr the true-positive rates
     * @param fpr the false-positive rates
     * @param signal the signal totals
     * @param background the background totals
     * @throws IllegalArgumentException if the arrays differ in length, have fewer than 2 points, the thresholds are
     *     not strictly descending (or contain NaN), the rates are not non-decreasing within [0, 1], or the curve does
     *     not start at (0, 0) and end at (1, 1)
     * @throws NullPointerException if a component is null
     */
    public RocCurve {
        if (thresholds == null || tpr == null || fpr == null || signal == null || background == null) {
            throw new NullPointerException("RocCurve components must not be null");
        }
        thresholds = thresholds.clone();
        tpr = tpr.clone();
        fpr = fpr.clone();
        int n = thresholds.length;
        if (tpr.length != n || fpr.length != n) {
            throw new IllegalArgumentException("thresholds, tpr and fpr have lengths " + n + ", " + tpr.length
                + ", " + fpr.length + "; they must be equal");
        }
        if (n < 2) {
            throw new IllegalArgumentException("a ROC curve needs at least 2 points, got " + n);
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(thresholds[i]) || (i > 0 && !(thresholds[i] < thresholds[i - 1]))) {
                throw new IllegalArgumentException("thresholds[" + i + "] = " + thresholds[i]
                    + ": thresholds must be strictly descending and not NaN");
            }
            checkRate("tpr", tpr, i);
            checkRate("fpr", fpr, i);
        }
        if (tpr[0] != 0 || fpr[0] != 0 || tpr[n - 1] != 1 || fpr[n - 1] != 1) {
            throw new IllegalArgumentException("a ROC curve must start at (0, 0) and end at (1, 1); it goes from ("
                + fpr[0] + ", " + tpr[0] + ") to (" + fpr[n - 1] + ", " + tpr[n - 1] + ")");
        }
    }

    private static void checkRate(String name, double[] rate, int i) {
        if (!(rate[i] >= 0 && rate[i] <= 1) || (i > 0 && rate[i] < rate[i - 1])) {
            throw new IllegalArgumentException(
                name + "[" + i + "] = " + rate[i] + ": rates must be non-decreasing within [0, 1]");
        }
    }

    /**
     * The ROC curve of unweighted scores.
     *
     * @param scores one score per entry (jet); higher means more signal-like; every score must be finite
     * @param signal {@code true} for signal entries, as long as {@code scores}
     * @return the curve, one point per distinct score plus the (0, 0) point
     * @throws IllegalArgumentException if the lengths differ, a score is NaN or infinite (the message names the
     *     index), or there is no signal or no background entry
     */
    public static RocCurve of(double[] scores, boolean[] signal) {
        return fromBlocks(ScoreBlocks.of(scores, signal, null));
    }

    /**
     * The ROC curve of weighted scores; integer weights give the same curve as repeating each entry that many times.
     *
     * @param scores one score per entry; every score must be finite
     * @param signal {@code true} for signal entries, as long as {@code scores}
     * @param weights one weight per entry, finite and non-negative (entries of weight 0 still make their score a
     *     threshold, as in scikit-learn)
     * @return the curve
     * @throws IllegalArgumentException if the lengths differ, a score or weight is invalid (the message names the
     *     array and index), or either class has no entries or zero total weight
     */
    public static RocCurve of(double[] scores, boolean[] signal, double[] weights) {
        if (weights == null) {
            throw new NullPointerException("weights is null; use of(scores, signal) for unit weights");
        }
        return fromBlocks(ScoreBlocks.of(scores, signal, weights));
    }

    /**
     * The ROC curve of unweighted {@code float} scores (as networks produce them), converted exactly to double.
     *
     * @param scores one score per entry; every score must be finite
     * @param signal {@code true} for signal entries
     * @return the curve
     * @throws IllegalArgumentException as {@link #of(double[], boolean[])}
     */
    public static RocCurve of(float[] scores, boolean[] signal) {
        return of(toDouble(scores), signal);
    }

    /**
     * The ROC curve of weighted {@code float} scores, converted exactly to double.
     *
     * @param scores one score per entry; every score must be finite
     * @param signal {@code true} for signal entries
     * @param weights one weight per entry, finite and non-negative
     * @return the curve
     * @throws IllegalArgumentException as {@link #of(double[], boolean[], double[])}
     */
    public static RocCurve of(float[] scores, boolean[] signal, double[] weights) {
        return of(toDouble(scores), signal, weights);
    }

    private static double[] toDouble(float[] scores) {
        if (scores == null) {
            throw new NullPointerException("scores is null");
        }
        double[] d = new double[scores.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = scores[i];
        }
        return d;
    }

    /**
     * The curve of cumulative sums; divides the sums in place (they are not usable afterwards).
     *
     * @param blocks the sums
     * @return the curve
     */
    static RocCurve fromBlocks(ScoreBlocks blocks) {
        int n = blocks.size;
        double[] tpr = blocks.tps;
        double[] fpr = blocks.fps;
        // Divide by the last cumulative sum (as scikit-learn does), so the curve ends at exactly (1, 1).
        double tpTotal = tpr[n - 1];
        double fpTotal = fpr[n - 1];
        for (int k = 1; k < n; k++) {
            tpr[k] /= tpTotal;
            fpr[k] /= fpTotal;
        }
        double[] thresholds = blocks.thresholds;
        if (thresholds.length != n) {
            thresholds = Arrays.copyOf(thresholds, n);
            tpr = Arrays.copyOf(tpr, n);
            fpr = Arrays.copyOf(fpr, n);
        }
        return new RocCurve(thresholds, tpr, fpr, blocks.signal, blocks.background);
    }

    /**
     * The number of points, including the (0, 0) point: one more than the number of distinct scores, unless
     * collinear points were dropped.
     *
     * @return the number of points
     */
    public int size() {
        return thresholds.length;
    }

    /**
     * The thresholds, strictly descending; the first is {@code +Infinity}.
     *
     * @return a copy of the thresholds
     */
    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * The true-positive rates (signal efficiencies), non-decreasing from 0 to 1.
     *
     * @return a copy of the rates
     */
    @Override
    public double[] tpr() {
        return tpr.clone();
    }

    /**
     * The false-positive rates (mistag rates), non-decreasing from 0 to 1.
     *
     * @return a copy of the rates
     */
    @Override
    public double[] fpr() {
        return fpr.clone();
    }

    /**
     * One threshold, without copying the array.
     *
     * @param i the point index, 0 &le; i &lt; {@link #size()}
     * @return {@code thresholds()[i]}
     * @throws ArrayIndexOutOfBoundsException if {@code i} is out of range
     */
    public double threshold(int i) {
        return thresholds[i];
    }

    /**
     * One true-positive rate, without copying the array.
     *
     * @param i the point index, 0 &le; i &lt; {@link #size()}
     * @return {@code tpr()[i]}
     * @throws ArrayIndexOutOfBoundsException if {@code i} is out of range
     */
    public double tpr(int i) {
        return tpr[i];
    }

    /**
     * One false-positive rate, without copying the array.
     *
     * @param i the point index, 0 &le; i &lt; {@link #size()}
     * @return {@code fpr()[i]}
     * @throws ArrayIndexOutOfBoundsException if {@code i} is out of range
     */
    public double fpr(int i) {
        return fpr[i];
    }

    /**
     * The area under the curve by the trapezoid rule over (fpr, tpr), as scikit-learn's {@code auc(fpr, tpr)}. It
     * equals the probability that a random signal entry scores higher than a random background entry, ties counted
     * one half (the Mann&ndash;Whitney U statistic divided by {@code n_signal * n_background}), weighted if the
     * curve was.
     *
     * @return the area, in [0, 1]; 0.5 for a random tagger, 1 for perfect separation
     */
    public double auc() {
        double area = 0;
        for (int i = 1; i < fpr.length; i++) {
            area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]);
        }
        return area / 2;
    }

    /**
     * The same curve without the points that lie on a straight line between their neighbours (for example the
     * interior points of a vertical or horizontal run). The first and last points are always kept; the area is
     * unchanged up to rounding. Because rates carry rounding errors, a point counts as collinear when the cross
     * product of the steps before and after it is below {@code 1e-12} times the product of their L1 lengths. This drops
     * every collinear point, which includes all the points scikit-learn's {@code drop_intermediate=True} drops (it
     * drops only the middle of equal consecutive steps).
     *
     * @return a curve with no three consecutive collinear points
     */
    public RocCurve withoutCollinearPoints() {
        int n = size();
        int[] keep = new int[n];
        int kept = 0;
        keep[kept++] = 0;
        for (int i = 1; i < n - 1; i++) {
            int a = keep[kept - 1];
            double dx1 = fpr[i] - fpr[a];
            double dy1 = tpr[i] - tpr[a];
            double dx2 = fpr[i + 1] - fpr[i];
            double dy2 = tpr[i + 1] - tpr[i];
            double cross = dx1 * dy2 - dy1 * dx2;
            double scale = (Math.abs(dx1) + Math.abs(dy1)) * (Math.abs(dx2) + Math.abs(dy2));
            if (Math.abs(cross) > COLLINEAR_TOLERANCE * scale) {
                keep[kept++] = i;
            }
        }
        keep[kept++] = n - 1;
        return points(keep, kept);
    }

    /**
     * A lighter copy for drawing and storing: at most about {@code maxPoints} of this curve's points, spaced evenly
     * along the curve's path (the sum of the steps in efficiency and mistag rate). Every kept point is an exact point
     * of this curve (same threshold and rates), the first and last are always kept, and a curve of at most
     * {@code maxPoints} points is returned unchanged. The area of the thinned curve differs from {@link #auc()} by at
     * most about {@code 2 / maxPoints}; quote the full curve's AUC.
     *
     * @param maxPoints the largest number of points wanted, at least 2
     * @return this curve, or a thinned copy
     * @throws IllegalArgumentException if {@code maxPoints < 2}
     */
    public RocCurve thinned(int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, got " + maxPoints);
        }
        int n = size();
        if (n <= maxPoints) {
            return this;
        }
        double step = (tpr[n - 1] + fpr[n - 1]) / (maxPoints - 1); // the path length is tpr + fpr at the end: 2
        int[] keep = new int[maxPoints + 1];
        int kept = 0;
        keep[kept++] = 0;
        double next = step;
        for (int i = 1; i < n - 1 && kept < maxPoints - 1; i++) {
            if (tpr[i] + fpr[i] >= next) {
                keep[kept++] = i;
                next = tpr[i] + fpr[i] + step;
            }
        }
        keep[kept++] = n - 1;
        return points(keep, kept);
    }

    /** The curve of the points {@code keep[0..kept)} of this one, in that order (exact copies of them). */
    private RocCurve points(int[] keep, int kept) {
        double[] t = new double[kept];
        double[] y = new double[kept];
        double[] x = new double[kept];
        for (int k = 0; k < kept; k++) {
            t[k] = thresholds[keep[k]];
            y[k] = tpr[keep[k]];
            x[k] = fpr[keep[k]];
        }
        return new RocCurve(t, y, x, signal, background);
    }

    /**
     * Compares thresholds, rates and totals by value.
     *
     * @param other the other object
     * @return whether {@code other} is a {@code RocCurve} with equal arrays and totals
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof RocCurve r
            && Arrays.equals(thresholds, r.thresholds) && Arrays.equals(tpr, r.tpr) && Arrays.equals(fpr, r.fpr)
            && signal.equals(r.signal) && background.equals(r.background);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(thresholds) + Arrays.hashCode(tpr)) + Arrays.hashCode(fpr))
            + signal.hashCode() * 7 + background.hashCode();
    }

    /**
     * A short summary: number of points, AUC and class totals (not the arrays).
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return "RocCurve[points=" + size() + ", auc=" + auc() + ", signal=" + signal + ", background=" + background
            + "]";
    }
}
