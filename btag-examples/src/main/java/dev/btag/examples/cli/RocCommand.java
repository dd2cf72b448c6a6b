package dev.btag.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.models.evaluate.ColumnRoc;
import dev.btag.models.evaluate.RocSummary;
import dev.btag.io.FileChecks;
import dev.btag.metrics.roc.RocCsv;
import dev.btag.metrics.workingpoint.WorkingPoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code btag roc}: ROC curve, AUC and working points of any score array against any label array of .npz files, or of
 * any score field against any label field of files read through a layout ({@link ColumnRoc}).
 */
@Command(name = "roc", mixinStandardHelpOptions = true,
    description = {"ROC curve, AUC and working points of any score array against any label array of .npz files (or,"
        + " with --layout, of fields of the jet table of npz or HDF5 files), the files taken together.",
        "An entry is signal when its label equals one of the --signal values; every other entry is background,"
            + " unless --background restricts it (entries with other labels are then left out)."})
final class RocCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE",
        description = "The .npz (or .npy) files holding the arrays, or with --layout any files it reads; names or"
            + " quoted globs.")
    List<String> files;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "Read the files through a layout ('tutorial' or"
        + " a layout file): --score, --label and --weight name fields or columns of its jet table.")
    String layout;

    @Option(names = "--score", required = true, paramLabel = "NAME", description = "Score array: one value per entry.")
    String score;

    @Option(names = "--label", required = true, paramLabel = "NAME", description = "Label array: one value per entry.")
    String label;

    @Option(names = "--signal", arity = "1..*", paramLabel = "V", defaultValue = "1",
        description = "Label values of signal entries (default: ${DEFAULT-VALUE}, the positive class of 0/1 or bool"
            + " labels; 5 for b jets in truth codes).")
    double[] signal;

    @Option(names = "--background", arity = "1..*", paramLabel = "V",
        description = "Label values of background entries (default: every non-signal value).")
    double[] background;

    @Option(names = "--weight", paramLabel = "NAME",
        description = "Weight array: one finite, non-negative value per entry.")
    String weight;

    @Option(names = "--curve-out", paramLabel = "CSV",
        description = "Write the curve as CSV threshold,tpr,fpr: one row per distinct score, thresholds descending,"
            + " first row the (0,0) point at threshold Infinity.")
    Path curveOut;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    private List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        Layout readWith = layout == null ? null : Layout.resolve(layout);
        List<Path> inputs = FileSet.expand(files).files();
        if (curveOut != null) {
            FileChecks.requireNotAnInput(curveOut, inputs);
        }
        RocSummary summary = ColumnRoc.builder().setFiles(inputs).optLayout(readWith).setScore(score).setLabel(label)
            .setSignal(signal).optBackground(background).optWeight(weight).build().compute();
        this.inputs = inputs;
        if (curveOut != null) {
            try {
                RocCsv.write(summary.curve(), curveOut);
            } catch (IOException e) {
                throw new IOException("cannot write the curve: " + BtagCommand.oneLine(e), e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new GsonBuilder().create().toJson(toJson(summary)));
        } else {
            printText(out, summary);
        }
        out.flush();
        return 0;
    }

    /** The JSON document of design.md; a threshold of +Infinity (nothing tagged) is written as null. */
    static JsonObject toJson(RocSummary summary) {
        JsonObject root = new JsonObject();
        root.addProperty("auc", summary.auc().auc());
        root.addProperty("signal", summary.signal());
        root.addProperty("background", summary.background());
        JsonArray points = new JsonArray();
        for (WorkingPoint wp : summary.workingPoints()) {
            JsonObject p = new JsonObject();
            p.addProperty("mistag", wp.target());
            if (Double.isInfinite(wp.threshold())) {
                p.add("threshold", com.google.gson.JsonNull.INSTANCE);
            } else {
                p.addProperty("threshold", wp.threshold());
            }
            p.addProperty("efficiency", wp.efficiency());
            points.add(p);
        }
        root.add("workingPoints", points);
        return root;
    }

    private void printText(PrintWriter out, RocSummary s) {
        out.printf(Locale.ROOT, "%s: score '%s' vs label '%s'%s%n", inputs.size() == 1 ? inputs.get(0)
                : inputs.size() + " files (" + inputs.get(0) + " ...)", score, label,
            weight == null ? "" : ", weights '" + weight + "'");
        out.printf(Locale.ROOT, "signal %d entries, background %d entries, %d ROC points%n", s.signal(),
            s.background(), s.curve().size());
        out.printf(Locale.ROOT, "AUC %.6f +- %.6f (DeLong)%n", s.auc().auc(), s.auc().standardError());
        for (WorkingPoint wp : s.workingPoints()) {
            out.printf(Locale.ROOT, "mistag <= %-6s threshold %-12s efficiency %.4f +- %.4f, mistag %.5f"
                    + " +- %.5f, rejection %.1f%n", fmtPercent(wp.target()), wp.threshold(),
                wp.efficiency(), wp.efficiencyError(), wp.mistag(), wp.mistagError(), wp.rejection());
        }
    }

    private static String fmtPercent(double fraction) {
        return String.format(Locale.ROOT, "%.3g%%", 100 * fraction).replaceAll("\\.?0+%", "%");
    }
}
