package dev.btag.examples.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.btag.data.hdf5.Hdf5Dataset;
import dev.btag.data.hdf5.Hdf5File;
import dev.btag.data.layout.FileFormat;
import dev.btag.data.layout.Layout;
import dev.btag.data.layout.LayoutException;
import dev.btag.data.npy.ArrayStatistics;
import dev.btag.data.npy.NpyArray;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.RecordType;
import dev.btag.data.ntuple.LayoutReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code btag inspect FILE... [--stats] [--json] [--layout L]}: lists the arrays of {@code .npy}/{@code .npz} files
 * with their dtype, shape, memory order and compression; {@code --stats} adds sum, min, max, mean and NaN count (double
 * precision, NaN left out, streamed so that files larger than memory work; structured arrays and HDF5 datasets get
 * none). HDF5 files ({@code .h5}, {@code .hdf5}) list their datasets, {@code compressed} meaning filtered chunks. With
 * {@code --layout} it checks each file against a layout instead and reports what {@link LayoutReport} holds: every
 * disagreement (naming the layout key), and per input the shape, NaN and infinite counts, jets per class and weight
 * statistics; a file that disagrees makes the exit code {@link BtagCommand#EXIT_FAILURE}.
 *
 * <p>A file that cannot be read gives one line on standard error naming the file and the problem; the other files
 * are still reported, and the exit code is then {@link BtagCommand#EXIT_FAILURE}. With {@code --json} standard
 * output holds one document: {@code {"files":[{"path":…,"arrays":[{"name":"arr_0","dtype":"<f4","shape":[20000,52],
 * "fortranOrder":false,"compressed":false,"stats":{"sum":…,"min":…,"max":…,"mean":…,"nan":0}}]}]}}, listing the
 * readable files only. Statistics that are undefined (min, max and mean of an array without non-NaN values) are
 * {@code null}; infinite ones are the strings {@code "Infinity"} and {@code "-Infinity"}.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Lists the arrays of .npy/.npz files: dtype, shape, order, compression; --stats adds "
        + "sum/min/max/mean/NaN count.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .npz archives and .npy files to inspect.")
    List<Path> files;

    @Option(names = "--stats", description = "Also compute sum, min, max, mean and NaN count of every array "
        + "(reads all data; NaN values are counted and left out of the others).")
    boolean stats;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "Check each file against a layout ('tutorial' or"
        + " a YAML file) and report, per input, label and weight: shape, missing fields, NaN/inf counts, class counts.")
    String layout;

    @Spec
    CommandSpec spec;

    /** What inspect found about one array. */
    record ArrayReport(String name, String dtype, long[] shape, boolean fortranOrder, boolean compressed,
                       ArrayStatistics stats) {
    }

    /** What inspect found about one file. */
    record FileReport(Path path, boolean archive, List<ArrayReport> arrays) {
    }

    @Override
    public Integer call() throws IOException {
        if (layout != null) {
            return callWithLayout(Layout.resolve(layout));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FileReport> reports = new ArrayList<>();
        boolean failed = false;
        for (Path file : files) {
            try {
                FileReport report = inspect(file, stats);
                reports.add(report);
                if (!json) {
                    printText(out, report);
                    out.flush();
                }
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                err.println("btag inspect: " + problem(file, e));
                err.flush();
                failed = true;
            }
        }
        if (json) {
            out.println(toJson(reports));
            out.flush();
        }
        return failed ? BtagCommand.EXIT_FAILURE : 0;
    }

    private int callWithLayout(Layout resolved) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonArray reports = new JsonArray();
        boolean failed = false;
        for (Path file : files) {
            try {
                LayoutReport report = LayoutReport.of(file, resolved);
                failed |= !report.problems().isEmpty();
                if (json) {
                    reports.add(LayoutInspection.toJson(report));
                } else {
                    LayoutInspection.printText(out, report);
                    out.flush();
                }
            } catch (IOException | UncheckedIOException | IllegalStateException | LayoutException e) {
                err.println("btag inspect: " + problem(file, e));
                err.flush();
                failed = true;
            }
        }
        if (json) {
            JsonObject document = new JsonObject();
            document.add("files", reports);
            out.println(new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(document));
            out.flush();
        }
        return failed ? BtagCommand.EXIT_FAILURE : 0;
    }

    /**
     * Reads the headers (and with {@code withStats} all data) of one file.
     *
     * @param file the file
     * @param withStats whether to compute statistics
     * @return the report
     * @throws IOException when the file cannot be read or is not a valid .npy/.npz file
     */
    static FileReport inspect(Path file, boolean withStats) throws IOException {
        if (FileFormat.fromPath(file).orElse(FileFormat.NPZ) == FileFormat.HDF5) {
            try (Hdf5File h5 = Hdf5File.open(file)) {
                List<ArrayReport> arrays = new ArrayList<>();
                for (String name : h5.arrayNames()) {
                    Hdf5Dataset d = h5.array(name);
                    arrays.add(new ArrayReport(name, d.typeName(), d.shape(), false, !d.filters().isEmpty(), null));
                }
                return new FileReport(file, true, arrays);
            }
        }
        try (NpzFile npz = NpzFile.open(file)) {
            List<ArrayReport> arrays = new ArrayList<>();
            for (String name : npz.names()) {
                NpyArray array = npz.get(name);
                boolean records = array.recordType().isPresent();
                arrays.add(new ArrayReport(name, array.recordType().map(RecordType::describe)
                    .orElse(array.dtype().descr()), array.shape(), array.fortranOrder(), array.compressed(),
                    withStats && !records ? ArrayStatistics.of(array) : null));
            }
            return new FileReport(file, npz.isArchive(), arrays);
        }
    }

    private static String problem(Path file, Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = BtagCommand.oneLine(cause);
        return message.startsWith(file.toString()) ? message : file + ": " + message;
    }

    private void printText(PrintWriter out, FileReport report) {
        String kind = FileFormat.fromPath(report.path()).orElse(FileFormat.NPZ) == FileFormat.HDF5 ? "hdf5"
            : report.archive() ? "npz" : "npy";
        out.printf(Locale.ROOT, "%s  (%s, %d array%s)%n", report.path(), kind,
            report.arrays().size(), report.arrays().size() == 1 ? "" : "s");
        int nameWidth = report.arrays().stream().mapToInt(a -> a.name().length()).max().orElse(4);
        int shapeWidth = report.arrays().stream().mapToInt(a -> shapeText(a.shape()).length()).max().orElse(2);
        for (ArrayReport array : report.arrays()) {
            out.printf(Locale.ROOT, "  %-" + nameWidth + "s  %-4s  %-" + shapeWidth + "s  %-7s  %s", array.name(),
                array.dtype(), shapeText(array.shape()), array.fortranOrder() ? "Fortran" : "C",
                array.compressed() ? "deflated" : "stored");
            if (array.stats() != null) {
                ArrayStatistics s = array.stats();
                out.printf(Locale.ROOT, "  sum=%.10g min=%.10g max=%.10g mean=%.10g nan=%d", s.sum(), s.min(), s.max(),
                    s.mean(), s.nanCount());
            }
            out.println();
        }
    }

    private static String shapeText(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /**
     * The JSON document of {@code inspect --json}.
     *
     * @param reports the readable files
     * @return the document as one line
     */
    static String toJson(List<FileReport> reports) {
        JsonArray files = new JsonArray();
        for (FileReport report : reports) {
            JsonObject file = new JsonObject();
            file.addProperty("path", report.path().toString());
            JsonArray arrays = new JsonArray();
            for (ArrayReport array : report.arrays()) {
                JsonObject a = new JsonObject();
                a.addProperty("name", array.name());
                a.addProperty("dtype", array.dtype());
                JsonArray shape = new JsonArray();
                for (long dim : array.shape()) {
                    shape.add(dim);
                }
                a.add("shape", shape);
                a.addProperty("fortranOrder", array.fortranOrder());
                a.addProperty("compressed", array.compressed());
                if (array.stats() != null) {
                    JsonObject s = new JsonObject();
                    s.add("sum", number(array.stats().sum()));
                    s.add("min", number(array.stats().min()));
                    s.add("max", number(array.stats().max()));
                    s.add("mean", number(array.stats().mean()));
                    s.addProperty("nan", array.stats().nanCount());
                    a.add("stats", s);
                }
                arrays.add(a);
            }
            file.add("arrays", arrays);
            files.add(file);
        }
        JsonObject document = new JsonObject();
        document.add("files", files);
        Gson gson = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
        return gson.toJson(document);
    }

    private static JsonElement number(double value) {
        if (Double.isNaN(value)) {
            return JsonNull.INSTANCE;
        }
        if (Double.isInfinite(value)) {
            return new JsonPrimitive(value > 0 ? "Infinity" : "-Infinity");
        }
        return new JsonPrimitive(value);
    }
}
