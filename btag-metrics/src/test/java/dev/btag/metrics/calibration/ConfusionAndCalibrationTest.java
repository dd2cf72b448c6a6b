package dev.btag.metrics.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.confusion.ConfusionMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ConfusionAndCalibrationTest {

    private static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("k" + i);
        }
        return names;
    }

    /** Random one-hot rows (some all zero), probabilities on a coarse grid (ties, 0 and 1) and optional weights. */
    private static float[][] sample(long seed, int rows, int classes) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] oneHot = new float[rows * classes];
        float[] p = new float[rows * classes];
        for (int i = 0; i < rows; i++) {
            int t = r.nextInt(-1, classes);
            if (t >= 0) {
                oneHot[i * classes + t] = 1;
            }
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = r.nextInt(0, 9) / 8f;
            }
        }
        return new float[][] {oneHot, p};
    }

    /** The one pass gives exactly the separate calls' matrix and diagrams, with and without weights. */
    @Property(tries = 100)
    void equalsTheSeparateCalls(@ForAll @IntRange(min = 1, max = 6) int classes,
            @ForAll @IntRange(min = 0, max = 300) int rows, @ForAll @IntRange(min = 1, max = 12) int bins,
            @ForAll boolean weighted, @ForAll long seed) {
        float[][] s = sample(seed, rows, classes);
        double[] weights = null;
        if (weighted) {
            SplittableRandom r = new SplittableRandom(seed + 1);
            weights = new double[rows];
            for (int i = 0; i < rows; i++) {
                weights[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 3;
            }
        }
        ConfusionAndCalibration both = ConfusionAndCalibration.of(names(classes), s[0], s[1], weights, bins);
        assertEquals(ConfusionMatrix.fromOneHot(names(classes), s[0], s[1]), both.confusion());
        assertEquals(ReliabilityDiagram.perClass(names(classes), s[0], s[1], weights, bins), both.calibration());
    }

    /** Scores outside [0, 1] (logits) have no calibration, and the confusion matrix still stands. */
    @Property(tries = 50)
    void logitsKeepTheConfusionMatrixAndDropTheCalibration(@ForAll @IntRange(min = 2, max = 6) int classes,
            @ForAll @IntRange(min = 1, max = 200) int rows, @ForAll long seed) {
        float[][] s = sample(seed, rows, classes);
        s[1][new SplittableRandom(seed).nextInt(s[1].length)] = 3.5f;
        boolean anyDefined = false;
        for (float v : s[0]) {
            anyDefined |= v != 0;
        }
        ConfusionAndCalibration both = ConfusionAndCalibration.of(names(classes), s[0], s[1], null, 10);
        assertEquals(ConfusionMatrix.fromOneHot(names(classes), s[0], s[1]), both.confusion());
        // the out-of-range value only matters on a row with a class; where perClass succeeds, so must the pass
        boolean perClassFails;
        try {
            ReliabilityDiagram.perClass(names(classes), s[0], s[1], null, 10);
            perClassFails = false;
        } catch (IllegalArgumentException e) {
            perClassFails = true;
        }
        assertEquals(perClassFails, both.calibration().isEmpty(), "calibration empty exactly where perClass throws");
        assertTrue(!perClassFails || anyDefined);
    }

    @org.junit.jupiter.api.Test
    void badLabelsAndNanProbabilitiesAreRejectedNamingTheRow() {
        float[] oneHot = {1, 0, 1, 1}; // row 1 has two flags
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConfusionAndCalibration.of(names(2), oneHot, new float[4], null, 10));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        float[] p = {0.5f, Float.NaN};
        e = assertThrows(IllegalArgumentException.class,
            () -> ConfusionAndCalibration.of(names(2), new float[] {1, 0}, p, null, 10));
        assertTrue(e.getMessage().contains("row 0, column 1"), e.getMessage());
    }

    /**
     * Rows of every kind the pass reads: clean ones (labels exactly 0 or 1, probabilities in [0, 1], with ties, -0,
     * 0 and 1), undefined ones (all zero, some with scores outside [0, 1]), and rows whose labels are not exactly 0
     * or 1 but still valid (a flag of 0.9 or 1.2, other columns of 0.3 or -0.2), which take the separate calls.
     */
    private static float[][] mixedSample(long seed, int rows, int classes) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] oneHot = new float[rows * classes];
        float[] p = new float[rows * classes];
        float[] grid = {0f, -0f, 0.125f, 0.25f, 0.5f, 0.75f, 1f, 0.1f, 0.3f, 0.7f, 0.99999994f};
        for (int i = 0; i < rows; i++) {
            int o = i * classes;
            int t = r.nextInt(-1, classes);
            int kind = r.nextInt(6);
            for (int c = 0; c < classes; c++) {
                p[o + c] = r.nextBoolean() ? grid[r.nextInt(grid.length)] : (float) r.nextDouble();
                oneHot[o + c] = kind == 0 && r.nextBoolean() ? -0f : 0f;
            }
            if (t >= 0) {
                oneHot[o + t] = kind == 1 ? 0.9f : kind == 2 ? 1.2f : 1f;
            } else if (kind == 1) {
                p[o + r.nextInt(classes)] = r.nextBoolean() ? 3.5f : -2f; // a logit on an undefined jet
            }
            if (kind == 3) {
                int c = r.nextInt(classes);
                if (c != t) {
                    oneHot[o + c] = r.nextBoolean() ? 0.3f : -0.2f;
                }
            }
        }
        if (rows > 0 && seed % 4 == 0) { // now and then a logit on any jet: a jet with a class ends the calibration
            p[r.nextInt(rows * classes)] = r.nextBoolean() ? 1.5f : -0.5f;
        }
        return new float[][] {oneHot, p};
    }

    /**
     * The matrix and diagrams summed by hand from the documented rules: a jet's class is the column whose label is
     * above 0.5, its prediction the first largest probability; the diagrams take every row with a non-zero label,
     * a column counting as the class where its label is non-zero, sums in row order; none at all when such a row has
     * a score outside [0, 1] or a weight that is not finite and non-negative.
     */
    private static ConfusionAndCalibration byHand(List<String> names, float[] oneHot, float[] p, double[] weights,
            int bins) {
        int classes = names.size();
        int rows = p.length / classes;
        long[][] counts = new long[classes][classes];
        double[][][] sums = new double[5][classes][bins]; // count, weight, squares, weight x p, weight of the class
        boolean calibrated = true;
        for (int i = 0; i < rows; i++) {
            int o = i * classes;
            int truth = -1;
            int best = 0;
            boolean defined = false;
            for (int c = 0; c < classes; c++) {
                truth = oneHot[o + c] > 0.5f ? c : truth;
                best = p[o + c] > p[o + best] ? c : best;
                defined |= oneHot[o + c] != 0;
            }
            if (truth >= 0) {
                counts[truth][best]++;
            }
            double w = weights == null ? 1 : weights[i];
            for (int c = 0; defined && c < classes; c++) {
                calibrated &= Double.isFinite(w) && w >= 0 && p[o + c] >= 0 && p[o + c] <= 1;
            }
            for (int c = 0; defined && calibrated && c < classes; c++) {
                double v = p[o + c];
                int b = Math.min(bins - 1, (int) (v * bins));
                sums[0][c][b] += 1;
                sums[1][c][b] += w;
                sums[2][c][b] += w * w;
                sums[3][c][b] += w * v;
                sums[4][c][b] += oneHot[o + c] != 0 ? w : 0;
            }
        }
        List<ReliabilityDiagram> diagrams = new ArrayList<>();
        for (int c = 0; calibrated && c < classes; c++) {
            diagrams.add(ReliabilityDiagram.fromSums(names.get(c), sums[0][c], sums[1][c],
                weights == null ? null : sums[2][c], sums[3][c], sums[4][c]));
        }
        return new ConfusionAndCalibration(new ConfusionMatrix(names, counts), diagrams);
    }

    /**
     * The single read of clean rows and the separate calls taken by the other rows, interleaved in one input, give
     * exactly (bit for bit) the separate calls' results and the sums by hand, with and without weights (and an
     * empty calibration where a jet with a class has a score outside [0, 1] or a bad weight).
     */
    @Property(tries = 200)
    void mixedRowsEqualTheSeparateCallsAndTheSumsByHand(@ForAll @IntRange(min = 1, max = 7) int classes,
            @ForAll @IntRange(min = 0, max = 300) int rows, @ForAll @IntRange(min = 1, max = 12) int bins,
            @ForAll boolean weighted, @ForAll long seed) {
        float[][] s = mixedSample(seed, rows, classes);
        double[] weights = null;
        if (weighted) {
            SplittableRandom r = new SplittableRandom(seed + 1);
            weights = new double[rows];
            for (int i = 0; i < rows; i++) {
                weights[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(4) == 0 ? 1 : r.nextDouble() * 3;
            }
            if (rows > 0 && seed % 5 == 0) { // now and then a bad weight: on a jet with a class, no calibration
                double[] bad = {Double.NaN, -1, Double.POSITIVE_INFINITY};
                weights[r.nextInt(rows)] = bad[r.nextInt(bad.length)];
            }
        }
        ConfusionAndCalibration both = ConfusionAndCalibration.of(names(classes), s[0], s[1], weights, bins);
        ConfusionAndCalibration expected = byHand(names(classes), s[0], s[1], weights, bins);
        assertEquals(expected, both);
        assertEquals(ConfusionMatrix.fromOneHot(names(classes), s[0], s[1]), both.confusion());
        if (!expected.calibration().isEmpty()) {
            assertEquals(expected.calibration(),
                ReliabilityDiagram.perClass(names(classes), s[0], s[1], weights, bins));
        }
    }

    /**
     * With problems planted at random (NaN probabilities, labels that are not 0 or 1, two flags in a row), the pass
     * fails with exactly the separate calls' message (the first bad row; in a row, a NaN probability before a bad
     * label, and the first bad column), or not at all where they do not fail.
     */
    @Property(tries = 300)
    void errorsAreExactlyThoseOfTheSeparateCalls(@ForAll @IntRange(min = 1, max = 6) int classes,
            @ForAll @IntRange(min = 1, max = 60) int rows, @ForAll @IntRange(min = 0, max = 4) int problems,
            @ForAll long seed) {
        float[][] s = mixedSample(seed, rows, classes);
        SplittableRandom r = new SplittableRandom(seed + 2);
        float[] badLabels = {2f, -1f, Float.NaN, 0.6f, Float.POSITIVE_INFINITY};
        for (int k = 0; k < problems; k++) {
            int at = r.nextInt(rows * classes);
            switch (r.nextInt(3)) {
                case 0 -> s[1][at] = Float.NaN;
                case 1 -> s[0][at] = badLabels[r.nextInt(badLabels.length)];
                default -> s[0][at] = 1f; // a second flag where the row has one
            }
        }
        String expected = null;
        try {
            ConfusionMatrix.fromOneHot(names(classes), s[0], s[1]);
        } catch (IllegalArgumentException e) {
            expected = e.getMessage();
        }
        String actual = null;
        try {
            ConfusionAndCalibration.of(names(classes), s[0], s[1], null, 10);
        } catch (IllegalArgumentException e) {
            actual = e.getMessage();
        }
        assertEquals(expected, actual);
    }

    @org.junit.jupiter.api.Test
    void aNanProbabilityWinsOverABadLabelInTheSameRowAndTheFirstBadRowWins() {
        // row 0: a bad label in column 0, NaN probabilities in columns 1 and 2: the first NaN is named
        float[] oneHot = {2, 0, 0, 1, 1, 0};
        float[] p = {0.2f, Float.NaN, Float.NaN, 0.1f, 0.2f, 0.7f};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConfusionAndCalibration.of(names(3), oneHot, p, null, 10));
        assertEquals("probabilities row 0, column 1 is NaN", e.getMessage());
        // the same row with finite probabilities: the bad label is named, before row 1's two flags
        float[] finite = {0.2f, 0.3f, 0.5f, 0.1f, 0.2f, 0.7f};
        e = assertThrows(IllegalArgumentException.class,
            () -> ConfusionAndCalibration.of(names(3), oneHot, finite, null, 10));
        assertEquals("one-hot label row 0, column 0 is 2.0; expected 0 or 1", e.getMessage());
        // row 0 clean: row 1's two flags are named, although row 1 also has a probability outside [0, 1]
        float[] clean = {0, 0, 1, 1, 1, 0};
        float[] logit = {0.2f, 0.3f, 0.5f, 0.1f, 4f, 0.7f};
        e = assertThrows(IllegalArgumentException.class,
            () -> ConfusionAndCalibration.of(names(3), clean, logit, null, 10));
        assertEquals("one-hot label row 1 has flags in columns 0 and 1; expected at most one", e.getMessage());
        // a second flag before a bad value in the same row: the first problem met column by column is named
        float[] flagsThenBad = {1, 1, 7};
        e = assertThrows(IllegalArgumentException.class,
            () -> ConfusionAndCalibration.of(names(3), flagsThenBad, new float[] {0.2f, 0.3f, 0.5f}, null, 10));
        assertEquals("one-hot label row 0 has flags in columns 0 and 1; expected at most one", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aBadWeightDropsTheCalibrationOnlyOnAJetWithAClass() {
        float[] oneHot = {1, 0, 0, 0, 0, 1};
        float[] p = {0.8f, 0.2f, 0.4f, 0.6f, 0.3f, 0.7f};
        ConfusionAndCalibration undefinedBad = ConfusionAndCalibration.of(names(2), oneHot, p,
            new double[] {1, Double.NaN, 2}, 4);
        assertEquals(ReliabilityDiagram.perClass(names(2), oneHot, p, new double[] {1, 0, 2}, 4),
            undefinedBad.calibration());
        for (double bad : new double[] {-1, Double.POSITIVE_INFINITY, Double.NaN}) {
            ConfusionAndCalibration definedBad = ConfusionAndCalibration.of(names(2), oneHot, p,
                new double[] {1, 1, bad}, 4);
            assertTrue(definedBad.calibration().isEmpty(), "weight " + bad);
            assertEquals(ConfusionMatrix.fromOneHot(names(2), oneHot, p), definedBad.confusion());
            assertEquals(1, definedBad.confusion().count(0, 0));
            assertEquals(1, definedBad.confusion().count(1, 1));
        }
    }
}
