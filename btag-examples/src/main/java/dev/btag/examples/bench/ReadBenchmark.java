package dev.btag.examples.bench;

import dev.btag.data.hdf5.Hdf5Dataset;
import dev.btag.data.hdf5.Hdf5File;
import dev.btag.data.layout.FileFormat;
import dev.btag.data.npy.DType;
import dev.btag.data.npy.NpyArray;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.ScalarType;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The read benchmark behind {@code btag bench read}: opens a {@code .npy}/{@code .npz} or HDF5 ({@code .h5},
 * {@code .hdf5}) file, reads every array's header, then materialises every array (or one array, or a row range of it)
 * as Java arrays of its natural type, {@code repeat} times, and reports the fastest pass.
 *
 * <p>Natural types: float16 and float32 become {@code float[]}, float64 {@code double[]}, int64, uint32 and uint64
 * {@code long[]}, the other integers and bool {@code int[]}. Whole-array reads verify the entry's CRC-32; row ranges
 * do not. This class is immutable; {@link #onlyArray}, {@link #onlyRows} and {@link #openOnly} return new instances.
 */
public final class ReadBenchmark {

    private final Path file;
    private final String array;
    private final long[] rows;
    private final boolean openOnly;

    private ReadBenchmark(Path file, String array, long[] rows, boolean openOnly) {
        this.file = file;
        this.array = array;
        this.rows = rows;
        this.openOnly = openOnly;
    }

    /**
     * The figures of one benchmark. This record is immutable.
     *
     * @param bytes the array data read in one pass (size times item size, as NumPy's {@code nbytes}); 0 when only
     *     opening
     * @param seconds the fastest pass, 0 when only opening
     * @param gbPerSecond {@code bytes / seconds / 1e9}, 0 when only opening
     * @param firstSeconds the first pass alone (in a fresh JVM it includes faulting in new heap and compiling the
     *     code), 0 when only opening
     * @param openSeconds the time to open the file and read every array's header before the first pass; when only
     *     opening, the fastest of the repeated opens
     * @param repeat the passes made (0 when only opening)
     */
    public record Result(long bytes, double seconds, double gbPerSecond, double firstSeconds, double openSeconds,
                         int repeat) {
    }

    /**
     * A benchmark that reads every array of a file.
     *
     * @param file the {@code .npz} archive or {@code .npy} file
     * @return the benchmark
     */
    public static ReadBenchmark of(Path file) {
        return new ReadBenchmark(Objects.requireNonNull(file, "file"), null, null, false);
    }

    /**
     * The same benchmark reading only one array.
     *
     * @param name the array's name ({@code arr_0}, or the file name of a {@code .npy} without its extension)
     * @return a new benchmark
     */
    public ReadBenchmark onlyArray(String name) {
        return new ReadBenchmark(file, Objects.requireNonNull(name, "name"), rows, openOnly);
    }

    /**
     * The same benchmark reading only rows {@code [from, to)} along axis 0 of its one array.
     *
     * @param from first row, at least 0
     * @param to end row (exclusive), at least {@code from}
     * @return a new benchmark
     * @throws IllegalArgumentException if no array was chosen ({@link #onlyArray}) or the range is not
     *     {@code 0 <= from <= to}
     */
    public ReadBenchmark onlyRows(long from, long to) {
        if (array == null) {
            throw new IllegalArgumentException("a row range needs one array");
        }
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("rows must satisfy 0 <= from <= to, got " + from + ":" + to);
        }
        return new ReadBenchmark(file, array, new long[] {from, to}, openOnly);
    }

    /**
     * The same benchmark stopping after opening the file and reading the headers; {@link #run} then times
     * {@code repeat} opens.
     *
     * @return a new benchmark
     */
    public ReadBenchmark openOnly() {
        return new ReadBenchmark(file, array, rows, true);
    }

    /**
     * Runs the benchmark.
     *
     * @param repeat passes (or opens, with {@link #openOnly}), at least 1
     * @return the figures
     * @throws IOException if the file cannot be read or has no array of the chosen name (the message names the file)
     * @throws IllegalArgumentException if {@code repeat < 1}
     */
    public Result run(int repeat) throws IOException {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
        }
        if (FileFormat.fromPath(file).orElse(FileFormat.NPZ) == FileFormat.HDF5) {
            return time(repeat, new Container<Hdf5File, Hdf5Dataset>() {
                @Override
                public Hdf5File open(Path path) throws IOException {
                    return Hdf5File.open(path);
                }

                @Override
                public void close(Hdf5File h5) {
                    h5.close();
                }

                @Override
                public List<String> names(Hdf5File h5) {
                    return h5.arrayNames();
                }

                @Override
                public Hdf5Dataset array(Hdf5File h5, String name) throws IOException {
                    return h5.array(name);
                }

                @Override
                public long materialise(Hdf5Dataset d) {
                    return ReadBenchmark.materialise(d, rows == null ? 0 : rows[0], rows == null ? d.rows() : rows[1]);
                }
            });
        }
        return time(repeat, new Container<NpzFile, NpyArray>() {
            @Override
            public NpzFile open(Path path) throws IOException {
                return NpzFile.open(path);
            }

            @Override
            public void close(NpzFile npz) throws IOException {
                npz.close();
            }

            @Override
            public List<String> names(NpzFile npz) {
                return npz.names();
            }

            @Override
            public NpyArray array(NpzFile npz, String name) throws IOException {
                return npz.get(name);
            }

            @Override
            public long materialise(NpyArray a) {
                return ReadBenchmark.materialise(a, rows);
            }
        });
    }

    /**
     * A file of named arrays as the benchmark reads it (npz or HDF5). It closes its files itself: a generic
     * {@code AutoCloseable} bound would let {@code close()} throw any exception, even {@code InterruptedException}.
     */
    private interface Container<F, A> {
        F open(Path path) throws IOException;

        void close(F file) throws IOException;

        List<String> names(F file);

        A array(F file, String name) throws IOException;

        long materialise(A array);
    }

    /** A file opened by a {@link Container}, closed by it at the end of a try-with-resources block. */
    private record Opened<F>(F file, Container<F, ?> container) implements Closeable {
        static <F> Opened<F> of(Container<F, ?> container, Path path) throws IOException {
            return new Opened<>(container.open(path), container);
        }

        @Override
        public void close() throws IOException {
            container.close(file);
        }
    }

    /**
     * Times opening the file and listing its arrays (the fastest of the passes), then materialising every chosen
     * array (or its row range) {@code repeat} times: the first pass and the fastest.
     */
    private <F, A> Result time(int repeat, Container<F, A> c) throws IOException {
        double fastestOpen = Double.POSITIVE_INFINITY;
        for (int pass = 1; openOnly && pass < repeat; pass++) {
            long start = System.nanoTime();
            try (Opened<F> opened = Opened.of(c, file)) {
                F f = opened.file();
                for (String name : array == null ? c.names(f) : List.of(array)) {
                    c.array(f, name);
                }
            }
            fastestOpen = Math.min(fastestOpen, (System.nanoTime() - start) / 1e9);
        }
        long openStart = System.nanoTime();
        try (Opened<F> opened = Opened.of(c, file)) {
            F f = opened.file();
            List<String> names = array == null ? c.names(f) : List.of(array);
            List<A> arrays = new java.util.ArrayList<>(names.size());
            for (String name : names) {
                arrays.add(c.array(f, name));
            }
            double openSeconds = Math.min(fastestOpen, (System.nanoTime() - openStart) / 1e9);
            long bytes = 0;
            double best = Double.POSITIVE_INFINITY;
            double first = 0;
            int passes = openOnly ? 0 : repeat;
            for (int pass = 0; pass < passes; pass++) {
                long start = System.nanoTime();
                bytes = 0;
                for (A a : arrays) {
                    bytes += c.materialise(a);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                first = pass == 0 ? seconds : first;
                best = Math.min(best, seconds);
            }
            return new Result(bytes, passes == 0 ? 0 : best, passes == 0 ? 0 : bytes / best / 1e9, first,
                openSeconds, passes);
        }
    }

    /** Reads rows of a dataset, in blocks of whole chunks of at most about 1 GiB; returns the bytes read. */
    private static long materialise(Hdf5Dataset dataset, long from, long to) {
        long block = Math.max(1, (1L << 30) / Math.max(1, dataset.rowBytes()));
        long chunkRows = dataset.chunkRows();
        block = Math.max(chunkRows, block / chunkRows * chunkRows);
        long bytes = 0;
        DType type = dataset.compound() ? null : dataset.records().fields().get(0).type();
        for (long start = from; start < to; start += block) {
            ByteBuffer raw = dataset.readRaw(start, Math.min(to, start + block));
            bytes += raw.remaining();
            if (type != null && type.type() == ScalarType.FLOAT32) {
                float[] values = new float[raw.remaining() / 4];
                raw.order(type.order()).asFloatBuffer().get(values);
            } else if (type != null && type.type() == ScalarType.FLOAT64) {
                double[] values = new double[raw.remaining() / 8];
                raw.order(type.order()).asDoubleBuffer().get(values);
            }
        }
        return bytes;
    }

    /** Reads one array (or its row range) as its natural Java type; returns the data bytes read. */
    private static long materialise(NpyArray array, long[] range) {
        if (array.recordType().isPresent()) {
            return (range == null ? array.rowsAsRecords(0, array.rows())
                : array.rowsAsRecords(range[0], range[1])).remaining();
        }
        int length;
        switch (array.dtype().type()) {
            case FLOAT16, FLOAT32 -> length = (range == null ? array.toFloatArray()
                : array.rowsAsFloatArray(range[0], range[1])).length;
            case FLOAT64 -> length = (range == null ? array.toDoubleArray()
                : array.rowsAsDoubleArray(range[0], range[1])).length;
            case INT64, UINT32, UINT64 -> length = (range == null ? array.toLongArray()
                : array.rowsAsLongArray(range[0], range[1])).length;
            default -> length = (range == null ? array.toIntArray()
                : array.rowsAsIntArray(range[0], range[1])).length;
        }
        return (long) length * array.dtype().itemSize();
    }
}
