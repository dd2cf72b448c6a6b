package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.io.FailingChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writers never modify a file in place: every failure (a full disk at any byte, an exception between two
 * entries, an invalid entry) leaves the previous file byte for byte and no temporary file; success replaces it in one
 * rename, under the feet of a reader that keeps reading the previous arrays.
 */
class AtomicWritesTest {

    @TempDir
    Path dir;

    private static final float[] TABLE = new float[600];
    private static final double[] SCORES = new double[150];

    static {
        for (int i = 0; i < TABLE.length; i++) {
            TABLE[i] = i * 0.25f - 7;
        }
        for (int i = 0; i < SCORES.length; i++) {
            SCORES[i] = Math.sin(i);
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static void writeAll(NpzWriter npz) throws IOException {
        npz.write("arr_0", TABLE, 100, 6).write("arr_1", SCORES).write("marker", new byte[] {1, 2, 3});
    }

    private Path previous() throws IOException {
        Path target = dir.resolve("jets.npz");
        NpzWriter.write(target, false, npz -> npz.write("old", new int[] {1, 2, 3}));
        return target;
    }

    @Test
    void aFullDiskAtAnyByteLeavesThePreviousArchiveAndNoTemporaryFile() throws IOException {
        Path target = previous();
        byte[] before = Files.readAllBytes(target);
        for (boolean compressed : new boolean[] {false, true}) {
            Path sized = dir.resolve("sized.npz");
            NpzWriter.write(sized, compressed, AtomicWritesTest::writeAll);
            long size = Files.size(sized);
            Files.delete(sized);
            int cases = 0;
            for (long b = 0; b < size; b += b < 200 ? 1 : 37) {
                long budget = b;
                IOException e = assertThrows(IOException.class, () -> {
                    try (NpzWriter npz = NpzWriter.create(target, compressed, false, FailingChannel.after(budget))) {
                        writeAll(npz);
                    }
                }, "budget " + budget);
                assertTrue(e.getMessage().startsWith(target.toString()) && e.getMessage().contains(
                    FailingChannel.NO_SPACE) && e.getMessage().contains("not replaced"), e.getMessage());
                assertArrayEquals(before, Files.readAllBytes(target), "budget " + budget);
                assertEquals(List.of(target), files(), "budget " + budget);
                cases++;
            }
            assertTrue(cases > 200, "cases " + cases);
            try (NpzWriter npz = NpzWriter.create(target, compressed, false, FailingChannel.after(size))) {
                writeAll(npz);
            }
            try (NpzFile npz = NpzFile.open(target)) {
                assertEquals(List.of("arr_0", "arr_1", "marker"), npz.names());
                assertArrayEquals(TABLE, npz.get("arr_0").toFloatArray());
            }
            Files.write(target, before);
        }
    }

    @Test
    void anExceptionBetweenEntriesPublishesNothing() throws IOException {
        Path target = previous();
        byte[] before = Files.readAllBytes(target);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NpzWriter.write(target, false,
            npz -> {
                npz.write("arr_0", TABLE, 100, 6);
                throw new IllegalStateException("probabilities row 5, column 0 is NaN");
            }));
        assertEquals("probabilities row 5, column 0 is NaN", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), files());

        try (NpzWriter npz = NpzWriter.create(target, true)) {
            npz.write("arr_0", TABLE, 100, 6);
            npz.abort();
        }
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailedEntryPoisonsTheWriter() throws IOException {
        Path target = previous();
        byte[] before = Files.readAllBytes(target);
        try (NpzWriter npz = NpzWriter.create(target, false)) {
            npz.write("arr_0", TABLE, 100, 6);
            assertThrows(IllegalArgumentException.class, () -> npz.write("arr_1", SCORES, 7, 7));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> npz.write("arr_2", SCORES));
            assertTrue(e.getMessage().contains("an earlier write failed"), e.getMessage());
            assertThrows(IllegalStateException.class, npz::commit);
        }
        assertArrayEquals(before, Files.readAllBytes(target), "close() does not publish a poisoned archive");
        assertEquals(List.of(target), files());
    }

    @Test
    void commitThenClosePublishesOnceAndPlainClosePublishesToo() throws IOException {
        Path target = dir.resolve("a.npz");
        try (NpzWriter npz = NpzWriter.create(target, false)) {
            writeAll(npz);
            assertTrue(!Files.exists(target), "nothing is visible before the commit");
            npz.commit();
            assertTrue(Files.exists(target));
            assertThrows(IllegalStateException.class, () -> npz.write("late", SCORES));
        }
        Path legacy = dir.resolve("b.npz");
        try (NpzWriter npz = NpzWriter.create(legacy, false)) {
            writeAll(npz);
        }
        assertArrayEquals(Files.readAllBytes(target), Files.readAllBytes(legacy));
        assertEquals(List.of(target, legacy), files());
    }

    @Test
    void aRewriteDoesNotDisturbAReaderOfThePreviousFile() throws IOException {
        Path target = dir.resolve("jets.npz");
        float[] big = new float[1 << 18]; // 1 MiB: memory-mapped, not read into the heap
        for (int i = 0; i < big.length; i++) {
            big[i] = i;
        }
        NpzWriter.write(target, false, npz -> npz.write("arr_0", big, 1 << 12, 1 << 6));
        try (NpzFile reader = NpzFile.open(target)) {
            NpyArray array = reader.get("arr_0");
            assertArrayEquals(big, array.toFloatArray());
            NpzWriter.write(target, false, npz -> npz.write("arr_0", new float[] {1, 2}, 1, 2));
            assertArrayEquals(big, array.toFloatArray(), "the reader still sees the previous file, CRC included");
            assertEquals(4096f, array.rowsAsFloatArray(64, 65)[0]);
        }
        try (NpzFile npz = NpzFile.open(target)) {
            assertArrayEquals(new float[] {1, 2}, npz.get("arr_0").toFloatArray());
        }
    }

    @Test
    void npyWriterIsAtomicToo() throws IOException {
        Path target = dir.resolve("scores.npy");
        NpyWriter.write(target, new double[] {1, 2, 3});
        byte[] before = Files.readAllBytes(target);
        ArrayPayload payload = ArrayPayload.of("scores", SCORES, new long[0]);
        for (long budget : new long[] {0, 1, 127, 128, 129, 1000}) {
            IOException e = assertThrows(IOException.class,
                () -> NpyWriter.write(target, payload, FailingChannel.after(budget)));
            assertTrue(e.getMessage().startsWith(target.toString()) && e.getMessage().contains(
                FailingChannel.NO_SPACE), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(target));
            assertEquals(List.of(target), files());
        }
        NpyWriter.write(target, payload, FailingChannel.after(payload.totalBytes()));
        try (NpzFile npy = NpzFile.open(target)) {
            assertArrayEquals(SCORES, npy.get("scores").toDoubleArray());
        }
    }
}
