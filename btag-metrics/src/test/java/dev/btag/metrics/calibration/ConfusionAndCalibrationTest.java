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
}
