package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NpzRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyPrimitiveOverloadReadsBackWithItsDtypeAndShape(boolean compressed) throws IOException {
        Path file = dir.resolve("all.npz");
        float[] floats = {1.5f, -2f, Float.NaN, 3e38f, 0f, -0f};
        double[] doubles = {Math.PI, -1e300, Double.NEGATIVE_INFINITY, 4.9e-324};
        long[] longs = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
        int[] ints = {Integer.MIN_VALUE, 7, Integer.MAX_VALUE};
        short[] shorts = {Short.MIN_VALUE, 3, Short.MAX_VALUE, -4};
        byte[] bytes = {-128, 0, 127};
        boolean[] bools = {true, false, true, true};
        try (NpzWriter writer = NpzWriter.create(file, compressed)) {
            writer.write("f", floats, 2, 3).write("d", doubles).write("l", longs, 2, 2).write("i", ints)
                .write("s", shorts, 4, 1).write("b", bytes).write("z", bools, 2, 1, 2);
        }
        try (NpzFile npz = NpzFile.open(file)) {
            assertEquals(List.of("f", "d", "l", "i", "s", "b", "z"), npz.names());
            NpyArray f = npz.get("f");
            assertEquals("<f4", f.dtype().descr());
            assertArrayEquals(new long[] {2, 3}, f.shape());
            assertEquals(compressed, f.compressed());
            assertArrayEquals(floats, f.toFloatArray());
            assertArrayEquals(new float[] {3e38f, 0f, -0f}, f.rowsAsFloatArray(1, 2));
            assertEquals("<f8", npz.get("d").dtype().descr());
            assertArrayEquals(doubles, npz.get("d").toDoubleArray());
            assertEquals("<i8", npz.get("l").dtype().descr());
            assertArrayEquals(longs, npz.get("l").toLongArray());
            assertEquals("<i4", npz.get("i").dtype().descr());
            assertArrayEquals(ints, npz.get("i").toIntArray());
            assertEquals("<i2", npz.get("s").dtype().descr());
            assertArrayEquals(new int[] {Short.MIN_VALUE, 3, Short.MAX_VALUE, -4}, npz.get("s").toIntArray());
            assertEquals("|i1", npz.get("b").dtype().descr());
            assertArrayEquals(new long[] {-128, 0, 127}, npz.get("b").toLongArray());
            assertEquals("|b1", npz.get("z").dtype().descr());
            assertArrayEquals(new long[] {2, 1, 2}, npz.get("z").shape());
            assertArrayEquals(new int[] {1, 0, 1, 1}, npz.get("z").toIntArray());
            assertEquals(1.0, npz.get("z").getDouble(1, 0, 0));
            assertEquals(-4.0, npz.get("s").getDouble(3, 0));
        }
    }

    @Test
    void npyFileIsOneArrayNamedAfterTheFile() throws IOException {
        Path file = dir.resolve("weights.npy");
        NpyWriter.write(file, new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        try (NpzFile npy = NpzFile.open(file)) {
            assertFalse(npy.isArchive());
            assertEquals(List.of("weights"), npy.names());
            assertTrue(npy.contains("weights"));
            NpyArray array = npy.get("weights");
            assertArrayEquals(new double[] {3, 4, 5, 6}, array.rowsAsDoubleArray(1, 3));
            assertEquals(6.0, array.getDouble(2, 1));
        }
    }

    @Test
    void headerLongerThan65535BytesIsWrittenAsVersion2AndReadBack() throws IOException {
        long[] shape = new long[23000];
        java.util.Arrays.fill(shape, 1);
        shape[0] = 2;
        Path file = dir.resolve("many.npy");
        NpyWriter.write(file, new float[] {1.5f, -2.5f}, shape);
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        assertEquals(2, bytes[6], "major version");
        assertEquals(0, (bytes.length - 8) % 64, "data aligned to 64 bytes");
        try (NpzFile npy = NpzFile.open(file)) {
            NpyArray array = npy.get("many");
            assertEquals(23000, array.ndim());
            assertArrayEquals(new float[] {1.5f, -2.5f}, array.toFloatArray());
        }
    }

    @Test
    void severalThreadsReadTheSameArraysAtOnce() throws Exception {
        Path file = dir.resolve("shared.npz");
        int rows = 3000;
        float[] values = new float[rows * 7];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25f;
        }
        try (NpzWriter writer = NpzWriter.create(file, false)) {
            writer.write("x", values, rows, 7);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try (NpzFile npz = NpzFile.open(file, 64 * 7)) { // small windows: many windows mapped concurrently
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    NpyArray array = npz.get("x");
                    for (int k = 0; k < 200; k++) {
                        int from = random.nextInt(rows);
                        int to = from + random.nextInt(rows - from + 1);
                        float[] got = array.rowsAsFloatArray(from, to);
                        if (!java.util.Arrays.equals(got, java.util.Arrays.copyOfRange(values, from * 7, to * 7))) {
                            return false;
                        }
                    }
                    return java.util.Arrays.equals(values, array.toFloatArray());
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void missingNameListsTheAvailableNames() throws IOException {
        Path file = dir.resolve("two.npz");
        try (NpzWriter writer = NpzWriter.create(file, false)) {
            writer.write("arr_0", new float[] {1}).write("arr_1", new float[] {2});
        }
        try (NpzFile npz = NpzFile.open(file)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npz.get("arr_9"));
            assertTrue(e.getMessage().contains("two.npz"), e.getMessage());
            assertTrue(e.getMessage().contains("arr_9"), e.getMessage());
            assertTrue(e.getMessage().contains("arr_0, arr_1"), e.getMessage());
        }
    }

    @Test
    void shapeThatDoesNotHoldTheValuesIsRejected() throws IOException {
        try (NpzWriter writer = NpzWriter.create(dir.resolve("bad.npz"), false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer.write("x", new float[5], 2, 3));
            assertTrue(e.getMessage().contains("(2, 3)"), e.getMessage());
        }
    }
}
