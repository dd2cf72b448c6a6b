package dev.btag.metrics.roc;

/**
 * One class of a {@link RocScan} sorted by score, with the running sums of its jets' weights in each slot of every
 * binned variable, taken in the order a walk down the scores adds them (highest score first; equal scores from the
 * highest index down) and kept at every {@value #STRIDE}-th jet. A passing count at any cut is then the sum at the
 * checkpoint above the cut plus at most {@value #STRIDE} - 1 more jets, added in the same order, so it equals
 * exactly the count a full walk would give. Package-private; immutable once built, so safe to read from several
 * threads.
 *
 * <p>Memory: the sorted keys, cells and weights (12 or 20 bytes per jet) plus one {@code double} per slot per
 * {@value #STRIDE} jets.
 */
final class SlotSums {

    /** The distance in jets between two checkpoints. */
    static final int STRIDE = 4096;

    /** The keys in ascending unsigned order. */
    final long[] keys;
    /** The packed bins ({@link JetBins}) of each key's jet. */
    final int[] cells;
    /** The weight of each key's jet, or {@code null} for unit weights. */
    final double[] weights;
    /** The number of jets. */
    final int size;
    private final int[][] slotOfCell;
    private final int[] offset;
    private final int width;
    private final double[] checkpoints;
    private final double[] totals;
    private final double[] squares;
    private final long[] counts;

    /**
     * Builds the checkpoints with one pass over the sorted jets.
     *
     * @param keys sorted keys ({@link SortableKeys}), ascending
     * @param cells the jets' packed bins
     * @param weights the jets' weights or {@code null}
     * @param size the number of jets (the arrays' length)
     * @param slotOfCell per variable, the slot of each packed code (-1 for none)
     * @param offset per variable, the index of its slot 0 among all slots
     * @param width the number of slots of all variables together
     */
    SlotSums(long[] keys, int[] cells, double[] weights, int size, int[][] slotOfCell, int[] offset, int width) {
        this.keys = keys;
        this.cells = cells;
        this.weights = weights;
        this.size = size;
        this.slotOfCell = slotOfCell;
        this.offset = offset;
        this.width = width;
        int rows = size / STRIDE + 1;
        checkpoints = new double[rows * width];
        double[] running = new double[width];
        squares = new double[width];
        counts = new long[width];
        int variables = slotOfCell.length;
        for (int q = 0; q < size; q++) {
            if (q % STRIDE == 0) {
                System.arraycopy(running, 0, checkpoints, (q / STRIDE) * width, width);
            }
            int index = size - 1 - q;
            int cell = cells[index];
            double w = weights == null ? 1 : weights[index];
            for (int v = 0; v < variables; v++) {
                int s = slotOfCell[v][cell];
                if (s >= 0) {
                    int at = offset[v] + s;
                    running[at] += w;
                    squares[at] += w * w;
                    counts[at]++;
                }
            }
        }
        if (size % STRIDE == 0) {
            System.arraycopy(running, 0, checkpoints, (size / STRIDE) * width, width);
        }
        totals = running;
    }

    /** The total weight of a slot (index among all slots). */
    double total(int slot) {
        return totals[slot];
    }

    /** The sum of the squared weights of a slot. */
    double squares(int slot) {
        return squares[slot];
    }

    /** The number of jets in a slot. */
    long count(int slot) {
        return counts[slot];
    }

    /**
     * The weight of the jets scoring at least a cut, per slot of one variable.
     *
     * @param variable the variable
     * @param slots its number of slots
     * @param cut the cut, not NaN
     * @return one sum per slot, each equal to the running sum of a walk down to the cut
     */
    double[] above(int variable, int slots, double cut) {
        int passing = size - lowerBound(SortableKeys.encode(cut));
        int row = passing / STRIDE;
        double[] out = new double[slots];
        System.arraycopy(checkpoints, row * width + offset[variable], out, 0, slots);
        int[] slotOf = slotOfCell[variable];
        for (int q = row * STRIDE; q < passing; q++) {
            int index = size - 1 - q;
            int s = slotOf[cells[index]];
            if (s >= 0) {
                out[s] += weights == null ? 1 : weights[index];
            }
        }
        return out;
    }

    /** The first index whose key is at least {@code key} (unsigned), or {@code size}. */
    private int lowerBound(long key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(keys[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
