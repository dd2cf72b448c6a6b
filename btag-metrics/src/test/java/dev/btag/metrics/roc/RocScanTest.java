package dev.btag.metrics.roc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.binning.BinnedVariable;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.efficiency.ClopperPearson;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link RocScan} gives exactly the numbers of the direct calls, for the whole sample and for every bin. */
class RocScanTest {

    /** Jets with scores, truth codes, weights and two variables, and the edges of the variables. */
    record Jets(double[] scores, int[] truth, double[] weights, double[] pt, double[] eta, double[] ptEdges,
                double[] etaEdges) {
    }

    @Provide
    Arbitrary<Jets> jets() {
        Arbitrary<Double> tied = Arbitraries.integers().between(0, 6).map(i -> i / 6.0);
        Arbitrary<Double> wide = Arbitraries.doubles().between(-1, 2);
        return Arbitraries.integers().between(2, 80).flatMap(n -> Combinators.combine(
            Arbitraries.oneOf(tied, wide).list().ofSize(n),
            Arbitraries.of(5, 4, 1, 21, 0).list().ofSize(n),
            Arbitraries.integers().between(0, 3).list().ofSize(n),
            Arbitraries.integers().between(0, 400).list().ofSize(n),
            Arbitraries.integers().between(0, 30).list().ofSize(n),
            Arbitraries.integers().between(1, 5).flatMap(k -> Arbitraries.integers().between(10, 300).set()
                .ofMinSize(k + 1).ofMaxSize(k + 1))).as((s, t, w, p, e, edges) -> {
                    int[] truth = t.stream().mapToInt(Integer::intValue).toArray();
                    truth[0] = 5;
                    truth[1] = 1;
                    double[] weights = w.stream().mapToDouble(x -> x * 0.5).toArray();
                    weights[0] = 1;
                    weights[1] = 1;
                    double[] eta = e.stream().mapToDouble(x -> x / 10.0).toArray();
                    if (n > 2) {
                        eta[2] = Double.NaN;
                    }
                    return new Jets(s.stream().mapToDouble(Double::doubleValue).toArray(), truth, weights,
                        p.stream().mapToDouble(Integer::doubleValue).toArray(), eta,
                        edges.stream().sorted().mapToDouble(Integer::doubleValue).toArray(),
                        new double[] {0, 0.6, 1.2, 2.5});
                }));
    }

    private static List<BinnedVariable> variables(Jets j) {
        return List.of(BinnedVariable.of("pt", Binning.of(j.ptEdges()), j.pt()),
            BinnedVariable.of("abseta", Binning.of(j.etaEdges()), j.eta()));
    }

    @Property
    void wholeSampleEqualsTheDirectCalls(@ForAll("jets") Jets j, @ForAll boolean weighted) {
        double[] w = weighted ? j.weights() : null;
        Selection sel = FlavourSelection.B_VS_LIGHT_GLUON.apply(j.truth());
        RocScan scan = RocScan.of(j.scores(), j.truth(), FlavourSelection.B_VS_LIGHT_GLUON, w, variables(j));
        double[] kept = sel.pick(j.scores());
        if (weighted) {
            assertEquals(RocCurve.of(kept, sel.signal(), sel.pick(w)), scan.roc());
            assertEquals(AucEstimate.delong(kept, sel.signal(), sel.pick(w)), scan.auc());
        } else {
            assertEquals(RocCurve.of(kept, sel.signal()), scan.roc());
            assertEquals(AucEstimate.delong(kept, sel.signal()), scan.auc());
        }
    }

    @Property
    void everyBinEqualsTheDirectCallsOnItsJets(@ForAll("jets") Jets j, @ForAll boolean weighted,
            @ForAll Overflow overflow) {
        double[] w = weighted ? j.weights() : null;
        List<BinnedVariable> variables = variables(j);
        RocScan scan = RocScan.of(j.scores(), j.truth(), FlavourSelection.B_VS_ALL, w, variables);
        double[][] values = {j.pt(), j.eta()};
        for (int v = 0; v < 2; v++) {
            Binning binning = variables.get(v).binning();
            BinnedRoc binned = scan.binned(v, overflow, Integer.MAX_VALUE);
            for (int b = 0; b < binning.bins(); b++) {
                List<Integer> in = new ArrayList<>();
                for (int i = 0; i < j.scores().length; i++) {
                    if (binning.bin(values[v][i], overflow) == b) {
                        in.add(i);
                    }
                }
                double[] s = in.stream().mapToDouble(i -> j.scores()[i]).toArray();
                boolean[] signal = new boolean[in.size()];
                double[] ww = new double[in.size()];
                double sigW = 0;
                double bkgW = 0;
                for (int k = 0; k < in.size(); k++) {
                    signal[k] = j.truth()[in.get(k)] == 5;
                    ww[k] = weighted ? j.weights()[in.get(k)] : 1;
                    if (signal[k]) {
                        sigW += ww[k];
                    } else {
                        bkgW += ww[k];
                    }
                }
                RocBin bin = binned.bins().get(b);
                if (!(sigW > 0 && bkgW > 0)) {
                    assertNull(bin.curve());
                    assertTrue(Double.isNaN(bin.auc().auc()));
                    continue;
                }
                RocCurve direct = weighted ? RocCurve.of(s, signal, ww) : RocCurve.of(s, signal);
                AucEstimate auc = weighted ? AucEstimate.delong(s, signal, ww) : AucEstimate.delong(s, signal);
                // the same arithmetic in the same order: equal to the last bit, weighted or not
                double tolerance = 0;
                assertArrayEquals(direct.thresholds(), bin.curve().thresholds());
                assertArrayEquals(direct.tpr(), bin.curve().tpr(), tolerance);
                assertArrayEquals(direct.fpr(), bin.curve().fpr(), tolerance);
                assertEquals(auc.auc(), bin.auc().auc(), tolerance);
                assertEquals(auc.standardError(), bin.auc().standardError(), tolerance);
                // a thinned bin curve keeps the points the direct curve's thinning keeps
                RocCurve thin = scan.binned(v, overflow, 4).bins().get(b).curve();
                assertArrayEquals(direct.thinned(4).thresholds(), thin.thresholds());
                assertArrayEquals(direct.thinned(4).tpr(), thin.tpr(), tolerance);
            }
        }
    }

    @Property
    void passingCountsEqualADirectCount(@ForAll("jets") Jets j, @ForAll boolean weighted,
            @ForAll Overflow overflow, @ForAll("cuts") double cut) {
        double[] w = weighted ? j.weights() : null;
        List<BinnedVariable> variables = variables(j);
        RocScan scan = RocScan.of(j.scores(), j.truth(),
            FlavourSelection.of(java.util.Set.of(5), java.util.Set.of(4, 1)), w, variables);
        Binning binning = variables.get(0).binning();
        BinnedEfficiency sig = scan.signalPassing(0, cut, overflow, ClopperPearson.ONE_SIGMA);
        BinnedEfficiency bkg = scan.backgroundPassing(0, cut, overflow, ClopperPearson.ONE_SIGMA);
        double[] passS = new double[binning.bins()];
        double[] totS = new double[binning.bins()];
        double[] passB = new double[binning.bins()];
        double[] totB = new double[binning.bins()];
        for (int i = 0; i < j.scores().length; i++) {
            int b = binning.bin(j.pt()[i], overflow);
            int code = j.truth()[i];
            if (b < 0 || !(code == 5 || code == 4 || code == 1)) {
                continue;
            }
            double wi = weighted ? j.weights()[i] : 1;
            boolean pass = j.scores()[i] >= cut;
            if (code == 5) {
                totS[b] += wi;
                passS[b] += pass ? wi : 0;
            } else {
                totB[b] += wi;
                passB[b] += pass ? wi : 0;
            }
        }
        assertArrayEquals(passS, sig.passed(), 1e-9);
        assertArrayEquals(totS, sig.total(), 1e-9);
        assertArrayEquals(passB, bkg.passed(), 1e-9);
        assertArrayEquals(totB, bkg.total(), 1e-9);
    }

    @Provide
    Arbitrary<Double> cuts() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 6).map(i -> i / 6.0),
            Arbitraries.doubles().between(-1.5, 2.5), Arbitraries.of(Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY));
    }

    @Test
    void largeSamplesWithLongRunsOfEqualHighBitsMatchTheDirectCurve() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 200_000;
        double[] scores = new double[n];
        boolean[] signal = new boolean[n];
        double[] pt = new double[n];
        for (int i = 0; i < n; i++) {
            signal[i] = random.nextDouble() < 0.3;
            // a third of the scores differ only in their lowest bits: long runs of equal high bits
            scores[i] = i % 3 == 0 ? Math.nextUp(0.5) + random.nextInt(5000) * Math.ulp(0.5)
                : random.nextDouble() + (signal[i] ? 0.3 : 0);
            pt[i] = 20 + 400 * random.nextDouble();
        }
        List<BinnedVariable> vars = List.of(BinnedVariable.of("pt", Binning.of(20, 50, 100, 200), pt));
        RocScan scan = RocScan.of(scores, signal, null, vars);
        assertEquals(RocCurve.of(scores, signal), scan.roc());
        assertEquals(AucEstimate.delong(scores, signal), scan.auc());
        BinnedRoc binned = scan.binned(0, Overflow.LAST_BIN, 500);
        assertTrue(binned.bins().get(0).curve().size() <= 500);
        assertFalse(Double.isNaN(binned.auc()[2]));
    }

    @Test
    void missingClassIsRejectedAsByRocCurve() {
        assertThrows(IllegalArgumentException.class, () -> RocScan.of(new double[] {1, 2}, new int[] {5, 5},
            FlavourSelection.B_VS_C, null, List.of()));
        InvalidEntryException e = assertThrows(InvalidEntryException.class, () -> RocScan.of(
            new double[] {1, Double.NaN, Double.NaN}, new int[] {5, 1, 4}, FlavourSelection.B_VS_C, null, List.of()));
        assertEquals(2, e.index());
    }
}
