package dev.btag.metrics.binning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class BinningTest {

    @Test
    void binsAreHalfOpen() {
        Binning b = Binning.of(0, 1, 3);
        assertEquals(-1, b.indexOf(-0.1));
        assertEquals(0, b.indexOf(0));
        assertEquals(1, b.indexOf(1));
        assertEquals(1, b.indexOf(2.999));
        assertEquals(2, b.indexOf(3), "the last edge is overflow");
        assertEquals(2, b.indexOf(Double.POSITIVE_INFINITY));
        assertEquals(-1, b.indexOf(Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> b.indexOf(Double.NaN));
        assertEquals(2.0, b.center(1));
    }

    @Test
    void badEdgesAreRejectedByIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binning.of(0, 2, 2));
        assertTrue(e.getMessage().contains("edges[2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Binning.of(0));
        assertThrows(IllegalArgumentException.class, () -> Binning.uniform(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Binning.uniform(2, 1, 1));
    }

    @Property(tries = 300)
    void uniformIndexMatchesItsEdges(@ForAll @DoubleRange(min = -20, max = 20) double x) {
        Binning b = Binning.uniform(7, -10, 10);
        int i = b.indexOf(x);
        if (i >= 0 && i < b.bins()) {
            assertTrue(b.lower(i) <= x && x < b.upper(i));
        } else {
            assertTrue(i < 0 ? x < -10 : x >= 10);
        }
    }

    @Test
    void histogramKeepsEveryEntry() {
        Histogram h = Histogram.of(Binning.of(0, 1, 2), new double[] {-5, 0.5, 0.7, 1.5, 2, Double.NaN});
        assertArrayEquals(new double[] {2, 1}, h.counts());
        assertEquals(1, h.underflow());
        assertEquals(1, h.overflow());
        assertEquals(1, h.nan());
        assertEquals(5, h.total());
        Histogram w = Histogram.of(Binning.of(0, 1, 2), new double[] {0.5, 1.5}, new double[] {2, 3});
        assertArrayEquals(new double[] {2, 3}, w.counts());
        assertEquals(Histogram.of(Binning.of(0, 1, 2), new double[] {0.5, 1.5}),
            Histogram.of(Binning.of(0, 1, 2), new float[] {0.5f, 1.5f}));
    }
}
