package dev.btag.data.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Array bytes stored uncompressed in the file (a plain {@code .npy} file, or a stored {@code .npz} entry), read in
 * place with positional reads.
 *
 * <p>A read goes through the file in segments of at most {@value #SEGMENT_BYTES} bytes (run in parallel where the
 * caller allows), each read {@value #CHUNK_BYTES} bytes at a time into a per-thread direct buffer that the CRC-32 and
 * the consumer then read while it is in the CPU's cache. Nothing is memory-mapped on this path, so a file truncated
 * or rewritten in place by another program while it is read can only give a short read, reported as an
 * {@link NpyFormatException} ({@link SourceFile#readFully}), never a {@code SIGBUS}.
 *
 * <p>The one exception is random access to an array of more than 2 GiB (only used to reorder a Fortran-order array
 * that large): its data is mapped in windows of at most {@code windowBytes} (1 GiB by default, a multiple of every
 * item size) and read element by element; a file truncated meanwhile is then reported by the JVM as an
 * {@link InternalError} (the JVM turns a fault in a Java read of a map into one), caught where it surfaces.
 */
final class StoredData extends EntryData {

    /** Bytes read (and checksummed) as one unit; parallel reads run segments concurrently. */
    static final int SEGMENT_BYTES = 1 << 25;

    /** Bytes read into a buffer and handed to the consumer at a time: small enough to stay in the CPU's cache. */
    static final int CHUNK_BYTES = 1 << 18;

    /** One read buffer per thread, reused: a consumer sees it only during its call. */
    private static final ThreadLocal<ByteBuffer> BUFFERS =
        ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK_BYTES));

    /** Default mapping window for random access to arrays over 2 GiB: 1 GiB. */
    static final int DEFAULT_WINDOW_BYTES = 1 << 30;

    private final SourceFile file;
    private final String entry;
    private final long entryStart;
    private final long dataStart;
    private final long dataBytes;
    private final int itemSize;
    private final ByteOrder order;
    private final long crc32;
    private final long entryBytes;
    private final int windowBytes;
    private final ByteBuffer[] windows;

    /**
     * Describes stored array data.
     *
     * @param file the open file
     * @param entry the entry name for error messages, or null for a plain .npy file
     * @param entryStart file offset of the entry's first byte (the .npy magic)
     * @param entryBytes the entry's length (header, data and any trailing bytes), covered by the CRC-32
     * @param headerLength bytes from the entry start to the first data byte
     * @param dataBytes bytes of element data
     * @param dtype the element type
     * @param crc32 the CRC-32 of the whole entry, or -1 when there is none to verify (plain .npy file)
     * @param windowBytes the mapping window for random access to arrays over 2 GiB, a positive multiple of 8; reads
     *     are split at its multiples too
     */
    StoredData(SourceFile file, String entry, long entryStart, long entryBytes, long headerLength, long dataBytes,
               DType dtype, long crc32, int windowBytes) {
        this.file = file;
        this.entry = entry;
        this.entryStart = entryStart;
        this.entryBytes = entryBytes;
        this.dataStart = entryStart + headerLength;
        this.dataBytes = dataBytes;
        this.itemSize = dtype.itemSize();
        this.order = dtype.order();
        this.crc32 = crc32;
        this.windowBytes = windowBytes;
        this.windows = new ByteBuffer[(int) ((dataBytes + windowBytes - 1) / windowBytes)];
    }

    private synchronized ByteBuffer window(int index) throws IOException {
        ByteBuffer window = windows[index];
        if (window == null) {
            long offset = (long) index * windowBytes;
            window = file.map(dataStart + offset, Math.min(windowBytes, dataBytes - offset), entry);
            windows[index] = window;
        }
        return window;
    }

    @Override
    void read(long firstElement, long count, boolean verify, ChunkConsumer consumer) throws IOException {
        readSegments(firstElement, count, verify, consumer, false);
    }

    @Override
    void readConcurrently(long firstElement, long count, boolean verify, ChunkConsumer consumer)
        throws IOException {
        readSegments(firstElement, count, verify, consumer, true);
    }

    /**
     * Reads in segments of at most {@value #SEGMENT_BYTES} bytes that never cross a window, each checksummed on its
     * own (the CRC-32s are combined afterwards), so that segments can run in parallel.
     */
    private void readSegments(long firstElement, long count, boolean verify, ChunkConsumer consumer,
                              boolean parallel)
        throws IOException {
        boolean checkCrc = verify && crc32 >= 0;
        long from = firstElement * itemSize;
        long to = (firstElement + count) * itemSize;
        long scanFrom = checkCrc ? 0 : from;
        long scanTo = checkCrc ? dataBytes : to;
        List<long[]> segments = new ArrayList<>();
        for (long a = scanFrom; a < scanTo; ) {
            long b = Math.min(scanTo, Math.min((a / windowBytes + 1) * windowBytes,
                (a / SEGMENT_BYTES + 1) * SEGMENT_BYTES));
            segments.add(new long[] {a, b});
            a = b;
        }
        long[] crcs = new long[segments.size()];
        if (parallel && segments.size() > 1 && Runtime.getRuntime().availableProcessors() > 1) {
            try {
                IntStream.range(0, segments.size()).parallel().forEach(i -> {
                    try {
                        crcs[i] = segment(segments.get(i), from, to, checkCrc, consumer);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (RuntimeException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof IOException io) {
                        throw io;
                    }
                }
                throw e;
            }
        } else {
            for (int i = 0; i < crcs.length; i++) {
                crcs[i] = segment(segments.get(i), from, to, checkCrc, consumer);
            }
        }
        if (checkCrc) {
            CRC32 head = new CRC32();
            updateCrc(head, entryStart, dataStart - entryStart);
            long crc = head.getValue();
            for (int i = 0; i < crcs.length; i++) {
                crc = Crc32Combiner.combine(crc, crcs[i], segments.get(i)[1] - segments.get(i)[0]);
            }
            CRC32 tail = new CRC32();
            long tailBytes = entryStart + entryBytes - dataStart - dataBytes;
            updateCrc(tail, dataStart + dataBytes, tailBytes);
            crc = Crc32Combiner.combine(crc, tail.getValue(), tailBytes);
            if (crc != crc32) {
                throw new NpyFormatException(file.path(), entry, String.format(Locale.ROOT,
                    "CRC-32 mismatch (the zip directory says 0x%08x, the data gives 0x%08x): corrupt data",
                    crc32, crc));
            }
        }
    }

    /**
     * Reads one segment a chunk at a time, checksums it (when asked) and hands its part within [from, to) to the
     * consumer.
     */
    private long segment(long[] segment, long from, long to, boolean checkCrc, ChunkConsumer consumer)
        throws IOException {
        CRC32 checksum = checkCrc ? new CRC32() : null;
        ByteBuffer buffer = BUFFERS.get();
        for (long c = segment[0]; c < segment[1]; c += CHUNK_BYTES) {
            int n = (int) Math.min(CHUNK_BYTES, segment[1] - c);
            buffer.clear().limit(n);
            file.readFully(buffer, dataStart + c, entry, "array data");
            buffer.flip();
            if (checksum != null) {
                checksum.update(buffer.duplicate());
            }
            long a = Math.max(from, c);
            long b = Math.min(to, c + n);
            if (a < b) {
                consumer.accept(buffer.duplicate().position((int) (a - c)).limit((int) (b - c)).slice().order(order),
                    a / itemSize);
            }
        }
        return checksum == null ? 0 : checksum.getValue();
    }

    private void updateCrc(CRC32 crc, long position, long length) throws IOException {
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(1 << 20, length - done);
            crc.update(file.read(position + done, n, entry, "entry bytes"));
            done += n;
        }
    }

    /**
     * Random access to the elements. Up to 2 GiB of data is first read into the heap (verifying the CRC-32 when
     * asked) so that element accesses never touch the map; larger arrays are read from the map element by element,
     * where a file truncated meanwhile is reported by the JVM's {@link InternalError}, which the caller may meet
     * after this accessor's own check.
     */
    @Override
    ElementAccess randomAccess(boolean verify) throws IOException {
        if (dataBytes <= NpyArray.MAX_ARRAY_LENGTH) {
            byte[] bytes = new byte[(int) dataBytes];
            read(0, dataBytes / itemSize, verify, (chunk, first) -> chunk.get(bytes, (int) (first * itemSize),
                chunk.remaining()));
            ByteBuffer all = ByteBuffer.wrap(bytes);
            return (element, target) -> target.put(all.slice((int) (element * itemSize), itemSize));
        }
        if (verify && crc32 >= 0) {
            read(0, 0, true, (chunk, first) -> { });
        }
        return (element, target) -> {
            long offset = element * itemSize;
            int w = (int) (offset / windowBytes);
            int p = (int) (offset - (long) w * windowBytes);
            try {
                ByteBuffer window = window(w);
                for (int i = 0; i < itemSize; i++) {
                    target.put(file.get(window, p + i, entry));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InternalError e) {
                throw new UncheckedIOException(file.changed(entry, file.currentSize(), e));
            }
        };
    }
}
