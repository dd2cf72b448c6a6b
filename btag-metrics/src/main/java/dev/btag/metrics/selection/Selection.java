package dev.btag.metrics.selection;

import java.util.Arrays;

/**
 * The jets a {@link FlavourSelection} keeps: their row indices in the original arrays, ascending, and whether each is
 * signal. This record is immutable: its arrays are copied in and out. Use {@link #pick(double[])} to take the
 * matching scores, then for example {@code RocCurve.of(selection.pick(scores), selection.signal())}.
 *
 * @param rows the kept row indices, ascending
 * @param signal for each kept row, whether it is signal
 */
public record Selection(int[] rows, boolean[] signal) {

    /**
     * Copies and checks the components.
     *
     * @param rows the kept row indices
     * @param signal the signal flags of the kept rows
     * @throws IllegalArgumentException if the lengths differ
     * @throws NullPointerException if a component is null
     */
    public Selection {
        rows = rows.clone();
        signal = signal.clone();
        if (rows.length != signal.length) {
            throw new IllegalArgumentException(
                "rows has " + rows.length + " entries but signal has " + signal.length);
        }
    }

    /**
     * The kept row indices.
     *
     * @return a copy, ascending
     */
    @Override
    public int[] rows() {
        return rows.clone();
    }

    /**
     * The signal flags of the kept rows.
     *
     * @return a copy
     */
    @Override
    public boolean[] signal() {
        return signal.clone();
    }

    /**
     * The number of kept jets.
     *
     * @return the count
     */
    public int size() {
        return rows.length;
    }

    /**
     * The number of kept signal jets.
     *
     * @return the count
     */
    public int signalCount() {
        int n = 0;
        for (boolean s : signal) {
            if (s) {
                n++;
            }
        }
        return n;
    }

    /**
     * The values of the kept rows.
     *
     * @param values one value per jet of the original arrays (scores, weights, p<sub>T</sub>, ...)
     * @return the values at {@link #rows()}
     * @throws ArrayIndexOutOfBoundsException if {@code values} is shorter than the original arrays
     */
    public double[] pick(double[] values) {
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /**
     * The {@code float} values of the kept rows, converted exactly to double.
     *
     * @param values one value per jet of the original arrays
     * @return the values at {@link #rows()}
     * @throws ArrayIndexOutOfBoundsException if {@code values} is shorter than the original arrays
     */
    public double[] pick(float[] values) {
        double[] out = new double[rows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /**
     * The flags of the kept rows.
     *
     * @param values one flag per jet of the original arrays (for example "tagged at a working point")
     * @return the flags at {@link #rows()}
     * @throws ArrayIndexOutOfBoundsException if {@code values} is shorter than the original arrays
     */
    public boolean[] pick(boolean[] values) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /**
     * The signal jets alone (for example to compute the b efficiency versus p<sub>T</sub>).
     *
     * @return a selection of the signal rows, all flagged signal
     */
    public Selection onlySignal() {
        return only(true);
    }

    /**
     * The background jets alone (for example to compute the mistag rate versus p<sub>T</sub>).
     *
     * @return a selection of the background rows, all flagged background
     */
    public Selection onlyBackground() {
        return only(false);
    }

    private Selection only(boolean which) {
        int count = 0;
        for (boolean s : signal) {
            if (s == which) {
                count++;
            }
        }
        int[] kept = new int[count];
        int k = 0;
        for (int i = 0; i < rows.length; i++) {
            if (signal[i] == which) {
                kept[k++] = rows[i];
            }
        }
        boolean[] flags = new boolean[count];
        java.util.Arrays.fill(flags, which);
        return new Selection(kept, flags);
    }

    /**
     * Compares by value.
     *
     * @param other the other object
     * @return whether {@code other} keeps the same rows with the same flags
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Selection s && Arrays.equals(rows, s.rows) && Arrays.equals(signal, s.signal);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rows) + Arrays.hashCode(signal);
    }

    /**
     * A summary.
     *
     * @return the counts of kept and signal jets
     */
    @Override
    public String toString() {
        return "Selection[kept=" + size() + ", signal=" + signalCount() + "]";
    }
}
