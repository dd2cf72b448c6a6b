package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Structured (record) arrays: numpy's {@code structured.npz} (made by {@code make_structured.py}) and round trips. */
class RecordArraysTest {

    @TempDir
    Path dir;

    @Test
    void readsMixedTypesAndByteOrdersByField() throws IOException {
        try (NpzFile npz = NpzFile.open(NumpyFixturesTest.resource("structured.npz"))) {
            NpyArray jets = npz.get("jets");
            RecordType type = jets.recordType().orElseThrow();
            assertEquals(List.of("pt", "eta", "flavour", "weight", "valid"), type.names());
            assertEquals(4 + 8 + 4 + 2 + 1, type.itemSize());
            assertArrayEquals(new long[] {5}, jets.shape());
            ByteBuffer records = jets.rowsAsRecords(1, 4);
            float[] out = new float[3 * 4];
            type.decode(records, 3, new int[] {type.indexOf("flavour"), type.indexOf("pt"), type.indexOf("eta"),
                type.indexOf("valid")}, out, 0);
            assertArrayEquals(new float[] {4, 40.25f, 0.5f, 1, 0, 101f, 1.25f, 0, 5, 33f, -0.75f, 1}, out);
            double[] weights = new double[5];
            type.decode(jets.rowsAsRecords(0, 5), 5, type.indexOf("weight"), weights, 0);
            assertArrayEquals(new double[] {1.0, 0.5, 2.0, 1.5, 0.25}, weights);
        }
    }

    @Test
    void paddingOfAlignedTypesIsSkippedAndInt64IsExactAsDouble() throws IOException {
        try (NpzFile npz = NpzFile.open(NumpyFixturesTest.resource("structured.npz"))) {
            RecordType type = npz.get("aligned").recordType().orElseThrow();
            assertEquals(List.of("flag", "pt", "code"), type.names());
            assertEquals(4, type.fields().get(1).offset());
            assertEquals(16, type.itemSize());
            double[] codes = new double[5];
            type.decode(npz.get("aligned").rowsAsRecords(0, 5), 5, 2, codes, 0);
            assertArrayEquals(new double[] {0x1p40 + 1, -3, 0, 7, 0x1p53}, codes);
        }
    }

    @Test
    void recordsOfObjectsHaveOneRecordPerSlot() throws IOException {
        try (NpzFile npz = NpzFile.open(NumpyFixturesTest.resource("structured.npz"))) {
            NpyArray tracks = npz.get("tracks");
            assertArrayEquals(new long[] {5, 3}, tracks.shape());
            assertEquals(3, tracks.rowLength());
            RecordType type = tracks.recordType().orElseThrow();
            float[] d0 = new float[6];
            type.decode(tracks.rowsAsRecords(2, 4), 6, new int[] {0}, d0, 0);
            assertArrayEquals(new float[] {1.5f, 1.75f, 2f, 2.25f, 2.5f, 2.75f}, d0);
        }
    }

    @Test
    void numericReadsOfARecordArrayAreRefusedNamingTheFields() throws IOException {
        try (NpzFile npz = NpzFile.open(NumpyFixturesTest.resource("structured.npz"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> npz.get("jets").toFloatArray());
            assertTrue(e.getMessage().contains("structured array (fields pt, eta, flavour"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> npz.get("jets").rowsAsDoubleArray(0, 1));
        }
    }

    @Test
    void writtenRecordsReadBack() throws IOException {
        RecordType type = RecordType.packed(List.of("a", "b"), List.of(DType.FLOAT32, DType.parse(">i2")));
        ByteBuffer data = ByteBuffer.allocate(2 * type.itemSize());
        data.order(ByteOrder.LITTLE_ENDIAN).putFloat(0, 1.5f).putFloat(6, -2f);
        data.order(ByteOrder.BIG_ENDIAN).putShort(4, (short) 300).putShort(10, (short) -7);
        Path file = dir.resolve("records.npz");
        try (NpzWriter writer = NpzWriter.create(file, true)) {
            writer.writeRecords("table", type, new long[] {2}, data);
        }
        try (NpzFile npz = NpzFile.open(file)) {
            NpyArray table = npz.get("table");
            assertEquals(type, table.recordType().orElseThrow());
            float[] out = new float[4];
            type.decode(table.rowsAsRecords(0, 2), 2, new int[] {0, 1}, out, 0);
            assertArrayEquals(new float[] {1.5f, 300, -2f, -7}, out);
        }
    }

    @Test
    void nestedRecordsAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordType.parse(List.of(
            new PythonLiteral.Tuple(List.of("inner", List.of(new PythonLiteral.Tuple(List.of("x", "<f4"))))))));
        assertTrue(e.getMessage().contains("'inner'") && e.getMessage().contains("nested"), e.getMessage());
    }
}
