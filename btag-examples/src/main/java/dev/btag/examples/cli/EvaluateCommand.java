package dev.btag.examples.cli;

import dev.btag.models.Tagger;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.EfficiencyMapJson;
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
 * {@code btag evaluate}: evaluates a saved tagger on a test file with the library's {@link TaggerEvaluation} and
 * writes the outputs of {@link EvaluationOutputs}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluates a saved tagger on a test file: ROC curves, AUCs, working points at fixed mistag and"
        + " efficiency, performance per pT and |eta| bin, confusion matrices, calibration, BvsL efficiency maps.")
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
        Path modelFile = TrainingRun.modelFile(model);
        Evaluation evaluation;
        try (Tagger tagger = TaggerFile.load(modelFile)) {
            evaluation = TaggerEvaluation.standard().evaluate(tagger, test);
        }
        List<Path> plots = EvaluationOutputs.writeAll(evaluation, modelFile, out);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(EvaluationJson.GSON.toJson(EvaluationJson.toJson(evaluation, modelFile)));
        } else {
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
