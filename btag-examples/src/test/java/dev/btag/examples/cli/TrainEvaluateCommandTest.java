package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.layout.Layout;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Tagger;
import dev.btag.models.TrainingHistory;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EvaluationWeights;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvaluateCommandTest {

    @TempDir
    static Path dir;
    static SyntheticSample.Files sample;

    @BeforeAll
    static void generate() throws Exception {
        sample = SyntheticSample.write(dir.resolve("data"), 800, 3);
    }

    private static JsonObject json(BtagCommandTest.Run run) {
        assertEquals(0, run.exitCode(), run.err());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @Test
    void deepJetTrainsOnChosenCollectionsAndEvaluates() throws Exception {
        Path out = dir.resolve("deepjet");
        JsonObject trained = json(BtagCommandTest.run("train", "--model", "deepjet", "--train",
            sample.train().toString(), "--out", out.toString(), "--epochs", "1", "--batch-size", "128",
            "--collections", "charged,neutral,vertices", "--sort-by", "charged:Cpfcan_BtagPf_trackSip2dSig", "--json"));
        assertEquals(262_306, trained.get("kerasParameters").getAsLong(), "DeepJet's three branches, counted by hand");
        BtagCommandTest.Run evaluated = BtagCommandTest.run("evaluate", "--model", out.toString(), "--test",
            sample.test().toString(), "--out", dir.resolve("deepjet-eval").toString());
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(Files.isRegularFile(dir.resolve("deepjet-eval").resolve("metrics.json")));
        BtagCommandTest.Run bad = BtagCommandTest.run("train", "--model", "deepjet", "--train",
            sample.train().toString(), "--out", dir.resolve("bad").toString(), "--padding", "sometimes");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--padding") && bad.err().contains("sometimes"), bad.err());
    }

    @Test
    void deepJetStreamsTwoTrainingFilesAndEvaluatesTwoTestFiles() throws Exception {
        Path parts = dir.resolve("parts");
        Files.createDirectories(parts);
        SyntheticSample.Files second = SyntheticSample.write(dir.resolve("data2"), 250, 4, 1);
        Files.copy(sample.train(), parts.resolve("part0.npz"));
        Files.copy(second.train(), parts.resolve("part1.npz"));
        Path out = dir.resolve("deepjet-streamed");
        BtagCommandTest.Run run = BtagCommandTest.run("train", "--model", "deepjet", "--train",
            parts.resolve("part*.npz").toString(), "--out", out.toString(), "--epochs", "1", "--batch-size", "128",
            "--no-progress", "--json");
        JsonObject trained = json(run);
        assertEquals((int) ((800 + 250) * 0.7), trained.get("trainJets").getAsInt(),
            "the Keras split over both files: the last 30% of the file list validate");
        try (Tagger tagger = TaggerFile.load(out.resolve("model.btag"))) {
            assertEquals(Layout.tutorial().collections().stream().map(c -> c.name()).toList(),
                tagger.layoutInputs().orElseThrow().collections(), "every collection of the layout, streamed");
            assertEquals(4, tagger.spec().branches().size());
        }
        BtagCommandTest.Run evaluated = BtagCommandTest.run("evaluate", "--model", out.toString(), "--test",
            sample.test().toString(), second.test().toString(), "--out", dir.resolve("deepjet-streamed-eval")
                .toString());
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        try (NpzFile npz = NpzFile.open(dir.resolve("deepjet-streamed-eval").resolve("predictions.npz"))) {
            assertEquals(800 + 250, npz.get("probabilities").shape()[0], "both test files scored");
        }
    }

    @Test
    void trainThenEvaluateWritesModelHistoryMetricsAndPredictions() throws Exception {
        Path out = dir.resolve("cnn");
        BtagCommandTest.Run run = BtagCommandTest.run("train", "--model", "cnn1x1", "--train",
            sample.train().toString(), "--out", out.toString(), "--epochs", "2", "--batch-size", "64", "--json");
        assertTrue(run.err().contains("training the cnn1x1 tagger on [cpu()]"),
            "the log names the device: " + run.err());
        JsonObject trained = json(run);
        assertEquals(85114, trained.get("kerasParameters").getAsLong());
        assertEquals(85114, trained.get("parameters").getAsLong());
        assertEquals(2, trained.get("epochs").getAsInt());
        assertEquals(560, trained.get("trainJets").getAsInt(), "Keras validation split: the last 30% validate");
        assertTrue(trained.get("synthetic").getAsBoolean());
        for (String f : new String[] {"model.btag", "history.csv", "history.json", "loss.png",
            "checkpoints/best.btag", "checkpoints/last.btag"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(2, TrainingHistory.readJson(out.resolve("history.json")).size());
        assertEquals(3, Files.readAllLines(out.resolve("history.csv")).size());

        Path eval = dir.resolve("cnn-eval");
        BtagCommandTest.Run evalRun = BtagCommandTest.run("evaluate", "--model", out.toString(), "--test",
            sample.test().toString(), "--out", eval.toString(), "--json");
        JsonObject metrics = json(evalRun);
        assertEquals(JsonParser.parseString(Files.readString(eval.resolve("metrics.json"))), metrics);
        assertFalse(evalRun.out().contains("Infinity") || evalRun.out().contains("NaN"), "strict JSON");
        assertEquals("Synthetic sample \u2014 not CMS data", metrics.get("note").getAsString());
        for (String key : new String[] {"bVsAll", "bVsC", "bVsLightGluon"}) {
            double auc = metrics.getAsJsonObject("auc").get(key).getAsDouble();
            assertTrue(auc >= 0 && auc <= 1, key + " " + auc);
        }
        double bl = metrics.getAsJsonObject("auc").get("bVsLightGluon").getAsDouble();
        assertTrue(bl > 0.6, "two epochs already separate b from light and gluon jets: " + bl);
        JsonObject blRoc = metrics.getAsJsonArray("rocs").get(2).getAsJsonObject();
        assertEquals("bVsLightGluon", blRoc.get("key").getAsString());
        assertEquals(3, blRoc.getAsJsonArray("workingPoints").size());
        assertEquals("medium",
            blRoc.getAsJsonArray("workingPoints").get(1).getAsJsonObject().get("name").getAsString());
        assertEquals(4, blRoc.getAsJsonArray("efficiencyWorkingPoints").size());
        assertEquals(0.7, blRoc.getAsJsonArray("efficiencyWorkingPoints").get(1).getAsJsonObject()
            .get("targetEfficiency").getAsDouble());
        for (String key : new String[] {"cVsLightGluon", "cVsB"}) {
            assertTrue(metrics.getAsJsonObject("auc").has(key), "c tagging reported: " + key);
        }

        // The command writes exactly what the library API gives for the same model and file.
        Path modelFile = out.resolve("model.btag");
        try (Tagger tagger = TaggerFile.load(modelFile)) {
            Evaluation library = TaggerEvaluation.standard().evaluate(tagger, sample.test());
            JsonObject expected = EvaluationJson.toJson(library, modelFile);
            EvaluationWeights.fromLayout().describe(expected, Layout.tutorial());
            assertEquals(expected, metrics);
            assertEquals("none", metrics.get("weightSource").getAsString());
        }
        assertEquals(6, metrics.getAsJsonObject("confusion").getAsJsonArray("counts").size());
        try (NpzFile npz = NpzFile.open(eval.resolve("predictions.npz"))) {
            assertEquals(800, npz.get("probabilities").shape()[0]);
            assertEquals(6, npz.get("probabilities").shape()[1]);
            assertTrue(npz.contains("truth") && npz.contains("BvsL"));
        }
        for (String plot : new String[] {"roc.png", "confusion.png", "confusion-coarse.png"}) {
            assertTrue(Files.size(eval.resolve(plot)) > 1000, plot);
        }
    }

    /** A copy of the training file whose row 3 has an integer truth (column 50) its one-hot classes contradict. */
    private static Path withContradictoryTruth() throws Exception {
        Path bad = dir.resolve("contradictory.npz");
        try (NpzFile npz = NpzFile.open(sample.train())) {
            NpzWriter.write(bad, false, out -> {
                for (JetArray array : JetArray.values()) {
                    float[] values = npz.get(array.entryName()).toFloatArray();
                    if (array == JetArray.JETS) {
                        int cell = 3 * JetColumn.COUNT + JetColumn.TRUTH.index();
                        values[cell] = values[cell] == 21f ? 5f : 21f;
                    }
                    out.write(array.entryName(), values, npz.get(array.entryName()).shape());
                }
            });
        }
        return bad;
    }

    @Test
    void contradictoryTruthRowsAreRefusedByTrainAndEvaluate() throws Exception {
        Path bad = withContradictoryTruth();
        BtagCommandTest.Run run = BtagCommandTest.run("train", "--model", "dnn", "--train", bad.toString(), "--out",
            dir.resolve("refused").toString(), "--epochs", "1");
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("contradictory.npz") && run.err().contains("1 of 800 jets")
            && run.err().contains("first rows: 3"), run.err());
        Path model = dir.resolve("dnn-for-refusal");
        assertEquals(0, BtagCommandTest.run("train", "--model", "dnn", "--train", sample.train().toString(), "--out",
            model.toString(), "--epochs", "1").exitCode());
        run = BtagCommandTest.run("evaluate", "--model", model.toString(), "--test", bad.toString(), "--out",
            dir.resolve("refused-eval").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("contradict each other"), run.err());
    }

    @Test
    void resumeContinuesFromTheLastCheckpoint() throws Exception {
        Path out = dir.resolve("dnn");
        json(BtagCommandTest.run("train", "--model", "dnn", "--train", sample.train().toString(), "--out",
            out.toString(), "--epochs", "1", "--json"));
        BtagCommandTest.Run resumed = BtagCommandTest.run("train", "--model", "dnn", "--train",
            sample.train().toString(), "--out", out.toString(), "--epochs", "3", "--resume", "--json");
        assertEquals(3, json(resumed).get("epochs").getAsInt());
        assertTrue(resumed.err().contains("resumed from") && resumed.err().contains("after epoch 1"), resumed.err());
    }

    @Test
    void errorsAreOneLineNamingTheProblem() throws Exception {
        Path missing = dir.resolve("nothing-here");
        BtagCommandTest.Run run = BtagCommandTest.run("evaluate", "--model", missing.toString(), "--test",
            sample.test().toString(), "--out", dir.resolve("x").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("nothing-here"), run.err());

        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        run = BtagCommandTest.run("evaluate", "--model", dir.resolve("cnn").toString(), "--test",
            sample.test().toString(), "--out", aFile.toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("a-file") && run.err().contains("not a directory"), run.err());

        run = BtagCommandTest.run("train", "--model", "rnn", "--train", sample.train().toString(), "--out",
            dir.resolve("y").toString());
        assertEquals(BtagCommand.EXIT_USAGE, run.exitCode(), "a bad option value is a usage error");
        assertTrue(run.err().contains("'rnn'") && run.err().contains("cnn1x1"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());

        for (String[] bad : new String[][] {{"--epochs", "0"}, {"--lr", "NaN"}, {"--device", "xyz"},
            {"--batch-size", "-1"}, {"--validation-split", "1"}}) {
            Path missingTrain = dir.resolve("not-read.npz");
            run = BtagCommandTest.run("train", "--model", "dnn", "--train", missingTrain.toString(), "--out",
                dir.resolve("z").toString(), bad[0], bad[1]);
            assertEquals(BtagCommand.EXIT_USAGE, run.exitCode(), String.join(" ", bad) + ": " + run.err());
            assertFalse(run.err().contains("not-read.npz"), "checked before the data is read: " + run.err());
        }
    }

    @Test
    void benchTrainPrintsTheContractFields() {
        JsonObject bench = json(BtagCommandTest.run("bench", "train", "--model", "gru", "--jets", "300",
            "--batch-size", "100", "--epochs", "1", "--no-matmul"));
        for (String key : new String[] {"model", "parameters", "jets", "batchSize", "trainJetsPerSecond",
            "predictJetsPerSecond"}) {
            assertTrue(bench.has(key), key);
        }
        assertEquals("gru", bench.get("model").getAsString());
        assertEquals(300, bench.get("jets").getAsInt());
        assertTrue(bench.get("trainJetsPerSecond").getAsDouble() > 0);
        JsonObject predict = json(BtagCommandTest.run("bench", "predict", "--model", "dnn", "--jets", "500"));
        assertTrue(predict.get("predictJetsPerSecond").getAsDouble() > 0);
        JsonObject compare = json(BtagCommandTest.run("bench", "predict", "--model", "dnn", "--jets", "300",
            "--compare-batch-sizes", "32,128", "--rounds", "2"));
        assertEquals(2, compare.getAsJsonArray("medianJetsPerSecond").size());
        assertEquals(128, compare.getAsJsonArray("batchSizes").get(1).getAsInt());
        assertTrue(compare.getAsJsonArray("medianJetsPerSecond").get(0).getAsDouble() > 0);
        BtagCommandTest.Run bad = BtagCommandTest.run("bench", "predict", "--model", "dnn", "--jets", "300",
            "--compare-batch-sizes", "32,0");
        assertEquals(BtagCommand.EXIT_FAILURE, bad.exitCode());
        assertTrue(bad.err().contains("batch size must be at least 1, got 0"), bad.err());
    }
}
