package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of bad input gives an NpyFormatException naming the file, the entry and the problem. */
class FormatErrorsTest {

    @TempDir
    Path dir;

    private static void assertMessage(NpyFormatException e, Path file, String entry, String problem) {
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertEquals(entry, e.entry(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
    }

    private Path archive(boolean compressed) throws IOException {
        Path file = dir.resolve(compressed ? "c.npz" : "s.npz");
        try (NpzWriter writer = NpzWriter.create(file, compressed)) {
            float[] values = new float[1000];
            for (int i = 0; i < values.length; i++) {
                values[i] = i * 0.5f;
            }
            writer.write("arr_0", values, 100, 10).write("arr_1", new int[] {1, 2, 3});
        }
        return file;
    }

    /** A .npy file with the given header dict (and no data unless given). */
    private Path npy(String name, String dict, int dataBytes) throws IOException {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[10 + text.length + dataBytes];
        System.arraycopy(NpyHeader.MAGIC, 0, bytes, 0, 6);
        bytes[6] = 1;
        bytes[8] = (byte) text.length;
        bytes[9] = (byte) (text.length >> 8);
        System.arraycopy(text, 0, bytes, 10, text.length);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void notAZipNorNpy() throws IOException {
        Path file = dir.resolve("notes.npz");
        Files.writeString(file, "these are not the arrays you are looking for");
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpzFile.open(file));
        assertMessage(e, file, null, "not a zip archive");
    }

    @Test
    void badMagicInAnEntry() throws IOException {
        Path file = dir.resolve("text.npz");
        try (NpzWriter writer = NpzWriter.create(file, false)) {
            writer.write("x", new byte[] {1, 2, 3});
        }
        byte[] bytes = Files.readAllBytes(file);
        int magic = indexOf(bytes, NpyHeader.MAGIC);
        bytes[magic + 1] = 'X';
        Files.write(file, bytes);
        try (NpzFile npz = NpzFile.open(file)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npz.get("x"));
            assertMessage(e, file, "x.npy", "bad magic");
        }
    }

    @Test
    void truncatedArchive() throws IOException {
        Path file = archive(false);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 30));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpzFile.open(file));
        assertMessage(e, file, null, "zip");
    }

    @Test
    void truncatedNpyData() throws IOException {
        Path file = npy("short.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 3), }", 8 * 11);
        try (NpzFile npz = NpzFile.open(file)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npz.get("short"));
            assertMessage(e, file, null, "header declares 96 data bytes");
            assertTrue(e.problem().contains("holds only 88"), e.getMessage());
        }
    }

    @Test
    void headerDeclaringMoreThanTheEntryHoldsIsRefusedBeforeAllocating() throws IOException {
        Path file = npy("liar.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", 16);
        try (NpzFile npz = NpzFile.open(file)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npz.get("liar"));
            assertMessage(e, file, null, "header declares 80000000000 data bytes");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3, -2), } => negative dimension -2",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), } => overflows",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), } => overflows",
        "{'descr': '<c16', 'fortran_order': False, 'shape': (3,), } => unsupported dtype '<c16' (complex",
        "{'descr': '|O', 'fortran_order': False, 'shape': (3,), } => unsupported dtype '|O' (object",
        "{'descr': '<U5', 'fortran_order': False, 'shape': (3,), } => unsupported dtype '<U5' (strings",
        "{'descr': [('a', [('b', '<f4')])], 'fortran_order': False, 'shape': (3,), } => nested records",
        "{'descr': [('a', '<f8', (1048575, 1000))], 'fortran_order': False, 'shape': (3,), } => more than 2^31 - 1",
        "{'descr': [('a', '<f4', (1048575, 1048575))], 'fortran_order': False, 'shape': (3,), } => more than 2^31 - 1",
        "{'descr': '<f4', 'fortran_order': False, } => keys",
        "{'descr': '<f4', 'fortran_order': 'no', 'shape': (3,), } => fortran_order",
        "{'descr': '<f4', 'fortran_order': False, 'shape': [3], } => shape is not a tuple",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)  => expected ',' or '}'",
        "(((((((((((((((((((((((((((((((((((( => nesting",
    })
    void badHeadersNameTheProblem(String dict, String problem) throws IOException {
        Path file = npy("bad.npy", dict, 12);
        try (NpzFile npz = NpzFile.open(file)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npz.get("bad"));
            assertMessage(e, file, null, problem);
        }
    }

    @Test
    void storedEntryWhoseHeaderDeclaresMoreRowsThanItHolds() throws IOException {
        Path file = archive(false);
        byte[] bytes = Files.readAllBytes(file);
        int shape = indexOf(bytes, "(100, 10)".getBytes(StandardCharsets.US_ASCII));
        bytes[shape + 1] = '9'; // (900, 10): the CRC would catch it too, but the size check comes first
        Files.write(file, bytes);
        try (NpzFile npz = NpzFile.open(file)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npz.get("arr_0"));
            assertMessage(e, file, "arr_0.npy", "header declares 36000 data bytes");
            assertTrue(e.problem().contains("holds only 4000"), e.getMessage());
        }
    }

    @Test
    void deflatedEntryWhoseDirectorySizeIsTooSmallForItsHeader() throws IOException {
        Path file = archive(true);
        byte[] bytes = Files.readAllBytes(file);
        int central = indexOf(bytes, new byte[] {'P', 'K', 1, 2});
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(central + 24, 1000);
        Files.write(file, bytes);
        try (NpzFile npz = NpzFile.open(file)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npz.get("arr_0"));
            assertMessage(e, file, "arr_0.npy", "header declares 4000 data bytes");
        }
    }

    @Test
    void deflatedSizeBeyondWhatDeflateCanProduceIsRefusedAtOpen() throws IOException {
        Path file = archive(true);
        byte[] bytes = Files.readAllBytes(file);
        int central = indexOf(bytes, new byte[] {'P', 'K', 1, 2});
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(central + 24, 0x7fffffff);
        Files.write(file, bytes);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpzFile.open(file));
        assertMessage(e, file, "arr_0.npy", "cannot inflate to the declared 2147483647 bytes");
    }

    @Test
    void unsupportedVersion() throws IOException {
        Path file = npy("v9.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 12);
        byte[] bytes = Files.readAllBytes(file);
        bytes[6] = 9;
        Files.write(file, bytes);
        try (NpzFile npz = NpzFile.open(file)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npz.get("v9"));
            assertMessage(e, file, null, "version 9.0");
        }
    }

    @Test
    void crcMismatchOfAStoredEntryIsFoundByAFullRead() throws IOException {
        Path file = archive(false);
        byte[] bytes = Files.readAllBytes(file);
        int data = indexOf(bytes, NpyHeader.MAGIC) + 128 + 400;
        bytes[data] ^= 0x40;
        Files.write(file, bytes);
        try (NpzFile npz = NpzFile.open(file)) {
            NpyArray array = npz.get("arr_0");
            assertEquals(10, array.rowsAsFloatArray(0, 1).length, "row ranges are not CRC-checked");
            UncheckedIOException e = assertThrows(UncheckedIOException.class, array::toFloatArray);
            NpyFormatException cause = assertInstanceOf(NpyFormatException.class, e.getCause());
            assertMessage(cause, file, "arr_0.npy", "CRC-32 mismatch");
            assertThrows(NpyFormatException.class, () -> ArrayStatistics.of(array));
            assertEquals(List.of(1L, 2L, 3L), Arrays.stream(npz.get("arr_1").toLongArray()).boxed().toList());
        }
    }

    @Test
    void corruptDeflateDataIsFoundByAFullRead() throws IOException {
        Path file = archive(true);
        byte[] bytes = Files.readAllBytes(file);
        int start = 30 + "arr_0.npy".length();
        for (int i = start + 400; i < start + 430; i++) {
            bytes[i] = (byte) 0xAA;
        }
        Files.write(file, bytes);
        try (NpzFile npz = NpzFile.open(file)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> npz.get("arr_0").toFloatArray());
            NpyFormatException cause = assertInstanceOf(NpyFormatException.class, e.getCause());
            assertEquals("arr_0.npy", cause.entry());
            assertTrue(cause.problem().contains("deflate") || cause.problem().contains("CRC-32"), cause.getMessage());
        }
    }

    @Test
    void openingReadsOnlyTheDirectory() throws IOException {
        Path file = archive(false);
        byte[] bytes = Files.readAllBytes(file);
        int magic = indexOf(bytes, NpyHeader.MAGIC);
        Arrays.fill(bytes, magic, magic + 10, (byte) 0);
        Files.write(file, bytes);
        try (NpzFile npz = NpzFile.open(file)) {
            assertEquals(List.of("arr_0", "arr_1"), npz.names());
            assertThrows(NpyFormatException.class, () -> npz.get("arr_0"));
            assertEquals(3, npz.get("arr_1").size());
        }
    }

    @Test
    void closedFileCannotBeRead() throws IOException {
        Path file = archive(false);
        NpyArray array;
        try (NpzFile npz = NpzFile.open(file)) {
            array = npz.get("arr_1");
        }
        assertThrows(IllegalStateException.class, array::toIntArray);
    }

    static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("pattern not found");
    }
}
