package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the files that {@code src/test/resources/npy/check_btag_output.py} loads with numpy to check that what btag
 * writes loads unchanged. Not part of the normal test run: only with {@code -Dbtag.npy.export=DIR}, e.g.
 * {@code mvn -o test -pl btag-data -Dtest=NumpyExportTest -Dbtag.npy.export=/tmp/btag-export} followed by
 * {@code /usr/bin/python3 btag-data/src/test/resources/npy/check_btag_output.py /tmp/btag-export}.
 * The values follow formulas that the script recomputes.
 */
@EnabledIfSystemProperty(named = "btag.npy.export", matches = ".+")
class NumpyExportTest {

    @Test
    void writeFilesForNumpy() throws IOException {
        Path dir = Files.createDirectories(Path.of(System.getProperty("btag.npy.export")));
        for (String variant : new String[] {"stored", "compressed", "zip64"}) {
            try (NpzWriter writer = NpzWriter.create(dir.resolve(variant + ".npz"), variant.equals("compressed"),
                variant.equals("zip64"))) {
                writeAll(writer);
            }
        }
        float[] table = new float[20 * 52];
        for (int i = 0; i < table.length; i++) {
            table[i] = i * 0.5f - 3;
        }
        NpyWriter.write(dir.resolve("table.npy"), table, 20, 52);
        assertTrue(Files.size(dir.resolve("stored.npz")) > 0);
    }

    private static void writeAll(NpzWriter writer) throws IOException {
        float[] f = new float[20 * 52];
        double[] d = new double[7 * 3 * 2];
        long[] l = new long[5];
        int[] i4 = new int[6];
        short[] s = new short[4];
        byte[] b = new byte[3];
        boolean[] z = new boolean[6];
        for (int k = 0; k < f.length; k++) {
            f[k] = k * 0.5f - 3;
        }
        for (int k = 0; k < d.length; k++) {
            d[k] = Math.sqrt(k) - 1e10;
        }
        for (int k = 0; k < l.length; k++) {
            l[k] = Long.MIN_VALUE / (k + 1);
        }
        for (int k = 0; k < i4.length; k++) {
            i4[k] = k * k * 1000 - 7;
        }
        for (int k = 0; k < s.length; k++) {
            s[k] = (short) (k * 10000 - 20000);
        }
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (k * 100 - 100);
        }
        for (int k = 0; k < z.length; k++) {
            z[k] = k % 3 == 0;
        }
        writer.write("arr_0", f, 20, 52).write("doubles", d, 7, 3, 2).write("longs", l).write("ints", i4, 2, 3)
            .write("shorts", s).write("bytes", b).write("flags", z, 3, 2)
            .write("empty", new float[0], 0, 5);
        ByteBuffer fortran = ByteBuffer.allocate(4 * 3 * 4).order(ByteOrder.BIG_ENDIAN);
        for (int col = 0; col < 3; col++) {
            for (int row = 0; row < 4; row++) {
                fortran.putInt(row * 10 + col); // element [row, col] = 10 * row + col, column by column
            }
        }
        writer.write("fortran_be_i4", new DType(ScalarType.INT32, ByteOrder.BIG_ENDIAN), new long[] {4, 3}, true,
            fortran.flip());
        ByteBuffer half = ByteBuffer.allocate(2 * 4).order(ByteOrder.LITTLE_ENDIAN);
        half.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x7c00).putShort((short) 0x0001);
        writer.write("half", DType.of(ScalarType.FLOAT16), new long[] {4}, false, half.flip());
        ByteBuffer u64 = ByteBuffer.allocate(8 * 2).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).putLong(42);
        writer.write("u64", DType.of(ScalarType.UINT64), new long[] {2}, false, u64.flip());
        ByteBuffer scalar = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(2.75);
        writer.write("scalar", DType.FLOAT64, new long[0], false, scalar.flip());
    }
}
