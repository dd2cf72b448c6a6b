package dev.btag.data.npy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * One array of a {@code .npz} archive or {@code .npy} file: its metadata, and typed reads of its data.
 *
 * <p>An {@code NpyArray} is a lazy view: obtaining it read only the array's header; every read method goes to the
 * file (a stored array is read in place with positional reads, a compressed one is inflated as a stream) and copies
 * just what it returns. It is valid until its {@link NpzFile} is closed, after which read methods throw
 * {@link IllegalStateException}. It is safe to use from several threads at once.
 *
 * <p>Every read returns values in C (row-major) order whatever the order on disk, converted to the requested Java
 * type as described in {@link #toDoubleArray()}. Reads of the whole array ({@code to...Array}, {@link #toNDArray})
 * verify the archive entry's CRC-32; row ranges and single elements cannot (they do not see the whole entry).
 *
 * <p>Costs: a row range of a stored array reads just those rows. Deflate cannot seek, so a row range of a compressed
 * array inflates the entry from its start up to the last row asked for: reading a compressed array batch by batch
 * costs quadratic time, so read it whole once instead. A Fortran-order array is reordered element by element into C
 * order (a compressed one is first inflated whole, so any row range of it costs a full read).
 *
 * <p>Read methods declare no checked exception: corrupt data found while reading (CRC-32 mismatch, corrupt or
 * truncated deflate stream) is reported as an {@link UncheckedIOException} whose cause is an
 * {@link NpyFormatException} naming the file, entry and problem; everything that can be checked without reading the
 * data (header, sizes, offsets) was already checked by {@link NpzFile#get(String)}. A file truncated or rewritten in
 * place by another program while it is open is reported the same way ("the file changed while it was being read"),
 * never by a JVM crash: no read maps the file, except element-by-element reordering of a Fortran-order array of more
 * than 2 GiB. A rewrite that keeps the size is caught by the CRC-32 of a whole-array read; a row range may then mix
 * old and new bytes. btag's own writers replace files by renaming, so they never change a file under a reader.
 */
public final class NpyArray {

    /** Elements gathered at a time when reordering a Fortran-order array. */
    private static final int GATHER_BLOCK = 1 << 16;

    /** The largest Java array btag allocates. */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    /** Receives converted runs: raw elements and the output index of the first one. */
    @FunctionalInterface
    private interface Target {
        void put(ByteBuffer raw, int index);
    }

    private final NpzFile owner;
    private final String name;
    private final NpyHeader header;
    private final EntryData data;
    private final boolean compressed;

    NpyArray(NpzFile owner, String name, NpyHeader header, EntryData data, boolean compressed) {
        this.owner = owner;
        this.name = name;
        this.header = header;
        this.data = data;
        this.compressed = compressed;
    }

    /**
     * The array's name.
     *
     * @return the archive entry name without {@code .npy} (for example {@code arr_0}), or for a plain {@code .npy}
     *     file the file name without {@code .npy}
     */
    public String name() {
        return name;
    }

    /**
     * The element type as stored in the file.
     *
     * @return the dtype, whose {@link DType#descr()} is exactly what the header says (for example {@code <f4});
     *     {@code |u1} for a structured array, whose records are read as raw bytes (see {@link #recordType()})
     */
    public DType dtype() {
        return header.dtype();
    }

    /**
     * The fields of a structured (record) array. Such an array is read with {@link #rowsAsRecords(long, long)} and
     * {@link RecordType#decode}; the numeric read methods refuse it.
     *
     * @return the record type, or empty for a numeric array
     */
    public Optional<RecordType> recordType() {
        return Optional.ofNullable(header.record());
    }

    /**
     * The raw records of rows {@code [fromRow, toRow)} of a structured array, in storage order: {@code rowLength()}
     * records of {@link RecordType#itemSize()} bytes per row. Costs as for the other row reads.
     *
     * @param fromRow first row, inclusive
     * @param toRow end row, exclusive
     * @return a new heap buffer positioned at 0 holding the bytes
     * @throws IllegalStateException when the array is not structured, is in Fortran order with more than one axis,
     *     or the range holds more bytes than one Java array
     * @throws IndexOutOfBoundsException when the range is outside the rows
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public ByteBuffer rowsAsRecords(long fromRow, long toRow) {
        RecordType record = header.record();
        if (record == null) {
            throw new IllegalStateException("array '" + name + "' is not a structured array");
        }
        if (header.ndim() > 1 && header.fortranOrder()) {
            throw new IllegalStateException("array '" + name + "' is a Fortran-order structured array");
        }
        owner.ensureOpen();
        long rowBytes = rowLength() * record.itemSize();
        byte[] out = new byte[arrayLength(rowCount(fromRow, toRow) * rowBytes)];
        long first = fromRow * rowBytes;
        io(() -> data.readConcurrently(first, out.length, false,
            (raw, element) -> raw.get(out, (int) (element - first), raw.remaining())));
        return ByteBuffer.wrap(out);
    }

    private void requireNumeric() {
        if (header.record() != null) {
            throw new IllegalStateException("array '" + name + "' is a structured array (fields "
                + String.join(", ", header.record().names()) + "); read it with rowsAsRecords");
        }
    }

    /**
     * The dimensions.
     *
     * @return a copy of the shape: empty for a 0-d array, for example {@code [20000, 52]} for the jet table
     */
    public long[] shape() {
        return header.shape();
    }

    /**
     * The number of dimensions.
     *
     * @return the length of {@link #shape()}
     */
    public int ndim() {
        return header.ndim();
    }

    /**
     * Whether the data is stored in Fortran (column-major) order. Reads return C order either way.
     *
     * @return the header's {@code fortran_order}
     */
    public boolean fortranOrder() {
        return header.fortranOrder();
    }

    /**
     * Whether the archive entry is deflate-compressed ({@code numpy.savez_compressed}).
     *
     * @return true for a deflated entry, false for a stored entry or a plain {@code .npy} file
     */
    public boolean compressed() {
        return compressed;
    }

    /**
     * The number of elements.
     *
     * @return the product of the shape (1 for a 0-d array, 0 when any dimension is 0)
     */
    public long size() {
        return header.size();
    }

    /**
     * The number of rows, the length of axis 0.
     *
     * @return {@code shape()[0]}
     * @throws IllegalStateException for a 0-d array, which has no rows
     */
    public long rows() {
        requireRows();
        return header.dim(0);
    }

    /**
     * The number of elements in one row (one index along axis 0).
     *
     * @return the product of the shape without axis 0 (1 for a 1-d array)
     * @throws IllegalStateException for a 0-d array
     */
    public long rowLength() {
        requireRows();
        long length = 1;
        for (int axis = 1; axis < header.ndim(); axis++) {
            length *= header.dim(axis);
        }
        return length;
    }

    /**
     * The whole array as floats, in C order. float32 data is copied in bulk; other types are converted
     * (see {@link #toDoubleArray()}; float64 rounds to nearest).
     *
     * @return a new array of {@link #size()} values
     * @throws IllegalStateException when the file is closed or the array has more than {@value #MAX_ARRAY_LENGTH}
     *     elements (read it in row ranges instead)
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public float[] toFloatArray() {
        float[] out = new float[arrayLength(size())];
        FloatBuffer buffer = FloatBuffer.wrap(out);
        readAll((raw, index) -> ElementConverter.toFloat(raw, dtype().type(), buffer, index));
        return out;
    }

    /**
     * The whole array as doubles, in C order.
     *
     * <p>Conversions: bool gives 1 or 0; integers convert exactly up to 2<sup>53</sup> and round to nearest beyond;
     * uint64 is read as unsigned; float16 and float32 convert exactly.
     *
     * @return a new array of {@link #size()} values
     * @throws IllegalStateException when the file is closed or the array has more than {@value #MAX_ARRAY_LENGTH}
     *     elements
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public double[] toDoubleArray() {
        double[] out = new double[arrayLength(size())];
        DoubleBuffer buffer = DoubleBuffer.wrap(out);
        readAll((raw, index) -> ElementConverter.toDouble(raw, dtype().type(), buffer, index));
        return out;
    }

    /**
     * The whole array as longs, in C order.
     *
     * <p>Conversions: bool gives 1 or 0; signed and unsigned integers up to 63 bits are exact; uint64 values above
     * {@link Long#MAX_VALUE} wrap to negative (same 64 bits); floating-point values truncate toward zero, saturate
     * at the {@code long} range, and NaN gives 0.
     *
     * @return a new array of {@link #size()} values
     * @throws IllegalStateException when the file is closed or the array is too large for a Java array
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public long[] toLongArray() {
        long[] out = new long[arrayLength(size())];
        LongBuffer buffer = LongBuffer.wrap(out);
        readAll((raw, index) -> ElementConverter.toLong(raw, dtype().type(), buffer, index));
        return out;
    }

    /**
     * The whole array as ints, in C order.
     *
     * <p>Conversions as {@link #toLongArray()}, then as a Java {@code (int)} cast: 64-bit and uint32 integers keep
     * their low 32 bits, floating-point values truncate toward zero and saturate at the {@code int} range.
     *
     * @return a new array of {@link #size()} values
     * @throws IllegalStateException when the file is closed or the array is too large for a Java array
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public int[] toIntArray() {
        int[] out = new int[arrayLength(size())];
        IntBuffer buffer = IntBuffer.wrap(out);
        readAll((raw, index) -> ElementConverter.toInt(raw, dtype().type(), buffer, index));
        return out;
    }

    /**
     * Rows {@code [fromRow, toRow)} along axis 0 as floats, in C order, reading only those rows of a stored array
     * (a compressed array is inflated from its start up to {@code toRow}). The CRC-32 is not verified.
     *
     * @param fromRow the first row, inclusive, {@code 0 <= fromRow <= toRow}
     * @param toRow the end row, exclusive, {@code toRow <= rows()}
     * @return a new array of {@code (toRow - fromRow) * rowLength()} values
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, rows()]}
     * @throws IllegalStateException for a 0-d array, a closed file or a result too large for a Java array
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public float[] rowsAsFloatArray(long fromRow, long toRow) {
        float[] out = new float[arrayLength(rowCount(fromRow, toRow) * rowLength())];
        FloatBuffer buffer = FloatBuffer.wrap(out);
        readRows(fromRow, toRow, (raw, index) -> ElementConverter.toFloat(raw, dtype().type(), buffer, index));
        return out;
    }

    /**
     * Rows {@code [fromRow, toRow)} along axis 0 as doubles, in C order (see {@link #rowsAsFloatArray}).
     *
     * @param fromRow the first row, inclusive
     * @param toRow the end row, exclusive
     * @return a new array of {@code (toRow - fromRow) * rowLength()} values
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, rows()]}
     * @throws IllegalStateException for a 0-d array, a closed file or a result too large for a Java array
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public double[] rowsAsDoubleArray(long fromRow, long toRow) {
        double[] out = new double[arrayLength(rowCount(fromRow, toRow) * rowLength())];
        DoubleBuffer buffer = DoubleBuffer.wrap(out);
        readRows(fromRow, toRow, (raw, index) -> ElementConverter.toDouble(raw, dtype().type(), buffer, index));
        return out;
    }

    /**
     * Rows {@code [fromRow, toRow)} along axis 0 as longs, in C order (conversions as {@link #toLongArray()}).
     *
     * @param fromRow the first row, inclusive
     * @param toRow the end row, exclusive
     * @return a new array of {@code (toRow - fromRow) * rowLength()} values
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, rows()]}
     * @throws IllegalStateException for a 0-d array, a closed file or a result too large for a Java array
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public long[] rowsAsLongArray(long fromRow, long toRow) {
        long[] out = new long[arrayLength(rowCount(fromRow, toRow) * rowLength())];
        LongBuffer buffer = LongBuffer.wrap(out);
        readRows(fromRow, toRow, (raw, index) -> ElementConverter.toLong(raw, dtype().type(), buffer, index));
        return out;
    }

    /**
     * Rows {@code [fromRow, toRow)} along axis 0 as ints, in C order (conversions as {@link #toIntArray()}).
     *
     * @param fromRow the first row, inclusive
     * @param toRow the end row, exclusive
     * @return a new array of {@code (toRow - fromRow) * rowLength()} values
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, rows()]}
     * @throws IllegalStateException for a 0-d array, a closed file or a result too large for a Java array
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public int[] rowsAsIntArray(long fromRow, long toRow) {
        int[] out = new int[arrayLength(rowCount(fromRow, toRow) * rowLength())];
        IntBuffer buffer = IntBuffer.wrap(out);
        readRows(fromRow, toRow, (raw, index) -> ElementConverter.toInt(raw, dtype().type(), buffer, index));
        return out;
    }

    /**
     * One element as a double (conversions as {@link #toDoubleArray()}). On a compressed array each call inflates
     * the entry from its start up to the element, so prefer bulk reads there.
     *
     * @param index one index per axis, each within its dimension (none for a 0-d array)
     * @return the element's value
     * @throws IndexOutOfBoundsException when the number of indices differs from {@link #ndim()} or an index is out
     *     of range
     * @throws IllegalStateException when the file is closed
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public double getDouble(long... index) {
        if (index.length != header.ndim()) {
            throw new IndexOutOfBoundsException("array '" + name + "' has " + header.ndim() + " dimensions, got "
                + index.length + " indices");
        }
        long offset = 0;
        long stride = 1;
        for (int k = 0; k < index.length; k++) {
            int axis = header.fortranOrder() ? k : index.length - 1 - k;
            if (index[axis] < 0 || index[axis] >= header.dim(axis)) {
                throw new IndexOutOfBoundsException("index " + index[axis] + " out of range for axis " + axis
                    + " of length " + header.dim(axis) + " in array '" + name + "'");
            }
            offset += index[axis] * stride;
            stride *= header.dim(axis);
        }
        requireNumeric();
        double[] value = new double[1];
        DoubleBuffer buffer = DoubleBuffer.wrap(value);
        long element = offset;
        io(() -> data.read(element, 1, false,
            (raw, first) -> ElementConverter.toDouble(raw, dtype().type(), buffer, 0)));
        return value[0];
    }

    /**
     * The whole array as a float32 DJL {@code NDArray} of the same shape.
     *
     * @param manager the manager that will own the new array
     * @return a new float32 array, created from one direct buffer in a single call
     * @throws IllegalStateException when the file is closed or the array has 2 GiB of float32 or more
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public NDArray toNDArray(NDManager manager) {
        return toNDArray(manager, DataType.FLOAT32);
    }

    /**
     * The whole array as a DJL {@code NDArray} of the same shape and a chosen type: {@link DataType#FLOAT32} (what
     * DJL engines train on), {@link DataType#FLOAT64}, {@link DataType#INT32} or {@link DataType#INT64}, with the
     * conversions of the matching {@code to...Array} method.
     *
     * @param manager the manager that will own the new array
     * @param type the element type of the new array
     * @return a new array, created from one direct buffer in a single call
     * @throws IllegalArgumentException for another data type
     * @throws IllegalStateException when the file is closed or the result would need 2 GiB or more
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public NDArray toNDArray(NDManager manager, DataType type) {
        if (size() > MAX_ARRAY_LENGTH / type.getNumOfBytes()) {
            throw new IllegalStateException("array '" + name + "' has " + size() + " elements, more than one "
                + type + " buffer of 2 GiB holds; read it in row ranges");
        }
        long bytes = size() * type.getNumOfBytes();
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        ScalarType source = dtype().type();
        switch (type) {
            case FLOAT32 -> {
                FloatBuffer view = buffer.asFloatBuffer();
                readAll((raw, index) -> ElementConverter.toFloat(raw, source, view, index));
            }
            case FLOAT64 -> {
                DoubleBuffer view = buffer.asDoubleBuffer();
                readAll((raw, index) -> ElementConverter.toDouble(raw, source, view, index));
            }
            case INT32 -> {
                IntBuffer view = buffer.asIntBuffer();
                readAll((raw, index) -> ElementConverter.toInt(raw, source, view, index));
            }
            case INT64 -> {
                LongBuffer view = buffer.asLongBuffer();
                readAll((raw, index) -> ElementConverter.toLong(raw, source, view, index));
            }
            default -> throw new IllegalArgumentException("cannot read array '" + name + "' as " + type
                + "; use FLOAT32, FLOAT64, INT32 or INT64");
        }
        return manager.create(buffer, new Shape(header.shape()), type);
    }

    /**
     * Rows {@code [fromRow, toRow)} along axis 0 as a float32 DJL {@code NDArray} of shape
     * {@code (toRow - fromRow, shape()[1], ...)}, converted as {@link #toFloatArray()} and created from one direct
     * buffer in a single call; for feeding batches to an engine without an intermediate {@code float[]}. Costs as
     * {@link #rowsAsFloatArray}; the CRC-32 is not verified.
     *
     * @param manager the manager that will own the new array
     * @param fromRow the first row, inclusive
     * @param toRow the end row, exclusive
     * @return a new float32 array
     * @throws IndexOutOfBoundsException when the range is not within {@code [0, rows()]}
     * @throws IllegalStateException for a 0-d array, a closed file, or a result of 2 GiB or more
     * @throws UncheckedIOException wrapping an {@link NpyFormatException} when the data is corrupt
     */
    public NDArray rowsAsNDArray(NDManager manager, long fromRow, long toRow) {
        long count = rowCount(fromRow, toRow) * rowLength();
        if (count > MAX_ARRAY_LENGTH / 4) {
            throw new IllegalStateException("rows [" + fromRow + ", " + toRow + ") of array '" + name + "' hold "
                + count + " elements, more than one float32 buffer of 2 GiB holds");
        }
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) count * 4).order(ByteOrder.nativeOrder());
        FloatBuffer view = buffer.asFloatBuffer();
        ScalarType source = dtype().type();
        readRows(fromRow, toRow, (raw, index) -> ElementConverter.toFloat(raw, source, view, index));
        long[] shape = header.shape();
        shape[0] = toRow - fromRow;
        return manager.create(buffer, new Shape(shape), DataType.FLOAT32);
    }

    /**
     * Streams the whole array's raw elements in storage order, verifying the CRC-32; for statistics that do not
     * depend on the order.
     *
     * @param consumer receives runs of raw elements
     * @throws IOException when reading fails or the data is corrupt
     */
    void readStorageOrder(EntryData.ChunkConsumer consumer) throws IOException {
        owner.ensureOpen();
        requireNumeric();
        try {
            data.read(0, size(), true, consumer);
        } catch (InternalError e) {
            throw GuardedRead.changed(owner.path(), e);
        }
    }

    private void readAll(Target target) {
        owner.ensureOpen();
        requireNumeric();
        if (header.ndim() <= 1 || !header.fortranOrder()) {
            io(() -> data.readConcurrently(0, size(), true, (raw, first) -> target.put(raw, (int) first)));
        } else {
            io(() -> gather(0, header.dim(0), true, target));
        }
    }

    private void readRows(long fromRow, long toRow, Target target) {
        owner.ensureOpen();
        requireNumeric();
        long rowLength = rowLength();
        if (header.ndim() <= 1 || !header.fortranOrder()) {
            long first = fromRow * rowLength;
            io(() -> data.readConcurrently(first, (toRow - fromRow) * rowLength, false,
                (raw, element) -> target.put(raw, (int) (element - first))));
        } else {
            io(() -> gather(fromRow, toRow, false, target));
        }
    }

    /** Reorders rows of a Fortran-order array (ndim >= 2) into C order, a block of elements at a time. */
    private void gather(long fromRow, long toRow, boolean verify, Target target) throws IOException {
        int ndim = header.ndim();
        long[] shape = header.shape();
        long[] stride = new long[ndim];
        stride[0] = 1;
        for (int axis = 1; axis < ndim; axis++) {
            stride[axis] = stride[axis - 1] * shape[axis - 1];
        }
        long rowLength = rowLength();
        long total = (toRow - fromRow) * rowLength;
        EntryData.ElementAccess access = data.randomAccess(verify);
        if (total == 0) {
            return;
        }
        int itemSize = header.dtype().itemSize();
        ByteBuffer block = ByteBuffer.allocate((int) Math.min(total, GATHER_BLOCK) * itemSize)
            .order(header.dtype().order());
        long[] index = new long[ndim];
        int written = 0;
        for (long row = fromRow; row < toRow; row++) {
            Arrays.fill(index, 0);
            long offset = row;
            for (long k = 0; k < rowLength; k++) {
                access.copy(offset, block);
                if (!block.hasRemaining()) {
                    target.put(block.flip(), written);
                    written += block.limit() / itemSize;
                    block.clear();
                }
                for (int axis = ndim - 1; axis >= 1; axis--) {
                    index[axis]++;
                    offset += stride[axis];
                    if (index[axis] < shape[axis]) {
                        break;
                    }
                    offset -= stride[axis] * shape[axis];
                    index[axis] = 0;
                }
            }
        }
        if (block.position() > 0) {
            target.put(block.flip(), written);
        }
    }

    private long rowCount(long fromRow, long toRow) {
        long rows = rows();
        if (fromRow < 0 || fromRow > toRow || toRow > rows) {
            throw new IndexOutOfBoundsException("rows [" + fromRow + ", " + toRow + ") out of range for array '"
                + name + "' of " + rows + " rows");
        }
        return toRow - fromRow;
    }

    private void requireRows() {
        if (header.ndim() == 0) {
            throw new IllegalStateException("array '" + name + "' is 0-d and has no rows");
        }
    }

    private int arrayLength(long length) {
        if (length > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException("array '" + name + "' has " + length + " elements to read, more than a "
                + "Java array holds; read it in row ranges");
        }
        return (int) length;
    }

    private void io(GuardedRead.IoAction action) {
        GuardedRead.run(owner.path(), action);
    }

    /**
     * A one-line description.
     *
     * @return for example {@code arr_0 <f4 (20000, 52) C-order stored}
     */
    @Override
    public String toString() {
        return name + " " + (header.record() == null ? dtype().toString() : header.record().descr())
            + " " + NpyHeader.shapeString(header.shape())
            + (fortranOrder() ? " Fortran-order" : " C-order") + (compressed ? " deflated" : " stored");
    }
}
