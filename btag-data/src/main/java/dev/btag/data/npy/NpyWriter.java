package dev.btag.data.npy;

import ai.djl.ndarray.NDArray;
import dev.btag.io.AtomicOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Writes single NumPy {@code .npy} files that {@code numpy.load} reads unchanged, with the header NumPy itself
 * writes. Types, shapes and orders as in {@link NpzWriter}: primitive arrays little-endian in C order, a missing
 * shape meaning 1-d; raw bytes for any other dtype, byte order or Fortran order.
 *
 * <p>Each file is written atomically (see {@link AtomicOutput}): to a temporary file beside the target, renamed
 * over it only once complete. A failure deletes the temporary file and leaves any previous file as it was; the
 * exception names the file.
 */
public final class NpyWriter {

    private NpyWriter() {
    }

    /**
     * Writes a float32 array ({@code <f4}).
     *
     * @param path the file to write (replaced once complete), conventionally ending in {@code .npy}
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @throws IllegalArgumentException when the shape does not match or a dimension is negative
     * @throws IOException when writing fails
     */
    public static void write(Path path, float[] data, long... shape) throws IOException {
        write(path, ArrayPayload.of(String.valueOf(path), data, shape));
    }

    /**
     * Writes a float64 array ({@code <f8}).
     *
     * @param path the file to write (replaced once complete)
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @throws IllegalArgumentException when the shape does not match or a dimension is negative
     * @throws IOException when writing fails
     */
    public static void write(Path path, double[] data, long... shape) throws IOException {
        write(path, ArrayPayload.of(String.valueOf(path), data, shape));
    }

    /**
     * Writes an int64 array ({@code <i8}).
     *
     * @param path the file to write (replaced once complete)
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @throws IllegalArgumentException when the shape does not match or a dimension is negative
     * @throws IOException when writing fails
     */
    public static void write(Path path, long[] data, long... shape) throws IOException {
        write(path, ArrayPayload.of(String.valueOf(path), data, shape));
    }

    /**
     * Writes an int32 array ({@code <i4}).
     *
     * @param path the file to write (replaced once complete)
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @throws IllegalArgumentException when the shape does not match or a dimension is negative
     * @throws IOException when writing fails
     */
    public static void write(Path path, int[] data, long... shape) throws IOException {
        write(path, ArrayPayload.of(String.valueOf(path), data, shape));
    }

    /**
     * Writes an int16 array ({@code <i2}).
     *
     * @param path the file to write (replaced once complete)
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @throws IllegalArgumentException when the shape does not match or a dimension is negative
     * @throws IOException when writing fails
     */
    public static void write(Path path, short[] data, long... shape) throws IOException {
        write(path, ArrayPayload.of(String.valueOf(path), data, shape));
    }

    /**
     * Writes an int8 array ({@code |i1}).
     *
     * @param path the file to write (replaced once complete)
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @throws IllegalArgumentException when the shape does not match or a dimension is negative
     * @throws IOException when writing fails
     */
    public static void write(Path path, byte[] data, long... shape) throws IOException {
        write(path, ArrayPayload.of(String.valueOf(path), data, shape));
    }

    /**
     * Writes a bool array ({@code |b1}).
     *
     * @param path the file to write (replaced once complete)
     * @param data the values in C order
     * @param shape the dimensions, whose product must be {@code data.length}; none given means 1-d
     * @throws IllegalArgumentException when the shape does not match or a dimension is negative
     * @throws IOException when writing fails
     */
    public static void write(Path path, boolean[] data, long... shape) throws IOException {
        write(path, ArrayPayload.of(String.valueOf(path), data, shape));
    }

    /**
     * Writes a DJL array with its own shape and data type, in C order and this machine's byte order.
     *
     * @param path the file to write (replaced once complete)
     * @param array the array
     * @throws IllegalArgumentException for a data type NumPy's numeric types cannot hold
     * @throws IOException when writing fails
     */
    public static void write(Path path, NDArray array) throws IOException {
        write(path, ArrayPayload.of(String.valueOf(path), array));
    }

    /**
     * Writes raw element bytes as they are.
     *
     * @param path the file to write (replaced once complete)
     * @param dtype the type the bytes are in, byte order included
     * @param shape the dimensions; an empty shape writes a 0-d array
     * @param fortranOrder whether the bytes are in Fortran (column-major) order
     * @param data the element bytes from position to limit (not modified)
     * @throws IllegalArgumentException when the byte count does not match shape and dtype
     * @throws IOException when writing fails
     */
    public static void write(Path path, DType dtype, long[] shape, boolean fortranOrder, ByteBuffer data)
        throws IOException {
        write(path, ArrayPayload.of(String.valueOf(path), dtype, shape, fortranOrder, data));
    }

    private static void write(Path path, ArrayPayload payload) throws IOException {
        write(path, payload, UnaryOperator.identity());
    }

    /**
     * Writes a payload through a wrapper of the temporary file's channel: the seam that tests use to inject faults.
     *
     * @param path the file to write
     * @param payload the header and data
     * @param channels wraps the temporary file's channel
     * @throws IOException when writing fails; the message names the file
     */
    static void write(Path path, ArrayPayload payload, UnaryOperator<FileChannel> channels) throws IOException {
        try (AtomicOutput output = AtomicOutput.create(path)) {
            FileChannel channel = channels.apply(output.channel());
            try {
                payload.writeTo(bytes -> {
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                });
            } catch (IOException e) {
                throw output.failure(e);
            }
            output.commit();
        }
    }
}
