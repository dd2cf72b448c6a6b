package dev.btag.examples.cli;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.btag.data.weight.KinematicReweighter;
import dev.btag.data.weight.Reweighting;
import dev.btag.data.weight.WeightInputs;
import dev.btag.data.weight.WeightsNpz;
import dev.btag.models.evaluate.EvaluationJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code btag reweight}: kinematic weights for the jets of one or more files (tutorial layout, or read through
 * {@code --layout}: its kinematics, classes and weight field; all files together, in the given order), written as a
 * weights file ({@link WeightsNpz}); bad options are usage errors (exit 2), found before any data is read.
 */
@Command(name = "reweight", mixinStandardHelpOptions = true,
    description = "Per-jet weights that give every class the pT/|eta| distribution of a reference class or a flat"
        + " one, written to an npz (weight, <var>_edges, hist_before_<class>, hist_after_<class>).")
final class ReweightCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, arity = "1..*", paramLabel = "FILE",
        description = "Files or quoted globs (tutorial layout, or read with --layout); the weights follow them in this"
            + " order, then row order.")
    List<String> in;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = Layout.TUTORIAL, description = "How to read"
        + " the files: 'tutorial' (default) or a layout file; its kinematics give the variables, its classes the"
        + " targets and its weight field the base weights.")
    String layout;

    @Option(names = "--out", required = true, paramLabel = "WEIGHTS.npz", description = "The weights file to write.")
    Path out;

    @Option(names = "--target", defaultValue = "b", paramLabel = "T",
        description = "flat, or the reference class: b, bb, lepb, c, uds, g, or one of the layout's classes (default:"
            + " ${DEFAULT-VALUE}).")
    String target;

    @Mixin
    ReweightingOptionsMixin reweighting;

    @Option(names = "--json", description = "Print one JSON document with the outcome.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Layout readWith = Layout.resolve(layout);
        KinematicReweighter reweighter;
        try {
            reweighter = reweighting.reweighter(target, readWith.isTutorial() ? WeightInputs.TUTORIAL_CLASSES
                : readWith.label().names());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<Path> files = FileSet.expand(in).files();
        long t0 = System.nanoTime();
        WeightInputs inputs = WeightInputs.read(files, readWith, reweighting.variables());
        Reweighting r = reweighter.reweight(inputs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonObject settings = reweighter.toJson(inputs.classNames());
        JsonArray fileNames = new JsonArray();
        files.forEach(p -> fileNames.add(p.toString()));
        settings.add("files", fileNames);
        settings.addProperty("jets", r.jets());
        settings.addProperty("cappedJets", r.cappedJets());
        settings.addProperty("emptyTargetJets", r.emptyTargetJets());
        settings.add("classTotalsBefore", totals(r, inputs.classNames(), false));
        settings.add("classTotalsAfter", totals(r, inputs.classNames(), true));
        WeightsNpz.write(out, r, settings);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            settings.addProperty("out", out.toString());
            settings.addProperty("seconds", seconds);
            o.println(EvaluationJson.GSON.toJson(settings));
        } else {
            o.printf(Locale.ROOT, "reweighted %d jets of %d file(s) to %s in %d cells (%s); %d capped, %d in cells"
                    + " the target lacks%n", r.jets(), files.size(), reweighter.target().name(inputs.classNames()),
                reweighter.cells(), reweighting.vars, r.cappedJets(), r.emptyTargetJets());
            for (int c = 0; c < inputs.classNames().size(); c++) {
                o.printf(Locale.ROOT, "  %-5s %10.1f -> %10.1f%n", inputs.classNames().get(c), sum(r.before(c)),
                    sum(r.after(c)));
            }
            o.println("wrote " + out);
        }
        o.flush();
        return 0;
    }

    private static JsonObject totals(Reweighting r, List<String> classes, boolean after) {
        JsonObject o = new JsonObject();
        for (int c = 0; c < classes.size(); c++) {
            o.addProperty(classes.get(c), sum(after ? r.after(c) : r.before(c)));
        }
        return o;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
