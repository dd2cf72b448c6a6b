package dev.btag.data.hdf5;

import dev.btag.data.npy.RecordType;
import dev.btag.data.source.SourceArray;
import dev.btag.data.source.SourceFormatException;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One HDF5 dataset as a {@link SourceArray}: numeric (integers, floats, h5py booleans) or compound, contiguous or
 * chunked with any filter jHDF decodes (deflate and shuffle are decoded here, chunks in parallel). Rows are read
 * lazily: a row range decodes only the chunks it touches. Safe to use from several threads at once.
 */
public final class Hdf5Dataset implements SourceArray {

    private final Path file;
    private final String name;
    private final Dataset dataset;
    private final long[] shape;
    private final boolean compound;
    private final RecordType record;
    private final long rowBytes;
    private final ChunkReader chunks;
    private final Object fileLock;

    Hdf5Dataset(Path file, String name, Dataset dataset, Object fileLock) throws SourceFormatException {
        this.file = file;
        this.name = name;
        this.dataset = dataset;
        this.fileLock = fileLock;
        int[] dims = dataset.getDimensions();
        if (dataset.isScalar() || dims.length == 0) {
            throw new SourceFormatException(file, name, "is a scalar, not an array of rows");
        }
        this.shape = Arrays.stream(dims).asLongStream().toArray();
        this.compound = dataset.isCompound();
        int columns = compound || dims.length < 2 ? 1 : dims[dims.length - 1];
        try {
            this.record = Hdf5Types.records(dataset.getDataType(), columns);
        } catch (IllegalArgumentException e) {
            throw new SourceFormatException(file, name, "unsupported " + e.getMessage());
        }
        long cells = 1;
        for (int a = 1; a < (compound ? dims.length : dims.length - 1); a++) {
            cells *= dims[a];
        }
        this.rowBytes = cells * record.itemSize();
        this.chunks = dataset instanceof ChunkedDataset c
            ? new ChunkReader(c, name, dataset.getDataType().getSize(), fileLock) : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String typeName() {
        return compound ? record.describe() : record.fields().get(0).type().descr();
    }

    @Override
    public List<String> fields() {
        return compound ? record.names() : List.of();
    }

    /**
     * Whether the dataset is stored in chunks.
     *
     * @return {@code true} for a chunked dataset
     */
    public boolean chunked() {
        return chunks != null;
    }

    /**
     * The filters of a chunked dataset, as jHDF names them.
     *
     * @return for example {@code [shuffle, deflate]}; empty when there are none
     */
    public List<String> filters() {
        return dataset.getFilters().stream().map(f -> f.getName()).toList();
    }

    /**
     * The rows of one chunk: a row range that starts and ends on multiples of it decodes each chunk once.
     *
     * @return the chunk's length along axis 0, or 1 for a contiguous dataset
     */
    public long chunkRows() {
        return dataset instanceof ChunkedDataset c ? c.getChunkDimensions()[0] : 1;
    }

    /**
     * The bytes one row holds when decoded.
     *
     * @return the element size times the elements per row
     */
    public long rowBytes() {
        return rowBytes;
    }

    /**
     * The raw bytes of rows {@code [from, to)} in C order, each element in its own byte order (see
     * {@link #records()}); chunks are decoded in parallel.
     *
     * @param from first row, inclusive
     * @param to end row, exclusive
     * @return a new heap buffer at position 0
     * @throws IndexOutOfBoundsException for rows out of range
     * @throws IllegalStateException when the range holds more than one Java array's bytes
     * @throws UncheckedIOException wrapping a {@link SourceFormatException} when the data cannot be decoded
     */
    public ByteBuffer readRaw(long from, long to) {
        if (from < 0 || to < from || to > shape[0]) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of array '" + name + "' with "
                + shape[0] + " rows");
        }
        long bytes = (to - from) * rowBytes;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("array '" + name + "': " + bytes + " bytes do not fit one Java array;"
                + " read fewer rows at a time");
        }
        try {
            if (chunks != null) {
                byte[] out = new byte[(int) bytes];
                chunks.read(from, to, out);
                return ByteBuffer.wrap(out);
            }
            long[] offset = new long[shape.length];
            offset[0] = from;
            int[] dims = dataset.getDimensions();
            dims[0] = (int) (to - from);
            ByteBuffer slice;
            synchronized (fileLock) {
                slice = ((DatasetBase) dataset).getSliceDataBuffer(offset, dims);
            }
            byte[] out = new byte[(int) bytes];
            slice.duplicate().get(out);
            return ByteBuffer.wrap(out);
        } catch (HdfException | IllegalStateException e) {
            SourceFormatException cause = new SourceFormatException(file, name, "cannot read rows [" + from + ", "
                + to + "): " + e.getMessage(), e);
            throw new UncheckedIOException(cause.getMessage(), cause);
        }
    }

    /**
     * How the raw bytes of {@link #readRaw} decode: the compound's fields, or for a numeric dataset one field per
     * column of the last axis.
     *
     * @return the record type of one cell
     */
    public RecordType records() {
        return record;
    }

    @Override
    public float[] readFloats(long from, long to, int[] columns) {
        checkColumns(columns);
        int cells = Math.toIntExact((to - from) * cellsPerRow());
        float[] out = new float[Math.multiplyExact(cells, columns.length)];
        record.decode(readRaw(from, to), cells, columns, out, 0);
        return out;
    }

    @Override
    public double[] readDoubles(long from, long to, int column) {
        checkColumns(new int[] {column});
        int cells = Math.toIntExact((to - from) * cellsPerRow());
        double[] out = new double[cells];
        record.decode(readRaw(from, to), cells, column, out, 0);
        return out;
    }

    private void checkColumns(int[] columns) {
        int width = columnCount();
        for (int c : columns) {
            if (c < 0 || c >= width) {
                throw new IndexOutOfBoundsException("column " + c + " of array '" + name + "', which has " + width);
            }
        }
    }

    @Override
    public String toString() {
        return name + " " + typeName() + " " + Arrays.toString(shape) + (chunks == null ? " contiguous"
            : " chunked " + filters());
    }
}
