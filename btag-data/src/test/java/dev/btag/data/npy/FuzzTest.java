package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile files: mutated and truncated variants of valid .npz and .npy files (btag-made and numpy-made). Each variant
 * must either read correctly or fail with an {@link NpyFormatException} (directly, or wrapped in an
 * {@link UncheckedIOException} by a read method): never another exception, never an OutOfMemoryError (the test JVM
 * has 2 GiB), never a hang (each variant gets 10 seconds). An archive variant that reads without error must give the
 * original values: the CRC-32 check catches every change to an entry's bytes. Mutations include redirecting a
 * central directory record onto another entry (the overlapping entries of a zip bomb). The class prints its number
 * of cases and their outcomes when it ends.
 */
class FuzzTest {

    /** A valid file and the values of its arrays, in archive order. */
    private record Base(String name, byte[] bytes, boolean checksummed, List<double[]> values) {
    }

    private static final List<Base> BASES = new ArrayList<>();
    /** Outcomes counted over the whole class: [read correctly, refused with NpyFormatException]. */
    private static final AtomicLongArray OUTCOMES = new AtomicLongArray(2);
    private static Path dir;
    private static ExecutorService executor;

    @BeforeContainer
    static void makeBases() throws IOException {
        dir = Files.createTempDirectory("btag-npy-fuzz");
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fuzz-reader");
            thread.setDaemon(true);
            return thread;
        });
        ByteBuffer fortran = ByteBuffer.allocate(6 * 8).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 6; i++) {
            fortran.putDouble(i * 1.25 - 2);
        }
        fortran.flip();
        for (int variant = 0; variant < 3; variant++) {
            Path file = dir.resolve("base" + variant + ".npz");
            try (NpzWriter writer = NpzWriter.create(file, variant == 1, variant == 2)) {
                writer.write("a", new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 4, 3)
                    .write("b", new short[] {-5, 0, 5, 300, -300})
                    .write("c", new DType(ScalarType.FLOAT64, ByteOrder.BIG_ENDIAN), new long[] {2, 3}, true,
                        fortran.duplicate());
            }
            addBase(file);
        }
        Path npy = dir.resolve("base.npy");
        NpyWriter.write(npy, new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f}, 3, 2);
        addBase(npy);
        for (String fixture : List.of("compressed.npz", "version2.npy", "fortran_f4.npy", "float16.npy")) {
            addBase(NumpyFixturesTest.resource(fixture));
        }
    }

    private static void addBase(Path file) throws IOException {
        List<double[]> values = new ArrayList<>();
        try (NpzFile npz = NpzFile.open(file)) {
            for (String name : npz.names()) {
                values.add(npz.get(name).toDoubleArray());
            }
        }
        BASES.add(new Base(file.getFileName().toString(), Files.readAllBytes(file),
            file.toString().endsWith(".npz"), values));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        long read = OUTCOMES.get(0);
        long refused = OUTCOMES.get(1);
        System.out.println("npz fuzz: " + (read + refused) + " cases, " + read + " read correctly, " + refused
            + " refused with NpyFormatException, 0 other exceptions, crashes or hangs");
        executor.shutdownNow();
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** How a valid file is damaged. */
    enum Mutation { FLIP_BYTES, TRUNCATE, SIZE_FIELD, COPY_RANGE, REDIRECT_ENTRY }

    @Property(tries = 10_000)
    void mutatedFilesReadCorrectlyOrFailWithAFormatException(
        @ForAll @IntRange(min = 0, max = 7) int baseIndex, @ForAll Mutation mutation,
        @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
        @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int otherPosition,
        @ForAll long value, @ForAll @IntRange(min = 1, max = 4) int count) throws Exception {
        Base base = BASES.get(baseIndex);
        byte[] bytes = mutate(base.bytes(), mutation, position, otherPosition, value, count);
        Path file = dir.resolve("variant-" + base.name());
        Files.write(file, bytes);
        check(base, file);
    }

    @Example
    void truncationsOfEveryBaseFail() throws Exception {
        for (Base base : BASES) {
            int step = base.bytes().length > 1000 ? 3 : 1; // every length of small files, every third of larger
            for (int length = 0; length < base.bytes().length; length += step) {
                Path file = dir.resolve("truncated-" + base.name());
                Files.write(file, Arrays.copyOf(base.bytes(), length));
                Throwable failure = outcome(file, base);
                if (failure == null) {
                    // a .npy file may still be valid if only trailing bytes are gone: never for these bases
                    fail(base.name() + " truncated to " + length + " bytes was read without error");
                }
            }
        }
    }

    private static byte[] mutate(byte[] original, Mutation mutation, int position, int otherPosition, long value,
                                 int count) {
        byte[] bytes = original.clone();
        int at = position % bytes.length;
        switch (mutation) {
            case FLIP_BYTES -> {
                long v = value;
                for (int i = 0; i < count; i++) {
                    bytes[(at + i * 7919) % bytes.length] = (byte) v;
                    v >>>= 8;
                }
            }
            case TRUNCATE -> bytes = Arrays.copyOf(bytes, at);
            case SIZE_FIELD -> {
                long[] interesting = {0, 1, 0xffff, 0xffffffffL, 0x7fffffffL, Long.MAX_VALUE, -1, value,
                    bytes.length, bytes.length + 1L, 64, 1L << 31, 1L << 32};
                long v = interesting[(int) Long.remainderUnsigned(value, interesting.length)];
                int width = 1 << (count - 1); // 1, 2, 4 or 8 bytes, little-endian like zip fields
                for (int i = 0; i < width && at + i < bytes.length; i++) {
                    bytes[at + i] = (byte) (v >>> (8 * i));
                }
            }
            case COPY_RANGE -> {
                int from = otherPosition % bytes.length;
                int length = Math.min(count * 16, Math.min(bytes.length - from, bytes.length - at));
                System.arraycopy(original, from, bytes, at, length);
            }
            case REDIRECT_ENTRY -> redirect(bytes, position, otherPosition, value);
            default -> throw new AssertionError(mutation);
        }
        return bytes;
    }

    /**
     * Points one central directory record at another entry's local header or into the middle of the file: the
     * overlapping entries of a zip bomb.
     */
    private static void redirect(byte[] bytes, int position, int otherPosition, long value) {
        List<Integer> records = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + ZipRecords.CENTRAL_HEADER_SIZE <= bytes.length; i++) {
            if (b.getInt(i) == ZipRecords.CENTRAL_HEADER) {
                records.add(i);
            }
        }
        if (records.isEmpty()) {
            return;
        }
        int record = records.get(position % records.size());
        int other = records.get(otherPosition % records.size());
        int offset = (value & 1) == 0 ? b.getInt(other + 42) : (int) Long.remainderUnsigned(value, bytes.length);
        b.putInt(record + 42, offset);
    }

    private static void check(Base base, Path file) throws Exception {
        Throwable failure = outcome(file, base);
        if (failure != null && !(failure instanceof NpyFormatException)) {
            throw new AssertionError("expected success or NpyFormatException, got " + failure, failure);
        }
    }

    /** Reads everything; returns null on success, the NpyFormatException found, or any other throwable. */
    private static Throwable outcome(Path file, Base base) throws Exception {
        Future<Throwable> future = executor.submit(() -> {
            try {
                readEverything(file, base);
                return null;
            } catch (NpyFormatException e) {
                return e;
            } catch (UncheckedIOException e) {
                return e.getCause() instanceof NpyFormatException ? e.getCause() : e;
            } catch (Throwable e) {
                return e;
            }
        });
        try {
            Throwable failure = future.get(10, TimeUnit.SECONDS);
            if (failure == null || failure instanceof NpyFormatException) {
                OUTCOMES.incrementAndGet(failure == null ? 0 : 1);
            }
            return failure;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("reading " + file + " (from " + base.name() + ") hangs");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private static void readEverything(Path file, Base base) throws IOException {
        try (NpzFile npz = NpzFile.open(file)) {
            List<String> names = npz.names();
            for (int i = 0; i < names.size(); i++) {
                NpyArray array = npz.get(names.get(i));
                if (array.size() > 0) {
                    array.getDouble(new long[array.ndim()]);
                }
                if (array.ndim() > 0 && array.rows() > 0) {
                    array.rowsAsFloatArray(0, 1);
                    array.rowsAsDoubleArray(array.rows() - 1, array.rows());
                }
                double[] values = array.toDoubleArray();
                array.toIntArray();
                if (base.checksummed() && names.size() == base.values().size()) {
                    assertArrayEquals(base.values().get(i), values,
                        "CRC-verified read of a mutated archive gave different values");
                }
            }
            assertInstanceOf(List.class, names);
            assertEquals(names.size(), names.stream().distinct().count());
        }
    }
}
