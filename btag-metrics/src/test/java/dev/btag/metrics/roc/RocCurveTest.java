package dev.btag.metrics.roc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.SklearnReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RocCurveTest {

    static Stream<SklearnReference.RocCase> sklearnCases() {
        return SklearnReference.load().roc.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sklearnCases")
    void agreesWithScikitLearnRocCurve(SklearnReference.RocCase c) {
        RocCurve roc = c.weights == null ? RocCurve.of(c.scores, c.signal())
            : RocCurve.of(c.scores, c.signal(), c.weights);
        assertEquals(c.fpr.length, roc.size(), "number of points");
        assertEquals(Double.POSITIVE_INFINITY, roc.threshold(0));
        double[] thresholds = roc.thresholds();
        for (int i = 1; i < roc.size(); i++) {
            assertEquals(c.thresholds[i - 1], thresholds[i], 0.0, "threshold " + i);
        }
        assertArrayEquals(c.tpr, roc.tpr(), 1e-12, "tpr");
        assertArrayEquals(c.fpr, roc.fpr(), 1e-12, "fpr");
        assertEquals(c.auc, roc.auc(), 1e-12, "auc");
        assertEquals(c.rocAucScore, roc.auc(), 1e-12, "roc_auc_score");
        assertTrue(roc.withoutCollinearPoints().size() <= c.dropIntermediatePoints,
            "collinear dropping keeps no more points than sklearn's drop_intermediate");
        assertEquals(roc.auc(), roc.withoutCollinearPoints().auc(), 1e-12, "dropping collinear points keeps the area");
    }

    @Test
    void handMadeCurveHasOnePointPerDistinctScore() {
        double[] scores = {0.9, 0.4, 0.4, 0.1};
        boolean[] signal = {true, true, false, false};
        RocCurve roc = RocCurve.of(scores, signal);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.9, 0.4, 0.1}, roc.thresholds());
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.tpr());
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.fpr());
        // the tie block (0.4: one signal, one background) is a diagonal step: area 0.5*0.5/2 below it counts half
        assertEquals(0.875, roc.auc(), 1e-15);
        assertEquals(ClassTotals.unweighted(2), roc.signal());
        assertEquals(ClassTotals.unweighted(2), roc.background());
    }

    @Test
    void floatScoresGiveTheSameCurveAsTheirDoubleValues() {
        float[] f = {0.25f, 0.1f, 0.7f, 0.1f};
        boolean[] signal = {true, false, true, false};
        assertEquals(RocCurve.of(new double[] {0.25f, 0.1f, 0.7f, 0.1f}, signal), RocCurve.of(f, signal));
    }

    @Test
    void signedZerosAreOneScore() {
        RocCurve roc = RocCurve.of(new double[] {-0.0, 0.0, 1.0}, new boolean[] {true, false, true});
        assertEquals(3, roc.size());
    }

    @Test
    void perfectSeparationGivesOneAndInvertedGivesZero() {
        double[] scores = {3, 2, 1, 0};
        assertEquals(1.0, RocCurve.of(scores, new boolean[] {true, true, false, false}).auc());
        assertEquals(0.0, RocCurve.of(scores, new boolean[] {false, false, true, true}).auc());
    }

    @Test
    void nanScoreIsRejectedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(new double[] {0.1, 0.2, Double.NaN}, new boolean[] {true, false, true}));
        assertTrue(e.getMessage().contains("scores[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(new double[] {Double.NEGATIVE_INFINITY, 0.2}, new boolean[] {true, false}));
        assertTrue(e.getMessage().contains("scores[0]"), e.getMessage());
    }

    @Test
    void badWeightsAreRejectedWithTheirIndex() {
        double[] scores = {0.1, 0.2, 0.3};
        boolean[] signal = {true, false, true};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(scores, signal, new double[] {1, -1, 1}));
        assertTrue(e.getMessage().contains("weights[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(scores, signal, new double[] {1, 1, Double.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("weights[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(scores, signal, new double[] {0, 1, 0}));
        assertTrue(e.getMessage().contains("total weight of signal is 0.0"), e.getMessage());
    }

    @Test
    void lengthMismatchIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(new double[] {0.1, 0.2}, new boolean[] {true}));
        assertTrue(e.getMessage().contains("scores has 2 entries but signal has 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(new double[] {0.1, 0.2}, new boolean[] {true, false}, new double[] {1}));
        assertTrue(e.getMessage().contains("weights has 1"), e.getMessage());
    }

    @Test
    void singleClassInputIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RocCurve.of(new double[] {0.1, 0.2}, new boolean[] {true, true}));
        assertTrue(e.getMessage().contains("single-class input: 2 signal and 0 background"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[0], new boolean[0]));
    }

    @Test
    void recordCopiesItsArrays() {
        double[] t = {Double.POSITIVE_INFINITY, 1};
        double[] y = {0, 1};
        double[] x = {0, 1};
        RocCurve roc = new RocCurve(t, y, x, ClassTotals.unweighted(1), ClassTotals.unweighted(1));
        t[1] = 5;
        roc.tpr()[1] = 0.5;
        assertEquals(1, roc.threshold(1));
        assertEquals(1, roc.tpr(1));
        assertEquals(roc, new RocCurve(new double[] {Double.POSITIVE_INFINITY, 1}, y, x,
            ClassTotals.unweighted(1), ClassTotals.unweighted(1)));
        assertNotEquals(roc, RocCurve.of(new double[] {1, 0}, new boolean[] {true, false}));
    }

    @Test
    void constructorRejectsCurvesThatAreNotRocCurves() {
        ClassTotals one = ClassTotals.unweighted(1);
        assertThrows(IllegalArgumentException.class,
            () -> new RocCurve(new double[] {2, Double.NaN}, new double[] {0, 1}, new double[] {0, 1}, one, one));
        assertThrows(IllegalArgumentException.class, () -> new RocCurve(new double[] {3, 2, 1},
            new double[] {0, 0.6, 0.5}, new double[] {0, 0.5, 1}, one, one));
        assertThrows(IllegalArgumentException.class, () -> new RocCurve(new double[] {2, 1},
            new double[] {0, 0.9}, new double[] {0, 1}, one, one));
        assertThrows(IllegalArgumentException.class, () -> new RocCurve(new double[] {1, 2},
            new double[] {0, 1}, new double[] {0, 1}, one, one));
    }

    @Test
    void collinearPointsAreDropped() {
        // scores 5..0: signal, signal, signal, background, background, background -> vertical then horizontal run
        RocCurve roc = RocCurve.of(new double[] {5, 4, 3, 2, 1, 0},
            new boolean[] {true, true, true, false, false, false});
        RocCurve reduced = roc.withoutCollinearPoints();
        assertArrayEquals(new double[] {0, 1, 1}, reduced.tpr());
        assertArrayEquals(new double[] {0, 0, 1}, reduced.fpr());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 3, 0}, reduced.thresholds());
    }
}
