package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrayStatisticsTest {

    @TempDir
    Path dir;

    /**
     * jqwik properties get no JUnit temporary directory: a new file in the system's for every try (a shrinking run
     * that jqwik abandons may still be using the previous one).
     */
    private static Path temporaryFile() throws IOException {
        return java.nio.file.Files.createTempFile("btag-stats-", ".npy");
    }

    @Test
    void nanIsCountedAndLeftOutOfTheOtherStatistics() throws IOException {
        Path file = dir.resolve("s.npz");
        try (NpzWriter writer = NpzWriter.create(file, true)) {
            writer.write("x", new float[] {1, Float.NaN, -3, 10, Float.NaN, 4}, 2, 3)
                .write("empty", new double[0], 0, 4)
                .write("flags", new boolean[] {true, false, true});
        }
        try (NpzFile npz = NpzFile.open(file)) {
            ArrayStatistics x = ArrayStatistics.of(npz.get("x"));
            assertEquals(new ArrayStatistics(6, 2, 12, -3, 10), x);
            assertEquals(3.0, x.mean());
            ArrayStatistics empty = ArrayStatistics.of(npz.get("empty"));
            assertEquals(0, empty.count());
            assertEquals(0.0, empty.sum());
            assertTrue(Double.isNaN(empty.min()) && Double.isNaN(empty.max()) && Double.isNaN(empty.mean()));
            assertEquals(new ArrayStatistics(3, 0, 2, 0, 1), ArrayStatistics.of(npz.get("flags")));
        }
    }

    @Provide
    Arbitrary<double[]> samples() {
        return Arbitraries.doubles().between(-1e6, 1e6).withSpecialValue(Double.NaN)
            .withSpecialValue(Double.POSITIVE_INFINITY).array(double[].class).ofMinSize(1).ofMaxSize(20000);
    }

    @Property(tries = 40)
    void agreesWithADirectComputationAcrossBlocks(@ForAll("samples") double[] values) throws IOException {
        Path file = temporaryFile();
        try {
            NpyWriter.write(file, values);
            try (NpzFile npy = NpzFile.open(file)) {
                ArrayStatistics stats = ArrayStatistics.of(npy.get(npy.names().get(0)));
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
                boolean finite = true;
                long nan = 0;
                for (double v : values) {
                    if (Double.isNaN(v)) {
                        nan++;
                        continue;
                    }
                    finite &= Double.isFinite(v);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    if (Double.isFinite(v)) {
                        exact = exact.add(new java.math.BigDecimal(v));
                    }
                }
                assertEquals(values.length, stats.count());
                assertEquals(nan, stats.nanCount());
                if (nan < values.length) {
                    assertEquals(min, stats.min());
                    assertEquals(max, stats.max());
                }
                double largest = Math.max(Math.abs(min), Math.abs(max));
                if (finite && nan < values.length && largest * values.length < 1e300) {
                    double want = exact.doubleValue();
                    assertEquals(want, stats.sum(), Math.ulp(want) * 4 + 1e-300 + Math.abs(want) * 1e-12);
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Property(tries = 20)
    void sumOfManySmallValuesDoesNotDrift(@ForAll @DoubleRange(min = 0.01, max = 1) double value) throws IOException {
        double[] values = new double[100_000];
        java.util.Arrays.fill(values, value);
        Path file = temporaryFile();
        try {
            NpyWriter.write(file, values);
            try (NpzFile npy = NpzFile.open(file)) {
                ArrayStatistics stats = ArrayStatistics.of(npy.get(npy.names().get(0)));
                double exact = new java.math.BigDecimal(value).multiply(java.math.BigDecimal.valueOf(values.length))
                    .doubleValue();
                assertEquals(exact, stats.sum(), Math.ulp(exact) * 2);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
