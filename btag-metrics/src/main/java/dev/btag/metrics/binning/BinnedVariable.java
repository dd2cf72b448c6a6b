package dev.btag.metrics.binning;

import java.util.Objects;

/**
 * A per-jet variable together with its binning, each jet's bin looked up once so that several computations (one per
 * flavour comparison, say) can share it. This class is immutable.
 *
 * <p>Each jet gets a <em>slot</em>: {@code 0 ... bins()-1} for the bins, {@link #overflowSlot()} ({@code bins()})
 * for values at or above the last edge, and {@code -1} for values below the first edge or NaN. An
 * {@link Overflow} policy, applied when results are read, decides whether the overflow slot is left out or merged
 * into the last bin.
 */
public final class BinnedVariable {

    /** The largest number of bins a binned variable may have. */
    public static final int MAX_BINS = Short.MAX_VALUE - 1;

    private final String name;
    private final Binning binning;
    private final short[] slots;

    private BinnedVariable(String name, Binning binning, short[] slots) {
        this.name = name;
        this.binning = binning;
        this.slots = slots;
    }

    /**
     * Looks up the slot of every jet.
     *
     * @param name the variable's name for tables and keys, for example {@code "pt"}
     * @param binning its bins
     * @param values one value per jet (NaN allowed: such jets are in no bin)
     * @return the binned variable
     * @throws IllegalArgumentException if the name is blank or the binning has more than {@link #MAX_BINS} bins
     */
    public static BinnedVariable of(String name, Binning binning, double[] values) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a binned variable needs a name");
        }
        Objects.requireNonNull(binning, "binning");
        if (binning.bins() > MAX_BINS) {
            throw new IllegalArgumentException(name + ": " + binning.bins() + " bins; at most " + MAX_BINS);
        }
        double[] edges = binning.edges();
        double first = edges[0];
        double last = edges[edges.length - 1];
        short overflow = (short) binning.bins();
        short[] slots = new short[values.length];
        boolean linear = edges.length <= 24; // a short scan beats a binary search over a few edges
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= first)) {
                slots[i] = -1;
            } else if (v >= last) {
                slots[i] = overflow;
            } else if (linear) {
                int b = 0;
                while (v >= edges[b + 1]) {
                    b++;
                }
                slots[i] = (short) b;
            } else {
                slots[i] = (short) binning.bin(v, Overflow.LEFT_OUT);
            }
        }
        return new BinnedVariable(name, binning, slots);
    }

    /**
     * The variable's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The bins.
     *
     * @return the binning
     */
    public Binning binning() {
        return binning;
    }

    /**
     * The number of jets.
     *
     * @return N
     */
    public int size() {
        return slots.length;
    }

    /**
     * The slot of one jet.
     *
     * @param jet the jet's index
     * @return its bin, {@link #overflowSlot()}, or -1
     */
    public int slot(int jet) {
        return slots[jet];
    }

    /**
     * The slot of jets at or above the last edge.
     *
     * @return {@code binning().bins()}
     */
    public int overflowSlot() {
        return binning.bins();
    }

    /**
     * The bin a slot counts in under a policy.
     *
     * @param slot a slot
     * @param overflow the policy
     * @return the bin, or -1 when the slot is not counted
     */
    public int binOfSlot(int slot, Overflow overflow) {
        if (slot == binning.bins()) {
            return overflow == Overflow.LAST_BIN ? slot - 1 : -1;
        }
        return slot;
    }
}
