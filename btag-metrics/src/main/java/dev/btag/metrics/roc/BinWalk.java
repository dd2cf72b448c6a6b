package dev.btag.metrics.roc;

import dev.btag.metrics.binning.BinnedVariable;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Overflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Every bin's ROC curve (thinned) and AUC with DeLong's error for one overflow policy, without materialising any
 * bin's full curve. One pass splits the jets of a {@link RocScan}'s walk ({@link WalkOrder}) by bin, keeping the walk
 * order and each jet's block (its distinct score); then three tight passes over each bin's jets give its totals, the
 * sums of {@link AucEstimate}'s first loop, and its second loop with the thinned curve, with the same arithmetic in
 * the same order as {@link RocCurve#of}, {@link RocCurve#thinned(int)} and {@link AucEstimate#delong} on the bin's
 * jets alone, so the numbers are equal. Package-private; not thread-safe (one walk per call).
 */
final class BinWalk {

    /** The bits of a split entry that hold its block (the main curve's point). */
    private static final int BLOCK = WalkOrder.SIGNAL - 1;

    private final WalkOrder order;
    private final RocCurve roc;
    private final int[][] slotOfCell;
    private final List<BinnedVariable> variables;
    private final Overflow overflow;
    private final int maxPoints;

    BinWalk(WalkOrder order, RocCurve roc, int[][] slotOfCell, List<BinnedVariable> variables, Overflow overflow,
            int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, got " + maxPoints);
        }
        if (roc.size() > BLOCK) {
            throw new IllegalArgumentException("more than " + BLOCK + " distinct scores");
        }
        this.order = order;
        this.roc = roc;
        this.slotOfCell = slotOfCell;
        this.variables = variables;
        this.overflow = overflow;
        this.maxPoints = maxPoints;
    }

    /**
     * Computes every variable's bins.
     *
     * @return one result per variable, in order
     */
    List<BinnedRoc> run() {
        int cells = slotOfCell.length == 0 ? 0 : slotOfCell[0].length;
        int vars = variables.size();
        int[][] binOfCell = new int[vars][cells];
        int[] first = new int[vars];
        int bins = 0;
        for (int v = 0; v < vars; v++) {
            BinnedVariable variable = variables.get(v);
            first[v] = bins;
            for (int c = 0; c < cells; c++) {
                int s = slotOfCell[v][c];
                int b = s < 0 ? -1 : variable.binOfSlot(s, overflow);
                binOfCell[v][c] = b < 0 ? -1 : bins + b;
            }
            bins += variable.binning().bins();
        }
        int[] entries = order.entries;
        double[] weights = order.weights;
        int[] start = new int[bins + 1];
        for (int e : entries) {
            int cell = e & WalkOrder.CELL;
            for (int v = 0; v < vars; v++) {
                int g = binOfCell[v][cell];
                if (g >= 0) {
                    start[g + 1]++;
                }
            }
        }
        for (int g = 0; g < bins; g++) {
            start[g + 1] += start[g];
        }
        int[] split = new int[start[bins]];
        double[] splitW = weights == null ? null : new double[split.length];
        int[] at = java.util.Arrays.copyOf(start, bins);
        int block = 0;
        for (int q = 0; q < entries.length; q++) {
            int e = entries[q];
            if (e < 0) {
                block++;
            }
            int cell = e & WalkOrder.CELL;
            int packed = block | (e & WalkOrder.SIGNAL);
            for (int v = 0; v < vars; v++) {
                int g = binOfCell[v][cell];
                if (g >= 0) {
                    int p = at[g]++;
                    split[p] = packed;
                    if (splitW != null) {
                        splitW[p] = weights[q];
                    }
                }
            }
        }
        List<BinnedRoc> out = new ArrayList<>(vars);
        for (int v = 0; v < vars; v++) {
            Binning binning = variables.get(v).binning();
            List<RocBin> list = new ArrayList<>(binning.bins());
            for (int b = 0; b < binning.bins(); b++) {
                int g = first[v] + b;
                list.add(bin(split, splitW, start[g], start[g + 1], binning, b));
            }
            out.add(new BinnedRoc(variables.get(v).name(), binning, overflow, list));
        }
        return out;
    }

    /** One bin's result from its jets {@code [from, to)} of the split arrays. */
    private RocBin bin(int[] split, double[] w, int from, int to, Binning binning, int b) {
        double upper = overflow == Overflow.LAST_BIN && b == binning.bins() - 1 ? Double.POSITIVE_INFINITY
            : binning.upper(b);
        long nS = 0;
        double tp = 0;
        double fp = 0;
        double s2 = 0;
        double b2 = 0;
        for (int k = from; k < to; k++) {
            double x = w == null ? 1 : w[k];
            if ((split[k] & WalkOrder.SIGNAL) != 0) {
                nS++;
                tp += x;
                s2 += x * x;
            } else {
                fp += x;
                b2 += x * x;
            }
        }
        long nB = to - from - nS;
        ClassTotals s = w == null ? ClassTotals.unweighted(nS) : ClassTotals.weighted(nS, tp, s2);
        ClassTotals bg = w == null ? ClassTotals.unweighted(nB) : ClassTotals.weighted(nB, fp, b2);
        if (nS == 0 || nB == 0 || !(s.weight() > 0) || !(bg.weight() > 0)) {
            return new RocBin(binning.lower(b), upper, s, bg, new AucEstimate(Double.NaN, Double.NaN), null);
        }
        double[] first = firstLoop(split, w, from, to, s.weight(), bg.weight());
        double area = first[0];
        int points = (int) first[2];
        double auc = area / s.weight();
        Thinned curve = new Thinned(points, maxPoints);
        double varB = secondLoop(split, w, from, to, s.weight(), bg.weight(), auc, curve);
        return new RocBin(binning.lower(b), upper, s, bg, AucEstimate.fromSums(area, first[1], varB, s, bg),
            curve.curve(s, bg));
    }

    /** AucEstimate.fromBlocks's first loop over the bin's blocks: {area, sumSquaresS, number of points}. */
    private static double[] firstLoop(int[] split, double[] w, int from, int to, double totalS, double totalB) {
        double invB = 1 / totalB;
        double area = 0;
        double sumSquaresS = 0;
        double tp = 0;
        double fp = 0;
        double tpBefore = 0;
        double fpBefore = 0;
        int points = 1;
        int block = split[from] & BLOCK;
        for (int k = from; k < to; k++) {
            int e = split[k];
            if ((e & BLOCK) != block) {
                double s = tp - tpBefore;
                double v = (totalB - fp + (fp - fpBefore) / 2) * invB;
                area += s * v;
                sumSquaresS += s * v * v;
                tpBefore = tp;
                fpBefore = fp;
                points++;
                block = e & BLOCK;
            }
            double x = w == null ? 1 : w[k];
            if ((e & WalkOrder.SIGNAL) != 0) {
                tp += x;
            } else {
                fp += x;
            }
        }
        double s = tp - tpBefore;
        double v = (totalB - fp + (fp - fpBefore) / 2) * invB;
        area += s * v;
        sumSquaresS += s * v * v;
        return new double[] {area, sumSquaresS, points + 1};
    }

    /** AucEstimate.fromBlocks's second loop (background variance term), feeding the thinned curve its points. */
    private double secondLoop(int[] split, double[] w, int from, int to, double totalS, double totalB, double auc,
            Thinned curve) {
        double invS = 1 / totalS;
        double invB = 1 / totalB;
        double varB = 0;
        double tp = 0;
        double fp = 0;
        double tpBefore = 0;
        double fpBefore = 0;
        int point = 0;
        int block = split[from] & BLOCK;
        for (int k = from; k <= to; k++) {
            int e = k < to ? split[k] : -1;
            if (k == to || (e & BLOCK) != block) {
                double b = fp - fpBefore;
                if (b != 0) {
                    double d = (tpBefore + (tp - tpBefore) / 2) * invS - auc;
                    varB += b * d * d;
                }
                point++;
                curve.add(point, block, tp, fp, totalS, totalB, tp * invS + fp * invB);
                tpBefore = tp;
                fpBefore = fp;
                if (k == to) {
                    break;
                }
                block = e & BLOCK;
            }
            double x = w == null ? 1 : w[k];
            if ((e & WalkOrder.SIGNAL) != 0) {
                tp += x;
            } else {
                fp += x;
            }
        }
        return varB;
    }

    /** The points {@link RocCurve#thinned(int)} keeps of a curve of known size, fed one point at a time. */
    private final class Thinned {
        private final int size;
        private final double step;
        private double next;
        private final double[] t;
        private final double[] y;
        private final double[] x;
        private int kept = 1;

        Thinned(int size, int maxPoints) {
            this.size = size;
            int capacity = Math.min(size, maxPoints);
            t = new double[capacity];
            y = new double[capacity];
            x = new double[capacity];
            t[0] = Double.POSITIVE_INFINITY;
            step = 2.0 / (maxPoints - 1);
            next = size <= maxPoints ? Double.NEGATIVE_INFINITY : step;
        }

        /**
         * Point k of the curve (1 to size - 1): the main curve's point of its score, its cumulative weights, the
         * totals, and {@code tpr + fpr} from multiplications by the inverse totals (within a few ulps of the divided
         * rates; it only skips the divisions for points that are clearly not kept).
         */
        void add(int k, int block, double tp, double fp, double tpTotal, double fpTotal, double approx) {
            if (k == size - 1) {
                keep(roc.threshold(block), tp / tpTotal, fp / fpTotal);
            } else if (kept < t.length - 1 && approx >= next - 1e-9) {
                double tpr = tp / tpTotal;
                double fpr = fp / fpTotal;
                if (tpr + fpr >= next) {
                    keep(roc.threshold(block), tpr, fpr);
                    if (size > t.length) {
                        next = tpr + fpr + step;
                    }
                }
            }
        }

        private void keep(double threshold, double tpr, double fpr) {
            t[kept] = threshold;
            y[kept] = tpr;
            x[kept] = fpr;
            kept++;
        }

        RocCurve curve(ClassTotals s, ClassTotals bg) {
            if (kept == t.length) {
                return new RocCurve(t, y, x, s, bg);
            }
            return new RocCurve(java.util.Arrays.copyOf(t, kept), java.util.Arrays.copyOf(y, kept),
                java.util.Arrays.copyOf(x, kept), s, bg);
        }
    }
}
