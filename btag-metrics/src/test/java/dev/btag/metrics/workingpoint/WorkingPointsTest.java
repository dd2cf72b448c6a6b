package dev.btag.metrics.workingpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.roc.RocCurve;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WorkingPointsTest {

    private static RocCurve roc(long seed, int n) {
        Random random = new Random(seed);
        double[] scores = new double[n];
        boolean[] signal = new boolean[n];
        for (int i = 0; i < n; i++) {
            signal[i] = i < 2 ? i == 0 : random.nextBoolean();
            scores[i] = random.nextInt(40) + (signal[i] ? 8 : 0);
        }
        return RocCurve.of(scores, signal);
    }

    @Property(tries = 300)
    void workingPointNeverExceedsItsTargetAndIsTheBestThatDoesNot(
        @ForAll long seed, @ForAll @IntRange(min = 2, max = 300) int n,
        @ForAll @DoubleRange(min = 0, max = 1) double target) {
        RocCurve roc = roc(seed, n);
        WorkingPoint wp = WorkingPoints.atMistag(roc, target);
        assertTrue(wp.mistag() <= target, wp + " exceeds " + target);
        for (int i = 0; i < roc.size(); i++) {
            if (roc.fpr(i) <= target) {
                assertTrue(roc.tpr(i) <= wp.efficiency(), "point " + i + " is better");
            }
        }
    }

    @Property(tries = 300)
    void inverseReachesItsTargetAtTheLowestMistag(
        @ForAll long seed, @ForAll @IntRange(min = 2, max = 300) int n,
        @ForAll @DoubleRange(min = 0, max = 1) double target) {
        RocCurve roc = roc(seed, n);
        WorkingPoint wp = WorkingPoints.atEfficiency(roc, target);
        assertTrue(wp.efficiency() >= target);
        for (int i = 0; i < roc.size(); i++) {
            if (roc.tpr(i) >= target) {
                assertTrue(roc.fpr(i) >= wp.mistag(), "point " + i + " has a lower mistag");
            }
        }
    }

    /**
     * With distinct scores, the fixed-efficiency point tags the fewest signal jets that reach the target: its
     * efficiency is at least the target and less than one signal jet above it; counting the jets at or above its
     * threshold gives the same efficiency.
     */
    @Property(tries = 300)
    void fixedEfficiencyPointAchievesItsEfficiencyWithinOneJet(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 400) int n, @ForAll @DoubleRange(min = 0, max = 1) double target) {
        Random random = new Random(seed);
        double[] scores = new double[n];
        boolean[] signal = new boolean[n];
        for (int i = 0; i < n; i++) {
            signal[i] = i < 2 ? i == 0 : random.nextBoolean();
            scores[i] = i + (signal[i] ? 0.5 * n : 0) + random.nextDouble() * 0.1; // distinct
        }
        RocCurve roc = RocCurve.of(scores, signal);
        WorkingPoint wp = WorkingPoints.at(roc, WorkingPointTarget.efficiency(target));
        long nSignal = roc.signal().count();
        long tagged = 0;
        for (int i = 0; i < n; i++) {
            if (signal[i] && scores[i] >= wp.threshold()) {
                tagged++;
            }
        }
        assertEquals((double) tagged / nSignal, wp.efficiency(), 1e-12, "the threshold tags the stated fraction");
        assertTrue(wp.efficiency() >= target, wp.efficiency() + " < " + target);
        assertTrue(tagged - target * nSignal < 1 + 1e-9,
            tagged + " tagged signal jets for a target of " + target * nSignal + ": more than one jet above");
    }

    @Test
    void thresholdTagsTheReportedFractions() {
        Random random = new Random(11);
        int n = 5000;
        double[] scores = new double[n];
        boolean[] signal = new boolean[n];
        for (int i = 0; i < n; i++) {
            signal[i] = random.nextDouble() < 0.3;
            scores[i] = random.nextGaussian() + (signal[i] ? 2 : 0);
        }
        RocCurve roc = RocCurve.of(scores, signal);
        List<WorkingPoint> points = WorkingPoints.standard(roc);
        assertEquals(3, points.size());
        for (WorkingPoint wp : points) {
            int sigTagged = 0;
            int bkgTagged = 0;
            int sig = 0;
            for (int i = 0; i < n; i++) {
                sig += signal[i] ? 1 : 0;
                if (scores[i] >= wp.threshold()) {
                    if (signal[i]) {
                        sigTagged++;
                    } else {
                        bkgTagged++;
                    }
                }
            }
            assertEquals((double) sigTagged / sig, wp.efficiency(), 1e-12);
            assertEquals((double) bkgTagged / (n - sig), wp.mistag(), 1e-12);
            assertEquals(Math.sqrt(wp.efficiency() * (1 - wp.efficiency()) / sig), wp.efficiencyError(), 1e-12);
            assertEquals(1 / wp.mistag(), wp.rejection(), 1e-9);
            assertEquals(wp.mistagError() / (wp.mistag() * wp.mistag()), wp.rejectionError(), 1e-9);
        }
        assertTrue(points.get(0).efficiency() > points.get(1).efficiency());
        assertTrue(points.get(1).efficiency() > points.get(2).efficiency());
    }

    @Test
    void unreachableTargetTagsNothing() {
        RocCurve roc = RocCurve.of(new double[] {1, 2, 3}, new boolean[] {true, false, true});
        WorkingPoint wp = WorkingPoints.atMistag(roc, 0.0);
        assertEquals(3.0, wp.threshold(), "the top score is signal only: mistag 0 at 50% efficiency");
        assertEquals(0.5, wp.efficiency());
        assertEquals(Double.POSITIVE_INFINITY, wp.rejection());
        assertTrue(Double.isNaN(wp.rejectionError()));
        RocCurve background = RocCurve.of(new double[] {1, 2}, new boolean[] {true, false});
        WorkingPoint none = WorkingPoints.atMistag(background, 0.5);
        assertEquals(Double.POSITIVE_INFINITY, none.threshold());
        assertEquals(0.0, none.efficiency());
        assertThrows(IllegalArgumentException.class, () -> WorkingPoints.atMistag(roc, 1.5));
        assertThrows(IllegalArgumentException.class, () -> WorkingPoints.atEfficiency(roc, Double.NaN));
    }
}
