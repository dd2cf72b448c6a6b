package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.data.npy.NpyArray;
import dev.btag.data.npy.NpzFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code btag bench read FILE [--repeat N] [--array NAME [--rows FROM:TO]] [--open-only]}: materialises every
 * array of a {@code .npy}/{@code .npz} file (or one array, or a row range of it) as Java arrays of its natural type
 * and prints {@code {"bytes":…,"seconds":…,"gbPerSecond":…,"firstSeconds":…,"openSeconds":…,"repeat":…}}.
 *
 * <p>{@code bytes} counts the array data read (size times item size, as NumPy's {@code nbytes}); {@code seconds} is
 * the fastest of {@code --repeat} passes (each pass reads everything again, whole-array reads verifying the CRC-32);
 * {@code gbPerSecond} is {@code bytes / seconds / 1e9}; {@code firstSeconds} is the first pass alone (in a fresh
 * JVM it includes faulting in new heap and compiling the code); {@code openSeconds} is the time to open the file and read
 * every array's header, before the first pass ({@code --open-only} stops there and reports 0 bytes, 0 seconds and
 * 0 passes, and {@code openSeconds} as the fastest of {@code --repeat} opens). Natural types: float16 and float32 become {@code float[]}, float64 {@code double[]}, int64, uint32 and
 * uint64 {@code long[]}, the other integers and bool {@code int[]}.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
    description = "Materialises every array of a file and prints bytes, seconds and GB/s as JSON.")
final class BenchReadCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The .npz archive or .npy file to read.")
    Path file;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
        description = "Read the file N times and report the fastest pass (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--array", paramLabel = "NAME", description = "Read only this array.")
    String array;

    @Option(names = "--rows", paramLabel = "FROM:TO",
        description = "With --array: read only rows [FROM, TO) along axis 0 (not CRC-verified).")
    String rows;

    @Option(names = "--open-only",
        description = "Only open the file and read every array header (--repeat times); report the fastest "
            + "openSeconds.")
    boolean openOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat must be at least 1, got " + repeat);
        }
        if (rows != null && array == null) {
            throw new ParameterException(spec.commandLine(), "--rows needs --array");
        }
        long[] range = rows == null ? null : parseRows(rows);
        double fastestOpen = Double.POSITIVE_INFINITY;
        for (int pass = 1; openOnly && pass < repeat; pass++) {
            long start = System.nanoTime();
            try (NpzFile npz = NpzFile.open(file)) {
                for (String name : array == null ? npz.names() : List.of(array)) {
                    npz.get(name);
                }
            }
            fastestOpen = Math.min(fastestOpen, (System.nanoTime() - start) / 1e9);
        }
        long openStart = System.nanoTime();
        try (NpzFile npz = NpzFile.open(file)) {
            List<String> names = array == null ? npz.names() : List.of(array);
            NpyArray[] arrays = new NpyArray[names.size()];
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = npz.get(names.get(i));
            }
            double openSeconds = Math.min(fastestOpen, (System.nanoTime() - openStart) / 1e9);
            long bytes = 0;
            double best = Double.POSITIVE_INFINITY;
            double first = 0;
            int passes = openOnly ? 0 : repeat;
            for (int pass = 0; pass < passes; pass++) {
                long start = System.nanoTime();
                bytes = 0;
                for (NpyArray a : arrays) {
                    bytes += materialise(a, range);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                first = pass == 0 ? seconds : first;
                best = Math.min(best, seconds);
            }
            JsonObject result = new JsonObject();
            result.addProperty("bytes", bytes);
            result.addProperty("seconds", passes == 0 ? 0 : best);
            result.addProperty("gbPerSecond", passes == 0 ? 0 : bytes / best / 1e9);
            result.addProperty("firstSeconds", first);
            result.addProperty("openSeconds", openSeconds);
            result.addProperty("repeat", passes);
            PrintWriter out = spec.commandLine().getOut();
            out.println(result);
            out.flush();
        }
        return 0;
    }

    private long[] parseRows(String text) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                long from = Long.parseLong(parts[0].strip());
                long to = Long.parseLong(parts[1].strip());
                if (0 <= from && from <= to) {
                    return new long[] {from, to};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--rows must be FROM:TO with 0 <= FROM <= TO, got '"
            + text + "'");
    }

    /** Reads one array (or its row range) as its natural Java type; returns the data bytes read. */
    private static long materialise(NpyArray array, long[] range) {
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
