package dev.btag.data.synthetic;

/**
 * Orders index lists by decreasing key, the order in which the synthetic jet lists its tracks, candidates, seeds and
 * vertices. An insertion sort: stable (equal keys keep their order, which the byte-identical output relies on) and
 * fast for the short lists of one jet (at most a few hundred entries).
 */
final class DescendingOrder {

    private DescendingOrder() {
    }

    /**
     * Sorts {@code idx[0, n)} by decreasing {@code key[idx[i]]}, stably.
     *
     * @param idx the indices to reorder in place
     * @param n how many of them
     * @param key the key of each index
     */
    static void sort(int[] idx, int n, double[] key) {
        sortRange(idx, 0, n, key);
    }

    /**
     * Sorts {@code idx[from, to)} by decreasing {@code key[idx[i]]}, stably; the rest of {@code idx} is untouched.
     *
     * @param idx the indices to reorder in place
     * @param from first position of the range
     * @param to end of the range (exclusive)
     * @param key the key of each index
     */
    static void sortRange(int[] idx, int from, int to, double[] key) {
        for (int i = from + 1; i < to; i++) {
            int v = idx[i];
            double k = key[v];
            int j = i - 1;
            while (j >= from && key[idx[j]] < k) {
                idx[j + 1] = idx[j];
                j--;
            }
            idx[j + 1] = v;
        }
    }
}
