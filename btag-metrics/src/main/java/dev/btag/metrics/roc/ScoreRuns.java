package dev.btag.metrics.roc;

import java.util.Arrays;

/**
 * The exact ROC curve and AUC of a sample whose scores were sorted elsewhere (a distributed sort, a database, a
 * merge of sorted files): the caller adds one run per distinct score, from the highest score down, with the signal
 * and background counts, weight sums and squared-weight sums of the entries scoring exactly that value, and this
 * class accumulates them as {@link RocScan} does after its own sort. The results are therefore those of
 * {@link RocCurve#of(double[], boolean[], double[])} and {@link AucEstimate#delong(double[], boolean[], double[])}
 * on the same entries: exactly so for unweighted entries (the sums are integer counts), and to the rounding of the
 * weight sums, which depends on the order they were added in, for weighted ones.
 *
 * <p>Scores are compared exactly; {@code -0.0} and {@code +0.0} are one score. Consecutive runs of the same score
 * are merged. Memory: 24 bytes per distinct score. This class is not thread-safe; one thread feeds it, then reads the
 * results (after which it takes no more runs).
 *
 * <pre>{@code
 * ScoreRuns runs = new ScoreRuns(true);
 * runs.add(0.9, 1, 1.0, 1.0, 0, 0, 0);   // one signal entry at 0.9
 * runs.add(0.2, 0, 0, 0, 2, 2.0, 2.0);   // two background entries at 0.2
 * double auc = runs.auc().auc();         // 1.0
 * }</pre>
 */
public final class ScoreRuns {

    private final boolean weighted;
    private double[] thresholds = new double[64];
    private double[] tps = new double[64];
    private double[] fps = new double[64];
    private int size = 1;
    private long signalCount;
    private long backgroundCount;
    private double signalSquares;
    private double backgroundSquares;
    private ScoreBlocks blocks;
    private AucEstimate auc;
    private RocCurve roc;

    /**
     * Starts an empty accumulation.
     *
     * @param weighted {@code true} when the entries carry weights (the class totals are then
     *     {@link ClassTotals#weighted}, else {@link ClassTotals#unweighted} and the weight sums must equal the counts)
     */
    public ScoreRuns(boolean weighted) {
        this.weighted = weighted;
        thresholds[0] = Double.POSITIVE_INFINITY;
    }

    /**
     * Adds the entries scoring exactly {@code score}.
     *
     * @param score a finite score, lower than or equal to that of the previous run
     * @param signalEntries the number of signal entries at this score (at least 0)
     * @param signalWeight their summed weight (the count when unweighted)
     * @param signalSquaredWeight their summed squared weight (the count when unweighted)
     * @param backgroundEntries the number of background entries at this score (at least 0)
     * @param backgroundWeight their summed weight
     * @param backgroundSquaredWeight their summed squared weight
     * @throws IllegalArgumentException if the score is not finite or higher than the previous run's, a count is
     *     negative, a sum is negative or not finite (the message names the score and the value)
     * @throws IllegalStateException once a result has been read
     */
    public void add(double score, long signalEntries, double signalWeight, double signalSquaredWeight,
            long backgroundEntries, double backgroundWeight, double backgroundSquaredWeight) {
        if (blocks != null) {
            throw new IllegalStateException("the ROC has been read; a ScoreRuns takes no more runs");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score " + score + ": scores must be finite");
        }
        if (signalEntries < 0 || backgroundEntries < 0 || !validSum(signalWeight) || !validSum(signalSquaredWeight)
            || !validSum(backgroundWeight) || !validSum(backgroundSquaredWeight)) {
            throw new IllegalArgumentException("score " + score + ": invalid run (signal " + signalEntries + ", "
                + signalWeight + ", " + signalSquaredWeight + "; background " + backgroundEntries + ", "
                + backgroundWeight + ", " + backgroundSquaredWeight + "); counts and sums must be non-negative");
        }
        double s = score + 0.0; // -0.0 and +0.0 are one score
        double last = thresholds[size - 1];
        if (s > last) {
            throw new IllegalArgumentException("score " + score + " follows " + last
                + ": runs must come in descending score order");
        }
        if (signalEntries + backgroundEntries == 0) {
            return;
        }
        if (s < last) {
            if (size == thresholds.length) {
                int grown = size + (size >> 1);
                thresholds = Arrays.copyOf(thresholds, grown);
                tps = Arrays.copyOf(tps, grown);
                fps = Arrays.copyOf(fps, grown);
            }
            thresholds[size] = s;
            tps[size] = tps[size - 1];
            fps[size] = fps[size - 1];
            size++;
        }
        tps[size - 1] += signalWeight;
        fps[size - 1] += backgroundWeight;
        signalCount += signalEntries;
        backgroundCount += backgroundEntries;
        signalSquares += signalSquaredWeight;
        backgroundSquares += backgroundSquaredWeight;
    }

    private static boolean validSum(double v) {
        return Double.isFinite(v) && v >= 0;
    }

    /**
     * The number of distinct scores added so far.
     *
     * @return the number of runs after merging equal scores
     */
    public int distinctScores() {
        return size - 1;
    }

    /**
     * The AUC with DeLong's standard error, equal to {@link AucEstimate#delong(double[], boolean[], double[])}.
     *
     * @return the estimate
     * @throws IllegalArgumentException if a class has no entries or zero weight
     */
    public AucEstimate auc() {
        finish();
        return auc;
    }

    /**
     * The ROC curve, equal to {@link RocCurve#of(double[], boolean[], double[])}: point 0 is (0, 0) at
     * {@code +Infinity}, then one point per distinct score, descending.
     *
     * @return the curve
     * @throws IllegalArgumentException if a class has no entries or zero weight
     */
    public RocCurve roc() {
        finish();
        return roc;
    }

    private void finish() {
        if (blocks != null) {
            return;
        }
        double tp = tps[size - 1];
        double fp = fps[size - 1];
        ClassTotals signal = weighted ? ClassTotals.weighted(signalCount, tp, signalSquares)
            : ClassTotals.unweighted(signalCount);
        ClassTotals background = weighted ? ClassTotals.weighted(backgroundCount, fp, backgroundSquares)
            : ClassTotals.unweighted(backgroundCount);
        RocInput.requireBothClasses(signal, background);
        blocks = new ScoreBlocks(size, thresholds, tps, fps, signal, background);
        auc = AucEstimate.fromBlocks(blocks); // before fromBlocks divides the sums in place
        roc = RocCurve.fromBlocks(blocks);
    }
}
