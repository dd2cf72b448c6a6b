package dev.btag.data.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Array bytes inside a deflated {@code .npz} entry, inflated on demand as a stream.
 *
 * <p>Each read inflates from the start of the entry (deflate cannot seek) up to the last element asked for and
 * stops there, so a row range near the start of a large array is cheap and nothing but a small buffer is allocated.
 * The compressed input is read with positional reads, {@value #INPUT_BYTES} bytes at a time, into a direct buffer
 * handed to {@link Inflater}; zlib never reads a memory map, so a file truncated while it is inflated gives an
 * {@link NpyFormatException}, not a {@code SIGBUS}. A read of the whole array also inflates any bytes after it and
 * verifies the entry's size and CRC-32. Inflation never produces more than the entry's declared size, which the zip
 * directory checks bound by the compressed size.
 */
final class DeflatedData extends EntryData {

    /** Compressed bytes read from the file at a time. */
    static final int INPUT_BYTES = 1 << 18;

    /** Inflated bytes handed to a consumer at a time (a multiple of every item size). */
    private static final int BUFFER_BYTES = 1 << 20;

    private final SourceFile file;
    private final String entry;
    private final long compressedStart;
    private final long compressedBytes;
    private final long uncompressedBytes;
    private final long headerLength;
    private final long dataBytes;
    private final int itemSize;
    private final ByteOrder order;
    private final long crc32;

    /**
     * Describes deflated array data.
     *
     * @param file the open archive
     * @param entry the entry name, for error messages
     * @param info the entry's directory record (compressed and uncompressed sizes, CRC-32)
     * @param compressedStart file offset of the first compressed byte
     * @param headerLength bytes of .npy header before the data, once inflated
     * @param dataBytes bytes of element data, once inflated
     * @param dtype the element type
     */
    DeflatedData(SourceFile file, String entry, ZipEntryInfo info, long compressedStart, long headerLength,
                 long dataBytes, DType dtype) {
        this.file = file;
        this.entry = entry;
        this.compressedStart = compressedStart;
        this.compressedBytes = info.compressedSize();
        this.uncompressedBytes = info.uncompressedSize();
        this.crc32 = info.crc32();
        this.headerLength = headerLength;
        this.dataBytes = dataBytes;
        this.itemSize = dtype.itemSize();
        this.order = dtype.order();
    }

    /** One pass of inflation over the entry. */
    private final class Stream implements AutoCloseable {
        private final Inflater inflater = new Inflater(true);
        private final ByteBuffer input = ByteBuffer.allocateDirect((int) Math.min(INPUT_BYTES,
            Math.max(1, compressedBytes)));
        private long fed;
        private long produced;

        /** Feeds the inflater the next compressed bytes; false when there are none left. */
        private boolean feed() throws IOException {
            if (fed >= compressedBytes) {
                return false;
            }
            input.clear().limit((int) Math.min(input.capacity(), compressedBytes - fed));
            file.readFully(input, compressedStart + fed, entry, "deflate data");
            inflater.setInput(input.flip());
            fed += input.limit();
            return true;
        }

        void readFully(byte[] buffer, int offset, int length) throws IOException {
            int done = 0;
            try {
                while (done < length) {
                    if (inflater.needsInput() && !feed()) {
                        throw new NpyFormatException(file.path(), entry, "truncated deflate data: the stream ends "
                            + "after " + (produced + done) + " of " + uncompressedBytes + " bytes");
                    }
                    int n = inflater.inflate(buffer, offset + done, length - done);
                    done += n;
                    if (n == 0 && (inflater.finished() || inflater.needsDictionary())) {
                        throw new NpyFormatException(file.path(), entry, "deflate data ends after "
                            + (produced + done) + " bytes but the zip directory says " + uncompressedBytes);
                    }
                }
            } catch (DataFormatException e) {
                throw new NpyFormatException(file.path(), entry, "corrupt deflate data: " + e.getMessage(), e);
            }
            produced += length;
        }

        void expectEnd() throws IOException {
            byte[] probe = new byte[1];
            try {
                while (!inflater.finished()) {
                    if (inflater.needsInput() && !feed()) {
                        throw new NpyFormatException(file.path(), entry, "truncated deflate data: no end of "
                            + "stream after " + produced + " bytes");
                    }
                    if (inflater.inflate(probe) > 0) {
                        throw new NpyFormatException(file.path(), entry, "deflate data holds more than the "
                            + uncompressedBytes + " bytes the zip directory says");
                    }
                    if (inflater.needsDictionary()) {
                        throw new NpyFormatException(file.path(), entry, "corrupt deflate data: needs a dictionary");
                    }
                }
            } catch (DataFormatException e) {
                throw new NpyFormatException(file.path(), entry, "corrupt deflate data: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            inflater.end();
        }
    }

    @Override
    void read(long firstElement, long count, boolean verify, ChunkConsumer consumer) throws IOException {
        CRC32 crc = verify ? new CRC32() : null;
        long from = firstElement * itemSize;
        long to = (firstElement + count) * itemSize;
        long stop = verify ? uncompressedBytes - headerLength : to;
        try (Stream stream = new Stream()) {
            byte[] header = new byte[(int) headerLength];
            stream.readFully(header, 0, header.length);
            if (crc != null) {
                crc.update(header);
            }
            byte[] buffer = new byte[(int) Math.min(BUFFER_BYTES, Math.max(stop, 8))];
            long position = 0;
            while (position < stop) {
                int n = (int) Math.min(buffer.length, stop - position);
                stream.readFully(buffer, 0, n);
                if (crc != null) {
                    crc.update(buffer, 0, n);
                }
                long a = Math.max(from, position);
                long b = Math.min(to, Math.min(position + n, dataBytes));
                if (a < b) {
                    consumer.accept(ByteBuffer.wrap(buffer, (int) (a - position), (int) (b - a)).slice().order(order),
                        a / itemSize);
                }
                position += n;
            }
            if (verify) {
                stream.expectEnd();
                if (crc.getValue() != crc32) {
                    throw new NpyFormatException(file.path(), entry, String.format(Locale.ROOT,
                        "CRC-32 mismatch (the zip directory says 0x%08x, the data gives 0x%08x): corrupt data",
                        crc32, crc.getValue()));
                }
            }
        }
    }

    @Override
    ElementAccess randomAccess(boolean verify) throws IOException {
        if (dataBytes > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(file.path(), entry, "random access to a deflated array of " + dataBytes
                + " bytes (more than 2 GiB) is not supported; read it by rows or store it uncompressed");
        }
        byte[] bytes = new byte[(int) dataBytes];
        read(0, dataBytes / itemSize, true, (chunk, first) -> chunk.get(bytes, (int) (first * itemSize),
            chunk.remaining()));
        ByteBuffer all = ByteBuffer.wrap(bytes);
        return (element, target) -> target.put(all.slice((int) (element * itemSize), itemSize));
    }
}
