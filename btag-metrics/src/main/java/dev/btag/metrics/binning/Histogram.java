package dev.btag.metrics.binning;

import java.util.Arrays;

/**
 * Counts (or sums of weights) of values per bin, with the underflow, overflow and NaN entries kept apart. This record
 * is immutable: its array is copied in and out.
 *
 * @param binning the bins
 * @param counts the count (sum of weights) in each bin, {@code binning.bins()} entries
 * @param underflow the count of values below the first edge (including -&infin;)
 * @param overflow the count of values at or above the last edge (including +&infin;)
 * @param nan the count of NaN values
 */
public record Histogram(Binning binning, double[] counts, double underflow, double overflow, double nan) {

    /**
     * Copies and checks the components.
     *
     * @param binning the bins
     * @param counts the counts per bin
     * @param underflow the underflow count
     * @param overflow the overflow count
     * @param nan the NaN count
     * @throws IllegalArgumentException if {@code counts} does not have one entry per bin
     * @throws NullPointerException if {@code binning} or {@code counts} is null
     */
    public Histogram {
        if (binning == null || counts == null) {
            throw new NullPointerException("binning and counts must not be null");
        }
        counts = counts.clone();
        if (counts.length != binning.bins()) {
            throw new IllegalArgumentException(
                "counts has " + counts.length + " entries for " + binning.bins() + " bins");
        }
    }

    /**
     * Counts values.
     *
     * @param binning the bins
     * @param values the values; NaN values are counted in {@link #nan()}, infinities in under/overflow
     * @return the histogram
     */
    public static Histogram of(Binning binning, double[] values) {
        return of(binning, values, null);
    }

    /**
     * Sums weights of values.
     *
     * @param binning the bins
     * @param values the values; NaN values are counted in {@link #nan()}, infinities in under/overflow
     * @param weights one weight per value, or {@code null} for unit weights
     * @return the histogram
     * @throws IllegalArgumentException if {@code weights} is not as long as {@code values}
     */
    public static Histogram of(Binning binning, double[] values, double[] weights) {
        if (weights != null && weights.length != values.length) {
            throw new IllegalArgumentException(
                "values has " + values.length + " entries but weights has " + weights.length);
        }
        int bins = binning.bins();
        double[] counts = new double[bins];
        double under = 0;
        double over = 0;
        double nan = 0;
        for (int i = 0; i < values.length; i++) {
            double w = weights == null ? 1 : weights[i];
            double v = values[i];
            if (Double.isNaN(v)) {
                nan += w;
                continue;
            }
            int bin = binning.indexOf(v);
            if (bin < 0) {
                under += w;
            } else if (bin >= bins) {
                over += w;
            } else {
                counts[bin] += w;
            }
        }
        return new Histogram(binning, counts, under, over, nan);
    }

    /**
     * Counts {@code float} values (converted exactly to double).
     *
     * @param binning the bins
     * @param values the values
     * @return the histogram
     */
    public static Histogram of(Binning binning, float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return of(binning, d, null);
    }

    /**
     * The counts per bin.
     *
     * @return a copy of the counts
     */
    @Override
    public double[] counts() {
        return counts.clone();
    }

    /**
     * The count of all non-NaN entries: in the bins, underflow and overflow.
     *
     * @return the total
     */
    public double total() {
        double sum = underflow + overflow;
        for (double c : counts) {
            sum += c;
        }
        return sum;
    }

    /**
     * Compares components by value.
     *
     * @param other the other object
     * @return whether {@code other} is an equal histogram
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Histogram h && binning.equals(h.binning) && Arrays.equals(counts, h.counts)
            && Double.compare(underflow, h.underflow) == 0 && Double.compare(overflow, h.overflow) == 0
            && Double.compare(nan, h.nan) == 0;
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * binning.hashCode() + Arrays.hashCode(counts)
            + Double.hashCode(underflow) + 3 * Double.hashCode(overflow) + 7 * Double.hashCode(nan);
    }

    /**
     * The components as text.
     *
     * @return a summary with the counts
     */
    @Override
    public String toString() {
        return "Histogram[" + binning + ", counts=" + Arrays.toString(counts) + ", underflow=" + underflow
            + ", overflow=" + overflow + ", nan=" + nan + "]";
    }
}
