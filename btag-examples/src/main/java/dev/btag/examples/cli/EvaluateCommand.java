package dev.btag.examples.cli;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.EvaluationPlots;
import dev.btag.models.evaluate.EvaluationSummary;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code btag evaluate}: evaluates a saved tagger on test files (names or quoted globs, read through the tagger's
 * saved layout unless {@code --layout} says otherwise) with the library's {@link TaggerEvaluation} and writes the
 * outputs of {@link EvaluationOutputs}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluates a saved tagger on test files: ROC curves, AUCs, working points, confusion matrices.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "A saved tagger (.btag) or a 'btag train' output directory.")
    Path model;

    @Option(names = "--test", required = true, arity = "1..*", paramLabel = "FILE",
        description = "The test files or quoted globs, evaluated as one sample.")
    List<String> test;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "How to read the test files: 'tutorial' or a"
        + " layout file (default: the layout saved with the tagger, else the tutorial's).")
    String layout;

    @Option(names = "--out", required = true, description = "Output directory (metrics.json, predictions.npz, plots).")
    Path out;

    @Option(names = "--json", description = "Print metrics.json on standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path modelFile = TrainingRun.modelFile(model);
        Evaluation evaluation;
        List<Path> testFiles = FileSet.expand(test).files();
        try (Tagger tagger = TaggerFile.load(modelFile)) {
            Layout readWith = layout != null ? Layout.resolve(layout)
                : tagger.layoutInputs().map(LayoutInputs::layout).orElse(Layout.tutorial());
            evaluation = TaggerEvaluation.standard().evaluate(tagger, testFiles, readWith);
        }
        EvaluationOutputs.writeAll(evaluation, modelFile, out);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(EvaluationJson.GSON.toJson(EvaluationJson.toJson(evaluation, modelFile)));
        } else {
            EvaluationSummary.lines(evaluation).forEach(o::println);
            o.println("wrote " + out.resolve(EvaluationOutputs.METRICS_FILE) + ", " + EvaluationOutputs.PREDICTIONS_FILE
                + ", " + String.join(", ", EvaluationPlots.FILES));
        }
        o.flush();
        return 0;
    }
}
