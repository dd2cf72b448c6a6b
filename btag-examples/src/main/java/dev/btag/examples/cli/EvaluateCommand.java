package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.io.FileChecks;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EfficiencyMapJson;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.EvaluationSummary;
import dev.btag.models.evaluate.EvaluationWeights;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.onnx.ModelFiles;
import dev.btag.models.onnx.OutputKind;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code btag evaluate}: evaluates a saved tagger or an ONNX model ({@link ModelFiles}) on test files (names or quoted
 * globs, read through the tagger's saved layout unless {@code --layout} says otherwise) with the library's
 * {@link TaggerEvaluation} and writes the outputs of {@link EvaluationOutputs}; weighted by the layout's
 * {@code weight} field when it declares one (unless {@code --no-layout-weights}) or by {@code --weights}, which
 * replaces it ({@link EvaluationWeights}; metrics.json records which in {@code weightSource}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluates a saved tagger or an ONNX model on test files: ROC curves, AUCs, working points at fixed"
        + " mistag and efficiency, performance per pT and |eta| bin, confusion matrices, calibration, BvsL efficiency"
        + " maps.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true,
        description = "A saved tagger (.btag), a 'btag train' output directory, or an ONNX model (.onnx).")
    Path model;

    @Option(names = "--logits", description = "The ONNX model outputs logits: apply a softmax.")
    boolean logits;

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

    @Option(names = "--weights", paramLabel = "WEIGHTS.npz",
        description = "Per-jet weights of the test files (an npz with a 'weight' array, e.g. from btag reweight):"
            + " weighted ROCs, working points and efficiencies; they replace the layout's weight field (default:"
            + " the layout's weights, else unweighted).")
    Path weights;

    @Option(names = "--no-layout-weights",
        description = "Ignore the weight field the layout declares: every jet counts once (unless --weights).")
    boolean noLayoutWeights;

    @Override
    public Integer call() throws Exception {
        FileChecks.createDirectories(out);
        Path modelFile = ModelFiles.isOnnx(model) ? model : TrainingRun.modelFile(model);
        EvaluationWeights chosen = weights != null ? EvaluationWeights.fromFile(weights)
            : noLayoutWeights ? EvaluationWeights.none() : EvaluationWeights.fromLayout();
        Evaluation evaluation;
        Layout readWith;
        List<Path> testFiles = FileSet.expand(test).files();
        if (ModelFiles.isOnnx(modelFile)) {
            readWith = layout == null ? Layout.tutorial() : Layout.resolve(layout);
            try (JetScorer scorer = ModelFiles.open(modelFile, logits ? OutputKind.LOGITS : OutputKind.PROBABILITIES,
                    readWith)) {
                evaluation = TaggerEvaluation.standard().evaluate(scorer, testFiles, readWith, chosen);
            }
        } else {
            try (Tagger tagger = TaggerFile.load(modelFile)) {
                readWith = layout != null ? Layout.resolve(layout)
                    : tagger.layoutInputs().map(LayoutInputs::layout).orElse(Layout.tutorial());
                evaluation = TaggerEvaluation.standard().evaluate(tagger, testFiles, readWith, chosen);
            }
        }
        JsonObject metrics = EvaluationJson.toJson(evaluation, modelFile);
        chosen.describe(metrics, readWith);
        List<Path> plots = EvaluationOutputs.writeAll(evaluation, out, metrics);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(EvaluationJson.GSON.toJson(metrics));
        } else {
            if (evaluation.sample().weighted()) {
                o.println("weighted by " + (weights != null ? weights : "the layout's weight field '"
                    + chosen.field(readWith) + "'"));
            }
            EvaluationSummary.lines(evaluation).forEach(o::println);
            o.println("wrote " + out.resolve(EvaluationOutputs.METRICS_FILE) + ", " + EvaluationOutputs.PREDICTIONS_FILE
                + (evaluation.efficiencyMaps() == null ? "" : ", " + EfficiencyMapJson.FILE + " (.csv, .npz)") + " and "
                + plots.size() + " plots: " + String.join(", ", plots.stream().map(p -> p.getFileName().toString())
                    .toList()));
        }
        o.flush();
        return 0;
    }
}
