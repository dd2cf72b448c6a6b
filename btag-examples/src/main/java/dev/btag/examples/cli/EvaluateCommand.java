package dev.btag.examples.cli;

import com.google.gson.GsonBuilder;
import dev.btag.examples.evaluate.EvaluationResult;
import dev.btag.examples.evaluate.TaggerEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code btag evaluate}: evaluates a saved tagger on a test file ({@link TaggerEvaluation}). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluates a saved tagger on a test file: ROC curves, AUCs, working points, confusion matrices.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "A saved tagger (.btag) or a 'btag train' output directory.")
    Path model;

    @Option(names = "--test", required = true, description = "The test file (tutorial layout, .npz).")
    Path test;

    @Option(names = "--out", required = true, description = "Output directory (metrics.json, predictions.npz, plots).")
    Path out;

    @Option(names = "--json", description = "Print metrics.json on standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        EvaluationResult r = TaggerEvaluation.evaluate(model, test, out);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(new GsonBuilder().serializeSpecialFloatingPointValues().create()
                .toJson(TaggerEvaluation.toJson(r, TaggerEvaluation.modelFile(model), test)));
        } else {
            TaggerEvaluation.summary(r).forEach(o::println);
            o.println("wrote " + out.resolve(TaggerEvaluation.METRICS_FILE) + ", "
                + TaggerEvaluation.PREDICTIONS_FILE + ", roc.png, confusion.png, confusion-coarse.png");
        }
        o.flush();
        return 0;
    }
}
