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
        Grid grid = Grid.of(edges);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= first)) {
                slots[i] = -1;
            } else if (v >= last) {
                slots[i] = overflow;
            } else {
                slots[i] = (short) grid.bin(v);
            }
        }
        return new BinnedVariable(name, binning, slots);
    }

    /**
     * A look-up table over a uniform grid of the edges' range (at least four cells per bin and two per narrowest bin,
     * at most 2^16): a value's cell
     * gives a starting bin, and one or two comparisons with the edges finish the search, so the result is exactly the
     * bin {@code [edge_b, edge_b+1)} whatever the rounding of the cell index.
     */
    private static final class Grid {
        private final double[] edges;
        private final double first;
        private final double scale;
        private final int[] start;

        private Grid(double[] edges, double scale, int[] start) {
            this.edges = edges;
            this.first = edges[0];
            this.scale = scale;
            this.start = start;
        }

        static Grid of(double[] edges) {
            double first = edges[0];
            double span = edges[edges.length - 1] - first;
            double narrowest = span;
            for (int e = 1; e < edges.length; e++) {
                narrowest = Math.min(narrowest, edges[e] - edges[e - 1]);
            }
            // at least four cells per bin and two per narrowest bin, so that a cell spans few edges
            double wanted = Math.max(4.0 * (edges.length - 1), 2 * span / narrowest);
            int cells = (int) Math.min(1 << 16, Math.ceil(wanted));
            double scale = cells / span;
            if (!(scale > 0) || Double.isInfinite(scale)) {
                return new Grid(edges, 0, new int[] {0});
            }
            int[] start = new int[cells + 1];
            int b = 0;
            for (int k = 0; k <= cells; k++) {
                double x = first + k / scale;
                while (b < edges.length - 2 && x >= edges[b + 1]) {
                    b++;
                }
                start[k] = b;
            }
            return new Grid(edges, scale, start);
        }

        /**
         * The bin of a value in {@code [first, last)}. The walk down stops at bin 0 at the latest, because
         * {@code v >= edges[0]}, and the walk up at the last bin, because {@code v < last}; there is no branch on the
         * bin itself, which would mispredict on every jet of the first bin.
         */
        int bin(double v) {
            int k = (int) ((v - first) * scale);
            int b = start[Math.min(start.length - 1, Math.max(0, k))];
            while (v < edges[b]) {
                b--;
            }
            while (v >= edges[b + 1]) {
                b++;
            }
            return b;
        }
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
