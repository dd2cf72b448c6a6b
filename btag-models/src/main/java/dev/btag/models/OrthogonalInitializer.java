package dev.btag.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Keras' {@code Orthogonal(gain=1)} initialiser for a 2-D weight: a random matrix with orthonormal columns when it
 * has at least as many rows as columns, orthonormal rows otherwise. The Gaussian draw comes from the engine's seeded
 * generator ({@code NDManager.randomNormal}), so the same engine seed gives the same matrix; its QR decomposition
 * (modified Gram-Schmidt, applied twice for accuracy, with a positive diagonal of R) gives a Haar-distributed
 * orthogonal factor. The arithmetic is done in double precision on the CPU: it runs once per parameter, on
 * matrices of at most a few hundred rows. Stateless and thread-safe.
 */
final class OrthogonalInitializer implements Initializer {

    /**
     * Draws the matrix.
     *
     * @param manager the manager that owns the result (and whose random generator is used)
     * @param shape a 2-D shape (rows, columns), both at least 1
     * @param dataType the data type of the result
     * @return the orthogonal matrix
     * @throws IllegalArgumentException for a shape that is not 2-D
     */
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("an orthogonal initialiser needs a 2-D weight, got " + shape);
        }
        int rows = Math.toIntExact(shape.get(0));
        int cols = Math.toIntExact(shape.get(1));
        int tall = Math.max(rows, cols);
        int narrow = Math.min(rows, cols);
        float[] gaussian;
        try (NDArray draw = manager.randomNormal(0f, 1f, new Shape(tall, narrow), DataType.FLOAT32)) {
            gaussian = draw.toFloatArray();
        }
        double[][] q = orthonormalColumns(gaussian, tall, narrow);
        float[] values = new float[rows * cols];
        for (int i = 0; i < tall; i++) {
            for (int j = 0; j < narrow; j++) {
                if (rows >= cols) {
                    values[i * cols + j] = (float) q[j][i];
                } else {
                    values[j * cols + i] = (float) q[j][i];
                }
            }
        }
        NDArray result = manager.create(values, shape);
        return dataType == DataType.FLOAT32 ? result : result.toType(dataType, false);
    }

    /**
     * Orthonormalises the columns of a row-major (tall, narrow) matrix.
     *
     * @return the columns of Q, {@code q[column][row]}
     */
    private static double[][] orthonormalColumns(float[] a, int tall, int narrow) {
        double[][] q = new double[narrow][tall];
        for (int j = 0; j < narrow; j++) {
            double[] v = q[j];
            for (int i = 0; i < tall; i++) {
                v[i] = a[i * narrow + j];
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < tall; i++) {
                        dot += q[k][i] * v[i];
                    }
                    for (int i = 0; i < tall; i++) {
                        v[i] -= dot * q[k][i];
                    }
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < tall; i++) {
                v[i] /= norm;
            }
        }
        return q;
    }
}
