package org.example.btag;

import dev.btag.data.dataset.JetColumns;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.dataset.Standardizer;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.Selection;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.models.train.DeviceChoice;
import dev.btag.models.train.TaggerTrainer;
import dev.btag.models.train.TrainingData;
import dev.btag.models.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A physicist's first program with btag (docs/getting-started.md, with a small sample): write the tutorial's two
 * files, read the training file, train the DNN for one epoch, predict the test file and compute the AUC of BvsL
 * for b vs light+gluon jets.
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
     * @return the AUC of BvsL, b vs light+gluon, on the test file
     * @throws Exception on I/O or engine errors
     */
    public static double run(Path dir, int jets, int epochs) throws Exception {
        SyntheticSample.Files files = SyntheticSample.write(dir, jets, 42L);

        JetDataset.Split split;
        try (TutorialFile train = TutorialFile.open(files.train())) {
            JetColumns columns = JetColumns.load(train, FeatureSet.TUTORIAL, false);
            split = JetDataset.builder().setColumns(columns).setSampling(128, true).optSeed(42L).build()
                .kerasSplit(0.3);
        }
        Standardizer standardizer = Standardizer.fit(split.train());
        TrainingData data = new TrainingData(split.train().withStandardizer(standardizer),
            split.validation().withStandardizer(standardizer));

        try (Tagger tagger = Tagger.create(TaggerSpec.tutorial(Architecture.DNN),
                InputSpec.of(FeatureSet.TUTORIAL, standardizer), DeviceChoice.AUTO.resolve()[0])) {
            new TaggerTrainer(TrainingOptions.builder().optEpochs(epochs).build()).fit(tagger, data);
            try (TutorialFile test = TutorialFile.open(files.test());
                 TaggerPredictor predictor = new TaggerPredictor(tagger)) {
                Predictions p = predictor.predict(test);
                double[] bVsL = Discriminants.bVsL(p.probabilities());
                Selection jetsBvsL = FlavourSelection.B_VS_LIGHT_GLUON.apply(test.truthCodes());
                return RocCurve.of(jetsBvsL.pick(bVsL), jetsBvsL.signal()).auc();
            }
        }
    }

    /**
     * Prints the AUC after one epoch on 2,000 jets per file.
     *
     * @param args unused
     * @throws Exception on I/O or engine errors
     */
    public static void main(String[] args) throws Exception {
        System.out.printf("AUC b vs light+gluon = %.4f%n", run(Files.createTempDirectory("btag-consumer"), 2000, 1));
    }
}
