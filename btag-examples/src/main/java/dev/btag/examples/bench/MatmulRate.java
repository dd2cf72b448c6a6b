package dev.btag.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Measures the machine's float32 matrix-multiply rate through the engine (DJL {@code NDArray.matMul} of two square
 * matrices), the yardstick for how much of the hardware a model's training or inference uses.
 */
public final class MatmulRate {

    private MatmulRate() {
    }

    /**
     * Multiplies two random n x n float32 matrices {@code repeats} times after one warm-up product and returns the
     * best rate seen.
     *
     * @param n the matrix size, at least 1 (1024 or 2048 are typical)
     * @param repeats the timed products, at least 1
     * @return floating-point operations per second (2 n^3 per product), the best over the repeats
     * @throws IllegalArgumentException for a size or repeat count below 1
     */
    public static double measure(int n, int repeats) {
        if (n < 1 || repeats < 1) {
            throw new IllegalArgumentException("matrix size and repeats must be at least 1, got " + n + " and "
                + repeats);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomUniform(-1f, 1f, new Shape(n, n));
            NDArray b = manager.randomUniform(-1f, 1f, new Shape(n, n));
            try (NDArray warm = a.matMul(b)) {
                warm.getFloat(0, 0);
            }
            double best = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, 2.0 * n * n * n / seconds);
            }
            return best;
        }
    }
}
