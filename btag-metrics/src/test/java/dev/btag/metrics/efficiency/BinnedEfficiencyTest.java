package dev.btag.metrics.efficiency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.SklearnReference;
import dev.btag.metrics.binning.Binning;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BinnedEfficiencyTest {

    static Stream<SklearnReference.ClopperPearsonCase> scipyCases() {
        return SklearnReference.load().clopperPearson.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scipyCases")
    void clopperPearsonAgreesWithScipy(SklearnReference.ClopperPearsonCase c) {
        ClopperPearson.Interval interval = ClopperPearson.interval(c.passed, c.total, c.level);
        assertEquals(c.lower, interval.lower(), 1e-9);
        assertEquals(c.upper, interval.upper(), 1e-9);
    }

    @Test
    void countsPerBinWithOutOfRangeAndNaNLeftOut() {
        Binning binning = Binning.of(0, 10, 20);
        double[] pt = {1, 5, 12, 15, 18, 25, -1, Double.NaN, 10};
        boolean[] pass = {true, false, true, true, false, true, true, true, true};
        BinnedEfficiency e = BinnedEfficiency.of(binning, pt, pass);
        assertArrayEquals(new double[] {1, 3}, e.passed());
        assertArrayEquals(new double[] {2, 4}, e.total());
        assertArrayEquals(new double[] {0.5, 0.75}, e.efficiency());
        ClopperPearson.Interval first = ClopperPearson.interval(1, 2, ClopperPearson.ONE_SIGMA);
        assertEquals(first.lower(), e.lower()[0]);
        assertEquals(first.upper(), e.upper()[0]);
        assertEquals(ClopperPearson.ONE_SIGMA, e.confidenceLevel());
        for (int b = 0; b < 2; b++) {
            assertTrue(e.lower()[b] <= e.efficiency()[b] && e.efficiency()[b] <= e.upper()[b]);
        }
    }

    @Test
    void emptyBinHasNaNEfficiencyAndFullInterval() {
        BinnedEfficiency e = BinnedEfficiency.of(Binning.of(0, 1, 2), new double[] {0.5}, new boolean[] {true});
        assertTrue(Double.isNaN(e.efficiency()[1]));
        assertEquals(0.0, e.lower()[1]);
        assertEquals(1.0, e.upper()[1]);
    }

    @Test
    void unitWeightsEqualNoWeights() {
        Binning binning = Binning.uniform(3, 0, 3);
        double[] x = {0.1, 0.2, 1.5, 1.6, 1.7, 2.2};
        boolean[] pass = {true, false, true, true, false, false};
        double[] ones = {1, 1, 1, 1, 1, 1};
        assertEquals(BinnedEfficiency.of(binning, x, pass),
            BinnedEfficiency.of(binning, x, pass, ones, ClopperPearson.ONE_SIGMA));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinnedEfficiency.of(binning, x,
            pass, new double[] {1, 1, -1, 1, 1, 1}, 0.95));
        assertTrue(e.getMessage().contains("weights[2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BinnedEfficiency.of(binning, x, new boolean[2]));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.interval(3, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.interval(1, 2, 1.0));
    }
}
