package dev.btag.metrics.binning;

import java.util.Arrays;

/**
 * Bin edges of one variable: bin {@code i} is {@code [edges[i], edges[i+1])}. This record is immutable: the edges
 * are copied in and out.
 *
 * @param edges the bin edges, finite and strictly increasing, at least two
 */
public record Binning(double[] edges) {

    /**
     * Copies and checks the edges.
     *
     * @param edges the bin edges
     * @throws IllegalArgumentException if there are fewer than two edges, or an edge is not finite or not greater than
     *     the one before (the message names the index)
     * @throws NullPointerException if {@code edges} is null
     */
    public Binning {
        if (edges == null) {
            throw new NullPointerException("edges is null");
        }
        edges = edges.clone();
        if (edges.length < 2) {
            throw new IllegalArgumentException("a binning needs at least 2 edges, got " + edges.length);
        }
        for (int i = 0; i < edges.length; i++) {
            if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
                throw new IllegalArgumentException(
                    "edges[" + i + "] = " + edges[i] + ": edges must be finite and strictly increasing");
            }
        }
    }

    /**
     * Edges given explicitly, for example {@code Binning.of(20, 30, 50, 80, 120, 200, 500)} for jet p<sub>T</sub> in
     * GeV.
     *
     * @param edges the bin edges, finite and strictly increasing, at least two
     * @return the binning
     * @throws IllegalArgumentException as the constructor
     */
    public static Binning of(double... edges) {
        return new Binning(edges);
    }

    /**
     * Equal-width bins.
     *
     * @param bins the number of bins, at least 1
     * @param lower the lower edge of the first bin
     * @param upper the upper edge of the last bin, greater than {@code lower}
     * @return the binning
     * @throws IllegalArgumentException if {@code bins < 1} or the range is empty or not finite
     */
    public static Binning uniform(int bins, double lower, double upper) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        if (!Double.isFinite(lower) || !Double.isFinite(upper) || !(upper > lower)) {
            throw new IllegalArgumentException("the range [" + lower + ", " + upper + ") must be finite and non-empty");
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lower + (upper - lower) * i / bins;
        }
        edges[bins] = upper;
        return new Binning(edges);
    }

    /**
     * The edges.
     *
     * @return a copy of the edges
     */
    @Override
    public double[] edges() {
        return edges.clone();
    }

    /**
     * The number of bins, one less than the number of edges.
     *
     * @return the number of bins
     */
    public int bins() {
        return edges.length - 1;
    }

    /**
     * The lower edge of a bin.
     *
     * @param bin the bin index, 0 &le; bin &lt; {@link #bins()}
     * @return its lower edge
     */
    public double lower(int bin) {
        checkBin(bin);
        return edges[bin];
    }

    /**
     * The upper edge of a bin.
     *
     * @param bin the bin index, 0 &le; bin &lt; {@link #bins()}
     * @return its upper edge
     */
    public double upper(int bin) {
        checkBin(bin);
        return edges[bin + 1];
    }

    /**
     * The centre of a bin.
     *
     * @param bin the bin index, 0 &le; bin &lt; {@link #bins()}
     * @return the mean of its edges
     */
    public double center(int bin) {
        checkBin(bin);
        return (edges[bin] + edges[bin + 1]) / 2;
    }

    /**
     * The bin a value falls in.
     *
     * @param value the value, not NaN
     * @return the bin index; {@code -1} for underflow (below the first edge), {@link #bins()} for overflow (at or
     *     above the last edge, including +&infin;)
     * @throws IllegalArgumentException if {@code value} is NaN
     */
    public int indexOf(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN has no bin");
        }
        if (value < edges[0]) {
            return -1;
        }
        int n = edges.length - 1;
        if (value >= edges[n]) {
            return n;
        }
        int at = Arrays.binarySearch(edges, value + 0.0); // -0.0 + 0.0 is +0.0, which binarySearch orders above -0.0
        return at >= 0 ? at : -at - 2;
    }

    /**
     * The bin a value is counted in under an overflow policy: bin {@code i} is {@code [edges[i], edges[i+1])}; with
     * {@link Overflow#LAST_BIN} the last bin also takes every value at or above the last edge (+&infin; included).
     *
     * @param value the value
     * @param overflow what to do with values at or above the last edge
     * @return the bin index in {@code [0, bins())}, or {@code -1} when the value is not counted (NaN, below the first
     *     edge, or overflow with {@link Overflow#LEFT_OUT})
     */
    public int bin(double value, Overflow overflow) {
        if (!(value >= edges[0])) {
            return -1; // below the first edge, or NaN
        }
        int n = edges.length - 1;
        if (value >= edges[n]) {
            return overflow == Overflow.LAST_BIN ? n - 1 : -1;
        }
        int at = Arrays.binarySearch(edges, value + 0.0); // -0.0 + 0.0 is +0.0, which binarySearch orders above -0.0
        return at >= 0 ? at : -at - 2;
    }

    private void checkBin(int bin) {
        if (bin < 0 || bin >= bins()) {
            throw new IndexOutOfBoundsException("bin " + bin + " out of range [0, " + bins() + ")");
        }
    }

    /**
     * Compares edges by value.
     *
     * @param other the other object
     * @return whether {@code other} is a binning with the same edges
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Binning b && Arrays.equals(edges, b.edges);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Arrays.hashCode(edges);
    }

    /**
     * The edges as text.
     *
     * @return for example {@code Binning[0.0, 1.0, 2.0]}
     */
    @Override
    public String toString() {
        return "Binning" + Arrays.toString(edges);
    }
}
