package dev.btag.metrics.binning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link BinnedVariable}'s look-up table puts every value in the slot {@link Binning#bin} gives. */
class BinnedVariableTest {

    @Provide
    Arbitrary<double[]> edges() {
        // edges of very different widths (down to 1e-9 of the range), as DeepJet's pT edges 10, 25, ..., 2000
        return Arbitraries.doubles().between(-1e3, 1e3).set().ofMinSize(2).ofMaxSize(30)
            .map(s -> s.stream().sorted().mapToDouble(Double::doubleValue).toArray());
    }

    @Property(tries = 300)
    void everySlotIsTheBinOfTheDirectSearch(@ForAll("edges") double[] edges,
            @ForAll("values") List<Double> values) {
        Binning binning = Binning.of(edges);
        double[] v = new double[values.size() + edges.length * 3];
        int k = 0;
        for (double x : values) {
            v[k++] = x;
        }
        for (double e : edges) { // every edge and its neighbours
            v[k++] = e;
            v[k++] = Math.nextDown(e);
            v[k++] = Math.nextUp(e);
        }
        BinnedVariable variable = BinnedVariable.of("x", binning, v);
        for (int i = 0; i < v.length; i++) {
            int bin = binning.bin(v[i], Overflow.LEFT_OUT);
            int expected = bin >= 0 ? bin : v[i] >= edges[edges.length - 1] ? binning.bins() : -1;
            assertEquals(expected, variable.slot(i), "value " + v[i]);
        }
    }

    @Provide
    Arbitrary<List<Double>> values() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1.2e3, 1.2e3),
            Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0)).list()
            .ofMaxSize(200);
    }
}
