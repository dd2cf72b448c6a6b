package dev.btag.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.btag.data.npy.NpyFormatException;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.data.weight.ClassWeights;
import dev.btag.data.weight.KinematicReweighter;
import dev.btag.data.weight.WeightMode;
import dev.btag.data.weight.Weighting;
import dev.btag.models.Architecture;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightedTrainingRunTest {

    @TempDir
    static Path dir;
    private static SyntheticSample.Files files;

    @BeforeAll
    static void sample() throws Exception {
        files = SyntheticSample.write(dir.resolve("data"), 400, 3);
    }

    @Test
    void reweightedRunRecordsItsWeightingInTheModelAndWritesThePlots() throws Exception {
        Path out = dir.resolve("reweighted");
        Weighting w = Weighting.builder().optReweighter(KinematicReweighter.deepJet())
            .optClassWeights(ClassWeights.balanced()).build();
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
                .setTrainFile(files.train()).optOutputDir(out).optEpochs(1).optBatchSize(64).optWeighting(w)
                .build().run()) {
            Weighting.Result r = trained.weighting().orElseThrow();
            assertEquals(400, r.weights().length, "weights keep every jet");
            double[] totals = r.classTotals();
            for (double t : totals) {
                assertEquals(totals[0], t, 1e-3 * totals[0], "balanced after reweighting: " + Arrays.toString(totals));
            }
        }
        JsonObject meta = TaggerFile.readMetadata(out.resolve(TrainingRun.MODEL_FILE));
        JsonObject weighting = meta.getAsJsonObject(TaggerFile.WEIGHTING_FIELD);
        assertEquals("b", weighting.getAsJsonObject("reweighting").get("target").getAsString());
        assertEquals("WEIGHT", weighting.getAsJsonObject("reweighting").get("mode").getAsString());
        assertEquals("balanced", weighting.get("classWeights").getAsString());
        assertEquals(400, weighting.get("jets").getAsInt());
        try (Tagger loaded = TaggerFile.load(out.resolve(TrainingRun.MODEL_FILE))) {
            assertEquals(weighting, loaded.weighting().orElseThrow(), "the record survives loading");
        }
        assertTrue(Files.size(out.resolve(WeightingPlots.JSON_FILE)) > 0);
        for (String plot : WeightingPlots.FILES) {
            assertTrue(Files.size(out.resolve(plot)) > 1000, plot);
        }
    }

    @Test
    void resamplingTrainsOnFewerJetsWithUnitWeights() throws Exception {
        Weighting w = Weighting.builder().optReweighter(KinematicReweighter.deepJet()).optMode(WeightMode.RESAMPLE)
            .build();
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
                .setTrainFile(files.train()).optEpochs(1).optBatchSize(64).optWeighting(w).build().run()) {
            Weighting.Result r = trained.weighting().orElseThrow();
            int kept = r.keptRows().length;
            assertTrue(kept < 400 && kept > 20, "kept " + kept);
            assertEquals(kept, trained.trainJets() + trained.validationJets());
            for (float weight : r.weights()) {
                assertEquals(1f, weight);
            }
            assertEquals("RESAMPLE", trained.tagger().weighting().orElseThrow().getAsJsonObject("reweighting")
                .get("mode").getAsString());
        }
    }

    @Test
    void anUnweightedRunRecordsNoWeighting() throws Exception {
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
                .setTrainFile(files.train()).optEpochs(1).optBatchSize(64).build().run()) {
            assertTrue(trained.weighting().isEmpty());
            assertTrue(trained.tagger().weighting().isEmpty());
        }
    }

    @Test
    void aWeightsFileOfAnotherLengthIsAnErrorNamingFileAndArray() throws Exception {
        Path weights = dir.resolve("short.npz");
        try (NpzWriter npz = NpzWriter.create(weights, false)) {
            npz.write("weight", new float[10], 10);
        }
        TrainingRun run = TrainingRun.builder().setArchitecture(Architecture.DNN).setTrainFile(files.train())
            .optEpochs(1).optWeightsFile(weights).build();
        NpyFormatException e = assertThrows(NpyFormatException.class, run::run);
        assertEquals(weights + ": entry 'weight.npy': 10 weights for the 400 jets of " + files.train(),
            e.getMessage());
    }
}
