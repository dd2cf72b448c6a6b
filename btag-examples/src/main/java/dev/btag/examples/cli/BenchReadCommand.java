package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.examples.bench.ReadBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code btag bench read FILE [--repeat N] [--array NAME [--rows FROM:TO]] [--open-only]}: runs {@link ReadBenchmark}
 * (which says what is timed) and prints its {@link ReadBenchmark.Result} as
 * {@code {"bytes":…,"seconds":…,"gbPerSecond":…,"firstSeconds":…,"openSeconds":…,"repeat":…}}. {@code --open-only}
 * reports 0 bytes, 0 seconds and 0 passes, and {@code openSeconds} as the fastest of {@code --repeat} opens.
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
        ReadBenchmark bench = ReadBenchmark.of(file);
        if (array != null) {
            bench = bench.onlyArray(array);
        }
        if (rows != null) {
            long[] range = parseRows(rows);
            bench = bench.onlyRows(range[0], range[1]);
        }
        if (openOnly) {
            bench = bench.openOnly();
        }
        ReadBenchmark.Result r = bench.run(repeat);
        JsonObject result = new JsonObject();
        result.addProperty("bytes", r.bytes());
        result.addProperty("seconds", r.seconds());
        result.addProperty("gbPerSecond", r.gbPerSecond());
        result.addProperty("firstSeconds", r.firstSeconds());
        result.addProperty("openSeconds", r.openSeconds());
        result.addProperty("repeat", r.repeat());
        PrintWriter out = spec.commandLine().getOut();
        out.println(result);
        out.flush();
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
}
