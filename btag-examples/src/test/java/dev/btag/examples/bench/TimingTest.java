package dev.btag.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The benchmarks' median and process CPU time. */
class TimingTest {

    @Test
    void medianIsTheMiddleValueOrTheMeanOfTheTwoAndLeavesItsInputAlone() {
        double[] odd = {5, 1, 3};
        assertEquals(3, Timing.median(odd));
        assertArrayEquals(new double[] {5, 1, 3}, odd, "not sorted in place");
        assertEquals(2.5, Timing.median(new double[] {4, 1, 3, 2}));
        assertEquals(7, Timing.median(new double[] {7}));
        assertTrue(Double.isNaN(Timing.median(new double[] {Double.NaN, Double.NaN})));
    }

    @Test
    void processCpuTimeGrowsWithWork() {
        long before = Timing.processCpuNanos();
        assumeTrue(before >= 0, "this platform does not report the process CPU time");
        double sink = 0;
        long end = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < end) {
            sink += Math.sqrt(sink + 1);
        }
        assertTrue(Timing.processCpuNanos() > before, "busy for 50 ms: " + sink);
    }
}
