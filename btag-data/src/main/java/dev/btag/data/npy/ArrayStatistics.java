package dev.btag.data.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;

/**
 * Summary statistics of all elements of an array, computed in double precision over the values as
 * {@link NpyArray#toDoubleArray()} converts them.
 *
 * <p>NaN elements are counted in {@link #nanCount()} and left out of everything else (like NumPy's {@code nansum},
 * {@code nanmin}, {@code nanmax}, {@code nanmean}); infinities take part. The sum is compensated (Neumaier), so it
 * does not drift over millions of elements. This class is immutable.
 *
 * @param count the number of elements, NaN included
 * @param nanCount how many elements are NaN (always 0 for integer and bool arrays)
 * @param sum the sum of the non-NaN elements; 0 when there are none
 * @param min the smallest non-NaN element; NaN when there are none
 * @param max the largest non-NaN element; NaN when there are none
 */
public record ArrayStatistics(long count, long nanCount, double sum, double min, double max) {

    /** Elements converted at a time. */
    private static final int BLOCK = 8192;

    /**
     * The mean of the non-NaN elements.
     *
     * @return {@code sum / (count - nanCount)}, or NaN when there are no non-NaN elements
     */
    public double mean() {
        long n = count - nanCount;
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Computes the statistics of a whole array, streaming through it in small blocks, so that arrays far larger
     * than the heap can be summarised. The read verifies the entry's CRC-32, like every whole-array read.
     *
     * @param array the array
     * @return its statistics
     * @throws NpyFormatException when the data is corrupt
     * @throws IOException when reading fails
     * @throws IllegalStateException when the array's file is closed
     */
    public static ArrayStatistics of(NpyArray array) throws IOException {
        Accumulator accumulator = new Accumulator(array.dtype().type());
        array.readStorageOrder(accumulator::accept);
        return accumulator.result();
    }

    /** Running sums over the blocks. */
    private static final class Accumulator {
        private final ScalarType type;
        private final double[] block = new double[BLOCK];
        private final DoubleBuffer blockBuffer = DoubleBuffer.wrap(block);
        private long count;
        private long nanCount;
        private double sum;
        private double compensation;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        Accumulator(ScalarType type) {
            this.type = type;
        }

        void accept(ByteBuffer chunk, long firstElement) {
            int itemSize = type.itemSize();
            ByteBuffer rest = chunk.duplicate().order(chunk.order());
            while (rest.hasRemaining()) {
                int n = Math.min(BLOCK, rest.remaining() / itemSize);
                ByteBuffer part = rest.slice().limit(n * itemSize).order(chunk.order());
                ElementConverter.toDouble(part, type, blockBuffer, 0);
                add(n);
                rest.position(rest.position() + n * itemSize);
            }
        }

        private void add(int n) {
            count += n;
            for (int i = 0; i < n; i++) {
                double v = block[i];
                if (Double.isNaN(v)) {
                    nanCount++;
                    continue;
                }
                double t = sum + v;
                if (Math.abs(sum) >= Math.abs(v)) {
                    compensation += (sum - t) + v;
                } else {
                    compensation += (v - t) + sum;
                }
                sum = t;
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
        }

        ArrayStatistics result() {
            boolean none = count == nanCount;
            double total = sum + compensation;
            if (Double.isNaN(total) && !Double.isNaN(sum)) {
                total = sum; // infinities: the compensation term is meaningless
            }
            return new ArrayStatistics(count, nanCount, none ? 0 : total, none ? Double.NaN : min,
                none ? Double.NaN : max);
        }
    }
}
