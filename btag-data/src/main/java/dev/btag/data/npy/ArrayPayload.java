package dev.btag.data.npy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The bytes of one {@code .npy} array about to be written: the header NumPy would write, and the data, produced
 * in chunks so that arrays of any size are written through one small buffer.
 */
final class ArrayPayload {

    /** Bytes encoded per chunk. */
    private static final int CHUNK_BYTES = 1 << 20;

    /** Receives consecutive chunks of the array's bytes. */
    @FunctionalInterface
    interface ByteSink {
        /**
         * Consumes all bytes from the buffer's position to its limit; the buffer may be reused afterwards.
         *
         * @param bytes the next chunk
         * @throws IOException when writing fails
         */
        void write(ByteBuffer bytes) throws IOException;
    }

    /** Produces the data bytes, chunk by chunk, into a sink. */
    @FunctionalInterface
    private interface DataSource {
        void writeTo(ByteSink sink, ByteBuffer chunk) throws IOException;
    }

    private final byte[] header;
    private final long dataBytes;
    private final DataSource source;

    private ArrayPayload(DType dtype, long[] shape, boolean fortranOrder, long dataBytes, DataSource source) {
        this(NpyHeader.encode(dtype, shape, fortranOrder), dataBytes, source);
    }

    private ArrayPayload(byte[] header, long dataBytes, DataSource source) {
        this.header = header;
        this.dataBytes = dataBytes;
        this.source = source;
    }

    /**
     * Raw records of a structured array, in C order.
     *
     * @param name the array name, for messages
     * @param record the packed record type
     * @param shape the dimensions
     * @param data the records from position to limit (not modified)
     * @return the payload
     * @throws IllegalArgumentException when the byte count does not match shape and record size
     * @throws IllegalStateException when the record type has padding
     */
    static ArrayPayload ofRecords(String name, RecordType record, long[] shape, ByteBuffer data) {
        long bytes = Math.multiplyExact(elementCount(name, shape), (long) record.itemSize());
        if (bytes != data.remaining()) {
            throw new IllegalArgumentException("array '" + name + "': shape " + NpyHeader.shapeString(shape)
                + " of " + record.itemSize() + "-byte records needs " + bytes + " bytes but " + data.remaining()
                + " were given");
        }
        ByteBuffer copy = data.duplicate();
        return new ArrayPayload(NpyHeader.encode(record, shape.clone(), false), bytes,
            (sink, chunk) -> sink.write(copy));
    }

    /** @return the total number of bytes: header and data */
    long totalBytes() {
        return header.length + dataBytes;
    }

    /**
     * Writes the header, then the data, to a sink.
     *
     * @param sink receives the bytes
     * @throws IOException when the sink fails
     */
    void writeTo(ByteSink sink) throws IOException {
        sink.write(ByteBuffer.wrap(header));
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        source.writeTo(sink, chunk);
    }

    /**
     * Resolves the shape of a primitive array: none given means 1-d.
     *
     * @param name the array name, for messages
     * @param length the number of values given
     * @param shape the requested shape, or empty
     * @return the shape to write
     * @throws IllegalArgumentException when a dimension is negative or the shape does not hold {@code length} values
     */
    static long[] shapeOf(String name, long length, long[] shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length == 0) {
            return new long[] {length};
        }
        long size = elementCount(name, shape);
        if (size != length) {
            throw new IllegalArgumentException("array '" + name + "': shape " + NpyHeader.shapeString(shape)
                + " holds " + size + " elements but " + length + " values were given");
        }
        return shape.clone();
    }

    private static long elementCount(String name, long[] shape) {
        long size = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("array '" + name + "': negative dimension in shape "
                    + NpyHeader.shapeString(shape));
            }
            size = Math.multiplyExact(size, dim);
        }
        return size;
    }

    static ArrayPayload of(String name, float[] data, long[] shape) {
        return new ArrayPayload(DType.FLOAT32, shapeOf(name, data.length, shape), false, 4L * data.length,
            (sink, chunk) -> {
                for (int off = 0; off < data.length; ) {
                    int n = Math.min(data.length - off, chunk.capacity() / 4);
                    chunk.clear();
                    chunk.asFloatBuffer().put(data, off, n);
                    sink.write(chunk.limit(4 * n));
                    off += n;
                }
            });
    }

    static ArrayPayload of(String name, double[] data, long[] shape) {
        return new ArrayPayload(DType.FLOAT64, shapeOf(name, data.length, shape), false, 8L * data.length,
            (sink, chunk) -> {
                for (int off = 0; off < data.length; ) {
                    int n = Math.min(data.length - off, chunk.capacity() / 8);
                    chunk.clear();
                    chunk.asDoubleBuffer().put(data, off, n);
                    sink.write(chunk.limit(8 * n));
                    off += n;
                }
            });
    }

    static ArrayPayload of(String name, long[] data, long[] shape) {
        return new ArrayPayload(DType.INT64, shapeOf(name, data.length, shape), false, 8L * data.length,
            (sink, chunk) -> {
                for (int off = 0; off < data.length; ) {
                    int n = Math.min(data.length - off, chunk.capacity() / 8);
                    chunk.clear();
                    chunk.asLongBuffer().put(data, off, n);
                    sink.write(chunk.limit(8 * n));
                    off += n;
                }
            });
    }

    static ArrayPayload of(String name, int[] data, long[] shape) {
        return new ArrayPayload(DType.INT32, shapeOf(name, data.length, shape), false, 4L * data.length,
            (sink, chunk) -> {
                for (int off = 0; off < data.length; ) {
                    int n = Math.min(data.length - off, chunk.capacity() / 4);
                    chunk.clear();
                    chunk.asIntBuffer().put(data, off, n);
                    sink.write(chunk.limit(4 * n));
                    off += n;
                }
            });
    }

    static ArrayPayload of(String name, short[] data, long[] shape) {
        return new ArrayPayload(DType.INT16, shapeOf(name, data.length, shape), false, 2L * data.length,
            (sink, chunk) -> {
                for (int off = 0; off < data.length; ) {
                    int n = Math.min(data.length - off, chunk.capacity() / 2);
                    chunk.clear();
                    chunk.asShortBuffer().put(data, off, n);
                    sink.write(chunk.limit(2 * n));
                    off += n;
                }
            });
    }

    static ArrayPayload of(String name, byte[] data, long[] shape) {
        return new ArrayPayload(DType.INT8, shapeOf(name, data.length, shape), false, data.length,
            (sink, chunk) -> sink.write(ByteBuffer.wrap(data)));
    }

    static ArrayPayload of(String name, boolean[] data, long[] shape) {
        return new ArrayPayload(DType.BOOL, shapeOf(name, data.length, shape), false, data.length,
            (sink, chunk) -> {
                for (int off = 0; off < data.length; ) {
                    int n = Math.min(data.length - off, chunk.capacity());
                    chunk.clear();
                    for (int i = 0; i < n; i++) {
                        chunk.put(i, data[off + i] ? (byte) 1 : (byte) 0);
                    }
                    sink.write(chunk.limit(n));
                    off += n;
                }
            });
    }

    /**
     * Raw element bytes, written as they are.
     *
     * @param name the array name, for messages
     * @param dtype the element type the bytes are in (byte order included)
     * @param shape the dimensions; empty for a 0-d array
     * @param fortranOrder whether the bytes are in Fortran order
     * @param data the bytes from position to limit; not modified
     * @return the payload
     * @throws IllegalArgumentException when the byte count does not match shape and dtype
     */
    static ArrayPayload of(String name, DType dtype, long[] shape, boolean fortranOrder, ByteBuffer data) {
        Objects.requireNonNull(dtype, "dtype");
        long bytes = Math.multiplyExact(elementCount(name, shape), (long) dtype.itemSize());
        if (bytes != data.remaining()) {
            throw new IllegalArgumentException("array '" + name + "': shape " + NpyHeader.shapeString(shape)
                + " of " + dtype + " needs " + bytes + " bytes but " + data.remaining() + " were given");
        }
        ByteBuffer copy = data.duplicate();
        return new ArrayPayload(dtype, shape.clone(), fortranOrder, bytes, (sink, chunk) -> sink.write(copy));
    }

    /**
     * Raw element bytes read from a file as they are written, a chunk at a time (the file is never loaded whole).
     *
     * @param name the array name, for messages
     * @param dtype the element type the bytes are in (byte order included)
     * @param shape the dimensions; empty for a 0-d array
     * @param raw a file holding exactly the element bytes, in C order (a different size fails the write with an
     *     {@link IOException} naming the file)
     * @return the payload
     */
    static ArrayPayload ofFile(String name, DType dtype, long[] shape, java.nio.file.Path raw) {
        long bytes = Math.multiplyExact(elementCount(name, shape), (long) dtype.itemSize());
        return new ArrayPayload(dtype, shape.clone(), false, bytes, (sink, chunk) -> {
            long copied = 0;
            try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(raw)) {
                int n;
                while ((n = in.read(chunk.clear())) > 0) {
                    copied += n;
                    sink.write(chunk.flip());
                }
            }
            if (copied != bytes) {
                throw new IOException(raw + " holds " + copied + " bytes; array '" + name + "' of shape "
                    + NpyHeader.shapeString(shape) + " needs " + bytes);
            }
        });
    }

    /**
     * A DJL array, written with its own type and shape, in C order.
     *
     * @param name the array name, for messages
     * @param array the array (its data is copied out once)
     * @return the payload
     * @throws IllegalArgumentException for a data type NumPy's numeric types cannot represent (complex, string,
     *     bfloat16, unknown)
     */
    static ArrayPayload of(String name, NDArray array) {
        DataType type = array.getDataType();
        ScalarType scalar = switch (type) {
            case FLOAT16 -> ScalarType.FLOAT16;
            case FLOAT32 -> ScalarType.FLOAT32;
            case FLOAT64 -> ScalarType.FLOAT64;
            case BOOLEAN -> ScalarType.BOOL;
            case INT8 -> ScalarType.INT8;
            case INT16 -> ScalarType.INT16;
            case INT32 -> ScalarType.INT32;
            case INT64 -> ScalarType.INT64;
            case UINT8 -> ScalarType.UINT8;
            case UINT16 -> ScalarType.UINT16;
            case UINT32 -> ScalarType.UINT32;
            case UINT64 -> ScalarType.UINT64;
            default -> throw new IllegalArgumentException("array '" + name + "': cannot write DJL data type " + type
                + " as a NumPy numeric array");
        };
        ByteBuffer bytes = array.toByteBuffer();
        return of(name, new DType(scalar, ByteOrder.nativeOrder()), array.getShape().getShape(), false, bytes);
    }
}
