package dev.btag.examples.cli;

import com.google.gson.JsonObject;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.weight.WeightsNpz;
import dev.btag.models.Tagger;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.EvaluationPlots;
import dev.btag.models.evaluate.EvaluationSummary;
import dev.btag.models.evaluate.PredictionsNpz;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code btag evaluate}: evaluates a saved tagger on a test file with the library's {@link TaggerEvaluation} and
 * writes the outputs of {@link EvaluationOutputs}; with {@code --weights}, weighted metrics (and {@code weights} in
 * metrics.json names the file).
 */
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

    @Option(names = "--weights", paramLabel = "WEIGHTS.npz",
        description = "Per-jet weights of the test file (an npz with a 'weight' array, e.g. from btag reweight):"
            + " weighted ROCs, working points and efficiencies (default: unweighted).")
    Path weights;

    @Override
    public Integer call() throws Exception {
        Path modelFile = TrainingRun.modelFile(model);
        Evaluation evaluation;
        try (Tagger tagger = TaggerFile.load(modelFile); TutorialFile file = TutorialFile.open(test)) {
            double[] w = null;
            if (weights != null) {
                float[] read = WeightsNpz.readWeights(weights, file.jetCount(), test.toString());
                w = new double[read.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = read[i];
                }
            }
            evaluation = TaggerEvaluation.standard().evaluate(tagger, file, w);
        }
        Files.createDirectories(out);
        JsonObject metrics = EvaluationJson.toJson(evaluation, modelFile);
        if (weights != null) {
            metrics.addProperty("weights", weights.toString());
        }
        byte[] metricsBytes = (EvaluationJson.GSON.toJson(metrics) + "\n").getBytes(StandardCharsets.UTF_8);
        TaggerFile.writeAtomically(out.resolve(EvaluationOutputs.METRICS_FILE), s -> s.write(metricsBytes));
        PredictionsNpz.write(evaluation, out.resolve(EvaluationOutputs.PREDICTIONS_FILE));
        EvaluationPlots.write(evaluation, out);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(EvaluationJson.GSON.toJson(metrics));
        } else {
            if (weights != null) {
                o.println("weighted by " + weights);
            }
            EvaluationSummary.lines(evaluation).forEach(o::println);
            o.println("wrote " + out.resolve(EvaluationOutputs.METRICS_FILE) + ", " + EvaluationOutputs.PREDICTIONS_FILE
                + ", " + String.join(", ", EvaluationPlots.FILES));
        }
        o.flush();
        return 0;
    }
}
