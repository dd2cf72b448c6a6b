package dev.btag.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.btag.data.dataset.JetColumns;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.dataset.Standardizer;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.models.train.TaggerTrainer;
import dev.btag.models.train.TrainingData;
import dev.btag.models.train.TrainingOptions;
import dev.btag.models.train.TrainingResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the snippet at the top of docs/models.md compiling and working (with 1 epoch on a tiny sample). */
class ModelsGuideSnippetTest {

    @Test
    void theGuideSnippetTrainsSavesLoadsAndPredicts(@TempDir Path dir) throws Exception {
        SyntheticSample.Files files = SyntheticSample.write(dir, 400, 5);
        Path trainPath = files.train();
        Path testPath = files.test();
        Path saved = dir.resolve("lstm.btag");
        Path predictions = dir.resolve("predictions.npz");

        TaggerSpec spec = TaggerSpec.tutorial(Architecture.LSTM);
        try (TutorialFile file = TutorialFile.open(trainPath)) {
            JetDataset all = JetDataset.builder().setColumns(JetColumns.load(file, FeatureSet.TUTORIAL, true))
                .setSampling(512, true).optTracks(true).optSeed(42).build();
            JetDataset.Split split = all.kerasSplit(0.3);
            Standardizer standardizer = Standardizer.fit(split.train());
            InputSpec inputs = InputSpec.of(FeatureSet.TUTORIAL, standardizer);
            try (Tagger tagger = Tagger.create(spec, inputs, Device.cpu())) {
                TrainingResult result = new TaggerTrainer(TrainingOptions.builder().optEpochs(1).build())
                    .fit(tagger, new TrainingData(split.train().withStandardizer(standardizer),
                        split.validation().withStandardizer(standardizer)));
                assertEquals(1, result.history().size());
                TaggerFile.save(tagger, saved);
            }
        }
        try (Tagger tagger = TaggerFile.load(saved);
             TaggerPredictor predictor = new TaggerPredictor(tagger);
             TutorialFile test = TutorialFile.open(testPath)) {
            Predictions p = predictor.predict(test);
            p.writeNpz(predictions);
            assertEquals(400, p.jets());
        }
        try (NpzFile npz = NpzFile.open(predictions)) {
            assertTrue(npz.contains("probabilities"));
        }
    }
}
