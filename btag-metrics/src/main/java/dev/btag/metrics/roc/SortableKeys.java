package dev.btag.metrics.roc;

/**
 * A bijection between {@code double} values and {@code long} keys whose unsigned order is the numeric order of the
 * doubles, plus an LSD radix sort of such keys that carries an optional {@code double} payload. Used to sort
 * millions of scores without boxing or index arrays.
 *
 * <p>{@code -0.0} is mapped like {@code +0.0}, so equal scores always get equal keys. NaN must not be encoded.
 */
final class SortableKeys {

    private static final int DIGIT_BITS = 11;
    private static final int RADIX = 1 << DIGIT_BITS;
    private static final int MASK = RADIX - 1;
    private static final int PASSES = (Long.SIZE + DIGIT_BITS - 1) / DIGIT_BITS;

    private SortableKeys() {
    }

    /**
     * Encodes a finite or infinite double as a key whose unsigned order is the numeric order.
     *
     * @param value the value, not NaN
     * @return the key
     */
    static long encode(double value) {
        long bits = Double.doubleToRawLongBits(value + 0.0); // -0.0 + 0.0 == +0.0
        return bits < 0 ? ~bits : bits | Long.MIN_VALUE;
    }

    /**
     * Decodes a key made by {@link #encode(double)}.
     *
     * @param key the key
     * @return the value
     */
    static double decode(long key) {
        return Double.longBitsToDouble(key < 0 ? key & Long.MAX_VALUE : ~key);
    }

    /**
     * Fresh digit histograms for {@link #count(int[][], long)}.
     *
     * @return one histogram per digit pass
     */
    static int[][] newCounts() {
        return new int[PASSES][RADIX];
    }

    /** The number of low key bits that {@link #sortByHighBits} leaves to a finishing sort of each run. */
    private static final int LOW_BITS = (PASSES / 2) * DIGIT_BITS;
    /** Runs of equal high bits up to this length are finished by insertion sort, longer ones by Arrays.sort. */
    private static final int INSERTION_LIMIT = 24;

    /**
     * How many of the low digits (those {@link #sortByHighBits} leaves to its finishing sort) are not the same for
     * all keys.
     *
     * @param counts the histograms of {@code keys[0, n)}
     * @param anyKey one of the keys
     * @param n the number of keys
     * @return the number of varying low digits, 0 to {@code PASSES / 2}
     */
    static int varyingLowDigits(int[][] counts, long anyKey, int n) {
        int varying = 0;
        for (int p = 0; p < PASSES / 2; p++) {
            if (counts[p][(int) (anyKey >>> (p * DIGIT_BITS)) & MASK] != n) {
                varying++;
            }
        }
        return varying;
    }

    /**
     * Sorts {@code keys[0, n)} ascending in unsigned order, without payload: radix passes over the high digits only,
     * then each run of keys with equal high bits is sorted by a comparison sort. Runs are short for scores with many
     * distinct values, so this does about half the work of a full radix sort; long runs (scores that differ only in
     * their last ~33 bits) cost O(k log k).
     *
     * @param keys the keys, sorted in place
     * @param n how many leading entries to sort
     * @param counts the histograms of {@code keys[0, n)} made with {@link #count(int[][], long)}; the high digits'
     *     are overwritten
     */
    static void sortByHighBits(long[] keys, int n, int[][] counts) {
        if (n < 2) {
            return;
        }
        long[] src = keys;
        long[] dst = null;
        long first = keys[0];
        for (int p = PASSES / 2; p < PASSES; p++) {
            int shift = p * DIGIT_BITS;
            int[] count = counts[p];
            if (count[(int) (first >>> shift) & MASK] == n) {
                continue;
            }
            if (dst == null) {
                dst = new long[n];
            }
            int offset = 0;
            for (int d = 0; d < RADIX; d++) {
                int c = count[d];
                count[d] = offset;
                offset += c;
            }
            for (int i = 0; i < n; i++) {
                long k = src[i];
                dst[count[(int) (k >>> shift) & MASK]++] = k;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != keys) {
            System.arraycopy(src, 0, keys, 0, n);
        }
        // within a run the high bits (sign bit included) are equal, so signed order is unsigned order there
        int start = 0;
        while (start < n) {
            long high = keys[start] >>> LOW_BITS;
            int end = start + 1;
            while (end < n && keys[end] >>> LOW_BITS == high) {
                end++;
            }
            int length = end - start;
            if (length > INSERTION_LIMIT) {
                java.util.Arrays.sort(keys, start, end);
            } else if (length > 1) {
                for (int i = start + 1; i < end; i++) {
                    long k = keys[i];
                    int j = i - 1;
                    while (j >= start && keys[j] > k) {
                        keys[j + 1] = keys[j];
                        j--;
                    }
                    keys[j + 1] = k;
                }
            }
            start = end;
        }
    }

    /**
     * Adds a key to the digit histograms.
     *
     * @param counts histograms from {@link #newCounts()}
     * @param key the key
     */
    static void count(int[][] counts, long key) {
        for (int p = 0; p < PASSES; p++) {
            counts[p][(int) (key >>> (p * DIGIT_BITS)) & MASK]++;
        }
    }

    /**
     * Sorts {@code keys[0, n)} ascending in unsigned order, moving {@code payload[i]} along with {@code keys[i]}.
     * Stable; time O(n), extra memory one more array of each kind. Digit passes whose digit is the same for all
     * keys are skipped.
     *
     * @param keys the keys, sorted in place
     * @param payload values that travel with the keys, or {@code null}
     * @param n how many leading entries to sort
     */
    static void sort(long[] keys, double[] payload, int n) {
        int[][] counts = newCounts();
        for (int i = 0; i < n; i++) {
            count(counts, keys[i]);
        }
        sort(keys, payload, n, counts);
    }

    /**
     * As {@link #sort(long[], double[], int)}, with the digit histograms of the keys already counted.
     *
     * @param keys the keys, sorted in place
     * @param payload values that travel with the keys, or {@code null}
     * @param n how many leading entries to sort
     * @param counts the histograms of {@code keys[0, n)} made with {@link #count(int[][], long)}; overwritten
     */
    static void sort(long[] keys, double[] payload, int n, int[][] counts) {
        if (n < 2) {
            return;
        }
        long[] srcK = keys;
        long[] dstK = null;
        double[] srcP = payload;
        double[] dstP = null;
        long first = keys[0];
        for (int p = 0; p < PASSES; p++) {
            int shift = p * DIGIT_BITS;
            int[] count = counts[p];
            if (count[(int) (first >>> shift) & MASK] == n) {
                continue; // every key has the same digit here
            }
            if (dstK == null) {
                dstK = new long[n];
                dstP = payload == null ? null : new double[n];
            }
            int offset = 0;
            for (int d = 0; d < RADIX; d++) {
                int c = count[d];
                count[d] = offset;
                offset += c;
            }
            if (srcP == null) {
                for (int i = 0; i < n; i++) {
                    long k = srcK[i];
                    dstK[count[(int) (k >>> shift) & MASK]++] = k;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    long k = srcK[i];
                    int at = count[(int) (k >>> shift) & MASK]++;
                    dstK[at] = k;
                    dstP[at] = srcP[i];
                }
            }
            long[] tk = srcK;
            srcK = dstK;
            dstK = tk;
            double[] tp = srcP;
            srcP = dstP;
            dstP = tp;
        }
        if (srcK != keys) {
            System.arraycopy(srcK, 0, keys, 0, n);
            if (payload != null) {
                System.arraycopy(srcP, 0, payload, 0, n);
            }
        }
    }

    /**
     * Sorts {@code keys[0, n)} ascending in unsigned order, moving {@code ints[i]} (and {@code doubles[i]}, if given)
     * along with {@code keys[i]}. Without doubles and with varying low digits (float64 scores with many distinct
     * values) only the high digits are radix-sorted and each run of equal high bits is finished separately (by
     * insertion sort when short, by a radix sort of its low digits when long), as {@link #sortByHighBits} does;
     * otherwise a full LSD radix sort that skips constant digits.
     *
     * @param keys the keys, sorted in place
     * @param ints values that travel with the keys
     * @param doubles more values that travel with the keys, or {@code null}
     * @param n how many leading entries to sort
     * @param counts the histograms of {@code keys[0, n)}; overwritten
     */
    static void sortWithPayload(long[] keys, int[] ints, double[] doubles, int n, int[][] counts) {
        if (n < 2) {
            return;
        }
        boolean highOnly = doubles == null && varyingLowDigits(counts, keys[0], n) >= 2;
        Buffers buffers = new Buffers(n, doubles != null);
        radixPasses(keys, ints, doubles, 0, n, counts, highOnly ? PASSES / 2 : 0, buffers);
        if (highOnly) {
            finishRuns(keys, ints, n, buffers);
        }
    }

    /** Scratch arrays of a payload sort. */
    private static final class Buffers {
        final long[] keys;
        final int[] ints;
        final double[] doubles;

        Buffers(int n, boolean withDoubles) {
            keys = new long[n];
            ints = new int[n];
            doubles = withDoubles ? new double[n] : null;
        }
    }

    /**
     * LSD radix passes {@code firstPass ... PASSES-1} over {@code [from, to)}, skipping digits that are the same for
     * every key of the range; the result ends up back in the input arrays.
     */
    private static void radixPasses(long[] keys, int[] ints, double[] doubles, int from, int to, int[][] counts,
            int firstPass, Buffers buffers) {
        int n = to - from;
        long[] srcK = keys;
        int[] srcI = ints;
        double[] srcD = doubles;
        long[] dstK = buffers.keys;
        int[] dstI = buffers.ints;
        double[] dstD = buffers.doubles;
        int srcOff = from;
        int dstOff = 0;
        long first = keys[from];
        for (int p = firstPass; p < PASSES; p++) {
            int shift = p * DIGIT_BITS;
            int[] count = counts[p];
            if (count[(int) (first >>> shift) & MASK] == n) {
                continue;
            }
            int offset = dstOff;
            for (int d = 0; d < RADIX; d++) {
                int c = count[d];
                count[d] = offset;
                offset += c;
            }
            for (int i = srcOff, end = srcOff + n; i < end; i++) {
                long k = srcK[i];
                int at = count[(int) (k >>> shift) & MASK]++;
                dstK[at] = k;
                dstI[at] = srcI[i];
                if (srcD != null) {
                    dstD[at] = srcD[i];
                }
            }
            long[] tk = srcK;
            srcK = dstK;
            dstK = tk;
            int[] ti = srcI;
            srcI = dstI;
            dstI = ti;
            double[] td = srcD;
            srcD = dstD;
            dstD = td;
            int to2 = srcOff;
            srcOff = dstOff;
            dstOff = to2;
        }
        if (srcK != keys) {
            System.arraycopy(srcK, srcOff, keys, from, n);
            System.arraycopy(srcI, srcOff, ints, from, n);
            if (doubles != null) {
                System.arraycopy(srcD, srcOff, doubles, from, n);
            }
        }
    }

    /** Sorts each run of keys with equal high bits by its low bits, moving the ints along. */
    private static void finishRuns(long[] keys, int[] ints, int n, Buffers buffers) {
        int start = 0;
        while (start < n) {
            long high = keys[start] >>> LOW_BITS;
            int end = start + 1;
            while (end < n && keys[end] >>> LOW_BITS == high) {
                end++;
            }
            int length = end - start;
            if (length > INSERTION_LIMIT) {
                int[][] counts = new int[PASSES][];
                for (int p = 0; p < PASSES / 2; p++) {
                    counts[p] = new int[RADIX];
                }
                for (int i = start; i < end; i++) {
                    long k = keys[i];
                    for (int p = 0; p < PASSES / 2; p++) {
                        counts[p][(int) (k >>> (p * DIGIT_BITS)) & MASK]++;
                    }
                }
                for (int p = PASSES / 2; p < PASSES; p++) {
                    counts[p] = new int[RADIX];
                    counts[p][(int) (keys[start] >>> (p * DIGIT_BITS)) & MASK] = length; // constant in the run
                }
                radixPasses(keys, ints, null, start, end, counts, 0, buffers);
            } else if (length > 1) {
                for (int i = start + 1; i < end; i++) {
                    long k = keys[i];
                    int v = ints[i];
                    int j = i - 1;
                    while (j >= start && keys[j] > k) { // equal high bits: signed order is unsigned order
                        keys[j + 1] = keys[j];
                        ints[j + 1] = ints[j];
                        j--;
                    }
                    keys[j + 1] = k;
                    ints[j + 1] = v;
                }
            }
            start = end;
        }
    }
}
