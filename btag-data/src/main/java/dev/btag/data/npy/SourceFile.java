package dev.btag.data.npy;

import dev.btag.io.FileChecks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An open file that arrays are read from: positional reads of records and data, streams over a region, and memory
 * maps for the one case that needs random access to more than 2 GiB. Safe to use from several threads at once.
 *
 * <p>A file that shrinks while it is open (truncated or rewritten in place by another program) must end in an
 * {@link NpyFormatException}, not in a {@code SIGBUS} that kills the JVM. Positional reads meet it as a short read
 * ({@link #readFully}); before a region is mapped, {@link #map} asks the file system for the current size; and a map
 * is read only through {@link #get}, which reports the JVM's {@link InternalError} for a vanished page. Native code
 * (zlib, the CRC-32 intrinsic) never sees a mapped buffer.
 */
final class SourceFile implements AutoCloseable {

    /** Regions shorter than this are read rather than mapped. */
    static final int SMALL_REGION = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final long size;

    private SourceFile(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
    }

    /**
     * Opens a file for reading.
     *
     * @param path the file
     * @return the open file
     * @throws IOException when the file cannot be opened; a missing file is a {@link NoSuchFileException}, an
     *     unreadable one an {@link AccessDeniedException}, each with the message {@code "PATH: no such file"} or
     *     {@code "PATH: permission denied"}; a directory, FIFO, socket or device is a
     *     {@link java.nio.file.FileSystemException} ({@code "PATH: is not a regular file ..."}), refused before it is
     *     opened, since opening a FIFO would block until another process writes to it
     */
    static SourceFile open(Path path) throws IOException {
        FileChecks.requireRegularFile(path, "a .npy or .npz file");
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(path.toString(), null, "permission denied");
        }
        try {
            return new SourceFile(path, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** @return the file's path */
    Path path() {
        return path;
    }

    /** @return the file's size in bytes when it was opened */
    long size() {
        return size;
    }

    /**
     * Reads {@code length} bytes at {@code position}.
     *
     * @param position where to start
     * @param length how many bytes (small: a record or header)
     * @param entry the entry being read, for the error message, or null
     * @param what what is being read, for the error message, e.g. "local file header"
     * @return a little-endian buffer holding exactly {@code length} bytes, positioned at 0
     * @throws NpyFormatException when the file ends before {@code position + length}
     * @throws IOException when reading fails
     */
    ByteBuffer read(long position, int length, String entry, String what) throws IOException {
        if (position < 0 || position > size - length) {
            throw new NpyFormatException(path, entry, "truncated file: " + what + " at offset " + position
                + " needs " + length + " bytes, the file has " + size);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(buffer, position, entry, what);
        return buffer.flip();
    }

    /**
     * Fills a buffer with positional reads (no memory map is involved).
     *
     * @param buffer receives bytes from its position to its limit
     * @param position the file offset of the byte at the buffer's position
     * @param entry the entry being read, for the error message, or null
     * @param what what is being read, for the error message
     * @throws NpyFormatException when the file ends first: it was truncated, or it shrank since it was opened
     * @throws IOException when reading fails
     */
    void readFully(ByteBuffer buffer, long position, String entry, String what) throws IOException {
        long start = position - buffer.position();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, start + buffer.position());
            if (n < 0) {
                requireSize(start + buffer.limit(), entry);
                throw new NpyFormatException(path, entry, "truncated file: " + what + " at offset " + position);
            }
        }
    }

    /**
     * Checks that the file still holds its first {@code end} bytes, asking the file system for its current size.
     * Called before mapping a region and after a short read, so that a file truncated by someone else is reported as
     * such.
     *
     * @param end the offset just past the last byte about to be read
     * @param entry the entry being read, for the error message, or null
     * @throws NpyFormatException when the file is now shorter than that and shorter than when it was opened
     * @throws IOException when the size cannot be read
     */
    void requireSize(long end, String entry) throws IOException {
        long now = channel.size();
        if (now < end && now < size) {
            throw changed(entry, now, null);
        }
    }

    /**
     * The error for a file that changed while it was read.
     *
     * @param entry the entry being read, or null
     * @param now the file's size now, or -1 when unknown
     * @param cause the exception that revealed it, or null
     * @return the exception to throw
     */
    NpyFormatException changed(String entry, long now, Throwable cause) {
        return new NpyFormatException(path, entry, "the file changed while it was being read (it had " + size
            + " bytes when opened" + (now >= 0 ? ", it has " + now + " now" : "") + "); another program truncated "
            + "or rewrote it in place", cause);
    }

    /**
     * Reads one byte out of a memory map, for element-by-element access (the file's size is not asked for per
     * byte: {@link #map} checked it when the map was made).
     *
     * @param mapped a map made by {@link #map}
     * @param offset the byte's offset in the map
     * @param entry the entry being read, for the error message, or null
     * @return the byte
     * @throws NpyFormatException when the page vanished because the file was truncated
     */
    byte get(ByteBuffer mapped, int offset, String entry) throws NpyFormatException {
        try {
            return mapped.get(offset);
        } catch (InternalError e) {
            throw changed(entry, currentSize(), e);
        }
    }

    /**
     * The file's size now, for messages.
     *
     * @return the size the file system reports, or -1 when it cannot be read
     */
    long currentSize() {
        try {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * A region memory-mapped read-only, after checking that the file still holds it; a region of less than
     * {@value #SMALL_REGION} bytes is read into the heap instead, which is cheaper than a map for so few bytes.
     * Read a map only through {@link #get}.
     *
     * @param position where the region starts
     * @param length its length, at most {@link Integer#MAX_VALUE}, lying within the file
     * @param entry the entry being read, for the error message, or null
     * @return a read-only view of the bytes, positioned at 0, big-endian as Java sets a new buffer (callers set the
     *     order they need)
     * @throws NpyFormatException when the file has shrunk below the region's end
     * @throws IOException when mapping or reading fails
     */
    ByteBuffer map(long position, long length, String entry) throws IOException {
        if (length < SMALL_REGION) {
            return read(position, (int) length, entry, "region").order(ByteOrder.BIG_ENDIAN).asReadOnlyBuffer();
        }
        requireSize(position + length, entry);
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, position, length);
        } catch (IOException e) {
            requireSize(position + length, entry); // shrunk since the check: the JDK refuses to map past the end
            throw e;
        }
    }

    /**
     * A stream over a region of the file, reading with positional reads (the channel's position is not used).
     *
     * @param position where the region starts
     * @param length how many bytes the stream yields at most
     * @return a new stream; closing it does not close the file
     */
    InputStream stream(long position, long length) {
        return new InputStream() {
            private long next = position;
            private final long end = position + length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (next >= end) {
                    return -1;
                }
                int want = (int) Math.min(len, end - next);
                int n = channel.read(ByteBuffer.wrap(b, off, want), next);
                if (n <= 0) {
                    return -1;
                }
                next += n;
                return n;
            }
        };
    }

    /**
     * Closes the file. Memory maps made earlier stay valid until they are garbage-collected.
     *
     * @throws IOException when closing fails
     */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
