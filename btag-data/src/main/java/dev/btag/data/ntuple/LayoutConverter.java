package dev.btag.data.ntuple;

import dev.btag.data.hdf5.Hdf5Dataset;
import dev.btag.data.hdf5.Hdf5File;
import dev.btag.data.hdf5.Hdf5Storage;
import dev.btag.data.hdf5.Hdf5Writer;
import dev.btag.data.layout.FileFormat;
import dev.btag.data.layout.Layout;
import dev.btag.data.npy.DType;
import dev.btag.data.npy.NpyArray;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.npy.RecordType;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.source.ArrayFile;
import dev.btag.data.source.NpzArrayFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Converts the arrays a layout names (the jet table and every collection, plus btag's synthetic marker) between npz
 * and HDF5, keeping each array's name, shape and element type, and returns the layout that reads the result.
 *
 * <p>HDF5 to npz is lossless: numeric datasets become numeric arrays of the same dtype, compound datasets structured
 * arrays with the same fields (padding removed), so the same layout reads the output. npz to HDF5 writes numeric
 * arrays with the same type (jHDF writes float32/64, int8/32/64: smaller integers widen, uint64 becomes int64); a
 * structured array, which jHDF cannot write as a compound dataset, becomes a float64 array with one column per field
 * on its last axis, and the returned layout names those columns ({@code columns:}). HDF5 datasets are written as the
 * {@link Hdf5Storage} says: contiguous (the default) or chunked with shuffle and gzip. Each array is held in memory
 * once while it is converted; the output appears atomically.
 */
public final class LayoutConverter {

    private LayoutConverter() {
    }

    /**
     * Converts a file.
     *
     * @param in the input file (npz or HDF5, by the layout's format or its extension)
     * @param out the output file; its extension decides its format, which must differ from the input's
     * @param layout the layout naming the arrays to convert
     * @return the layout that reads {@code out}
     * @throws IOException when a file cannot be read or written, or the input does not match the layout
     * @throws IllegalArgumentException when both files have the same format or the output extension is unknown
     */
    public static Layout convert(Path in, Path out, Layout layout) throws IOException {
        return convert(in, out, layout, Hdf5Storage.CONTIGUOUS).layout();
    }

    /**
     * What a conversion wrote.
     *
     * @param layout the layout that reads the output
     * @param flattened the structured arrays written as numeric arrays with one column per field (HDF5 output only;
     *     jHDF cannot write compound datasets), in conversion order
     */
    public record Result(Layout layout, List<String> flattened) {
        /**
         * Copies the list.
         *
         * @param layout the output's layout
         * @param flattened the flattened arrays
         */
        public Result {
            flattened = List.copyOf(flattened);
        }
    }

    /**
     * Converts a file, writing HDF5 datasets with the given storage.
     *
     * @param in the input file (npz or HDF5, by the layout's format or its extension)
     * @param out the output file; its extension decides its format, which must differ from the input's
     * @param layout the layout naming the arrays to convert
     * @param storage how HDF5 datasets are stored; must be {@link Hdf5Storage#CONTIGUOUS} for npz output
     * @return the output's layout and the arrays that were flattened
     * @throws IOException when a file cannot be read or written, or the input does not match the layout
     * @throws IllegalArgumentException when both files have the same format, the output extension is unknown, or a
     *     chunked storage is asked of npz output
     */
    public static Result convert(Path in, Path out, Layout layout, Hdf5Storage storage) throws IOException {
        FileFormat from = layout.formatOf(in);
        FileFormat to = FileFormat.fromPath(out).orElseThrow(() -> new IllegalArgumentException(out
            + ": the output needs the extension .npz, .h5 or .hdf5"));
        if (from == to) {
            throw new IllegalArgumentException(in + " and " + out + " are both " + from.key() + "; convert goes"
                + " between npz and HDF5");
        }
        if (to != FileFormat.HDF5 && storage.chunked()) {
            throw new IllegalArgumentException(out + ": chunks and gzip apply to HDF5 output only");
        }
        List<LayoutProblem> problems = JetFile.check(in, layout);
        if (!problems.isEmpty()) {
            throw new LayoutMismatchException(in, problems.get(0).key(), problems.get(0).problem());
        }
        Set<String> arrays = new LinkedHashSet<>();
        arrays.add(layout.jets().array());
        layout.collections().forEach(c -> arrays.add(c.array()));
        List<String> flattened = new ArrayList<>();
        try (ArrayFile source = JetFile.openArrays(in, layout)) {
            if (source.contains(TutorialFile.SYNTHETIC_ENTRY)) {
                arrays.add(TutorialFile.SYNTHETIC_ENTRY);
            }
            if (to == FileFormat.HDF5) {
                toHdf5(((NpzArrayFile) source), out, arrays, flattened, storage);
            } else {
                toNpz((Hdf5File) source, out, arrays);
            }
        }
        List<String> structured = flattened.stream().filter(a -> !a.equals(TutorialFile.SYNTHETIC_ENTRY)).toList();
        return new Result(outputLayout(layout, to, flattened, in), structured);
    }

    private static void toHdf5(NpzArrayFile source, Path out, Set<String> arrays, List<String> flattened,
                               Hdf5Storage storage) throws IOException {
        try (Hdf5Writer writer = Hdf5Writer.create(out, storage)) {
            for (String name : arrays) {
                NpyArray array = source.npz().get(name);
                long[] shape = array.shape();
                RecordType record = array.recordType().orElse(null);
                if (record != null) {
                    int cells = Math.toIntExact(array.size());
                    int fields = record.fields().size();
                    double[] values = new double[Math.multiplyExact(cells, fields)];
                    ByteBuffer records = array.rowsAsRecords(0, array.rows());
                    for (int f = 0; f < fields; f++) {
                        double[] column = new double[cells];
                        record.decode(records, cells, f, column, 0);
                        for (int c = 0; c < cells; c++) {
                            values[c * fields + f] = column[c];
                        }
                    }
                    long[] withFields = Arrays.copyOf(shape, shape.length + 1);
                    withFields[shape.length] = fields;
                    writer.write(name, values, withFields);
                    flattened.add(name);
                    continue;
                }
                switch (array.dtype().type()) {
                    case FLOAT32, FLOAT16 -> writer.write(name, array.toFloatArray(), shape);
                    case FLOAT64 -> writer.write(name, array.toDoubleArray(), shape);
                    case INT8, BOOL -> writer.write(name, toBytes(array.toIntArray()), shape);
                    case UINT8, INT16, UINT16, INT32 -> writer.write(name, array.toIntArray(), shape);
                    default -> writer.write(name, array.toLongArray(), shape);
                }
            }
        }
    }

    private static byte[] toBytes(int[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static void toNpz(Hdf5File source, Path out, Set<String> arrays) throws IOException {
        Path absolute = out.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (NpzWriter writer = NpzWriter.create(temporary, false)) {
                for (String name : arrays) {
                    Hdf5Dataset dataset = source.array(name);
                    ByteBuffer raw = dataset.readRaw(0, dataset.rows());
                    RecordType record = dataset.records();
                    if (dataset.compound()) {
                        RecordType packed = packed(record);
                        writer.writeRecords(name, packed, dataset.shape(), repack(raw, record, packed));
                    } else {
                        DType dtype = record.fields().get(0).type();
                        writer.write(name, dtype, dataset.shape(), false, raw);
                    }
                }
            }
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static RecordType packed(RecordType record) {
        List<RecordType.Field> fields = new ArrayList<>();
        int offset = 0;
        for (RecordType.Field f : record.fields()) {
            fields.add(new RecordType.Field(f.name(), f.type(), offset, f.count()));
            offset += f.bytes();
        }
        return new RecordType(fields, offset);
    }

    private static ByteBuffer repack(ByteBuffer raw, RecordType from, RecordType to) {
        if (from.equals(to)) {
            return raw;
        }
        int n = raw.remaining() / from.itemSize();
        byte[] out = new byte[n * to.itemSize()];
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < from.fields().size(); f++) {
                RecordType.Field a = from.fields().get(f);
                RecordType.Field b = to.fields().get(f);
                raw.get(r * from.itemSize() + a.offset(), out, r * to.itemSize() + b.offset(), a.bytes());
            }
        }
        return ByteBuffer.wrap(out);
    }

    /** The layout of the output: the format changes, and flattened structured arrays get named columns. */
    private static Layout outputLayout(Layout layout, FileFormat to, List<String> flattened, Path in)
        throws IOException {
        Layout result = layout.withFormat(to, in + " converted to " + to.key());
        if (flattened.isEmpty()) {
            return result;
        }
        try (ArrayFile source = JetFile.openArrays(in, layout)) {
            for (String array : flattened) {
                if (!array.equals(TutorialFile.SYNTHETIC_ENTRY)) {
                    result = result.withNumericColumns(array, source.array(array).fields());
                }
            }
        }
        return result;
    }
}
