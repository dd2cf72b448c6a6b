package org.example.btag;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.models.Architecture;
import dev.btag.models.Tagger;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.EvaluationPlots;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A physicist's first program with btag (docs/getting-started.md, with a small sample): write the tutorial's two
 * files, train the DNN, save and reload it, evaluate it on the test file, and write the metrics JSON and the ROC and
 * efficiency plots.
 */
public final class FirstAnalysis {

    private FirstAnalysis() {
    }

    /**
     * Runs the analysis in a folder.
     *
     * @param dir a writable folder
     * @param jets jets per file
     * @param epochs training epochs
     * @return the evaluation on the test file
     * @throws Exception on I/O or engine errors
     */
    public static Evaluation run(Path dir, int jets, int epochs) throws Exception {
        SyntheticSample.Files files = SyntheticSample.write(dir, jets, 42L);
        Path saved = dir.resolve("dnn.btag");
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
                .setTrainFile(files.train()).optEpochs(epochs).optBatchSize(128).build().run()) {
            TaggerFile.save(trained.tagger(), saved);
        }
        try (Tagger tagger = TaggerFile.load(saved)) {
            Evaluation evaluation = TaggerEvaluation.standard().evaluate(tagger, files.test());
            EvaluationOutputs.writeMetrics(evaluation, saved, dir.resolve("metrics.json"));
            EvaluationPlots.write(evaluation, dir.resolve("plots"));
            return evaluation;
        }
    }

    /**
     * Prints the AUC of BvsL after one epoch on 2,000 jets per file.
     *
     * @param args unused
     * @throws Exception on I/O or engine errors
     */
    public static void main(String[] args) throws Exception {
        Evaluation e = run(Files.createTempDirectory("btag-consumer"), 2000, 1);
        System.out.printf("AUC b vs light+gluon = %.4f%n", e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc());
    }
}
