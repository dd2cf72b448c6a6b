package dev.btag.examples.cli;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.FileSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.onnx.ModelFiles;
import dev.btag.models.onnx.OutputKind;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.LayoutPredictions;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.PredictionsFile;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.models.train.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code btag predict}: scores test files (names or quoted globs) with a saved tagger or an ONNX model
 * ({@link ModelFiles}) and writes {@code predictions.npz} as {@code btag evaluate} does ({@link PredictionsFile}),
 * without computing metrics. Files of the tutorial layout are scored as tutorial files (six classes, the truth codes
 * of column 50); files of any other layout (the tagger's saved one, or {@code --layout}) through
 * {@link LayoutPredictions}: the tagger's K class probabilities as given. An ONNX model's inputs are matched by name
 * to the collections of {@code --layout} (default the tutorial's), one input per collection it reads.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Scores test files with a saved tagger or an ONNX model; writes probabilities, truth and"
        + " discriminants (.npz), no metrics.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true,
        description = "A saved tagger (.btag), a 'btag train' output directory, or an ONNX model (.onnx).")
    Path model;

    @Option(names = "--test", required = true, arity = "1..*", paramLabel = "FILE",
        description = "The files or quoted globs to score, in this order.")
    List<String> test;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "How to read the test files: 'tutorial' or a"
        + " layout file (default: the layout saved with the tagger, else the tutorial's).")
    String layout;

    @Option(names = "--out", defaultValue = EvaluationOutputs.PREDICTIONS_FILE,
        description = "The predictions file to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--logits", description = "The ONNX model outputs logits: apply a softmax.")
    boolean logits;

    @Override
    public Integer call() throws Exception {
        Path modelFile = ModelFiles.isOnnx(model) ? model : TrainingRun.modelFile(model);
        List<Path> files = FileSet.expand(test).files();
        int jets;
        String name;
        if (ModelFiles.isOnnx(modelFile)) {
            Layout readWith = layout == null ? Layout.tutorial() : Layout.resolve(layout);
            try (JetScorer scorer = ModelFiles.open(modelFile, logits ? OutputKind.LOGITS : OutputKind.PROBABILITIES,
                    readWith)) {
                name = scorer.name();
                jets = predict(scorer, files, readWith);
            }
        } else {
            if (logits) {
                throw new IllegalArgumentException(modelFile + ": logits apply to ONNX models only; a btag tagger"
                    + " gives probabilities");
            }
            try (Tagger tagger = TaggerFile.load(modelFile)) {
                Layout readWith = layout != null ? Layout.resolve(layout)
                    : tagger.layoutInputs().map(LayoutInputs::layout).orElse(Layout.tutorial());
                name = tagger.spec().architecture().cliName();
                try (JetScorer scorer = new TaggerPredictor(tagger)) {
                    jets = predict(scorer, files, readWith);
                }
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + out + ": " + jets + " jets scored by " + name);
        o.flush();
        return 0;
    }

    /**
     * Scores the files: tutorial-layout files with six classes as tutorial files, any other layout through
     * {@link LayoutPredictions}; writes the predictions and returns the jets.
     */
    private int predict(JetScorer scorer, List<Path> files, Layout readWith) throws IOException,
        ai.djl.translate.TranslateException {
        if (readWith.isTutorial() && scorer.classes() == 6) {
            return predictTutorial(scorer, files);
        }
        LayoutPredictions scored = LayoutPredictions.score(scorer, files, readWith);
        scored.write(out);
        return scored.jets();
    }

    /** Scores tutorial-layout files one at a time and writes them as one predictions file; returns the jets. */
    private int predictTutorial(JetScorer scorer, List<Path> files) throws IOException,
        ai.djl.translate.TranslateException {
        List<Predictions> parts = new ArrayList<>();
        List<int[]> truths = new ArrayList<>();
        for (Path path : files) {
            try (TutorialFile file = TutorialFile.open(path)) {
                parts.add(scorer.predict(file));
                truths.add(file.truthCodes());
            }
        }
        int[] truth = truths.stream().flatMapToInt(java.util.Arrays::stream).toArray();
        PredictionsFile.write(Predictions.concat(parts), truth, out);
        return truth.length;
    }
}
