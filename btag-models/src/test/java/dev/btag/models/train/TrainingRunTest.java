package dev.btag.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    @TempDir
    Path dir;

    @Test
    void settingsAreCheckedWhenBuiltBeforeAnyDataIsRead() {
        Path missing = dir.resolve("not-read.npz");
        TrainingRun.Builder base = TrainingRun.builder().setArchitecture(Architecture.DNN).setTrainFile(missing);
        assertThrows(IllegalArgumentException.class, () -> base.optEpochs(0).build());
        base.optEpochs(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> base.optLearningRate(Float.NaN).build());
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        base.optLearningRate(TrainingSettings.LEARNING_RATE);
        assertThrows(IllegalArgumentException.class, () -> base.optValidationSplit(1.0).build());
        base.optValidationSplit(TrainingSettings.VALIDATION_SPLIT);
        assertThrows(IllegalArgumentException.class, () -> base.optBatchSize(0).build());
        base.optBatchSize(TrainingSettings.BATCH_SIZE);
        assertThrows(IllegalStateException.class, () -> base.optResume(true).build(), "resume needs a directory");
        assertThrows(IllegalStateException.class, () -> TrainingRun.builder().setTrainFile(missing).build());
        assertEquals(Architecture.DNN, base.optResume(false).build().spec().architecture());
    }

    @Test
    void withoutAnOutputDirectoryNothingIsWrittenAndTheTaggerIsReturnedOpen() throws Exception {
        SyntheticSample.Files files = SyntheticSample.write(dir.resolve("data"), 300, 9);
        long before;
        try (var listing = Files.list(dir)) {
            before = listing.count();
        }
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
                .setTrainFile(files.train()).optEpochs(1).optBatchSize(64).build().run()) {
            assertTrue(trained.modelFile().isEmpty());
            assertEquals(210, trained.trainJets(), "the first 70% train");
            assertEquals(90, trained.validationJets());
            assertTrue(trained.synthetic());
            assertEquals(1, trained.training().history().size());
            assertEquals(2366, trained.kerasParameters());
            assertFalse(trained.tagger().block().getParameters().isEmpty());
        }
        try (var listing = Files.list(dir)) {
            assertEquals(before, listing.count(), "no file written");
        }
    }

    @Test
    void aLastBatchOfOneJetTrainsWithTheDefaults() throws Exception {
        // 733 jets: 513 train in batches of 512, which would leave one jet alone in a batch-norm layer
        SyntheticSample.Files files = SyntheticSample.write(dir.resolve("odd"), 733, 4);
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
                .setTrainFile(files.train()).optEpochs(1).build().run()) {
            assertEquals(513, trained.trainJets());
            assertEquals(1, trained.training().history().size());
        }
    }

    @Test
    void modelFileResolvesADirectoryOrAFileAndNamesWhatIsMissing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TrainingRun.modelFile(empty));
        assertTrue(e.getMessage().contains(TrainingRun.MODEL_FILE), e.getMessage());
        Path file = Files.writeString(empty.resolve(TrainingRun.MODEL_FILE), "x");
        assertEquals(file, TrainingRun.modelFile(empty));
        assertEquals(file, TrainingRun.modelFile(file));
    }
}
