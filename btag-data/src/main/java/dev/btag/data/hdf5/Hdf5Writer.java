package dev.btag.data.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes numeric datasets into a new HDF5 file with jHDF: float32, float64, int8, int32 and int64 arrays of one to
 * four dimensions, in groups when a name holds slashes ({@code training/jets}), stored as the writer's
 * {@link Hdf5Storage} says: contiguous and uncompressed, or chunked by rows with the shuffle and deflate (gzip)
 * filters (jHDF 0.13's {@code DatasetCreationOptions}; single-chunk or fixed-array chunk index). jHDF writes the whole
 * file when it is closed, from arrays held in memory, so the arrays written here stay referenced until
 * {@link #close()}.
 *
 * <p>Compound (record) datasets cannot be written: jHDF (up to 0.13.0) derives a dataset's type from a Java array of
 * primitives or strings only ({@code DataType.fromObject}) and has no compound type writer (jHDF issue 730). A
 * structured table is therefore written as a numeric array with one column per field ({@code LayoutConverter}).
 *
 * <p>The file appears atomically: everything is written to a temporary file in the same directory, which
 * {@link #close()} renames to the target; a failure leaves no file behind. Not thread-safe.
 */
public final class Hdf5Writer implements AutoCloseable {

    private final Path path;
    private final Path temporary;
    private final WritableHdfFile hdf;
    private final Map<String, WritableGroup> groups = new HashMap<>();
    private final Set<String> names = new LinkedHashSet<>();
    private final Hdf5Storage storage;
    private boolean closed;

    private Hdf5Writer(Path path, Path temporary, WritableHdfFile hdf, Hdf5Storage storage) {
        this.path = path;
        this.temporary = temporary;
        this.hdf = hdf;
        this.storage = storage;
    }

    /**
     * Starts a new file.
     *
     * @param path the file to create or replace when this writer is closed
     * @return the writer; close it to write the file
     * @throws IOException when the temporary file cannot be created
     */
    public static Hdf5Writer create(Path path) throws IOException {
        return create(path, Hdf5Storage.CONTIGUOUS);
    }

    /**
     * Starts a new file whose datasets are stored as {@code storage} says.
     *
     * @param path the file to create or replace when this writer is closed
     * @param storage contiguous, or chunked and filtered
     * @return the writer; close it to write the file
     * @throws IOException when the temporary file cannot be created
     */
    public static Hdf5Writer create(Path path, Hdf5Storage storage) throws IOException {
        Objects.requireNonNull(storage, "storage");
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            return new Hdf5Writer(path, temporary, HdfFile.write(temporary), storage);
        } catch (HdfException e) {
            Files.deleteIfExists(temporary);
            throw new IOException(path + ": cannot start an HDF5 file: " + e.getMessage(), e);
        }
    }

    /**
     * Adds a float32 dataset.
     *
     * @param name the dataset path, unique in the file
     * @param data the values in C order
     * @param shape one to four dimensions whose product is {@code data.length} (none: 1-D)
     * @return this writer
     * @throws IllegalArgumentException when the shape does not fit the data or the name is taken
     */
    public Hdf5Writer write(String name, float[] data, long... shape) {
        return put(name, data, data.length, shape);
    }

    /**
     * Adds a float64 dataset.
     *
     * @param name the dataset path, unique in the file
     * @param data the values in C order
     * @param shape one to four dimensions whose product is {@code data.length} (none: 1-D)
     * @return this writer
     * @throws IllegalArgumentException when the shape does not fit the data or the name is taken
     */
    public Hdf5Writer write(String name, double[] data, long... shape) {
        return put(name, data, data.length, shape);
    }

    /**
     * Adds an int32 dataset.
     *
     * @param name the dataset path, unique in the file
     * @param data the values in C order
     * @param shape one to four dimensions whose product is {@code data.length} (none: 1-D)
     * @return this writer
     * @throws IllegalArgumentException when the shape does not fit the data or the name is taken
     */
    public Hdf5Writer write(String name, int[] data, long... shape) {
        return put(name, data, data.length, shape);
    }

    /**
     * Adds an int64 dataset.
     *
     * @param name the dataset path, unique in the file
     * @param data the values in C order
     * @param shape one to four dimensions whose product is {@code data.length} (none: 1-D)
     * @return this writer
     * @throws IllegalArgumentException when the shape does not fit the data or the name is taken
     */
    public Hdf5Writer write(String name, long[] data, long... shape) {
        return put(name, data, data.length, shape);
    }

    /**
     * Adds an int8 dataset.
     *
     * @param name the dataset path, unique in the file
     * @param data the values in C order
     * @param shape one to four dimensions whose product is {@code data.length} (none: 1-D)
     * @return this writer
     * @throws IllegalArgumentException when the shape does not fit the data or the name is taken
     */
    public Hdf5Writer write(String name, byte[] data, long... shape) {
        return put(name, data, data.length, shape);
    }

    private Hdf5Writer put(String name, Object flat, int length, long[] shape) {
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
        Objects.requireNonNull(name, "name");
        long[] dims = shape.length == 0 ? new long[] {length} : shape;
        long product = 1;
        for (long d : dims) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dataset '" + name + "': dimension " + d + " out of range");
            }
            product *= d;
        }
        if (product != length || dims.length > 4) {
            throw new IllegalArgumentException("dataset '" + name + "': shape " + java.util.Arrays.toString(dims)
                + " does not hold " + length + " values (or has more than four dimensions)");
        }
        if (name.isEmpty() || name.startsWith("/") || name.endsWith("/") || !names.add(name)) {
            throw new IllegalArgumentException("dataset name '" + name + "' is empty, absolute or already written");
        }
        int slash = name.lastIndexOf('/');
        WritableGroup parent = slash < 0 ? hdf : group(name.substring(0, slash));
        try {
            parent.putDataset(name.substring(slash + 1), nest(flat, dims), options(dims));
        } catch (HdfException e) {
            throw new IllegalArgumentException("dataset '" + name + "': " + e.getMessage(), e);
        }
        return this;
    }

    /** The creation options of a dataset of these dimensions: chunks of whole rows, clamped to the rows there are. */
    private DatasetCreationOptions options(long[] dims) {
        if (!storage.chunked() || dims[0] == 0 || java.util.Arrays.stream(dims).anyMatch(d -> d == 0)) {
            return DatasetCreationOptions.DEFAULT;
        }
        int[] chunk = new int[dims.length];
        chunk[0] = (int) Math.min(storage.chunkRows(), dims[0]);
        for (int i = 1; i < dims.length; i++) {
            chunk[i] = (int) dims[i];
        }
        DatasetCreationOptions.Builder options = DatasetCreationOptions.builder().chunkDimensions(chunk);
        if (storage.shuffle()) {
            options.shuffle();
        }
        if (storage.gzipLevel() > 0) {
            options.deflate(storage.gzipLevel());
        }
        return options.build();
    }

    private WritableGroup group(String groupPath) {
        WritableGroup g = groups.get(groupPath);
        if (g == null) {
            int slash = groupPath.lastIndexOf('/');
            WritableGroup parent = slash < 0 ? hdf : group(groupPath.substring(0, slash));
            g = parent.putGroup(groupPath.substring(slash + 1));
            groups.put(groupPath, g);
        }
        return g;
    }

    /** A flat C-order array as the nested Java array jHDF writes. */
    private static Object nest(Object flat, long[] dims) {
        if (dims.length == 1) {
            return flat;
        }
        int rows = (int) dims[0];
        long[] rest = java.util.Arrays.copyOfRange(dims, 1, dims.length);
        int inner = 1;
        for (long d : rest) {
            inner *= (int) d;
        }
        Class<?> component = flat.getClass().getComponentType();
        Object sample = nest(Array.newInstance(component, inner), rest);
        Object out = Array.newInstance(sample.getClass(), rows);
        for (int r = 0; r < rows; r++) {
            Object part = Array.newInstance(component, inner);
            System.arraycopy(flat, r * inner, part, 0, inner);
            Array.set(out, r, nest(part, rest));
        }
        return out;
    }

    /**
     * Writes the file and moves it into place.
     *
     * @throws IOException when writing or renaming fails (no file is left behind)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            hdf.close();
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (HdfException | IOException e) {
            Files.deleteIfExists(temporary);
            throw new IOException(path + ": cannot write the HDF5 file: " + e.getMessage(), e);
        }
    }
}
