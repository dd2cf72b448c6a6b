package dev.btag.models.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.Tagger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelScanTest {

    @TempDir
    static Path dir;
    static SyntheticSample.Files sample;

    @BeforeAll
    static void generate() throws Exception {
        sample = SyntheticSample.write(dir.resolve("data"), 400, 11);
    }

    private static ModelScan.Builder miniScan(Path out) {
        return ModelScan.builder().setArchitecture(Architecture.DNN).setDepths(1, 2).setWidths(8, 16).optEpochs(1)
            .optBatchSize(64).setTrainFiles(List.of(sample.train())).setTestFiles(List.of(sample.test()))
            .setOutputDir(out);
    }

    private static List<Path> pointFiles(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out.resolve(ModelScan.POINTS_DIR))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void anInterruptedScanResumesWithoutRetrainingItsFinishedPoints() throws Exception {
        Path out = dir.resolve("interrupted");
        List<String> firstRun = new ArrayList<>();
        IllegalStateException stop = assertThrows(IllegalStateException.class, () -> miniScan(out).optWorkers(1)
            .optListener((result, trained, toTrain) -> {
                firstRun.add(result.point().key());
                throw new IllegalStateException("stopped after " + result.point().key());
            }).build().run());
        assertEquals(1, firstRun.size(), "the listener's exception stops the scan: " + firstRun);
        assertTrue(stop.getMessage().contains(firstRun.get(0)), stop.getMessage());
        List<Path> kept = pointFiles(out);
        assertEquals(1, kept.size(), "one point finished before the interruption: " + kept);
        assertEquals(firstRun.get(0) + ".json", kept.get(0).getFileName().toString());
        assertFalse(Files.exists(out.resolve(ScanOutputs.JSON)), "no scan.json for an unfinished scan");
        String keptBytes = Files.readString(kept.get(0));
        FileTime keptTime = Files.getLastModifiedTime(kept.get(0));
        Instant resumedAt = Instant.now();

        List<String> secondRun = new ArrayList<>();
        ScanResult result = miniScan(out).optWorkers(2)
            .optListener((r, trained, toTrain) -> {
                assertEquals(3, toTrain);
                secondRun.add(r.point().key());
            }).build().run();
        assertEquals(3, secondRun.size(), "only the missing points train: " + secondRun);
        assertFalse(secondRun.contains(firstRun.get(0)), secondRun + " retrained " + firstRun.get(0));
        assertEquals(3, result.trainedPoints());
        assertEquals(1, result.reusedPoints());
        assertEquals(keptBytes, Files.readString(kept.get(0)), "the finished point's file is not rewritten");
        assertEquals(keptTime, Files.getLastModifiedTime(kept.get(0)));
        assertEquals(4, pointFiles(out).size());
        for (PointResult p : result.points()) {
            boolean reused = p.point().key().equals(firstRun.get(0));
            assertEquals(reused, p.finishedAt().isBefore(resumedAt), p.point().key() + " finished " + p.finishedAt());
            assertTrue(p.auc() > 0 && p.auc() < 1 && p.aucError() > 0, p.toString());
            assertTrue(Files.isRegularFile(out.resolve(ModelScan.POINTS_DIR).resolve(p.point().key())
                .resolve("model.btag")), "the point's model is kept");
        }

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve(ScanOutputs.JSON))).getAsJsonObject();
        assertEquals(4, json.getAsJsonArray("points").size());
        assertEquals(4, json.getAsJsonArray("summary").size(), "one summary per (depth, width)");
        assertTrue(json.get("synthetic").getAsBoolean());
        assertEquals(SyntheticSample.BANNER, json.get("note").getAsString());
        assertEquals(5, Files.readAllLines(out.resolve(ScanOutputs.CSV)).size());
        assertTrue(Files.size(out.resolve(ScanOutputs.HEAT_MAP)) > 1000);

        // a third run trains nothing; other settings in the same directory are refused by name
        List<String> thirdRun = new ArrayList<>();
        ScanResult again = miniScan(out).optListener((r, t, n) -> thirdRun.add(r.point().key())).build().run();
        assertEquals(List.of(), thirdRun);
        assertEquals(result.points(), again.points());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
            () -> miniScan(out).optEpochs(2).build().run());
        assertTrue(other.getMessage().contains(ScanSettings.FILE) && other.getMessage().contains("'epochs'"),
            other.getMessage());
        assertFalse(other.getMessage().contains("\n"));
    }

    @Test
    void headWidthsAreTheWidthRepeatedDepthTimesAndParallelPointsMatchSequentialOnes() throws Exception {
        Path parallel = dir.resolve("parallel");
        ScanResult both = ModelScan.builder().setArchitecture(Architecture.DNN).setDepths(3).setWidths(8, 12)
            .optEpochs(1).optBatchSize(64).setTrainFiles(List.of(sample.train()))
            .setTestFiles(List.of(sample.test())).setOutputDir(parallel).optWorkers(2).build().run();
        PointResult inParallel = both.points().get(0);
        try (Tagger tagger = TaggerFile.load(parallel.resolve(ModelScan.POINTS_DIR)
                .resolve(inParallel.point().key()).resolve("model.btag"))) {
            assertArrayEquals(new int[] {8, 8, 8}, tagger.spec().headWidths());
        }
        TaggerSpec expected = TaggerSpec.builder().setArchitecture(Architecture.DNN).optHeadWidths(8, 8, 8).build();
        assertEquals(expected.kerasParameterCount(), inParallel.kerasParameters());
        assertTrue(both.points().get(1).parameters() > inParallel.parameters(), "wider heads have more parameters");

        ScanResult alone = ModelScan.builder().setArchitecture(Architecture.DNN).setDepths(3).setWidths(8)
            .optEpochs(1).optBatchSize(64).setTrainFiles(List.of(sample.train()))
            .setTestFiles(List.of(sample.test())).setOutputDir(dir.resolve("alone")).optWorkers(1).build().run();
        PointResult sequential = alone.points().get(0);
        assertEquals(sequential.bestValidationLoss(), inParallel.bestValidationLoss(),
            "a point trained beside another starts from the same weights as one trained alone");
        assertEquals(sequential.auc(), inParallel.auc());
    }

    @Test
    void badSettingsAreOneLineErrorsNamingTheSetting() {
        Path out = dir.resolve("never-written");
        String[][] cases = {
            {"depths", "empty"}, {"widths", "positive, got 0"}, {"depths", "repeats"}, {"seeds", "at least 1"},
            {"workers", "at least 1"},
        };
        List<ModelScan.Builder> builders = List.of(
            miniScan(out).setDepths(), miniScan(out).setWidths(16, 0), miniScan(out).setDepths(2, 2),
            miniScan(out).optSeeds(0), miniScan(out).optWorkers(0));
        for (int i = 0; i < cases.length; i++) {
            ModelScan.Builder b = builders.get(i);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().contains(cases[i][0]) && e.getMessage().contains(cases[i][1]),
                e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> miniScan(out).optEpochs(0).build());
        assertThrows(IllegalStateException.class, () -> miniScan(out).setTestFiles(List.of()).build());
        assertFalse(Files.exists(out), "nothing is written by a builder");
    }
}
