package dev.btag.metrics.efficiency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.SklearnReference;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.selection.FlavourGroup;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Efficiency maps count exactly what a direct loop over the jets counts. */
class EfficiencyMapsTest {

    /** Random jets and edges for the property. */
    record Jets(double[] pt, double[] eta, int[] truth, double[] scores, double[] weights, double[] ptEdges,
                double[] etaEdges, double[] cuts) {
    }

    @Provide
    Arbitrary<Jets> jets() {
        Arbitrary<double[]> edges = Arbitraries.integers().between(0, 60).set().ofMinSize(2).ofMaxSize(6)
            .map(s -> s.stream().sorted().mapToDouble(i -> i * 5.0).toArray());
        return Arbitraries.integers().between(0, 60).flatMap(n -> Combinators.combine(
            Arbitraries.integers().between(-10, 400).list().ofSize(n),
            Arbitraries.integers().between(0, 40).list().ofSize(n),
            Arbitraries.of(5, 4, 1, 21, 0, 7).list().ofSize(n),
            Arbitraries.oneOf(Arbitraries.integers().between(0, 4).map(i -> i / 4.0),
                Arbitraries.doubles().between(-1, 2)).list().ofSize(n),
            Arbitraries.doubles().between(0, 3).list().ofSize(n),
            edges, edges.map(e -> java.util.Arrays.stream(e).map(x -> x / 100).toArray()),
            Arbitraries.oneOf(Arbitraries.integers().between(0, 4).map(i -> i / 4.0), Arbitraries.doubles()
                .between(-1, 2)).list().ofMinSize(1).ofMaxSize(4)).as((p, e, t, s, w, pe, ee, c) -> new Jets(
                    p.stream().mapToDouble(Integer::doubleValue).toArray(),
                    e.stream().mapToDouble(x -> x / 10.0).toArray(),
                    t.stream().mapToInt(Integer::intValue).toArray(),
                    s.stream().mapToDouble(Double::doubleValue).toArray(),
                    w.stream().mapToDouble(Double::doubleValue).toArray(), pe, ee,
                    c.stream().mapToDouble(Double::doubleValue).toArray())));
    }

    @Property
    void countsEqualADirectCountOverTheJets(@ForAll("jets") Jets j, @ForAll boolean weighted) {
        Binning x = Binning.of(j.ptEdges());
        Binning y = Binning.of(j.etaEdges());
        List<EfficiencyMaps.Cut> cuts = new java.util.ArrayList<>();
        for (int c = 0; c < j.cuts().length; c++) {
            cuts.add(new EfficiencyMaps.Cut("cut" + c, j.cuts()[c]));
        }
        EfficiencyMaps maps = EfficiencyMaps.of("score", x, y, j.pt(), j.eta(), j.truth(), j.scores(),
            weighted ? j.weights() : null, cuts, FlavourGroup.STANDARD, ClopperPearson.ONE_SIGMA);
        for (int c = 0; c < cuts.size(); c++) {
            for (int g = 0; g < 3; g++) {
                FlavourGroup group = FlavourGroup.STANDARD.get(g);
                double[][] passed = new double[x.bins()][y.bins()];
                double[][] total = new double[x.bins()][y.bins()];
                double[][] wPassed = new double[x.bins()][y.bins()];
                double[][] wTotal = new double[x.bins()][y.bins()];
                for (int i = 0; i < j.scores().length; i++) {
                    if (!group.codes().contains(j.truth()[i])) {
                        continue;
                    }
                    int bx = directBin(x, j.pt()[i]);
                    int by = directBin(y, j.eta()[i]);
                    if (bx < 0 || by < 0) {
                        continue;
                    }
                    boolean pass = j.scores()[i] >= cuts.get(c).threshold();
                    total[bx][by]++;
                    wTotal[bx][by] += j.weights()[i];
                    if (pass) {
                        passed[bx][by]++;
                        wPassed[bx][by] += j.weights()[i];
                    }
                }
                EfficiencyMap m = maps.cuts().get(c).flavour(group);
                assertTrue(java.util.Arrays.deepEquals(passed, m.passed()), "passed of " + group.name());
                assertTrue(java.util.Arrays.deepEquals(total, m.total()), "total of " + group.name());
                if (weighted) {
                    for (int a = 0; a < x.bins(); a++) {
                        assertArrayEquals(wPassed[a], m.weightedPassed()[a], 1e-9);
                        assertArrayEquals(wTotal[a], m.weightedTotal()[a], 1e-9);
                    }
                } else {
                    assertNull(m.weightedPassed());
                }
            }
        }
    }

    /** The bin rule, written out: [edge_i, edge_i+1), the last bin takes the overflow, below the first out. */
    private static int directBin(Binning b, double v) {
        double[] e = b.edges();
        if (!(v >= e[0])) {
            return -1;
        }
        for (int i = 0; i < e.length - 2; i++) {
            if (v < e[i + 1]) {
                return i;
            }
        }
        return e.length - 2;
    }

    /** The reference cases with whole counts (the others are effective counts of weighted entries). */
    static Stream<SklearnReference.ClopperPearsonCase> scipyCases() {
        return SklearnReference.load().clopperPearson.stream()
            .filter(c -> c.passed == Math.rint(c.passed) && c.total == Math.rint(c.total));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scipyCases")
    void cellIntervalsAreTheScipyClopperPearsonIntervals(SklearnReference.ClopperPearsonCase c) {
        int n = (int) c.total;
        double[] pt = new double[n];
        double[] eta = new double[n];
        int[] truth = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            pt[i] = 25;
            eta[i] = 0.1;
            truth[i] = 5;
            scores[i] = i < c.passed ? 1 : 0;
        }
        EfficiencyMaps maps = EfficiencyMaps.of("s", Binning.of(20, 30), Binning.of(0, 2.5), pt, eta, truth, scores,
            null, List.of(new EfficiencyMaps.Cut("wp", 0.5)), List.of(FlavourGroup.B), c.level);
        EfficiencyMap m = maps.cut("wp").flavour(FlavourGroup.B);
        assertEquals(c.passed, m.passed()[0][0]);
        assertEquals(c.lower, m.lower()[0][0], 1e-9);
        assertEquals(c.upper, m.upper()[0][0], 1e-9);
    }

    @Test
    void overflowGoesToTheLastBinAndUnderflowIsLeftOut() {
        double[] pt = {10, 20, 29.999, 30, 1e6, Double.POSITIVE_INFINITY};
        double[] eta = {0, 0, 0, 0, 0, 3};
        int[] truth = {5, 5, 5, 5, 5, 5};
        double[] scores = {1, 1, 0, 1, 0, 1};
        EfficiencyMaps maps = EfficiencyMaps.of("s", Binning.of(20, 30, 50), Binning.of(0, 2.5), pt, eta, truth,
            scores, null, List.of(new EfficiencyMaps.Cut("wp", 1)), FlavourGroup.STANDARD, ClopperPearson.ONE_SIGMA);
        EfficiencyMap b = maps.cut("wp").flavour(FlavourGroup.B);
        assertArrayEquals(new double[] {2}, b.total()[0]);
        assertArrayEquals(new double[] {3}, b.total()[1]);
        assertArrayEquals(new double[] {2}, b.passed()[1]);
        assertTrue(Double.isNaN(maps.cut("wp").flavour(FlavourGroup.C).efficiency(0, 0)));
    }

    @Test
    void badInputIsRejectedWithTheIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EfficiencyMaps.of("s",
            Binning.of(0, 1), Binning.of(0, 1), new double[] {0.5, 0.5}, new double[] {0.5, 0.5}, new int[] {5, 5},
            new double[] {0, Double.NaN}, null, List.of(new EfficiencyMaps.Cut("wp", 0)), FlavourGroup.STANDARD,
            ClopperPearson.ONE_SIGMA));
        assertTrue(e.getMessage().contains("scores[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlavourGroup.indexOf(List.of(FlavourGroup.B,
            new FlavourGroup("bb", java.util.Set.of(5))), new int[] {5}));
    }
}
