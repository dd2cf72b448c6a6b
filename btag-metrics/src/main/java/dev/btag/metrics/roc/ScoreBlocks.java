package dev.btag.metrics.roc;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The cumulative signal and background weight above each distinct score, in descending score order, as
 * scikit-learn's {@code _binary_clf_curve} computes them, with the (0, 0) point at {@code +Infinity} in front. Every
 * ROC quantity is a pass over these arrays.
 *
 * <p>Built by splitting the scores by class, radix-sorting each class's score keys (carrying the weights, if any;
 * the two classes in parallel for large inputs) and merging the two sorted runs from the top, so that equal scores of
 * both classes fall into one point. Time O(n), memory a small multiple of n.
 */
final class ScoreBlocks {

    /** Inputs at least this long sort the two classes in parallel. */
    private static final int PARALLEL_THRESHOLD = 1 << 16;

    /** Number of points: distinct scores plus the leading (0, 0) point. */
    final int size;
    /** {@code +Infinity}, then the distinct scores, strictly descending; {@code size} entries used. */
    final double[] thresholds;
    /** Signal weight with score at or above each threshold (0 first); {@code size} entries used. */
    final double[] tps;
    /** Background weight with score at or above each threshold (0 first); {@code size} entries used. */
    final double[] fps;
    /** Totals of the signal class. */
    final ClassTotals signal;
    /** Totals of the background class. */
    final ClassTotals background;

    /**
     * Wraps cumulative sums computed elsewhere (by {@link RocScan}); the arrays are taken, not copied.
     *
     * @param size the number of points used
     * @param thresholds {@code +Infinity}, then the distinct scores, strictly descending
     * @param tps the cumulative signal weight per point
     * @param fps the cumulative background weight per point
     * @param signal the signal totals
     * @param background the background totals
     */
    ScoreBlocks(int size, double[] thresholds, double[] tps, double[] fps, ClassTotals signal,
                        ClassTotals background) {
        this.size = size;
        this.thresholds = thresholds;
        this.tps = tps;
        this.fps = fps;
        this.signal = signal;
        this.background = background;
    }

    /**
     * Validates the input and accumulates it by distinct score.
     *
     * @param scores finite scores
     * @param signal signal flags
     * @param weights finite non-negative weights, or null for unit weights
     * @return the cumulative sums
     * @throws IllegalArgumentException on invalid input or when a class is missing (see {@link RocInput})
     */
    static ScoreBlocks of(double[] scores, boolean[] signal, double[] weights) {
        RocInput.check(scores, signal, weights);
        int n = scores.length;
        int nSignal = 0;
        for (boolean s : signal) {
            if (s) {
                nSignal++;
            }
        }
        final int nBackground = n - nSignal;
        final int signalCount = nSignal;
        if (nSignal == 0 || nBackground == 0) {
            RocInput.requireBothClasses(ClassTotals.unweighted(nSignal), ClassTotals.unweighted(nBackground));
        }
        long[] sigKeys = new long[nSignal];
        long[] bkgKeys = new long[nBackground];
        double[] sigW = weights == null ? null : new double[nSignal];
        double[] bkgW = weights == null ? null : new double[nBackground];
        int[][] sigCounts = SortableKeys.newCounts();
        int[][] bkgCounts = SortableKeys.newCounts();
        int is = 0;
        int ib = 0;
        for (int i = 0; i < n; i++) {
            long key = SortableKeys.encode(scores[i]);
            if (signal[i]) {
                if (sigW != null) {
                    sigW[is] = weights[i];
                }
                count(sigCounts, key, weights);
                sigKeys[is++] = key;
            } else {
                if (bkgW != null) {
                    bkgW[ib] = weights[i];
                }
                count(bkgCounts, key, weights);
                bkgKeys[ib++] = key;
            }
        }
        if (n >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1) {
            ForkJoinTask<?> task = ForkJoinPool.commonPool().submit(
                () -> sort(sigKeys, sigW, signalCount, sigCounts));
            sort(bkgKeys, bkgW, nBackground, bkgCounts);
            task.join();
        } else {
            sort(sigKeys, sigW, nSignal, sigCounts);
            sort(bkgKeys, bkgW, nBackground, bkgCounts);
        }
        return merge(sigKeys, sigW, bkgKeys, bkgW);
    }

    private static void count(int[][] counts, long key, double[] weights) {
        SortableKeys.count(counts, key);
    }

    /**
     * Weighted keys take a full radix sort carrying the weights. Unweighted keys take the cheaper high-bits sort when
     * their low digits vary (float64 scores with many distinct values), and the full radix sort, which skips digits
     * that never vary, otherwise (float32 scores have constant low digits and many ties).
     */
    private static void sort(long[] keys, double[] weights, int n, int[][] counts) {
        if (weights == null && n > 0 && SortableKeys.varyingLowDigits(counts, keys[0], n) >= 2) {
            SortableKeys.sortByHighBits(keys, n, counts);
        } else {
            SortableKeys.sort(keys, weights, n, counts);
        }
    }

    /**
     * Accumulates two classes' sorted keys from the highest down into cumulative sums by distinct score.
     *
     * @param sigKeys the signal keys, ascending (unsigned); all of the array
     * @param sigW their weights, or {@code null} for unit weights
     * @param bkgKeys the background keys, ascending; all of the array
     * @param bkgW their weights, or {@code null}
     * @return the cumulative sums
     * @throws IllegalArgumentException when a class has no entries or no weight
     */
    static ScoreBlocks merge(long[] sigKeys, double[] sigW, long[] bkgKeys, double[] bkgW) {
        return merge(sigKeys, sigW, bkgKeys, bkgW, null);
    }

    /**
     * As {@link #merge(long[], double[], long[], double[])}, also recording the entries in the order of the walk.
     *
     * @param sigKeys the signal keys, ascending (unsigned); all of the array
     * @param sigW their weights, or {@code null} for unit weights
     * @param bkgKeys the background keys, ascending; all of the array
     * @param bkgW their weights, or {@code null}
     * @param order where to record the walk's order, or {@code null}
     * @return the cumulative sums
     * @throws IllegalArgumentException when a class has no entries or no weight
     */
    static ScoreBlocks merge(long[] sigKeys, double[] sigW, long[] bkgKeys, double[] bkgW, WalkOrder order) {
        int nSignal = sigKeys.length;
        int nBackground = bkgKeys.length;
        boolean weighted = sigW != null;
        int capacity = nSignal + nBackground + 1;
        double[] thresholds = new double[capacity];
        double[] tps = new double[capacity];
        double[] fps = new double[capacity];
        thresholds[0] = Double.POSITIVE_INFINITY;
        double tp = 0;
        double fp = 0;
        double sumS2 = 0;
        double sumB2 = 0;
        int i = nSignal - 1;
        int j = nBackground - 1;
        int points = 1;
        while (i >= 0 || j >= 0) {
            long key;
            if (i < 0) {
                key = bkgKeys[j];
            } else if (j < 0) {
                key = sigKeys[i];
            } else {
                key = Long.compareUnsigned(sigKeys[i], bkgKeys[j]) >= 0 ? sigKeys[i] : bkgKeys[j];
            }
            int i0 = i;
            int j0 = j;
            if (weighted) {
                while (i >= 0 && sigKeys[i] == key) {
                    double w = sigW[i--];
                    tp += w;
                    sumS2 += w * w;
                }
                while (j >= 0 && bkgKeys[j] == key) {
                    double w = bkgW[j--];
                    fp += w;
                    sumB2 += w * w;
                }
            } else {
                while (i >= 0 && sigKeys[i] == key) {
                    i--;
                }
                while (j >= 0 && bkgKeys[j] == key) {
                    j--;
                }
                tp += i0 - i;
                fp += j0 - j;
            }
            if (order != null) {
                order.block(i0, i, j0, j);
            }
            thresholds[points] = SortableKeys.decode(key);
            tps[points] = tp;
            fps[points] = fp;
            points++;
        }
        ClassTotals signal = weighted ? ClassTotals.weighted(nSignal, tp, sumS2) : ClassTotals.unweighted(nSignal);
        ClassTotals background =
            weighted ? ClassTotals.weighted(nBackground, fp, sumB2) : ClassTotals.unweighted(nBackground);
        RocInput.requireBothClasses(signal, background);
        return new ScoreBlocks(points, thresholds, tps, fps, signal, background);
    }
}
