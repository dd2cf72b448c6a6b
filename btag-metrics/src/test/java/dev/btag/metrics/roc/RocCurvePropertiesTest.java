package dev.btag.metrics.roc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/** Invariants of ROC curves and AUC (scikit-learn's common metric tests, Mann&ndash;Whitney as the oracle). */
class RocCurvePropertiesTest {

    /** Scores, signal flags and integer weights, with at least one signal and one background entry. */
    record Sample(double[] scores, boolean[] signal, int[] weights) {
        double[] doubleWeights() {
            double[] w = new double[weights.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = weights[i];
            }
            return w;
        }

        int size() {
            return scores.length;
        }
    }

    @Provide
    Arbitrary<Sample> samples() {
        // scores from a small integer range produce many ties; from a wide range, mostly distinct values
        Arbitrary<Double> tied = Arbitraries.integers().between(-4, 4).map(i -> i * 0.25);
        Arbitrary<Double> wide = Arbitraries.doubles().between(-1e6, 1e6);
        Arbitrary<Double> score = Arbitraries.oneOf(tied, wide);
        return Arbitraries.integers().between(2, 60).flatMap(n -> Combinators.combine(
            Arbitraries.oneOf(Arbitraries.just(tied), Arbitraries.just(score)).flatMap(
                a -> a.list().ofSize(n)),
            Arbitraries.of(true, false).list().ofSize(n),
            Arbitraries.integers().between(1, 4).list().ofSize(n)).as((s, l, w) -> {
                double[] scores = s.stream().mapToDouble(Double::doubleValue).toArray();
                boolean[] signal = new boolean[n];
                for (int i = 0; i < n; i++) {
                    signal[i] = l.get(i);
                }
                signal[0] = true;
                signal[1] = false;
                return new Sample(scores, signal, w.stream().mapToInt(Integer::intValue).toArray());
            }));
    }

    @Property
    void aucIsWithinZeroAndOne(@ForAll("samples") Sample s) {
        double auc = RocCurve.of(s.scores(), s.signal()).auc();
        assertTrue(auc >= 0 && auc <= 1, "auc " + auc);
    }

    @Property
    void aucOfNegatedScoresIsTheComplement(@ForAll("samples") Sample s) {
        double[] negated = new double[s.size()];
        for (int i = 0; i < negated.length; i++) {
            negated[i] = -s.scores()[i];
        }
        assertEquals(1.0, RocCurve.of(s.scores(), s.signal()).auc() + RocCurve.of(negated, s.signal()).auc(), 1e-12);
    }

    @Property
    void curveIsInvariantUnderPermutation(@ForAll("samples") Sample s, @ForAll long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        double[] scores = new double[s.size()];
        boolean[] signal = new boolean[s.size()];
        double[] weights = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            scores[i] = s.scores()[order.get(i)];
            signal[i] = s.signal()[order.get(i)];
            weights[i] = s.weights()[order.get(i)];
        }
        assertEquals(RocCurve.of(s.scores(), s.signal()), RocCurve.of(scores, signal));
        RocCurve a = RocCurve.of(s.scores(), s.signal(), s.doubleWeights());
        RocCurve b = RocCurve.of(scores, signal, weights);
        assertArrayEquals(a.thresholds(), b.thresholds());
        assertArrayEquals(a.tpr(), b.tpr(), 1e-12);
        assertArrayEquals(a.fpr(), b.fpr(), 1e-12);
    }

    @Property
    void ratesAreInvariantUnderStrictlyIncreasingTransforms(@ForAll("samples") Sample s) {
        double[] transformed = new double[s.size()];
        for (int i = 0; i < transformed.length; i++) {
            transformed[i] = Math.atan(s.scores()[i] / 1e6) * 3 + 7; // strictly increasing on [-1e6, 1e6]
        }
        RocCurve a = RocCurve.of(s.scores(), s.signal());
        RocCurve b = RocCurve.of(transformed, s.signal());
        assertArrayEquals(a.tpr(), b.tpr());
        assertArrayEquals(a.fpr(), b.fpr());
        assertEquals(a.auc(), b.auc(), 0.0);
    }

    @Property
    void aucEqualsTheMannWhitneyStatistic(@ForAll("samples") Sample s) {
        double[] sig = select(s, true);
        double[] bkg = select(s, false);
        // Commons Math returns max(U1, U2) with average ranks for ties (tied pairs count one half)
        double u = new MannWhitneyUTest().mannWhitneyU(sig, bkg);
        double auc = RocCurve.of(s.scores(), s.signal()).auc();
        assertEquals(u / ((double) sig.length * bkg.length), Math.max(auc, 1 - auc), 1e-12);
    }

    @Property
    void integerWeightsEqualDuplicatedRows(@ForAll("samples") Sample s) {
        int total = 0;
        for (int w : s.weights()) {
            total += w;
        }
        double[] scores = new double[total];
        boolean[] signal = new boolean[total];
        int k = 0;
        for (int i = 0; i < s.size(); i++) {
            for (int r = 0; r < s.weights()[i]; r++) {
                scores[k] = s.scores()[i];
                signal[k++] = s.signal()[i];
            }
        }
        RocCurve weighted = RocCurve.of(s.scores(), s.signal(), s.doubleWeights());
        RocCurve duplicated = RocCurve.of(scores, signal);
        assertArrayEquals(duplicated.thresholds(), weighted.thresholds());
        assertArrayEquals(duplicated.tpr(), weighted.tpr(), 1e-12);
        assertArrayEquals(duplicated.fpr(), weighted.fpr(), 1e-12);
        assertEquals(duplicated.auc(), weighted.auc(), 1e-12);
        assertEquals(duplicated.signal().weight(), weighted.signal().weight());
    }

    @Property
    void curveStartsAtOriginEndsAtOneAndNeverDecreases(@ForAll("samples") Sample s) {
        RocCurve roc = RocCurve.of(s.scores(), s.signal(), s.doubleWeights());
        int n = roc.size();
        assertEquals(Double.POSITIVE_INFINITY, roc.threshold(0));
        assertEquals(0.0, roc.tpr(0));
        assertEquals(0.0, roc.fpr(0));
        assertEquals(1.0, roc.tpr(n - 1));
        assertEquals(1.0, roc.fpr(n - 1));
        long distinct = java.util.Arrays.stream(s.scores()).map(x -> x + 0.0).distinct().count();
        assertEquals(distinct + 1, n, "one point per distinct score");
        for (int i = 1; i < n; i++) {
            assertTrue(roc.threshold(i) < roc.threshold(i - 1));
            assertTrue(roc.tpr(i) >= roc.tpr(i - 1));
            assertTrue(roc.fpr(i) >= roc.fpr(i - 1));
        }
    }

    @Property
    void perfectSeparationGivesOne(@ForAll("samples") Sample s) {
        double[] scores = new double[s.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = s.signal()[i] ? 1 + Math.abs(s.scores()[i]) : -Math.abs(s.scores()[i]);
        }
        assertEquals(1.0, RocCurve.of(scores, s.signal(), s.doubleWeights()).auc(), 1e-12);
    }

    @Property
    void droppingCollinearPointsKeepsTheAreaAndTheEnds(@ForAll("samples") Sample s) {
        RocCurve roc = RocCurve.of(s.scores(), s.signal());
        RocCurve reduced = roc.withoutCollinearPoints();
        assertEquals(roc.auc(), reduced.auc(), 1e-12);
        assertTrue(reduced.size() <= roc.size());
        assertEquals(reduced, reduced.withoutCollinearPoints(), "idempotent");
    }

    private static double[] select(Sample s, boolean signal) {
        return java.util.stream.IntStream.range(0, s.size()).filter(i -> s.signal()[i] == signal)
            .mapToDouble(i -> s.scores()[i]).toArray();
    }
}
