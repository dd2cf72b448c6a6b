package dev.btag.metrics.binning;

/**
 * What happens to a value at or above the last edge of a {@link Binning}. Values below the first edge and NaN values
 * are never binned, whatever the policy.
 */
public enum Overflow {
    /** Values at or above the last edge are left out (ROOT's overflow bin, not shown). */
    LEFT_OUT,
    /**
     * Values at or above the last edge are counted in the last bin, so that the last bin is
     * {@code [edges[n-1], +Infinity)}: what a scale-factor efficiency map needs, where every jet above the first edge
     * must find a bin.
     */
    LAST_BIN
}
