package dev.btag.examples.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.btag.data.ntuple.LayoutProblem;
import dev.btag.data.ntuple.LayoutReport;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** How {@code btag inspect --layout} prints a {@link LayoutReport}, as text and as JSON. */
final class LayoutInspection {

    private LayoutInspection() {
    }

    static void printText(PrintWriter out, LayoutReport report) {
        out.printf(Locale.ROOT, "%s  (layout %s)%n", report.file(), report.layout().source());
        for (LayoutProblem problem : report.problems()) {
            out.printf(Locale.ROOT, "  problem  %s%n", problem);
        }
        if (report.jets() < 0) {
            return;
        }
        out.printf(Locale.ROOT, "  jets     %d%n", report.jets());
        for (LayoutReport.Input input : report.inputs()) {
            out.printf(Locale.ROOT, "  %-8s %s %s %s: %d values per jet, %d NaN, %d infinite%s%n", input.name(),
                input.array(), Arrays.toString(input.shape()), input.type(), input.values(), input.nan(),
                input.infinite(), input.key().equals("jets") ? ""
                    : String.format(Locale.ROOT, ", %.1f%% of object slots real", 100 * input.realFraction()));
        }
        StringBuilder classes = new StringBuilder();
        for (Map.Entry<String, Long> e : report.classCounts().entrySet()) {
            classes.append(classes.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        }
        out.printf(Locale.ROOT, "  classes  %s; %d jets of no class%n", classes, report.unlabelled());
        if (report.weights() != null) {
            LayoutReport.Weights w = report.weights();
            out.printf(Locale.ROOT, "  weight   %s: sum %.6g, %d negative, %d NaN or infinite%n", w.field(), w.sum(),
                w.negative(), w.nonFinite());
        }
    }

    static JsonObject toJson(LayoutReport report) {
        JsonObject file = new JsonObject();
        file.addProperty("path", report.file().toString());
        file.addProperty("layout", report.layout().source());
        JsonArray problems = new JsonArray();
        for (LayoutProblem p : report.problems()) {
            JsonObject problem = new JsonObject();
            problem.addProperty("key", p.key());
            problem.addProperty("problem", p.problem());
            problems.add(problem);
        }
        file.add("problems", problems);
        if (report.jets() < 0) {
            return file;
        }
        file.addProperty("jets", report.jets());
        JsonArray inputs = new JsonArray();
        for (LayoutReport.Input input : report.inputs()) {
            JsonObject i = new JsonObject();
            i.addProperty("key", input.key());
            i.addProperty("name", input.name());
            i.addProperty("array", input.array());
            JsonArray shape = new JsonArray();
            Arrays.stream(input.shape()).forEach(shape::add);
            i.add("shape", shape);
            i.addProperty("type", input.type());
            i.addProperty("valuesPerJet", input.values());
            i.addProperty("nan", input.nan());
            i.addProperty("infinite", input.infinite());
            i.addProperty("realFraction", input.realFraction());
            inputs.add(i);
        }
        file.add("inputs", inputs);
        JsonObject classes = new JsonObject();
        report.classCounts().forEach(classes::addProperty);
        file.add("classes", classes);
        file.addProperty("unlabelled", report.unlabelled());
        if (report.weights() != null) {
            JsonObject w = new JsonObject();
            w.addProperty("field", report.weights().field());
            w.addProperty("sum", report.weights().sum());
            w.addProperty("negative", report.weights().negative());
            w.addProperty("nonFinite", report.weights().nonFinite());
            file.add("weight", w);
        }
        return file;
    }
}
