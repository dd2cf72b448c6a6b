package dev.btag.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Arrays;

/**
 * What the benchmarks share to time their runs: the median of the timed runs and the CPU time of the whole process.
 * Stateless; safe to call from any thread.
 */
final class Timing {

    private Timing() {
    }

    /**
     * The median: the middle value, or the mean of the two middle values for an even count.
     *
     * @param values the values, at least one (not changed)
     * @return the median, in the order of {@link Arrays#sort(double[])} (NaN last; all NaN gives NaN)
     */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * The CPU time the whole JVM process has used so far (all its threads).
     *
     * @return nanoseconds, or -1 where the platform does not report it
     */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
