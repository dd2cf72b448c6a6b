package dev.btag.examples.cli;

import dev.btag.data.schema.TutorialFile;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.onnx.ModelFiles;
import dev.btag.models.onnx.OutputKind;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.PredictionsFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code btag predict}: scores a test file with a saved tagger or an ONNX model ({@link ModelFiles}) and writes
 * {@code predictions.npz} as {@code btag evaluate} does ({@link PredictionsFile}), without computing metrics.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Scores a test file with a saved tagger or an ONNX model; writes probabilities, truth and"
        + " discriminants (.npz), no metrics.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true,
        description = "A saved tagger (.btag), a 'btag train' output directory, or an ONNX model (.onnx).")
    Path model;

    @Option(names = "--test", required = true, description = "The file to score (tutorial layout, .npz).")
    Path test;

    @Option(names = "--out", defaultValue = EvaluationOutputs.PREDICTIONS_FILE,
        description = "The predictions file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--logits", description = "The ONNX model outputs logits: apply a softmax.")
    boolean logits;

    @Override
    public Integer call() throws Exception {
        Predictions predictions;
        int[] truth;
        String name;
        try (JetScorer scorer = ModelFiles.open(model, logits ? OutputKind.LOGITS : OutputKind.PROBABILITIES);
             TutorialFile file = TutorialFile.open(test)) {
            name = scorer.name();
            predictions = scorer.predict(file);
            truth = file.truthCodes();
        }
        PredictionsFile.write(predictions, truth, out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + out + ": " + predictions.jets() + " jets scored by " + name);
        o.flush();
        return 0;
    }
}
