package dev.btag.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The LSTM and GRU cells start as Keras' layers with default arguments (notebook 5's {@code LSTM(64)}). */
class RecurrentInitTest {

    private static final int UNITS = 64;
    private static final int VARIABLES = 21;

    private static Map<String, float[]> initialised(Architecture architecture, NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        TaggerSpec spec = TaggerSpec.tutorial(architecture);
        TaggerBlock block = spec.newBlock();
        block.initialize(manager, DataType.FLOAT32, spec.inputShapes(1));
        Map<String, float[]> values = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** The maximum of |(W^T W) - I| for a row-major (rows, cols) matrix. */
    private static double gramDeviation(float[] w, int rows, int cols) {
        double worst = 0;
        for (int a = 0; a < cols; a++) {
            for (int b = 0; b < cols; b++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += (double) w[r * cols + a] * w[r * cols + b];
                }
                worst = Math.max(worst, Math.abs(dot - (a == b ? 1 : 0)));
            }
        }
        return worst;
    }

    @Test
    void lstmStartsWithKerasKernelsAndAForgetGateBiasOfOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, float[]> w = initialised(Architecture.LSTM, manager, 3);
            float[] bih = w.get("01tracks_l_0_i2h_BIAS");
            float[] bhh = w.get("01tracks_l_0_h2h_BIAS");
            assertEquals(4 * UNITS, bih.length);
            for (int i = 0; i < 4 * UNITS; i++) {
                float expected = i >= UNITS && i < 2 * UNITS ? 1f : 0f;
                assertEquals(expected, bih[i] + bhh[i], "b_ih + b_hh at " + i + " (gates i, f, g, o)");
            }
            assertTrue(gramDeviation(w.get("01tracks_l_0_h2h_WEIGHT"), 4 * UNITS, UNITS) < 1e-5,
                "W_hh has orthonormal columns, as Keras' recurrent kernel has orthonormal rows");
            assertWithinGlorot(w.get("01tracks_l_0_i2h_WEIGHT"), Math.sqrt(6.0 / (VARIABLES + 4 * UNITS)));
        }
    }

    @Test
    void gruStartsWithKerasKernelsAndZeroBiases() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, float[]> w = initialised(Architecture.GRU, manager, 4);
            assertArrayEquals(new float[3 * UNITS], w.get("01tracks_l_0_i2h_BIAS"));
            assertArrayEquals(new float[3 * UNITS], w.get("01tracks_l_0_h2h_BIAS"));
            assertTrue(gramDeviation(w.get("01tracks_l_0_h2h_WEIGHT"), 3 * UNITS, UNITS) < 1e-5);
            assertWithinGlorot(w.get("01tracks_l_0_i2h_WEIGHT"), Math.sqrt(6.0 / (VARIABLES + 3 * UNITS)));
        }
    }

    /** Uniform in +-limit: all inside, the extremes near the limit, the variance limit^2 / 3. */
    private static void assertWithinGlorot(float[] kernel, double limit) {
        double max = 0;
        double sumSquares = 0;
        for (float v : kernel) {
            max = Math.max(max, Math.abs(v));
            sumSquares += (double) v * v;
        }
        assertTrue(max <= limit, "all within the glorot limit " + limit + ", max " + max);
        assertTrue(max > 0.98 * limit, "the draw fills the interval: max " + max + " of " + limit);
        double variance = sumSquares / kernel.length;
        assertEquals(limit * limit / 3, variance, 0.1 * limit * limit / 3, "uniform variance");
    }

    @Test
    void theDenseHeadKeepsTheSpecsInitialiserAndTheSeedReproducesTheCell() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, float[]> first = initialised(Architecture.LSTM, manager, 5);
            Map<String, float[]> again = initialised(Architecture.LSTM, manager, 5);
            Map<String, float[]> other = initialised(Architecture.LSTM, manager, 6);
            for (String name : first.keySet()) {
                assertArrayEquals(first.get(name), again.get(name), name);
            }
            assertTrue(first.get("01tracks_l_0_h2h_WEIGHT")[0] != other.get("01tracks_l_0_h2h_WEIGHT")[0]);
            float[] dense = first.get("02head_01Linear_weight");
            double lecun = Math.sqrt(3.0 / (15 + UNITS));
            double max = 0;
            for (float v : dense) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= lecun && max > 0.98 * lecun, "first dense layer lecun-uniform: " + max + " vs "
                + lecun);
        }
    }

    @Test
    void orthogonalInitialiserGivesOrthonormalRowsForAWideMatrix() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray wide = new OrthogonalInitializer().initialize(manager, new Shape(5, 12), DataType.FLOAT32);
            assertEquals(new Shape(5, 12), wide.getShape());
            float[] t = wide.transpose().toFloatArray();
            assertTrue(gramDeviation(t, 12, 5) < 1e-6, "W W^T = I");
        }
    }
}
