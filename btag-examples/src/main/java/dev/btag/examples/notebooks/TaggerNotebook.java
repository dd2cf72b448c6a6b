package dev.btag.examples.notebooks;

import ai.djl.translate.TranslateException;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.confusion.Normalization;
import dev.btag.models.Architecture;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.EvaluationSummary;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What notebooks 3 to 5 (and the lecture's GRU) do, for one architecture: train on the first file with the
 * notebooks' settings (Adam 1e-3, categorical cross-entropy, {@code validation_split=0.3}, EarlyStopping(patience
 * 10) keeping the last epoch's weights as the notebooks' Keras callback does, ReduceLROnPlateau(0.1, 2); batch 512
 * and dropout 0.1 are btag's choices), print the model summary and the loss per epoch, evaluate on the second file,
 * and print the AUCs and the confusion matrix normalised per true class.
 */
final class TaggerNotebook {

    private TaggerNotebook() {
    }

    static TaggerNotebookResult run(Architecture architecture, NotebookOptions options)
            throws IOException, TranslateException {
        SyntheticSample.Files files = options.files();
        Path dir = options.out().resolve(architecture.cliName());
        TrainingRun run = TrainingRun.builder().setArchitecture(architecture).setTrainFile(files.train())
            .optOutputDir(dir).optEpochs(options.epochs()).optSeed(options.seed()).optLog(System.out::println)
            .optRestoreBest(false).build();
        Evaluation evaluation;
        TaggerNotebookResult result;
        try (TrainedTagger trained = run.run()) {
            String summary = ModelSummary.of(trained.tagger(), trained.kerasParameters());
            System.out.print(summary);
            evaluation = TaggerEvaluation.standard().evaluate(trained.tagger(), files.test());
            Path modelFile = trained.modelFile().orElseThrow();
            EvaluationOutputs.writeAll(evaluation, modelFile, dir.resolve("eval"));
            result = new TaggerNotebookResult(trained.training(), trained.parameters(), trained.kerasParameters(),
                modelFile, evaluation, dir.resolve("eval"), summary);
        }
        EvaluationSummary.lines(evaluation).forEach(System.out::println);
        System.out.println("confusion matrix, normalised per true class (rows: true, columns: predicted):");
        List<String> names = evaluation.confusion().classNames();
        double[][] m = evaluation.confusion().normalized(Normalization.TRUE);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-8s", ""));
        names.forEach(n -> header.append(String.format(Locale.ROOT, "%8s", n)));
        System.out.println(header);
        for (int i = 0; i < m.length; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-8s", names.get(i)));
            for (double v : m[i]) {
                row.append(String.format(Locale.ROOT, "%8.3f", v));
            }
            System.out.println(row);
        }
        System.out.println("plots and metrics: " + dir);
        return result;
    }
}
