package dev.btag.metrics.roc;

/**
 * The jets of a {@link RocScan} in the order of its walk down the scores (highest score first; within one score the
 * signal jets, then the background jets, each from the highest sorted index down), one packed {@code int} per jet:
 * bit 31 set on the first jet of each distinct score (a block), bit 30 set for signal jets, the low 30 bits the
 * jet's packed bins ({@link JetBins}). Later walks over the bins read this array front to back instead of merging
 * the two sorted classes again. Package-private; filled by one thread, read-only afterwards.
 */
final class WalkOrder {

    /** Bit of the first jet of a block. */
    static final int NEW_BLOCK = 1 << 31;
    /** Bit of a signal jet. */
    static final int SIGNAL = 1 << 30;
    /** The bits of the packed bins. */
    static final int CELL = SIGNAL - 1;

    /** The packed entries, one per jet. */
    final int[] entries;
    /** The jets' weights in the same order, or {@code null} for unit weights. */
    final double[] weights;
    private final int[] sigCells;
    private final int[] bkgCells;
    private final double[] sigW;
    private final double[] bkgW;
    private int size;

    WalkOrder(int[] sigCells, double[] sigW, int[] bkgCells, double[] bkgW) {
        this.sigCells = sigCells;
        this.bkgCells = bkgCells;
        this.sigW = sigW;
        this.bkgW = bkgW;
        int n = sigCells.length + bkgCells.length;
        entries = new int[n];
        weights = sigW == null ? null : new double[n];
    }

    /**
     * Records one block: signal entries {@code i0} down to {@code i + 1}, then background {@code j0} to {@code j + 1}.
     */
    void block(int i0, int i, int j0, int j) {
        int first = size;
        for (int k = i0; k > i; k--) {
            if (weights != null) {
                weights[size] = sigW[k];
            }
            entries[size++] = sigCells[k] | SIGNAL;
        }
        for (int k = j0; k > j; k--) {
            if (weights != null) {
                weights[size] = bkgW[k];
            }
            entries[size++] = bkgCells[k];
        }
        entries[first] |= NEW_BLOCK;
    }
}
