package dev.btag.data.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.source.SourceFormatException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads {@code hdf5/compound.h5}, made by h5py ({@code make_fixtures.py} next to it, whose docstring gives the
 * values), and files written by {@link Hdf5Writer}.
 */
class Hdf5FileTest {

    static final int JETS = 50;
    static final int SLOTS = 4;

    @TempDir
    Path dir;

    static Path fixture() {
        try {
            return Path.of(Hdf5FileTest.class.getResource("/hdf5/compound.h5").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static float pt(int i) {
        return 20 + 0.5f * i;
    }

    static float eta(int i) {
        return (float) (-2.5 + 0.1 * i);
    }

    static int flavour(int i) {
        return new int[] {5, 4, 0}[i % 3];
    }

    static boolean valid(int i, int k) {
        return k < 1 + i % 4;
    }

    static float d0(int i, int k) {
        return valid(i, k) ? i + k / 4f : 0;
    }

    static float z0(int i, int k) {
        return valid(i, k) ? -(i + k) : 0;
    }

    @Test
    void listsTheDatasetsOfEveryGroup() throws IOException {
        try (Hdf5File file = Hdf5File.open(fixture())) {
            assertEquals(List.of("jets", "numeric/flavour", "numeric/table", "numeric/tracks", "tracks"),
                file.arrayNames());
            Hdf5Dataset jets = file.array("jets");
            assertEquals(List.of("pt", "eta", "flavour", "weight"), jets.fields());
            assertEquals("{pt <f4, eta <f4, flavour <i4, weight >f8}", jets.typeName());
            assertTrue(jets.chunked());
            assertEquals(List.of("shuffle", "deflate"), jets.filters());
            assertFalse(file.array("numeric/table").chunked());
        }
    }

    @Test
    void compoundRowRangesAcrossChunksDecodeEveryField() throws IOException {
        try (Hdf5File file = Hdf5File.open(fixture())) {
            Hdf5Dataset jets = file.array("jets");
            float[] values = jets.readFloats(10, 40, new int[] {2, 0, 1});
            for (int i = 10; i < 40; i++) {
                int r = (i - 10) * 3;
                assertEquals(flavour(i), values[r], "flavour " + i);
                assertEquals(pt(i), values[r + 1], "pt " + i);
                assertEquals(eta(i), values[r + 2], "eta " + i);
            }
            double[] weights = jets.readDoubles(0, JETS, 3);
            for (int i = 0; i < JETS; i++) {
                assertEquals(1 + i / 64.0, weights[i]);
            }
        }
    }

    @Test
    void compoundObjectsWithPartialEdgeChunks() throws IOException {
        try (Hdf5File file = Hdf5File.open(fixture())) {
            Hdf5Dataset tracks = file.array("tracks");
            assertEquals(SLOTS, tracks.cellsPerRow());
            assertEquals(3, tracks.columnCount());
            float[] values = tracks.readFloats(3, JETS, new int[] {0, 1, 2});
            for (int i = 3; i < JETS; i++) {
                for (int k = 0; k < SLOTS; k++) {
                    int p = ((i - 3) * SLOTS + k) * 3;
                    assertEquals(d0(i, k), values[p], "d0 " + i + "," + k);
                    assertEquals(z0(i, k), values[p + 1], "z0 " + i + "," + k);
                    assertEquals(valid(i, k) ? 1f : 0f, values[p + 2], "valid " + i + "," + k);
                }
            }
        }
    }

    @Test
    void numericDatasetsChunkedOnEveryAxisContiguousAndBigEndian() throws IOException {
        try (Hdf5File file = Hdf5File.open(fixture())) {
            Hdf5Dataset tracks = file.array("numeric/tracks");
            assertEquals("<f4", tracks.typeName());
            float[] values = tracks.readFloats(5, 33, new int[] {1, 0});
            for (int i = 5; i < 33; i++) {
                for (int k = 0; k < SLOTS; k++) {
                    int p = ((i - 5) * SLOTS + k) * 2;
                    assertEquals(z0(i, k), values[p]);
                    assertEquals(d0(i, k), values[p + 1]);
                }
            }
            float[] table = file.array("numeric/table").readFloats(0, JETS, new int[] {0, 1, 2});
            double[] flavours = file.array("numeric/flavour").readDoubles(0, JETS, 0);
            for (int i = 0; i < JETS; i++) {
                assertEquals(pt(i), table[i * 3]);
                assertEquals(eta(i), table[i * 3 + 1]);
                assertEquals(flavour(i), table[i * 3 + 2]);
                assertEquals(flavour(i), flavours[i]);
            }
        }
    }

    @Test
    void writtenDatasetsReadBackExactly() throws IOException {
        Path out = dir.resolve("written.h5");
        float[] table = {1.5f, -2, 3e10f, Float.NaN, 0, 7};
        double[] cube = {1, 2, 3, 4, 5, 6, 7, 0.1};
        int[] codes = {5, 4, 0};
        long[] big = {1L << 40, -1};
        byte[] marker = "synthetic".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Hdf5Writer writer = Hdf5Writer.create(out)) {
            writer.write("jets", table, 3, 2).write("deep/cube", cube, 2, 2, 2).write("codes", codes)
                .write("big", big).write("marker", marker);
            assertFalse(Files.exists(out), "the file appears only when closed");
        }
        try (Hdf5File file = Hdf5File.open(out)) {
            assertEquals(List.of("big", "codes", "deep/cube", "jets", "marker"),
                file.arrayNames().stream().sorted().toList());
            assertArrayEquals(table, file.array("jets").readFloats(0, 3, new int[] {0, 1}));
            Hdf5Dataset c = file.array("deep/cube");
            assertArrayEquals(new long[] {2, 2, 2}, c.shape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 0.1f}, c.readFloats(0, 2, new int[] {0, 1}));
            assertArrayEquals(new double[] {5, 4, 0}, file.array("codes").readDoubles(0, 3, 0));
            assertArrayEquals(new double[] {0x1p40, -1}, file.array("big").readDoubles(0, 2, 0));
            assertEquals("|i1", file.array("marker").typeName());
        }
        try (Hdf5File file = Hdf5File.open(out)) {
            assertArrayEquals(new float[] {1, 3, 5, 7}, file.array("deep/cube").readFloats(0, 2, new int[] {0}));
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void chunkedGzipDatasetsReadBackExactlyAndAreSmaller() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("chunked"));
        int rows = 10_000;
        float[] table = new float[rows * 4];
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < 4; c++) {
                table[i * 4 + c] = (i % 97) * 0.25f + c;
            }
            codes[i] = i % 3 == 0 ? 5 : 0;
        }
        Path plain = sub.resolve("plain.h5");
        Path packed = sub.resolve("packed.h5");
        try (Hdf5Writer writer = Hdf5Writer.create(plain)) {
            writer.write("jets", table, rows, 4).write("codes", codes);
        }
        try (Hdf5Writer writer = Hdf5Writer.create(packed, Hdf5Storage.gzip(4).withChunkRows(3000))) {
            writer.write("jets", table, rows, 4).write("codes", codes).write("small", new double[] {1, 2}, 2);
        }
        try (Hdf5File file = Hdf5File.open(packed)) {
            Hdf5Dataset jets = file.array("jets");
            assertTrue(jets.chunked());
            assertEquals(3000, jets.chunkRows());
            assertEquals(List.of("shuffle", "deflate"), jets.filters());
            assertArrayEquals(table, jets.readFloats(0, rows, new int[] {0, 1, 2, 3}));
            assertArrayEquals(java.util.Arrays.copyOfRange(table, 2999 * 4, 6001 * 4),
                jets.readFloats(2999, 6001, new int[] {0, 1, 2, 3}), "a range across chunk edges");
            double[] read = file.array("codes").readDoubles(0, rows, 0);
            for (int i = 0; i < rows; i++) {
                assertEquals(codes[i], read[i], "code " + i);
            }
            assertEquals(2, file.array("small").chunkRows(), "a chunk is clamped to the rows there are");
        }
        assertTrue(Files.size(packed) * 4 < Files.size(plain), Files.size(packed) + " vs " + Files.size(plain));
        assertThrows(IllegalArgumentException.class, () -> new Hdf5Storage(0, 5, true));
        assertThrows(IllegalArgumentException.class, () -> Hdf5Storage.gzip(10));
    }

    @Test
    void errorsNameTheFileAndTheDataset() throws IOException {
        try (Hdf5File file = Hdf5File.open(fixture())) {
            SourceFormatException e = assertThrows(SourceFormatException.class, () -> file.array("jet"));
            assertTrue(e.getMessage().startsWith(fixture() + ": no dataset named 'jet' (datasets: jets,"),
                e.getMessage());
        }
        Path text = Files.writeString(dir.resolve("not.h5"), "not hdf5 at all");
        SourceFormatException e = assertThrows(SourceFormatException.class, () -> Hdf5File.open(text));
        assertTrue(e.getMessage().startsWith(text + ": not a readable HDF5 file"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Hdf5File.open(dir.resolve("none.h5")));
    }

    @Test
    void unshuffleRestoresElementBytes() {
        byte[] shuffled = {1, 4, 2, 5, 3, 6, 9};
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 9}, ChunkReader.unshuffle(shuffled, 3));
        assertArrayEquals(new byte[] {1, 2, 4, 5, 3, 6, 9}, ChunkReader.unshuffle(new byte[] {1, 4, 3, 2, 5, 6, 9}, 2));
    }
}
