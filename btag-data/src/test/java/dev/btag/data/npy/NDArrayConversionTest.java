package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NpyArray to DJL NDArray and back, through the PyTorch engine on the test class path. */
class NDArrayConversionTest {

    @TempDir
    Path dir;

    @Test
    void bigEndianFortranArrayBecomesACOrderFloat32NDArray() throws IOException {
        // values 0..5 in a (2, 3) array stored big-endian in Fortran order: storage order is column by column
        ByteBuffer raw = ByteBuffer.allocate(6 * 8).order(ByteOrder.BIG_ENDIAN);
        for (double v : new double[] {0, 3, 1, 4, 2, 5}) {
            raw.putDouble(v);
        }
        Path file = dir.resolve("f.npz");
        try (NpzWriter writer = NpzWriter.create(file, true)) {
            writer.write("m", new DType(ScalarType.FLOAT64, ByteOrder.BIG_ENDIAN), new long[] {2, 3}, true,
                raw.flip());
            writer.write("empty", new float[0], 0, 4);
        }
        try (NpzFile npz = NpzFile.open(file); NDManager manager = NDManager.newBaseManager()) {
            NDArray array = npz.get("m").toNDArray(manager);
            assertEquals(DataType.FLOAT32, array.getDataType());
            assertEquals(new Shape(2, 3), array.getShape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, array.toFloatArray());
            NDArray doubles = npz.get("m").toNDArray(manager, DataType.FLOAT64);
            assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, doubles.toDoubleArray());
            NDArray longs = npz.get("m").toNDArray(manager, DataType.INT64);
            assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, longs.toLongArray());
            assertThrows(IllegalArgumentException.class, () -> npz.get("m").toNDArray(manager, DataType.UINT8));
            NDArray rows = npz.get("m").rowsAsNDArray(manager, 1, 2);
            assertEquals(new Shape(1, 3), rows.getShape());
            assertArrayEquals(new float[] {3, 4, 5}, rows.toFloatArray());
            NDArray empty = npz.get("empty").toNDArray(manager);
            assertEquals(new Shape(0, 4), empty.getShape());
            assertEquals(0, empty.size());
        }
    }

    @Test
    void ndArraysAreWrittenWithTheirTypeAndShape() throws IOException {
        Path file = dir.resolve("nd.npz");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray floats = manager.arange(24f).reshape(2, 3, 4);
            NDArray ints = manager.create(new int[] {7, -8, 9});
            NDArray scalar = manager.create(2.5);
            try (NpzWriter writer = NpzWriter.create(file, false)) {
                writer.write("floats", floats).write("ints", ints).write("scalar", scalar);
            }
            Path npy = dir.resolve("floats.npy");
            NpyWriter.write(npy, floats);
            try (NpzFile npz = NpzFile.open(file); NpzFile single = NpzFile.open(npy)) {
                assertEquals("<f4", npz.get("floats").dtype().descr());
                assertArrayEquals(new long[] {2, 3, 4}, npz.get("floats").shape());
                assertArrayEquals(floats.toFloatArray(), npz.get("floats").toFloatArray());
                assertArrayEquals(floats.toFloatArray(), single.get("floats").toFloatArray());
                assertEquals("<i4", npz.get("ints").dtype().descr());
                assertArrayEquals(new int[] {7, -8, 9}, npz.get("ints").toIntArray());
                assertEquals(0, npz.get("scalar").ndim());
                assertEquals(2.5, npz.get("scalar").getDouble());
                NDArray back = npz.get("scalar").toNDArray(manager, DataType.FLOAT64);
                assertEquals(new Shape(), back.getShape());
                assertEquals(2.5, back.getDouble());
            }
        }
    }
}
