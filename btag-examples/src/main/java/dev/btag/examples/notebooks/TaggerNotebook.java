package dev.btag.examples.notebooks;

import ai.djl.translate.TranslateException;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.examples.evaluate.EvaluationResult;
import dev.btag.examples.evaluate.TaggerEvaluation;
import dev.btag.examples.train.TrainingRun;
import dev.btag.metrics.confusion.Normalization;
import dev.btag.models.Architecture;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.DeviceChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What notebooks 3 to 5 (and the lecture's GRU) do, for one architecture: train on the first file with the
 * notebooks' settings (Adam 1e-3, categorical cross-entropy, batch 512, {@code validation_split=0.3},
 * EarlyStopping(patience 10), ReduceLROnPlateau(0.1, 2)), print the model summary and the loss per epoch, evaluate on
 * the second file, and print the AUCs and the confusion matrix normalised per true class.
 */
final class TaggerNotebook {

    private TaggerNotebook() {
    }

    static TaggerNotebookResult run(Architecture architecture, NotebookOptions options) throws IOException, TranslateException {
        SyntheticSample.Files files = options.files();
        Path dir = options.out().resolve(architecture.cliName());
        TrainingRun.Config config = new TrainingRun.Config(architecture, files.train(), dir, options.epochs(), 512,
            1e-3f, TaggerSpec.DEFAULT_DROPOUT, options.seed(), DeviceChoice.AUTO, 0.3, true, false, null,
            System.out::println);
        TrainingRun.Result trained = TrainingRun.run(config);
        String summary;
        try (Tagger tagger = TaggerFile.load(trained.model())) {
            summary = ModelSummary.of(tagger, trained.kerasParameters());
        }
        System.out.print(summary);

        EvaluationResult evaluation = TaggerEvaluation.evaluate(trained.model(), files.test(), dir.resolve("eval"));
        TaggerEvaluation.summary(evaluation).forEach(System.out::println);
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
        return new TaggerNotebookResult(trained, evaluation, summary);
    }
}
