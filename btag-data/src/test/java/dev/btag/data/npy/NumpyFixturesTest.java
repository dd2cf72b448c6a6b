package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads the numpy-made files in {@code src/test/resources/npy} (made by {@code make_fixtures.py}) and compares every
 * array with the values numpy wrote into {@code expected.txt}.
 */
class NumpyFixturesTest {

    /** One line of expected.txt. */
    record Expected(String file, String name, String descr, long[] shape, boolean fortran, String[] values) {
        @Override
        public String toString() {
            return file + ":" + name + " " + descr;
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(NumpyFixturesTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Expected> expected() throws IOException {
        List<String> lines = Files.readAllLines(resource("expected.txt"));
        return lines.stream().filter(line -> !line.isBlank()).map(line -> {
            String[] f = line.split("\t", -1);
            long[] shape = f[3].isEmpty() ? new long[0] : Arrays.stream(f[3].split(",")).mapToLong(Long::parseLong)
                .toArray();
            String[] values = f[5].isEmpty() ? new String[0] : f[5].split(" ");
            return new Expected(f[0], f[1], f[2], shape, f[4].equals("1"), values);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expected")
    void readsWhatNumpyWrote(Expected expected) throws IOException {
        try (NpzFile npz = NpzFile.open(resource(expected.file()))) {
            assertTrue(npz.contains(expected.name()), npz.names().toString());
            NpyArray array = npz.get(expected.name());
            assertEquals(expected.descr(), array.dtype().descr());
            assertArrayEquals(expected.shape(), array.shape());
            assertEquals(expected.fortran(), array.fortranOrder());
            assertEquals(expected.file().endsWith(".npz") && expected.file().startsWith("compressed"),
                array.compressed());
            assertEquals(expected.values().length, array.size());
            if (array.dtype().type().isFloatingPoint()) {
                double[] want = Arrays.stream(expected.values()).mapToDouble(Double::parseDouble).toArray();
                assertArrayEquals(want, array.toDoubleArray());
                float[] wantFloats = new float[want.length];
                for (int i = 0; i < want.length; i++) {
                    wantFloats[i] = (float) want[i];
                }
                assertArrayEquals(wantFloats, array.toFloatArray());
                if (array.ndim() > 0 && array.rows() >= 2) {
                    int rowLength = (int) array.rowLength();
                    assertArrayEquals(Arrays.copyOfRange(want, rowLength, 2 * rowLength),
                        array.rowsAsDoubleArray(1, 2));
                }
                long[] first = new long[array.ndim()];
                if (array.size() > 0) {
                    assertEquals(want[0], array.getDouble(first));
                }
            } else {
                long[] want = Arrays.stream(expected.values()).mapToLong(Long::parseLong).toArray();
                assertArrayEquals(want, array.toLongArray());
                if (array.ndim() > 0 && array.rows() >= 3) {
                    int rowLength = (int) array.rowLength();
                    assertArrayEquals(Arrays.copyOfRange(want, rowLength, 3 * rowLength),
                        array.rowsAsLongArray(1, 3));
                }
                int[] wantInts = Arrays.stream(want).mapToInt(v -> (int) v).toArray();
                assertArrayEquals(wantInts, array.toIntArray());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "complex.npy, complex",
        "object.npy, object",
        "strings.npy, strings",
    })
    void unsupportedDtypesAreNamedInTheError(String file, String word) throws IOException {
        try (NpzFile npy = NpzFile.open(resource(file))) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npy.get(npy.names().get(0)));
            assertTrue(e.getMessage().contains(file), e.getMessage());
            assertTrue(e.getMessage().contains("unsupported dtype"), e.getMessage());
            assertTrue(e.getMessage().contains(word), e.getMessage());
        }
    }

    @Test
    void float16SpecialValuesConvertExactly() throws IOException {
        try (NpzFile npy = NpzFile.open(resource("float16.npy"))) {
            float[] values = npy.get("float16").toFloatArray();
            assertEquals(65504f, values[4]);
            assertEquals(0x1p-14f, values[5]);
            assertEquals(0x1p-24f, values[6]);
            assertEquals(Float.POSITIVE_INFINITY, values[7]);
            assertTrue(Float.isNaN(values[9]));
            assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(values[1]));
        }
    }

    @Test
    void versionTwoAndThreeHeadersAreRead() throws IOException {
        try (NpzFile v2 = NpzFile.open(resource("version2.npy"));
             NpzFile v3 = NpzFile.open(resource("version3.npy"))) {
            assertArrayEquals(new long[] {2, 3}, v2.get("version2").shape());
            assertArrayEquals(new long[] {4}, v3.get("version3").shape());
        }
    }
}
