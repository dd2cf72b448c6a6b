package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlapping-entry zip bombs: many central directory records pointing into one deflate stream, each within the
 * per-entry ratio limit, used to keep a reader inflating for most of an hour. They are refused at open, at once.
 */
class ZipBombTest {

    @TempDir
    Path dir;

    /** One central directory record to write. */
    private record Record(String name, int method, long crc, long compressed, long uncompressed, long offset) {
    }

    /** A .npy array of {@code values} zero floats, deflated. */
    private static byte[] deflatedZeros(int values, long[] sizes) {
        byte[] header = NpyHeader.encode(DType.FLOAT32, new long[] {values}, false);
        byte[] npy = new byte[header.length + 4 * values];
        System.arraycopy(header, 0, npy, 0, header.length);
        CRC32 crc = new CRC32();
        crc.update(npy);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(npy);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        sizes[0] = crc.getValue();
        sizes[1] = npy.length;
        return out.toByteArray();
    }

    private static ByteBuffer localHeader(String name, int method, long crc, long compressed, long uncompressed) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(ZipRecords.LOCAL_HEADER_SIZE + nameBytes.length).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(ZipRecords.LOCAL_HEADER).putShort((short) 20).putShort((short) 0).putShort((short) method)
            .putShort((short) 0).putShort((short) ZipRecords.DOS_DATE_1980).putInt((int) crc)
            .putInt((int) compressed).putInt((int) uncompressed).putShort((short) nameBytes.length)
            .putShort((short) 0).put(nameBytes).flip();
    }

    /** Writes the given bytes, then a central directory of the records and the end record. */
    private static void writeArchive(Path file, byte[] body, List<Record> records) throws IOException {
        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        for (Record r : records) {
            byte[] name = r.name().getBytes(StandardCharsets.US_ASCII);
            ByteBuffer h = ByteBuffer.allocate(ZipRecords.CENTRAL_HEADER_SIZE + name.length)
                .order(ByteOrder.LITTLE_ENDIAN).putInt(ZipRecords.CENTRAL_HEADER).putShort((short) 20)
                .putShort((short) 20).putShort((short) 0).putShort((short) r.method()).putShort((short) 0)
                .putShort((short) ZipRecords.DOS_DATE_1980).putInt((int) r.crc()).putInt((int) r.compressed())
                .putInt((int) r.uncompressed()).putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) r.offset()).put(name);
            directory.write(h.array());
        }
        ByteBuffer end = ByteBuffer.allocate(ZipRecords.END_OF_DIRECTORY_SIZE).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(ZipRecords.END_OF_DIRECTORY).putShort((short) 0).putShort((short) 0)
            .putShort((short) records.size()).putShort((short) records.size()).putInt(directory.size())
            .putInt(body.length).putShort((short) 0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(body);
        all.write(directory.toByteArray());
        all.write(end.array());
        Files.write(file, all.toByteArray());
    }

    @Test
    void aThousandRecordsIntoOneDeflateStreamAreRefusedAtOnce() throws IOException {
        long[] sizes = new long[2];
        byte[] stream = deflatedZeros(1 << 20, sizes); // 4 MiB of zeros in about 4 KiB: 1000:1, within the ratio
        ByteBuffer local = localHeader("arr_0.npy", ZipEntryInfo.DEFLATED, sizes[0], stream.length, sizes[1]);
        byte[] body = new byte[local.remaining() + stream.length];
        local.get(body, 0, local.remaining());
        System.arraycopy(stream, 0, body, body.length - stream.length, stream.length);
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(new Record("arr_" + i + ".npy", ZipEntryInfo.DEFLATED, sizes[0], stream.length, sizes[1], 0));
        }
        Path bomb = dir.resolve("bomb.npz");
        writeArchive(bomb, body, records);
        assertTrue(Files.size(bomb) < 100_000, "a small file: " + Files.size(bomb));
        NpyFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
            () -> assertThrows(NpyFormatException.class, () -> NpzFile.open(bomb)));
        assertTrue(e.getMessage().startsWith(bomb.toString()) && e.problem().contains("overlaps entry"),
            e.getMessage());

        Path single = dir.resolve("single.npz");
        writeArchive(single, body, records.subList(0, 1));
        try (NpzFile npz = NpzFile.open(single)) {
            assertArrayEquals(new float[1 << 20], npz.get("arr_0").toFloatArray(), "one record of it is valid");
        }
    }

    @Test
    void anEntryWhoseBytesRunIntoTheNextLocalHeaderIsRefused() throws IOException {
        Path good = dir.resolve("good.npz");
        NpzWriter.write(good, false, npz -> npz.write("a", new float[100]).write("b", new float[100]));
        byte[] bytes = Files.readAllBytes(good);
        List<ZipEntryInfo> entries;
        try (SourceFile file = SourceFile.open(good)) {
            entries = ZipDirectory.read(file).entries();
        }
        ZipEntryInfo a = entries.get(0);
        ZipEntryInfo b = entries.get(1);
        // entry b's record now starts inside a's data: the two overlap
        ByteBuffer patched = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int directory = indexOfCentralHeader(bytes, 1);
        patched.putInt(directory + 42, (int) (a.localHeaderOffset() + 100));
        Path overlapping = dir.resolve("overlapping.npz");
        Files.write(overlapping, bytes);
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> NpzFile.open(overlapping));
        assertEquals("a.npy", e.entry());
        assertTrue(e.problem().contains("overlaps entry 'b.npy'"), e.getMessage());
        assertTrue(b.localHeaderOffset() > a.localHeaderOffset());
    }

    @Test
    void aLocalHeaderLongerThanItsRoomIsRefusedWhenTheEntryIsOpened() throws IOException {
        Path good = dir.resolve("good.npz");
        NpzWriter.write(good, false, npz -> npz.write("a", new float[100]).write("b", new float[100]));
        byte[] bytes = Files.readAllBytes(good);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(28, (short) 200); // a's local extra length
        Path file = dir.resolve("long-local.npz");
        Files.write(file, bytes);
        try (NpzFile npz = NpzFile.open(file)) {
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> npz.get("a"));
            assertTrue(e.problem().contains("runs into the next entry"), e.getMessage());
            assertEquals(100, npz.get("b").size());
        }
    }

    @Test
    void theEntriesTogetherMayNotDeclareMoreThanDeflateCanProduceFromTheFile() throws IOException {
        Path good = dir.resolve("good.npz");
        NpzWriter.write(good, true, npz -> npz.write("a", new float[100]));
        try (SourceFile file = SourceFile.open(good)) {
            ZipDirectory directory = ZipDirectory.read(file);
            ZipEntryInfo e = directory.entries().get(0);
            List<ZipEntryInfo> many = new ArrayList<>();
            long each = ZipRecords.MAX_DEFLATE_RATIO * directory.directoryOffset() / 4;
            for (int i = 0; i < 5; i++) {
                many.add(new ZipEntryInfo("x" + i + ".npy", ZipEntryInfo.DEFLATED, 0, 0, e.compressedSize(), each,
                    e.localHeaderOffset()));
            }
            ZipDirectory.checkTotalSize(file, many.subList(0, 4), directory.directoryOffset());
            NpyFormatException x = assertThrows(NpyFormatException.class,
                () -> ZipDirectory.checkTotalSize(file, many, directory.directoryOffset()));
            assertTrue(x.problem().contains("declare") && x.problem().contains("more than deflate can produce"),
                x.getMessage());
        }
    }

    private static int indexOfCentralHeader(byte[] bytes, int which) {
        int seen = 0;
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (ByteBuffer.wrap(bytes, i, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == ZipRecords.CENTRAL_HEADER
                && seen++ == which) {
                return i;
            }
        }
        throw new AssertionError("no central header " + which);
    }
}
