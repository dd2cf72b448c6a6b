package dev.btag.data.npy;

import ai.djl.ndarray.NDArray;
import dev.btag.io.AtomicOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a NumPy {@code .npz} archive, one array at a time, that {@code numpy.load} reads unchanged.
 *
 * <p>Each array becomes the entry {@code name + ".npy"}, stored (like {@code numpy.savez}) or deflate-compressed
 * (like {@code numpy.savez_compressed}), with the {@code .npy} header NumPy itself would write (version 1.0, or 2.0
 * for very large headers; data aligned to 64 bytes). Primitive arrays are written little-endian in C order:
 * {@code float[]} as {@code <f4}, {@code double[]} {@code <f8}, {@code long[]} {@code <i8}, {@code int[]}
 * {@code <i4}, {@code short[]} {@code <i2}, {@code byte[]} {@code |i1}, {@code boolean[]} {@code |b1}; other dtypes,
 * byte orders and Fortran order from raw bytes ({@link #write(String, DType, long[], boolean, ByteBuffer)}). ZIP64
 * records are added where sizes or offsets need them (entries or archives of 4 GiB and more, more than 65534
 * entries). Entries carry the fixed timestamp 1980-01-01, so equal content gives byte-identical files.
 *
 * <p>The archive is written atomically ({@link AtomicOutput}): entries go to a temporary file beside the target,
 * which is replaced in one rename only when the archive is complete, never modified in place (a reader of the
 * previous file keeps reading it intact). If a write fails (a full disk, an exception while encoding an entry, an
 * invalid argument), the writer is poisoned, the temporary file deleted and the previous file left as it was.
 *
 * <pre>{@code
 * NpzWriter.write(Path.of("jets.npz"), false, npz -> npz
 *     .write("arr_0", table, jets, 52)
 *     .write("arr_1", tracks, jets, 10, 21));
 * }</pre>
 *
 * <p>That form publishes the archive only if the lambda returns normally: an exception thrown by the caller's own
 * code between two writes publishes nothing either. The same holds for {@link #create} with an explicit
 * {@link #commit()} as the last statement of the {@code try} block, plus {@link #abort()} in a {@code catch}. A plain
 * {@link #close()} without {@code commit()} still publishes the entries written so far (unless a write failed): it
 * cannot know about an exception of the caller's on its way out. Not thread-safe.
 */
public final class NpzWriter implements AutoCloseable {

    /** External attributes of a regular file with permissions 0644, as Unix zip tools set them. */
    private static final long UNIX_FILE_ATTRIBUTES = 0100644L << 16;
    /** Version made by: Unix (3), in the high byte. */
    private static final int MADE_BY_UNIX = 3 << 8;

    /** What the central directory needs to know about a written entry. */
    private record Written(byte[] name, boolean utf8, int method, long crc32, long compressedSize,
                           long uncompressedSize, long localHeaderOffset) {
    }

    /** Writes the entries of an archive; see {@link NpzWriter#write(Path, boolean, Entries)}. */
    @FunctionalInterface
    public interface Entries {
        /**
         * Writes every entry.
         *
         * @param npz the open writer
         * @throws IOException when writing fails; nothing is published then
         */
        void writeTo(NpzWriter npz) throws IOException;
    }

    private final Path path;
    private final AtomicOutput output;
    private final FileChannel channel;
    private final boolean compressed;
    private final boolean forceZip64;
    private final List<Written> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private long position;
    private boolean closed;
    private Throwable failure;

    private NpzWriter(Path path, AtomicOutput output, FileChannel channel, boolean compressed, boolean forceZip64) {
        this.path = path;
        this.output = output;
        this.channel = channel;
        this.compressed = compressed;
        this.forceZip64 = forceZip64;
    }

    /**
     * Writes a whole archive atomically: creates the writer, lets {@code entries} write the arrays, and publishes
     * the archive only if it returns normally; on any exception the previous file is left as it was.
     *
     * @param path the file to write, conventionally ending in {@code .npz}
     * @param compressed true to deflate every entry ({@code savez_compressed}), false to store them ({@code savez})
     * @param entries writes the arrays
     * @throws IOException when writing fails (the message names the file) or {@code entries} throws one
     */
    public static void write(Path path, boolean compressed, Entries entries) throws IOException {
        Objects.requireNonNull(entries, "entries");
        try (NpzWriter npz = create(path, compressed)) {
            try {
                entries.writeTo(npz);
            } catch (Throwable t) {
                try {
                    npz.abort();
                } catch (IOException e) {
                    t.addSuppressed(e);
                }
                throw t;
            }
            npz.commit();
        }
    }

    /**
     * Starts an archive; the file at {@code path} is replaced when the archive is complete (see the class
     * description), not now.
     *
     * @param path the file to write, conventionally ending in {@code .npz}; its directory must exist
     * @param compressed true to deflate every entry ({@code savez_compressed}), false to store them ({@code savez}),
     *     which is larger but lets readers read any row range in place
     * @return the writer; {@link #commit()} it, then close it
     * @throws IOException when the temporary file cannot be created (see {@link AtomicOutput#create(Path)})
     */
    public static NpzWriter create(Path path, boolean compressed) throws IOException {
        return create(path, compressed, false);
    }

    /**
     * Creates an archive, optionally with ZIP64 records for every entry and the directory even where they are not
     * needed (like Python's {@code force_zip64}); tests use it to exercise ZIP64 reading on small files.
     *
     * @param path the file to write
     * @param compressed whether to deflate
     * @param forceZip64 whether to write ZIP64 records everywhere
     * @return the writer
     * @throws IOException when the file cannot be created
     */
    static NpzWriter create(Path path, boolean compressed, boolean forceZip64) throws IOException {
        return create(path, compressed, forceZip64, UnaryOperator.identity());
    }

    /**
     * Creates an archive whose bytes go through a wrapper of the temporary file's channel: the seam that tests use to
     * inject faults (a channel that fails after N bytes, like a full disk).
     *
     * @param path the file to write
     * @param compressed whether to deflate
     * @param forceZip64 whether to write ZIP64 records everywhere
     * @param channels wraps the temporary file's channel
     * @return the writer
     * @throws IOException when the file cannot be created
     */
    static NpzWriter create(Path path, boolean compressed, boolean forceZip64, UnaryOperator<FileChannel> channels)
        throws IOException {
        Objects.requireNonNull(path, "path");
        AtomicOutput output = AtomicOutput.create(path);
        return new NpzWriter(path, output, channels.apply(output.channel()), compressed, forceZip64);
    }

    /**
     * Writes a float32 array ({@code <f4}).
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @return this writer
     * @throws IllegalArgumentException when the shape does not match, a dimension is negative, or the name is empty
     *     or already written
     * @throws IOException when writing fails
     */
    public NpzWriter write(String name, float[] data, long... shape) throws IOException {
        return write(name, () -> ArrayPayload.of(name, data, shape));
    }

    /**
     * Writes a float64 array ({@code <f8}).
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @return this writer
     * @throws IllegalArgumentException when the shape does not match or the name is empty or already written
     * @throws IOException when writing fails
     */
    public NpzWriter write(String name, double[] data, long... shape) throws IOException {
        return write(name, () -> ArrayPayload.of(name, data, shape));
    }

    /**
     * Writes an int64 array ({@code <i8}).
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @return this writer
     * @throws IllegalArgumentException when the shape does not match or the name is empty or already written
     * @throws IOException when writing fails
     */
    public NpzWriter write(String name, long[] data, long... shape) throws IOException {
        return write(name, () -> ArrayPayload.of(name, data, shape));
    }

    /**
     * Writes an int32 array ({@code <i4}).
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @return this writer
     * @throws IllegalArgumentException when the shape does not match or the name is empty or already written
     * @throws IOException when writing fails
     */
    public NpzWriter write(String name, int[] data, long... shape) throws IOException {
        return write(name, () -> ArrayPayload.of(name, data, shape));
    }

    /**
     * Writes an int16 array ({@code <i2}).
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @return this writer
     * @throws IllegalArgumentException when the shape does not match or the name is empty or already written
     * @throws IOException when writing fails
     */
    public NpzWriter write(String name, short[] data, long... shape) throws IOException {
        return write(name, () -> ArrayPayload.of(name, data, shape));
    }

    /**
     * Writes an int8 array ({@code |i1}).
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @return this writer
     * @throws IllegalArgumentException when the shape does not match or the name is empty or already written
     * @throws IOException when writing fails
     */
    public NpzWriter write(String name, byte[] data, long... shape) throws IOException {
        return write(name, () -> ArrayPayload.of(name, data, shape));
    }

    /**
     * Writes a bool array ({@code |b1}, one byte per value: 1 for true, 0 for false).
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @return this writer
     * @throws IllegalArgumentException when the shape does not match or the name is empty or already written
     * @throws IOException when writing fails
     */
    public NpzWriter write(String name, boolean[] data, long... shape) throws IOException {
        return write(name, () -> ArrayPayload.of(name, data, shape));
    }

    /**
     * Writes a DJL array with its own shape and data type (float16/32/64, bool, int8-64, uint8-64), in C order and
     * this machine's byte order.
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param array the array; its data is copied out once
     * @return this writer
     * @throws IllegalArgumentException for a data type NumPy's numeric types cannot hold (complex, string,
     *     bfloat16), or a name that is empty or already written
     * @throws IOException when writing fails
     */
    public NpzWriter write(String name, NDArray array) throws IOException {
        return write(name, () -> ArrayPayload.of(name, array));
    }

    /**
     * Writes raw element bytes as they are, with any supported dtype, byte order and memory order.
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param dtype the type the bytes are in, byte order included
     * @param shape the dimensions; an empty shape writes a 0-d array
     * @param fortranOrder whether the bytes are in Fortran (column-major) order
     * @param data the element bytes from position to limit (not modified), exactly size times item size of them
     * @return this writer
     * @throws IllegalArgumentException when the byte count does not match shape and dtype, or the name is empty
     *     or already written
     * @throws IOException when writing fails
     */
    public NpzWriter write(String name, DType dtype, long[] shape, boolean fortranOrder, ByteBuffer data)
        throws IOException {
        return write(name, () -> ArrayPayload.of(name, dtype, shape, fortranOrder, data));
    }

    /**
     * Writes an array whose element bytes (C order, in {@code dtype}'s byte order) are in a file, reading it a chunk
     * at a time, so an array larger than the heap is written without being loaded.
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param dtype the type the bytes are in, byte order included
     * @param shape the dimensions
     * @param raw the file holding exactly size times item size bytes
     * @return this writer
     * @throws IOException when reading the file or writing fails, or the file does not hold exactly the bytes the
     *     shape and dtype need (the message names it); the archive is then not published
     */
    public NpzWriter write(String name, DType dtype, long[] shape, Path raw) throws IOException {
        return write(name, () -> ArrayPayload.ofFile(name, dtype, shape, raw));
    }

    /**
     * Writes a structured (record) array, C order, as {@code np.savez} writes a NumPy array with a structured
     * dtype; {@link NpyArray#recordType()} reads it back.
     *
     * @param name the array name, without {@code .npy}; unique within the archive
     * @param record the packed record type (no padding)
     * @param shape the dimensions, usually {@code (N,)}
     * @param data the records from position to limit (not modified), exactly size times record size bytes
     * @return this writer
     * @throws IllegalArgumentException when the byte count does not match, or the name is empty or already written
     * @throws IllegalStateException when the record type has padding
     * @throws IOException when writing fails
     */
    public NpzWriter writeRecords(String name, RecordType record, long[] shape, ByteBuffer data) throws IOException {
        return write(name, () -> ArrayPayload.ofRecords(name, record, shape, data));
    }

    private NpzWriter write(String name, Supplier<ArrayPayload> payload) throws IOException {
        ensureWritable();
        try {
            return writeEntry(name, payload.get());
        } catch (IOException e) {
            throw fail(e, new IOException(path + ": writing entry '" + name + ".npy' failed, the file was not "
                + "replaced: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw fail(e, e);
        } catch (Error e) {
            throw fail(e, e);
        }
    }

    /** Poisons the writer after a failed write: deletes the temporary file; returns what to throw. */
    private <T extends Throwable> T fail(Throwable cause, T thrown) {
        failure = cause;
        closed = true;
        try {
            output.close();
        } catch (IOException e) {
            thrown.addSuppressed(e);
        }
        return thrown;
    }

    private void ensureWritable() {
        if (failure != null) {
            throw new IllegalStateException(path + ": an earlier write failed (" + failure + "); nothing was "
                + "written");
        }
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
    }

    private NpzWriter writeEntry(String name, ArrayPayload payload) throws IOException {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("array name must not be empty");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("array '" + name + "' was already written to " + path);
        }
        String entryName = name + ".npy";
        byte[] nameBytes = entryName.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > ZipRecords.MAX_16) {
            throw new IllegalArgumentException("array name too long: " + name.length() + " characters");
        }
        boolean utf8 = !StandardCharsets.US_ASCII.newEncoder().canEncode(entryName);
        long uncompressed = payload.totalBytes();
        boolean zip64 = forceZip64 || uncompressed + (uncompressed >>> 10) + 1024 >= ZipRecords.MAX_32;
        int method = compressed ? ZipEntryInfo.DEFLATED : ZipEntryInfo.STORED;
        long localOffset = position;

        ByteBuffer local = ByteBuffer.allocate(ZipRecords.LOCAL_HEADER_SIZE + nameBytes.length + (zip64 ? 20 : 0))
            .order(ByteOrder.LITTLE_ENDIAN);
        local.putInt(ZipRecords.LOCAL_HEADER)
            .putShort((short) (zip64 ? ZipRecords.VERSION_ZIP64 : ZipRecords.VERSION_DEFLATE))
            .putShort((short) (utf8 ? ZipRecords.FLAG_UTF8 : 0))
            .putShort((short) method)
            .putShort((short) 0)
            .putShort((short) ZipRecords.DOS_DATE_1980)
            .putInt(0) // CRC-32, patched below
            .putInt(zip64 ? -1 : 0) // compressed size, patched below unless in the ZIP64 field
            .putInt(zip64 ? -1 : 0) // uncompressed size, likewise
            .putShort((short) nameBytes.length)
            .putShort((short) (zip64 ? 20 : 0))
            .put(nameBytes);
        if (zip64) {
            local.putShort((short) ZipRecords.ZIP64_EXTRA_ID).putShort((short) 16).putLong(0).putLong(0);
        }
        writeFully(local.flip());

        CRC32 crc = new CRC32();
        long dataStart = position;
        if (compressed) {
            deflate(payload, crc);
        } else {
            payload.writeTo(bytes -> {
                crc.update(bytes.duplicate());
                writeFully(bytes);
            });
        }
        long compressedSize = position - dataStart;
        if (!zip64 && compressedSize >= ZipRecords.MAX_32) {
            throw new IOException(path + ": entry '" + entryName + "' compressed to " + compressedSize
                + " bytes, more than a header without ZIP64 can hold");
        }

        ByteBuffer patch = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        patch.putInt((int) crc.getValue());
        if (zip64) {
            writeAt(patch.flip().limit(4), localOffset + 14);
            ByteBuffer sizes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(uncompressed).putLong(compressedSize).flip();
            writeAt(sizes, localOffset + ZipRecords.LOCAL_HEADER_SIZE + nameBytes.length + 4);
        } else {
            patch.putInt((int) compressedSize).putInt((int) uncompressed);
            writeAt(patch.flip(), localOffset + 14);
        }
        entries.add(new Written(nameBytes, utf8, method, crc.getValue(), compressedSize, uncompressed, localOffset));
        return this;
    }

    private void deflate(ArrayPayload payload, CRC32 crc) throws IOException {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        ByteBuffer out = ByteBuffer.allocateDirect(1 << 18);
        try {
            payload.writeTo(bytes -> {
                crc.update(bytes.duplicate());
                deflater.setInput(bytes);
                while (!deflater.needsInput()) {
                    drain(deflater, out);
                }
            });
            deflater.finish();
            while (!deflater.finished()) {
                drain(deflater, out);
            }
        } finally {
            deflater.end();
        }
    }

    private void drain(Deflater deflater, ByteBuffer out) throws IOException {
        out.clear();
        deflater.deflate(out);
        writeFully(out.flip());
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        int n = bytes.remaining();
        writeAt(bytes, position);
        position += n;
    }

    private void writeAt(ByteBuffer bytes, long at) throws IOException {
        long p = at;
        while (bytes.hasRemaining()) {
            p += channel.write(bytes, p);
        }
    }

    /**
     * Finishes the archive and publishes it: writes the central directory, forces the file to disk and renames it
     * over the target. Calling it again has no effect.
     *
     * @throws IOException when writing or renaming fails; the temporary file is deleted, the previous file is left
     *     as it was, and the message names the file
     * @throws IllegalStateException when an earlier write failed or the writer was aborted or closed
     */
    public void commit() throws IOException {
        if (output.committed()) {
            return;
        }
        ensureWritable();
        try {
            writeDirectory();
            output.commit();
        } catch (IOException e) {
            throw fail(e, output.failure(e));
        } catch (RuntimeException e) {
            throw fail(e, e);
        } catch (Error e) {
            throw fail(e, e);
        }
        closed = true;
    }

    /**
     * Discards the archive: deletes the temporary file and leaves the previous file, if any, as it was. Has no
     * effect after {@link #commit()}.
     *
     * @throws IOException when the temporary file cannot be deleted
     */
    public void abort() throws IOException {
        closed = true;
        output.close();
    }

    /**
     * Closes the writer. If neither {@link #commit()} nor {@link #abort()} was called and no write failed, it
     * commits (so that code written before {@code commit()} existed still publishes its archive); otherwise it only
     * makes sure that no temporary file remains. Closing twice has no effect.
     *
     * @throws IOException when committing fails (see {@link #commit()})
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            commit();
        }
        output.close();
    }

    private void writeDirectory() throws IOException {
        long directoryOffset = position;
        for (Written entry : entries) {
            writeCentralHeader(entry);
        }
        long directorySize = position - directoryOffset;
        long count = entries.size();
        boolean zip64 = forceZip64 || count >= ZipRecords.MAX_16 || directorySize >= ZipRecords.MAX_32
            || directoryOffset >= ZipRecords.MAX_32;
        if (zip64) {
            long recordOffset = position;
            ByteBuffer record = ByteBuffer.allocate(ZipRecords.ZIP64_END_OF_DIRECTORY_SIZE
                + ZipRecords.ZIP64_LOCATOR_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt(ZipRecords.ZIP64_END_OF_DIRECTORY)
                .putLong(ZipRecords.ZIP64_END_OF_DIRECTORY_SIZE - 12)
                .putShort((short) (MADE_BY_UNIX | ZipRecords.VERSION_ZIP64))
                .putShort((short) ZipRecords.VERSION_ZIP64)
                .putInt(0).putInt(0)
                .putLong(count).putLong(count)
                .putLong(directorySize).putLong(directoryOffset);
            record.putInt(ZipRecords.ZIP64_LOCATOR).putInt(0).putLong(recordOffset).putInt(1);
            writeFully(record.flip());
        }
        ByteBuffer end = ByteBuffer.allocate(ZipRecords.END_OF_DIRECTORY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        short entries16 = (short) (zip64 ? ZipRecords.MAX_16 : count);
        end.putInt(ZipRecords.END_OF_DIRECTORY).putShort((short) 0).putShort((short) 0)
            .putShort(entries16).putShort(entries16)
            .putInt(zip64 ? -1 : (int) directorySize)
            .putInt(zip64 ? -1 : (int) directoryOffset)
            .putShort((short) 0);
        writeFully(end.flip());
    }

    private void writeCentralHeader(Written entry) throws IOException {
        boolean bigUncompressed = forceZip64 || entry.uncompressedSize() >= ZipRecords.MAX_32;
        boolean bigCompressed = forceZip64 || entry.compressedSize() >= ZipRecords.MAX_32;
        boolean bigOffset = forceZip64 || entry.localHeaderOffset() >= ZipRecords.MAX_32;
        int extraLength = 8 * ((bigUncompressed ? 1 : 0) + (bigCompressed ? 1 : 0) + (bigOffset ? 1 : 0));
        boolean zip64 = extraLength > 0;
        ByteBuffer header = ByteBuffer.allocate(ZipRecords.CENTRAL_HEADER_SIZE + entry.name().length
            + (zip64 ? 4 + extraLength : 0)).order(ByteOrder.LITTLE_ENDIAN);
        int version = zip64 ? ZipRecords.VERSION_ZIP64 : ZipRecords.VERSION_DEFLATE;
        header.putInt(ZipRecords.CENTRAL_HEADER)
            .putShort((short) (MADE_BY_UNIX | version))
            .putShort((short) version)
            .putShort((short) (entry.utf8() ? ZipRecords.FLAG_UTF8 : 0))
            .putShort((short) entry.method())
            .putShort((short) 0)
            .putShort((short) ZipRecords.DOS_DATE_1980)
            .putInt((int) entry.crc32())
            .putInt(bigCompressed ? -1 : (int) entry.compressedSize())
            .putInt(bigUncompressed ? -1 : (int) entry.uncompressedSize())
            .putShort((short) entry.name().length)
            .putShort((short) (zip64 ? 4 + extraLength : 0))
            .putShort((short) 0) // comment
            .putShort((short) 0) // disk
            .putShort((short) 0) // internal attributes
            .putInt((int) UNIX_FILE_ATTRIBUTES)
            .putInt(bigOffset ? -1 : (int) entry.localHeaderOffset())
            .put(entry.name());
        if (zip64) {
            header.putShort((short) ZipRecords.ZIP64_EXTRA_ID).putShort((short) extraLength);
            if (bigUncompressed) {
                header.putLong(entry.uncompressedSize());
            }
            if (bigCompressed) {
                header.putLong(entry.compressedSize());
            }
            if (bigOffset) {
                header.putLong(entry.localHeaderOffset());
            }
        }
        writeFully(header.flip());
    }
}
