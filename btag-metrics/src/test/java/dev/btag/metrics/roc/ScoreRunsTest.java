package dev.btag.metrics.roc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScoreRunsTest {

    /** Groups scores by distinct value (descending) and feeds the runs, as a distributed sort hands them over. */
    private static ScoreRuns runsOf(double[] scores, boolean[] signal, double[] weights, int splitEvery) {
        TreeMap<Double, double[]> groups = new TreeMap<>();
        for (int i = 0; i < scores.length; i++) {
            double[] g = groups.computeIfAbsent(scores[i], k -> new double[6]);
            double w = weights == null ? 1 : weights[i];
            int at = signal[i] ? 0 : 3;
            g[at]++;
            g[at + 1] += w;
            g[at + 2] += w * w;
        }
        ScoreRuns runs = new ScoreRuns(weights != null);
        for (var e : groups.descendingMap().entrySet()) {
            double[] g = e.getValue();
            if (splitEvery > 0 && g[0] >= 2 && weights == null) {
                // the same score split over two runs (two partitions of a sort) is one point
                runs.add(e.getKey(), 1, 1, 1, 0, 0, 0);
                runs.add(e.getKey(), (long) g[0] - 1, g[1] - 1, g[2] - 1, (long) g[3], g[4], g[5]);
            } else {
                runs.add(e.getKey(), (long) g[0], g[1], g[2], (long) g[3], g[4], g[5]);
            }
        }
        return runs;
    }

    @Test
    void unweightedRunsGiveExactlyTheDirectCurveAndAuc() {
        Random random = new Random(7);
        int n = 5000;
        double[] scores = new double[n];
        boolean[] signal = new boolean[n];
        for (int i = 0; i < n; i++) {
            signal[i] = random.nextDouble() < 0.3;
            // coarse scores: many ties across both classes
            scores[i] = Math.round((random.nextGaussian() + (signal[i] ? 1 : 0)) * 20) / 20.0;
        }
        ScoreRuns runs = runsOf(scores, signal, null, 1);
        RocCurve direct = RocCurve.of(scores, signal);
        AucEstimate delong = AucEstimate.delong(scores, signal);
        assertArrayEquals(direct.thresholds(), runs.roc().thresholds());
        assertArrayEquals(direct.tpr(), runs.roc().tpr());
        assertArrayEquals(direct.fpr(), runs.roc().fpr());
        assertEquals(direct.signal(), runs.roc().signal());
        assertEquals(delong.auc(), runs.auc().auc());
        assertEquals(delong.standardError(), runs.auc().standardError());
        assertEquals(direct.size() - 1, runs.distinctScores());
    }

    @Test
    void weightedRunsAgreeWithTheDirectCurveToRounding() {
        Random random = new Random(11);
        int n = 3000;
        double[] scores = new double[n];
        boolean[] signal = new boolean[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            signal[i] = random.nextBoolean();
            scores[i] = Math.round(random.nextDouble() * 200) / 200.0 + (signal[i] ? 0.1 : 0);
            weights[i] = 0.5 + random.nextDouble();
        }
        ScoreRuns runs = runsOf(scores, signal, weights, 0);
        AucEstimate delong = AucEstimate.delong(scores, signal, weights);
        assertEquals(delong.auc(), runs.auc().auc(), 1e-12);
        assertEquals(delong.standardError(), runs.auc().standardError(), 1e-12);
        assertEquals(RocCurve.of(scores, signal, weights).size(), runs.roc().size());
    }

    @Test
    void refusesRisingScoresAndAMissingClass() {
        ScoreRuns runs = new ScoreRuns(false);
        runs.add(0.5, 1, 1, 1, 0, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> runs.add(0.7, 0, 0, 0, 1, 1, 1));
        assertEquals("score 0.7 follows 0.5: runs must come in descending score order", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> runs.add(Double.NaN, 1, 1, 1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, runs::auc);
    }
}
