package dev.btag.models.inputs;

import java.util.Arrays;
import java.util.Locale;

/**
 * A default value of a variable: a sentinel that ntuples store where a quantity is undefined (no track above the
 * charm threshold, no partner track, ...), such as -999 or -1. Plotting it with the real values would squeeze the
 * histogram, so plots leave it out and state how often it occurs.
 *
 * <p>Detection (on the values of all categories together), only ever at the low end: the smallest value is a default
 * when it holds at least 0.1% of the entries and is at most -99, or when it holds at least 0.5% of the entries, the
 * other values are not all integers, and it lies apart from them: the gap to the next value is more than half the
 * 0.5%–99.5% quantile range of the other values. Counts and flags (integer-valued) therefore never get a default.
 * This class is immutable.
 */
final class DefaultValue {

    private static final DefaultValue NONE = new DefaultValue(Float.NaN);

    private final float value;

    private DefaultValue(float value) {
        this.value = value;
    }

    /**
     * Looks for a default value.
     *
     * @param categories the values of each category
     * @return the default, or one that is not {@link #isPresent() present}
     */
    static DefaultValue detect(float[][] categories) {
        int total = 0;
        for (float[] c : categories) {
            total += c.length;
        }
        if (total == 0) {
            return NONE;
        }
        float[] all = new float[total];
        int k = 0;
        for (float[] c : categories) {
            System.arraycopy(c, 0, all, k, c.length);
            k += c.length;
        }
        Arrays.sort(all);
        float min = all[0];
        if (!Float.isFinite(min)) {
            return NONE;
        }
        int atMin = 0;
        while (atMin < total && all[atMin] == min) {
            atMin++;
        }
        if (atMin == total) {
            return NONE;
        }
        double fraction = (double) atMin / total;
        if (min <= -99f && fraction >= 0.001) {
            return new DefaultValue(min);
        }
        if (fraction < 0.005) {
            return NONE;
        }
        boolean integers = true;
        for (int i = atMin; i < total && integers; i++) {
            integers = all[i] == Math.rint(all[i]);
        }
        if (integers) {
            return NONE;
        }
        int rest = total - atMin;
        float low = all[atMin + (int) (0.005 * (rest - 1))];
        float high = all[atMin + (int) (0.995 * (rest - 1))];
        float gap = all[atMin] - min;
        return gap > 0.5f * (high - low) ? new DefaultValue(min) : NONE;
    }

    /**
     * Whether a default value was found.
     *
     * @return {@code true} when there is one
     */
    boolean isPresent() {
        return !Float.isNaN(value);
    }

    /**
     * The default value.
     *
     * @return the value, NaN when there is none
     */
    float value() {
        return value;
    }

    /**
     * The value for a legend, e.g. {@code "-999"}.
     *
     * @return the formatted value
     */
    String label() {
        return String.format(Locale.ROOT, "%s", value == Math.rint(value) ? Integer.toString((int) value) : value);
    }

    /**
     * The values without the default.
     *
     * @param values some values
     * @return a new array without entries equal to the default (all of them when there is none)
     */
    float[] without(float[] values) {
        if (!isPresent()) {
            return values.clone();
        }
        float[] out = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (v != value) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
