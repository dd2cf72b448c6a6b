package dev.btag.data.npy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * A NumPy {@code .npz} archive ({@code numpy.savez} / {@code savez_compressed}) or a single {@code .npy} file, open
 * for reading its arrays by name.
 *
 * <p>Opening is cheap and independent of the file's size: it reads only the zip central directory (for a
 * {@code .npy} file, nothing but the magic). {@link #get(String)} then reads just that array's local header and
 * {@code .npy} header and returns a lazy {@link NpyArray}; data is read only when asked for, stored entries in place
 * with positional reads, compressed entries as a stream. Only regular files are opened (a FIFO would block).
 *
 * <pre>{@code
 * try (NpzFile npz = NpzFile.open(Path.of("test93_0_20000.npz"))) {
 *     NpyArray jets = npz.get("arr_0");            // (20000, 52) float32
 *     float[] first100 = jets.rowsAsFloatArray(0, 100);
 * }
 * }</pre>
 *
 * <p>Archive entries whose names do not end in {@code .npy} are ignored. Problems with the file are reported as
 * {@link NpyFormatException}s naming the file, the entry and the problem. This class is safe to use from several
 * threads at once; {@link #close()} invalidates every array obtained from it.
 */
public final class NpzFile implements AutoCloseable {

    private static final String SUFFIX = ".npy";

    private final SourceFile file;
    private final ZipDirectory directory;
    private final Map<String, ZipEntryInfo> entries;
    private final List<String> names;
    private final int windowBytes;
    private final Map<String, NpyArray> arrays = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private NpzFile(SourceFile file, ZipDirectory directory, Map<String, ZipEntryInfo> entries, List<String> names,
                    int windowBytes) {
        this.file = file;
        this.directory = directory;
        this.entries = entries;
        this.names = names;
        this.windowBytes = windowBytes;
    }

    /**
     * Opens a {@code .npz} archive or a {@code .npy} file (recognised by its content, not its name).
     *
     * @param path the file
     * @return the open file; close it when done
     * @throws NpyFormatException when the file is neither a zip archive nor a {@code .npy} file, or its zip
     *     directory is corrupt or truncated, or two entries have the same name
     * @throws java.nio.file.NoSuchFileException when the file does not exist (message {@code "PATH: no such file"})
     * @throws IOException when the file cannot be read (a directory, no permission, an I/O error)
     */
    public static NpzFile open(Path path) throws IOException {
        return open(path, StoredData.DEFAULT_WINDOW_BYTES);
    }

    /**
     * Opens a file with a chosen window: reads are split at its multiples, and arrays over 2 GiB are mapped in windows
     * of this size for random access (tests use small windows to exercise multi-window reads).
     *
     * @param path the file
     * @param windowBytes the window, a positive multiple of 8
     * @return the open file
     * @throws IOException as {@link #open(Path)}
     */
    static NpzFile open(Path path, int windowBytes) throws IOException {
        Objects.requireNonNull(path, "path");
        if (windowBytes <= 0 || windowBytes % 8 != 0) {
            throw new IllegalArgumentException("window must be a positive multiple of 8: " + windowBytes);
        }
        SourceFile file = SourceFile.open(path);
        try {
            if (file.size() >= NpyHeader.MAGIC.length) {
                ByteBuffer magic = file.read(0, NpyHeader.MAGIC.length, null, "magic");
                if (magic.equals(ByteBuffer.wrap(NpyHeader.MAGIC))) {
                    String fileName = String.valueOf(path.getFileName());
                    String name = fileName.endsWith(SUFFIX)
                        ? fileName.substring(0, fileName.length() - SUFFIX.length()) : fileName;
                    return new NpzFile(file, null, Map.of(), List.of(name), windowBytes);
                }
            }
            ZipDirectory directory = ZipDirectory.read(file);
            Map<String, ZipEntryInfo> entries = new LinkedHashMap<>();
            for (ZipEntryInfo entry : directory.entries()) {
                if (entry.name().endsWith(SUFFIX)) {
                    String name = entry.name().substring(0, entry.name().length() - SUFFIX.length());
                    if (entries.put(name, entry) != null) {
                        throw new NpyFormatException(path, entry.name(), "duplicate entry name in the archive");
                    }
                }
            }
            return new NpzFile(file, directory, Collections.unmodifiableMap(entries),
                List.copyOf(entries.keySet()), windowBytes);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * The file this was opened from.
     *
     * @return the path given to {@link #open(Path)}
     */
    public Path path() {
        return file.path();
    }

    /**
     * Whether this is a zip archive.
     *
     * @return true for a {@code .npz} archive, false for a plain {@code .npy} file
     */
    public boolean isArchive() {
        return directory != null;
    }

    /**
     * The names of the arrays, in archive order.
     *
     * @return entry names without {@code .npy} (for {@code numpy.savez(f, a, b)}: {@code arr_0}, {@code arr_1}); for
     *     a {@code .npy} file the single name is the file name without {@code .npy}
     */
    public List<String> names() {
        return names;
    }

    /**
     * Whether an array of this name exists.
     *
     * @param name an array name without {@code .npy}
     * @return true when {@link #get(String)} would find it
     */
    public boolean contains(String name) {
        return names.contains(name);
    }

    /**
     * Opens one array: reads and validates its headers (local zip header and {@code .npy} header), not its data.
     *
     * @param name the array name without {@code .npy}, as listed by {@link #names()}
     * @return a lazy view of the array, valid until this file is closed
     * @throws NpyFormatException when no array has this name (the message lists the available names), or its
     *     header is invalid, declares an unsupported dtype, a negative or overflowing shape, or more data than the
     *     entry holds
     * @throws IOException when reading fails
     * @throws IllegalStateException when this file is closed
     */
    public NpyArray get(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        ensureOpen();
        NpyArray array = arrays.get(name);
        if (array == null) {
            array = load(name);
            NpyArray previous = arrays.putIfAbsent(name, array);
            if (previous != null) {
                array = previous;
            }
        }
        return array;
    }

    private NpyArray load(String name) throws IOException {
        if (directory == null) {
            if (!names.get(0).equals(name)) {
                throw missing(name);
            }
            NpyHeader header = NpyHeader.read(file.stream(0, file.size()), file.size(), file.path(), null);
            EntryData data = new StoredData(file, null, 0, file.size(), header.headerLength(), header.dataBytes(),
                header.dtype(), -1, windowBytes);
            return new NpyArray(this, name, header, data, false);
        }
        ZipEntryInfo entry = entries.get(name);
        if (entry == null) {
            throw missing(name);
        }
        long start = directory.dataStart(file, entry);
        if (!entry.compressed()) {
            NpyHeader header = NpyHeader.read(file.stream(start, entry.compressedSize()), entry.compressedSize(),
                file.path(), entry.name());
            EntryData data = new StoredData(file, entry.name(), start, entry.compressedSize(), header.headerLength(),
                header.dataBytes(), header.dtype(), entry.crc32(), windowBytes);
            return new NpyArray(this, name, header, data, false);
        }
        Inflater inflater = new Inflater(true);
        NpyHeader header;
        try (InputStream in = new InflaterInputStream(file.stream(start, entry.compressedSize()), inflater, 512)) {
            header = NpyHeader.read(in, entry.uncompressedSize(), file.path(), entry.name());
        } catch (ZipException e) {
            throw new NpyFormatException(file.path(), entry.name(), "corrupt deflate data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new NpyFormatException(file.path(), entry.name(), "truncated deflate data in the .npy header", e);
        } finally {
            inflater.end();
        }
        EntryData data = new DeflatedData(file, entry.name(), entry, start, header.headerLength(),
            header.dataBytes(), header.dtype());
        return new NpyArray(this, name, header, data, true);
    }

    private NpyFormatException missing(String name) {
        List<String> available = new ArrayList<>(names);
        return new NpyFormatException(file.path(), null, "no array named '" + name + "' (available: "
            + (available.isEmpty() ? "none" : String.join(", ", available)) + ")");
    }

    /** @throws IllegalStateException when this file is closed */
    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(file.path() + " is closed");
        }
    }

    /**
     * Closes the file. Arrays obtained from it can no longer be read. Closing twice has no effect.
     *
     * @throws IOException when closing fails
     */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            file.close();
        }
    }

    /**
     * A one-line description.
     *
     * @return the path and the array names
     */
    @Override
    public String toString() {
        return file.path() + " " + Arrays.toString(names.toArray());
    }
}
