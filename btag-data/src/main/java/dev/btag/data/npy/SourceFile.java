package dev.btag.data.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An open file that arrays are read from: positional reads of small records, memory maps of large regions, and
 * streams over a region. Positional reads and maps are safe to use from several threads at once.
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
     *     {@code "PATH: permission denied"}
     */
    static SourceFile open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, "is a directory, not a .npy or .npz file");
        }
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
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new NpyFormatException(path, entry, "truncated file: " + what + " at offset " + position);
            }
        }
        return buffer.flip();
    }

    /**
     * The bytes of a region, memory-mapped read-only; a region of less than {@value #SMALL_REGION} bytes is read into
     * the heap instead, which is cheaper than a map for so few bytes.
     *
     * @param position where the region starts
     * @param length its length, at most {@link Integer#MAX_VALUE}, lying within the file
     * @return a read-only view of the bytes, positioned at 0, big-endian as Java sets a new buffer (callers set the
     *     order they need)
     * @throws IOException when mapping or reading fails
     */
    ByteBuffer map(long position, long length) throws IOException {
        if (length < SMALL_REGION) {
            return read(position, (int) length, null, "region").order(ByteOrder.BIG_ENDIAN).asReadOnlyBuffer();
        }
        return channel.map(FileChannel.MapMode.READ_ONLY, position, length);
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
