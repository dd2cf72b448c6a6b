package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays and archives larger than 4 GiB, as sparse files (only the bytes written take disk space): row ranges across
 * mapping windows and beyond 2 and 4 GiB, ZIP64 sizes and offsets. Nothing here reads the whole array.
 */
class LargeFileTest {

    /** 300 million rows of 4 float32: 4.8 GB of data. */
    private static final long ROWS = 300_000_000L;
    private static final long ROW_BYTES = 16;

    @TempDir
    Path dir;

    private static ByteBuffer row(long row) {
        ByteBuffer bytes = ByteBuffer.allocate((int) ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 4; k++) {
            bytes.putFloat(row * 0.25f + k);
        }
        return bytes.flip();
    }

    private static float[] expectedRows(long from, long to) {
        float[] out = new float[(int) (to - from) * 4];
        for (long r = from; r < to; r++) {
            for (int k = 0; k < 4; k++) {
                out[(int) (r - from) * 4 + k] = r * 0.25f + k;
            }
        }
        return out;
    }

    /** Rows that straddle the first 1 GiB window boundary, the 2 GiB and 4 GiB marks, and the last rows. */
    private static final long[][] PROBES = {
        {0, 2},
        {(1L << 30) / ROW_BYTES - 1, (1L << 30) / ROW_BYTES + 1},
        {(1L << 31) / ROW_BYTES - 1, (1L << 31) / ROW_BYTES + 2},
        {(1L << 32) / ROW_BYTES - 2, (1L << 32) / ROW_BYTES + 1},
        {ROWS - 3, ROWS},
    };

    private static void writeProbes(FileChannel channel, long dataStart) throws IOException {
        for (long[] probe : PROBES) {
            for (long r = probe[0]; r < probe[1]; r++) {
                channel.write(row(r), dataStart + r * ROW_BYTES);
            }
        }
    }

    private static void checkProbes(NpyArray array) {
        assertArrayEquals(new long[] {ROWS, 4}, array.shape());
        for (long[] probe : PROBES) {
            assertArrayEquals(expectedRows(probe[0], probe[1]), array.rowsAsFloatArray(probe[0], probe[1]));
        }
        assertEquals((ROWS - 1) * 0.25f + 3, array.getDouble(ROWS - 1, 3));
    }

    @Test
    void npyFileLargerThanFourGiB() throws IOException {
        Path file = dir.resolve("big.npy");
        byte[] header = NpyHeader.encode(DType.FLOAT32, new long[] {ROWS, 4}, false);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            StandardOpenOption.SPARSE)) {
            channel.write(ByteBuffer.wrap(header), 0);
            writeProbes(channel, header.length);
        }
        try (NpzFile npy = NpzFile.open(file)) {
            checkProbes(npy.get("big"));
        }
    }

    @Test
    void zip64ArchiveWithAnEntryLargerThanFourGiBAndAnEntryBeyondIt() throws IOException {
        Path file = dir.resolve("big.npz");
        byte[] header = NpyHeader.encode(DType.FLOAT32, new long[] {ROWS, 4}, false);
        long bigSize = header.length + ROWS * ROW_BYTES;
        byte[] small = smallEntry();
        CRC32 crc = new CRC32();
        crc.update(small);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            StandardOpenOption.SPARSE)) {
            long position = 0;
            byte[] bigName = "big.npy".getBytes(StandardCharsets.US_ASCII);
            position += write(channel, position, localHeader(bigName, 0, bigSize));
            channel.write(ByteBuffer.wrap(header), position);
            writeProbes(channel, position + header.length);
            position += bigSize;
            long smallOffset = position;
            byte[] smallName = "small.npy".getBytes(StandardCharsets.US_ASCII);
            position += write(channel, position, localHeader(smallName, crc.getValue(), small.length));
            position += write(channel, position, ByteBuffer.wrap(small));
            long directoryOffset = position;
            position += write(channel, position, centralHeader(bigName, 0, bigSize, 0));
            position += write(channel, position, centralHeader(smallName, crc.getValue(), small.length, smallOffset));
            long directorySize = position - directoryOffset;
            long recordOffset = position;
            ByteBuffer end = ByteBuffer.allocate(56 + 20 + 22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(ZipRecords.ZIP64_END_OF_DIRECTORY).putLong(44).putShort((short) 45).putShort((short) 45)
                .putInt(0).putInt(0).putLong(2).putLong(2).putLong(directorySize).putLong(directoryOffset);
            end.putInt(ZipRecords.ZIP64_LOCATOR).putInt(0).putLong(recordOffset).putInt(1);
            end.putInt(ZipRecords.END_OF_DIRECTORY).putShort((short) 0).putShort((short) 0)
                .putShort((short) 2).putShort((short) 2).putInt((int) directorySize).putInt(-1).putShort((short) 0);
            write(channel, position, end.flip());
        }
        try (NpzFile npz = NpzFile.open(file)) {
            assertEquals(List.of("big", "small"), npz.names());
            checkProbes(npz.get("big"));
            assertArrayEquals(new long[] {5, 6, 7}, npz.get("small").toLongArray(), "CRC-verified full read");
        }
    }

    private static byte[] smallEntry() throws IOException {
        byte[] header = NpyHeader.encode(DType.INT64, new long[] {3}, false);
        ByteBuffer bytes = ByteBuffer.allocate(header.length + 24).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(header).putLong(5).putLong(6).putLong(7);
        return bytes.array();
    }

    private static int write(FileChannel channel, long position, ByteBuffer bytes) throws IOException {
        int n = bytes.remaining();
        while (bytes.hasRemaining()) {
            channel.write(bytes, position + n - bytes.remaining());
        }
        return n;
    }

    private static ByteBuffer localHeader(byte[] name, long crc, long size) {
        ByteBuffer b = ByteBuffer.allocate(30 + name.length + 20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(ZipRecords.LOCAL_HEADER).putShort((short) 45).putShort((short) 0).putShort((short) 0)
            .putShort((short) 0).putShort((short) 0x21).putInt((int) crc).putInt(-1).putInt(-1)
            .putShort((short) name.length).putShort((short) 20).put(name)
            .putShort((short) 1).putShort((short) 16).putLong(size).putLong(size);
        return b.flip();
    }

    private static ByteBuffer centralHeader(byte[] name, long crc, long size, long offset) {
        ByteBuffer b = ByteBuffer.allocate(46 + name.length + 28).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(ZipRecords.CENTRAL_HEADER).putShort((short) 45).putShort((short) 45).putShort((short) 0)
            .putShort((short) 0).putShort((short) 0).putShort((short) 0x21).putInt((int) crc).putInt(-1).putInt(-1)
            .putShort((short) name.length).putShort((short) 28).putShort((short) 0).putShort((short) 0)
            .putShort((short) 0).putInt(0).putInt(-1).put(name)
            .putShort((short) 1).putShort((short) 24).putLong(size).putLong(size).putLong(offset);
        return b.flip();
    }
}
