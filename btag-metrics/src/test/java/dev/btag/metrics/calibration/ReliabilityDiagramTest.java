package dev.btag.metrics.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReliabilityDiagramTest {

    @Test
    void binsMeansFractionsAndErrorsByHand() {
        double[] p = {0.05, 0.15, 0.85, 0.95, 1.0, 0.9};
        boolean[] y = {false, true, true, true, false, true};
        ReliabilityDiagram d = ReliabilityDiagram.of("b", p, y, null, 2);
        // bin [0, 0.5): 0.05 (no), 0.15 (yes); bin [0.5, 1]: 0.85, 0.95, 1.0 (no), 0.9
        assertArrayEquals(new double[] {2, 4}, d.count());
        assertArrayEquals(new double[] {0.1, 0.925}, d.meanPredicted(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.75}, d.observed(), 1e-12);
        double ece = (2 * 0.4 + 4 * 0.175) / 6;
        assertEquals(ece, d.expectedCalibrationError(), 1e-12);
        assertEquals(0.4, d.maxCalibrationError(), 1e-12);
        assertTrue(d.lower()[0] < 0.5 && d.upper()[0] > 0.5);
    }

    @Test
    void calibratedScoresHaveSmallErrorAndShiftedOnesDoNot() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 200_000;
        double[] p = new double[n];
        double[] shifted = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            p[i] = r.nextDouble();
            y[i] = r.nextDouble() < p[i];
            shifted[i] = Math.min(1, p[i] * 0.5 + 0.5);
        }
        assertTrue(ReliabilityDiagram.of("x", p, y, null, 10).expectedCalibrationError() < 0.01);
        assertTrue(ReliabilityDiagram.of("x", shifted, y, null, 10).expectedCalibrationError() > 0.2);
    }

    @Test
    void perClassAgreesWithOneClassAtATimeAndLeavesUndefinedJetsOut() {
        float[] oneHot = {1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1};
        float[] prob = {0.7f, 0.2f, 0.1f, 0.3f, 0.6f, 0.1f, 0.9f, 0.05f, 0.05f, 0.2f, 0.2f, 0.6f};
        List<ReliabilityDiagram> all = ReliabilityDiagram.perClass(List.of("a", "b", "c"), oneHot, prob, null, 5);
        double[] pa = {0.7f, 0.3f, 0.2f};
        boolean[] ya = {true, false, false};
        assertEquals(ReliabilityDiagram.of("a", pa, ya, null, 5), all.get(0));
        assertThrows(IllegalArgumentException.class, () -> ReliabilityDiagram.perClass(List.of("a", "b", "c"),
            oneHot, new float[] {1.5f, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1}, null, 5));
    }

    @Test
    void weightsActAsRepeatedJets() {
        double[] p = {0.2, 0.7, 0.7};
        boolean[] y = {true, false, true};
        ReliabilityDiagram weighted = ReliabilityDiagram.of("x", p, y, new double[] {2, 1, 1}, 4);
        ReliabilityDiagram repeated = ReliabilityDiagram.of("x", new double[] {0.2, 0.2, 0.7, 0.7},
            new boolean[] {true, true, false, true}, null, 4);
        assertArrayEquals(repeated.observed(), weighted.observed(), 1e-12);
        assertEquals(repeated.expectedCalibrationError(), weighted.expectedCalibrationError(), 1e-12);
    }
}
