package dev.btag.data.source;

import dev.btag.data.npy.NpyArray;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An npz archive (or a single {@code .npy} file) as an {@link ArrayFile}: numeric arrays of any dtype and structured
 * (record) arrays, read through {@link NpzFile}'s lazy row ranges. Safe to use from several threads at once, as
 * {@link NpzFile} is.
 */
public final class NpzArrayFile implements ArrayFile {

    private final NpzFile npz;

    private NpzArrayFile(NpzFile npz) {
        this.npz = npz;
    }

    /**
     * Opens an archive.
     *
     * @param path the {@code .npz} or {@code .npy} file
     * @return the open file; close it
     * @throws IOException when it cannot be read or is not a valid archive (naming the file)
     */
    public static NpzArrayFile open(Path path) throws IOException {
        return new NpzArrayFile(NpzFile.open(path));
    }

    /**
     * The underlying archive.
     *
     * @return the npz reader
     */
    public NpzFile npz() {
        return npz;
    }

    @Override
    public Path path() {
        return npz.path();
    }

    @Override
    public List<String> arrayNames() {
        return npz.names();
    }

    @Override
    public boolean contains(String name) {
        return npz.contains(name);
    }

    @Override
    public SourceArray array(String name) throws IOException {
        return new NpzSourceArray(npz.get(name));
    }

    @Override
    public void close() throws IOException {
        npz.close();
    }

    /** One npz array as a table. */
    private static final class NpzSourceArray implements SourceArray {
        private final NpyArray array;
        private final RecordType record;

        NpzSourceArray(NpyArray array) {
            this.array = Objects.requireNonNull(array, "array");
            this.record = array.recordType().orElse(null);
        }

        @Override
        public String name() {
            return array.name();
        }

        @Override
        public long[] shape() {
            return array.shape();
        }

        @Override
        public String typeName() {
            return record == null ? array.dtype().descr() : record.describe();
        }

        @Override
        public List<String> fields() {
            return record == null ? List.of() : record.names();
        }

        @Override
        public float[] readFloats(long from, long to, int[] columns) {
            int rows = Math.toIntExact(to - from);
            if (record != null) {
                int cells = rows * cellsPerRow();
                float[] out = new float[Math.multiplyExact(cells, columns.length)];
                record.decode(array.rowsAsRecords(from, to), cells, checked(columns), out, 0);
                return out;
            }
            return ColumnGather.gather(array.rowsAsFloatArray(from, to), columnCount(), checked(columns));
        }

        @Override
        public double[] readDoubles(long from, long to, int column) {
            int rows = Math.toIntExact(to - from);
            checked(new int[] {column});
            if (record != null) {
                int cells = rows * cellsPerRow();
                double[] out = new double[cells];
                record.decode(array.rowsAsRecords(from, to), cells, column, out, 0);
                return out;
            }
            double[] all = array.rowsAsDoubleArray(from, to);
            int width = columnCount();
            if (width == 1) {
                return all;
            }
            double[] out = new double[all.length / width];
            for (int i = 0; i < out.length; i++) {
                out[i] = all[i * width + column];
            }
            return out;
        }

        private int[] checked(int[] columns) {
            int width = columnCount();
            for (int c : columns) {
                if (c < 0 || c >= width) {
                    throw new IndexOutOfBoundsException("column " + c + " of array '" + name() + "', which has "
                        + width);
                }
            }
            return columns;
        }
    }
}
