package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random dtype x byte order x shape x memory order x container (stored .npz, deflated .npz, .npy, ZIP64) x mapping
 * window: raw bytes written by the writer read back as the values an independent decoder in this test finds in them.
 */
class RoundTripPropertyTest {

    private static Path dir;

    @BeforeContainer
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("btag-npy-roundtrip");
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    enum Container { STORED_NPZ, DEFLATED_NPZ, ZIP64_NPZ, NPY }

    @Provide
    Arbitrary<long[]> shapes() {
        return Arbitraries.longs().between(0, 5).array(long[].class).ofMinSize(0).ofMaxSize(4)
            .filter(shape -> Arrays.stream(shape).reduce(1, (a, b) -> a * b) <= 400);
    }

    @Provide
    Arbitrary<Integer> windows() {
        return Arbitraries.of(8, 24, 64, StoredData.DEFAULT_WINDOW_BYTES);
    }

    @Property(tries = 400)
    void writtenRawBytesReadBackAsTheSameValues(@ForAll ScalarType type, @ForAll boolean bigEndian,
                                                @ForAll("shapes") long[] shape, @ForAll boolean fortran,
                                                @ForAll Container container, @ForAll("windows") int window,
                                                @ForAll @IntRange(min = 0, max = 1000) int seed) throws IOException {
        DType dtype = new DType(type, bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        byte[] raw = new byte[size * type.itemSize()];
        new Random(seed).nextBytes(raw);
        Path file = dir.resolve("a" + seed + (container == Container.NPY ? ".npy" : ".npz"));
        switch (container) {
            case NPY -> NpyWriter.write(file, dtype, shape, fortran, ByteBuffer.wrap(raw));
            default -> {
                try (NpzWriter writer = NpzWriter.create(file, container == Container.DEFLATED_NPZ,
                    container == Container.ZIP64_NPZ)) {
                    writer.write("first", new float[] {1, 2, 3}).write("x", dtype, shape, fortran,
                        ByteBuffer.wrap(raw));
                }
            }
        }
        String name = container == Container.NPY ? "a" + seed : "x";
        double[] expected = decodeToCOrder(raw, dtype, shape, fortran);
        try (NpzFile npz = NpzFile.open(file, window)) {
            assertEquals(container == Container.NPY ? List.of(name) : List.of("first", "x"), npz.names());
            NpyArray array = npz.get(name);
            assertEquals(dtype, array.dtype());
            assertArrayEquals(shape, array.shape());
            assertEquals(size, array.size());
            assertArrayEquals(expected, array.toDoubleArray());
            if (!type.isFloatingPoint()) {
                assertArrayEquals(decodeLongsToCOrder(raw, dtype, shape, fortran), array.toLongArray());
            }
            if (shape.length > 0) {
                long rows = shape[0];
                long from = rows / 3;
                long to = rows - rows / 4;
                int rowLength = rows == 0 ? 0 : size / (int) rows;
                assertArrayEquals(Arrays.copyOfRange(expected, (int) from * rowLength, (int) to * rowLength),
                    array.rowsAsDoubleArray(from, to));
            }
            if (size > 0) {
                long[] last = Arrays.stream(shape).map(d -> d - 1).toArray();
                assertEquals(Double.doubleToLongBits(expected[size - 1]),
                    Double.doubleToLongBits(array.getDouble(last)));
            }
        }
    }

    /** An independent decoder: element by element, with its own index arithmetic and float16 formula. */
    static double[] decodeToCOrder(byte[] raw, DType dtype, long[] shape, boolean fortran) {
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(dtype.order());
        int[] storage = storageIndices(shape, fortran);
        double[] out = new double[storage.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = decode(buffer, storage[c] * dtype.itemSize(), dtype.type());
        }
        return out;
    }

    /** Integer types decoded exactly into longs (uint64 keeps its 64 bits). */
    static long[] decodeLongsToCOrder(byte[] raw, DType dtype, long[] shape, boolean fortran) {
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(dtype.order());
        int[] storage = storageIndices(shape, fortran);
        long[] out = new long[storage.length];
        for (int c = 0; c < out.length; c++) {
            int at = storage[c] * dtype.itemSize();
            out[c] = switch (dtype.type()) {
                case INT64, UINT64 -> buffer.getLong(at);
                default -> (long) decode(buffer, at, dtype.type());
            };
        }
        return out;
    }

    /** For each C-order position, the element's position in storage order. */
    static int[] storageIndices(long[] shape, boolean fortran) {
        int size = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int[] out = new int[size];
        int[] index = new int[shape.length];
        for (int c = 0; c < size; c++) {
            int rest = c;
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                index[axis] = (int) (rest % shape[axis]);
                rest /= (int) shape[axis];
            }
            int storage = 0;
            if (fortran) {
                for (int axis = shape.length - 1; axis >= 0; axis--) {
                    storage = storage * (int) shape[axis] + index[axis];
                }
            } else {
                storage = c;
            }
            out[c] = storage;
        }
        return out;
    }

    static double decode(ByteBuffer b, int at, ScalarType type) {
        return switch (type) {
            case BOOL -> b.get(at) != 0 ? 1 : 0;
            case INT8 -> b.get(at);
            case UINT8 -> Byte.toUnsignedInt(b.get(at));
            case INT16 -> b.getShort(at);
            case UINT16 -> Short.toUnsignedInt(b.getShort(at));
            case INT32 -> b.getInt(at);
            case UINT32 -> Integer.toUnsignedLong(b.getInt(at));
            case INT64 -> b.getLong(at);
            case UINT64 -> new java.math.BigInteger(Long.toUnsignedString(b.getLong(at))).doubleValue();
            case FLOAT16 -> half(Short.toUnsignedInt(b.getShort(at)));
            case FLOAT32 -> b.getFloat(at);
            case FLOAT64 -> b.getDouble(at);
        };
    }

    static double half(int bits) {
        int sign = (bits >> 15) == 1 ? -1 : 1;
        int exponent = (bits >> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 31) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (exponent == 0) {
            return sign * Math.scalb((double) mantissa, -24);
        }
        return sign * Math.scalb(1024.0 + mantissa, exponent - 25);
    }
}
