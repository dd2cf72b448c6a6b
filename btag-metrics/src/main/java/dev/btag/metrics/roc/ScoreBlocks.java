package dev.btag.metrics.roc;

/**
 * The distinct scores of a sample in descending order, with the signal and background weight of each block of
 * equal scores (and, when asked for, the sums of squared weights). Every ROC quantity is a pass over these blocks.
 *
 * <p>Built by splitting the scores by class, radix-sorting each class's score keys (carrying the weights, if any)
 * and merging the two sorted runs from the top, so that equal scores of both classes fall into one block. Time
 * O(n), memory a small multiple of n.
 */
final class ScoreBlocks {

    /** Number of blocks (distinct scores). */
    final int size;
    /** The distinct scores, strictly descending. */
    final double[] scores;
    /** Signal weight of each block (the number of signal entries when unweighted). */
    final double[] signalWeight;
    /** Background weight of each block. */
    final double[] backgroundWeight;
    /** Sum of squared signal weights of each block, or null when not requested. */
    final double[] signalWeightSquared;
    /** Sum of squared background weights of each block, or null when not requested. */
    final double[] backgroundWeightSquared;
    /** Totals of the signal class. */
    final ClassTotals signal;
    /** Totals of the background class. */
    final ClassTotals background;

    private ScoreBlocks(int size, double[] scores, double[] signalWeight, double[] backgroundWeight,
                        double[] signalWeightSquared, double[] backgroundWeightSquared,
                        ClassTotals signal, ClassTotals background) {
        this.size = size;
        this.scores = scores;
        this.signalWeight = signalWeight;
        this.backgroundWeight = backgroundWeight;
        this.signalWeightSquared = signalWeightSquared;
        this.backgroundWeightSquared = backgroundWeightSquared;
        this.signal = signal;
        this.background = background;
    }

    /**
     * Validates the input and groups it into blocks of equal scores.
     *
     * @param scores finite scores
     * @param signal signal flags
     * @param weights finite non-negative weights, or null for unit weights
     * @param withSquares whether to fill the sums of squared weights per block
     * @return the blocks
     * @throws IllegalArgumentException on invalid input or when a class is missing (see {@link RocInput})
     */
    static ScoreBlocks of(double[] scores, boolean[] signal, double[] weights, boolean withSquares) {
        RocInput.check(scores, signal, weights);
        int n = scores.length;
        int nSignal = 0;
        for (boolean s : signal) {
            if (s) {
                nSignal++;
            }
        }
        int nBackground = n - nSignal;
        if (nSignal == 0 || nBackground == 0) {
            RocInput.requireBothClasses(ClassTotals.unweighted(nSignal), ClassTotals.unweighted(nBackground));
        }
        long[] sigKeys = new long[nSignal];
        long[] bkgKeys = new long[nBackground];
        double[] sigW = weights == null ? null : new double[nSignal];
        double[] bkgW = weights == null ? null : new double[nBackground];
        int is = 0;
        int ib = 0;
        for (int i = 0; i < n; i++) {
            long key = SortableKeys.encode(scores[i]);
            if (signal[i]) {
                if (sigW != null) {
                    sigW[is] = weights[i];
                }
                sigKeys[is++] = key;
            } else {
                if (bkgW != null) {
                    bkgW[ib] = weights[i];
                }
                bkgKeys[ib++] = key;
            }
        }
        SortableKeys.sort(sigKeys, sigW, nSignal);
        SortableKeys.sort(bkgKeys, bkgW, nBackground);
        return merge(sigKeys, sigW, bkgKeys, bkgW, withSquares);
    }

    private static ScoreBlocks merge(long[] sigKeys, double[] sigW, long[] bkgKeys, double[] bkgW,
                                     boolean withSquares) {
        int nSignal = sigKeys.length;
        int nBackground = bkgKeys.length;
        boolean weighted = sigW != null;
        int capacity = nSignal + nBackground;
        double[] scores = new double[capacity];
        double[] sw = new double[capacity];
        double[] bw = new double[capacity];
        double[] sw2 = withSquares && weighted ? new double[capacity] : null;
        double[] bw2 = withSquares && weighted ? new double[capacity] : null;
        double sumS = 0;
        double sumS2 = 0;
        double sumB = 0;
        double sumB2 = 0;
        int i = nSignal - 1;
        int j = nBackground - 1;
        int blocks = 0;
        while (i >= 0 || j >= 0) {
            long key;
            if (i < 0) {
                key = bkgKeys[j];
            } else if (j < 0) {
                key = sigKeys[i];
            } else {
                key = Long.compareUnsigned(sigKeys[i], bkgKeys[j]) >= 0 ? sigKeys[i] : bkgKeys[j];
            }
            double s = 0;
            double s2 = 0;
            double b = 0;
            double b2 = 0;
            if (weighted) {
                while (i >= 0 && sigKeys[i] == key) {
                    double w = sigW[i--];
                    s += w;
                    s2 += w * w;
                }
                while (j >= 0 && bkgKeys[j] == key) {
                    double w = bkgW[j--];
                    b += w;
                    b2 += w * w;
                }
            } else {
                int i0 = i;
                while (i >= 0 && sigKeys[i] == key) {
                    i--;
                }
                int j0 = j;
                while (j >= 0 && bkgKeys[j] == key) {
                    j--;
                }
                s = i0 - i;
                b = j0 - j;
            }
            scores[blocks] = SortableKeys.decode(key);
            sw[blocks] = s;
            bw[blocks] = b;
            if (sw2 != null) {
                sw2[blocks] = s2;
                bw2[blocks] = b2;
            }
            sumS += s;
            sumS2 += s2;
            sumB += b;
            sumB2 += b2;
            blocks++;
        }
        ClassTotals signal = weighted ? ClassTotals.weighted(nSignal, sumS, sumS2) : ClassTotals.unweighted(nSignal);
        ClassTotals background =
            weighted ? ClassTotals.weighted(nBackground, sumB, sumB2) : ClassTotals.unweighted(nBackground);
        RocInput.requireBothClasses(signal, background);
        if (withSquares && !weighted) {
            sw2 = sw;
            bw2 = bw;
        }
        return new ScoreBlocks(blocks, scores, sw, bw, sw2, bw2, signal, background);
    }
}
