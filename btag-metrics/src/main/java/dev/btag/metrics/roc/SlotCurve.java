package dev.btag.metrics.roc;

/**
 * The ROC curve of the jets in one slot (one bin) of a binned variable, grown point by point during a
 * {@link RocScan}'s walk down the sorted scores: cumulative signal and background weight per distinct score, with
 * the point (0, 0) at {@code +Infinity} in front, and the slot's totals. Package-private; not thread-safe while it
 * grows, read-only afterwards.
 */
final class SlotCurve {

    double[] thresholds;
    double[] tps;
    double[] fps;
    int size = 1; // point 0: +Infinity, (0, 0)
    double tp;
    double fp;
    double tpSquares;
    double fpSquares;
    long signalCount;
    long backgroundCount;
    int lastBlock = -1;

    /**
     * An empty curve.
     *
     * @param capacity the number of points it will hold at most: its jets plus one
     */
    SlotCurve(int capacity) {
        thresholds = new double[Math.max(2, capacity)];
        tps = new double[thresholds.length];
        fps = new double[thresholds.length];
        thresholds[0] = Double.POSITIVE_INFINITY;
    }

    void append(double threshold) {
        if (size == thresholds.length) {
            int capacity = size * 2;
            thresholds = java.util.Arrays.copyOf(thresholds, capacity);
            tps = java.util.Arrays.copyOf(tps, capacity);
            fps = java.util.Arrays.copyOf(fps, capacity);
        }
        thresholds[size] = threshold;
        tps[size] = tp;
        fps[size] = fp;
        size++;
    }

    ClassTotals signalTotals(boolean weighted) {
        return weighted ? ClassTotals.weighted(signalCount, tp, tpSquares) : ClassTotals.unweighted(signalCount);
    }

    ClassTotals backgroundTotals(boolean weighted) {
        return weighted ? ClassTotals.weighted(backgroundCount, fp, fpSquares)
            : ClassTotals.unweighted(backgroundCount);
    }

    /** The cumulative signal and background weight at or above a cut: index of the last point with t >= cut. */
    int pointAt(double cut) {
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (thresholds[mid] >= cut) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * The curve as {@link RocCurve#fromBlocks} followed by {@link RocCurve#thinned(int)} would give it, without
     * copying the full arrays (they stay in the scan, unchanged).
     */
    RocCurve thinned(int maxPoints, ClassTotals s, ClassTotals bg) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, got " + maxPoints);
        }
        int n = size;
        double tpTotal = tps[n - 1];
        double fpTotal = fps[n - 1];
        int capacity = Math.min(n, maxPoints);
        double[] t = new double[capacity];
        double[] y = new double[capacity];
        double[] x = new double[capacity];
        t[0] = thresholds[0];
        int kept = 1;
        double step = 2.0 / (maxPoints - 1);
        double next = n <= maxPoints ? Double.NEGATIVE_INFINITY : step;
        for (int k = 1; k < n - 1 && kept < capacity - 1; k++) {
            double tpr = tps[k] / tpTotal;
            double fpr = fps[k] / fpTotal;
            if (tpr + fpr >= next) {
                t[kept] = thresholds[k];
                y[kept] = tpr;
                x[kept] = fpr;
                kept++;
                if (n > maxPoints) {
                    next = tpr + fpr + step;
                }
            }
        }
        t[kept] = thresholds[n - 1];
        y[kept] = tps[n - 1] / tpTotal;
        x[kept] = fps[n - 1] / fpTotal;
        kept++;
        if (kept < capacity) {
            t = java.util.Arrays.copyOf(t, kept);
            y = java.util.Arrays.copyOf(y, kept);
            x = java.util.Arrays.copyOf(x, kept);
        }
        return new RocCurve(t, y, x, s, bg);
    }

    /** The curve of the union of two disjoint sets of jets: their points merged by threshold, sums added. */
    static SlotCurve merge(SlotCurve a, SlotCurve b) {
        SlotCurve m = new SlotCurve(a.size + b.size - 1);
        int i = 1;
        int j = 1;
        while (i < a.size || j < b.size) {
            double t;
            if (i >= a.size) {
                t = b.thresholds[j];
            } else if (j >= b.size) {
                t = a.thresholds[i];
            } else {
                t = Math.max(a.thresholds[i], b.thresholds[j]);
            }
            if (i < a.size && a.thresholds[i] == t) {
                i++;
            }
            if (j < b.size && b.thresholds[j] == t) {
                j++;
            }
            m.tp = a.tps[i - 1] + b.tps[j - 1];
            m.fp = a.fps[i - 1] + b.fps[j - 1];
            m.append(t);
        }
        m.tp = a.tp + b.tp;
        m.fp = a.fp + b.fp;
        m.tpSquares = a.tpSquares + b.tpSquares;
        m.fpSquares = a.fpSquares + b.fpSquares;
        m.signalCount = a.signalCount + b.signalCount;
        m.backgroundCount = a.backgroundCount + b.backgroundCount;
        return m;
    }
}
