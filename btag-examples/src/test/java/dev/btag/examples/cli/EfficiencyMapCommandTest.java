package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.models.evaluate.EfficiencyMapOutputs;
import dev.btag.models.evaluate.PredictionsNpz;
import dev.btag.models.evaluate.TestSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code btag efficiency-map} on the tutorial layout (the synthetic sample): the contract and its counts. */
class EfficiencyMapCommandTest {

    @TempDir
    static Path dir;
    static SyntheticSample.Files sample;
    static Path model;
    static Path eval;

    @BeforeAll
    static void trainAndEvaluate() {
        sample = assertDone(() -> SyntheticSample.write(dir.resolve("data"), 900, 5));
        model = dir.resolve("dnn");
        ok(BtagCommandTest.run("train", "--model", "dnn", "--train", sample.train().toString(), "--out",
            model.toString(), "--epochs", "2", "--no-progress"));
        eval = dir.resolve("eval");
        ok(BtagCommandTest.run("evaluate", "--model", model.toString(), "--test", sample.test().toString(), "--out",
            eval.toString()));
    }

    private interface Io<T> {
        T get() throws Exception;
    }

    private static <T> T assertDone(Io<T> io) {
        try {
            return io.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static BtagCommandTest.Run ok(BtagCommandTest.Run run) {
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    @Test
    void mapsFromTheModelAndFromThePredictionsAreTheSameAndCountEveryJet() throws Exception {
        Path fromModel = dir.resolve("map-model");
        Path fromScores = dir.resolve("map-scores");
        BtagCommandTest.Run run = ok(BtagCommandTest.run("efficiency-map", "--model", model.toString(), "--test",
            sample.test().toString(), "--out", fromModel.toString()));
        assertTrue(run.out().contains("Synthetic sample"), run.out());
        ok(BtagCommandTest.run("efficiency-map", "--scores", eval.resolve("predictions.npz").toString(), "--test",
            sample.test().toString(), "--discriminant", "BvsL", "--out", fromScores.toString()));
        JsonObject a = JsonParser.parseString(Files.readString(fromModel.resolve("efficiency_map.json")))
            .getAsJsonObject();
        JsonObject b = JsonParser.parseString(Files.readString(fromScores.resolve("efficiency_map.json")))
            .getAsJsonObject();
        assertEquals(a, b, "a tagger and its predictions file give the same maps");
        assertEquals(List.of("discriminant", "ptEdges", "absEtaEdges", "synthetic", "weightSource", "workingPoints"),
            List.copyOf(a.keySet()));
        assertEquals("none", a.get("weightSource").getAsString(), "the tutorial's layout declares no weight");
        assertEquals("BvsL", a.get("discriminant").getAsString());
        assertTrue(a.get("synthetic").getAsBoolean());
        JsonArray points = a.getAsJsonArray("workingPoints");
        assertEquals(7, points.size());
        assertEquals("medium", points.get(1).getAsJsonObject().get("name").getAsString());

        TestSample truth;
        try (TutorialFile file = TutorialFile.open(sample.test())) {
            truth = TestSample.read(file);
        }
        double[] bvsl = PredictionsNpz.readScores(eval.resolve("predictions.npz"), Discriminant.B_VS_L).scores();
        JsonObject medium = points.get(1).getAsJsonObject();
        double threshold = medium.get("threshold").getAsDouble();
        double[] ptEdges = toArray(a.getAsJsonArray("ptEdges"));
        double[] etaEdges = toArray(a.getAsJsonArray("absEtaEdges"));
        for (String flavour : List.of("b", "c", "light")) {
            JsonObject f = medium.getAsJsonObject("flavours").getAsJsonObject(flavour);
            double[][] passed = new double[ptEdges.length - 1][etaEdges.length - 1];
            double[][] total = new double[ptEdges.length - 1][etaEdges.length - 1];
            for (int i = 0; i < truth.jets(); i++) {
                int code = truth.truthCodes()[i];
                boolean in = flavour.equals("b") ? code == 5 : flavour.equals("c") ? code == 4
                    : code == 1 || code == 21;
                int x = bin(ptEdges, truth.pt()[i]);
                int y = bin(etaEdges, truth.absEta()[i]);
                if (in && x >= 0 && y >= 0) {
                    total[x][y]++;
                    passed[x][y] += bvsl[i] >= threshold ? 1 : 0;
                }
            }
            for (int x = 0; x < total.length; x++) {
                assertArrayEquals(total[x], toArray(f.getAsJsonArray("total").get(x).getAsJsonArray()), flavour);
                assertArrayEquals(passed[x], toArray(f.getAsJsonArray("passed").get(x).getAsJsonArray()), flavour);
            }
        }
        List<String> csv = Files.readAllLines(fromModel.resolve("efficiency_map.csv"));
        assertEquals(EfficiencyMapOutputs.CSV_HEADER, csv.get(0));
        assertEquals(1 + 7 * 3 * (ptEdges.length - 1) * (etaEdges.length - 1), csv.size());
        try (NpzFile npz = NpzFile.open(fromModel.resolve("efficiency_map.npz"))) {
            assertArrayEquals(new long[] {7, 3, ptEdges.length - 1, etaEdges.length - 1},
                npz.get("efficiency").shape());
            assertEquals(1, npz.get("synthetic").toIntArray()[0], "the npz says it comes from the synthetic sample");
        }
        try (var files = Files.list(fromModel)) {
            assertEquals(21, files.filter(p -> p.getFileName().toString().startsWith("efficiency_map_")
                && p.toString().endsWith(".png")).count(), "one heat map per flavour and working point");
        }
    }

    /** The rule written out: [edge_i, edge_i+1), the last bin takes the overflow. */
    private static int bin(double[] edges, double v) {
        if (!(v >= edges[0])) {
            return -1;
        }
        for (int i = 0; i < edges.length - 2; i++) {
            if (v < edges[i + 1]) {
                return i;
            }
        }
        return edges.length - 2;
    }

    private static double[] toArray(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).isJsonNull() ? Double.NaN : a.get(i).getAsDouble();
        }
        return d;
    }

    @Test
    void customEdgesAndDiscriminant() throws Exception {
        Path out = dir.resolve("map-bvsc");
        ok(BtagCommandTest.run("efficiency-map", "--model", model.toString(), "--test", sample.test().toString(),
            "--discriminant", "BvsC", "--pt-edges", "20,50,100", "--abseta-edges", "0,1.2,2.5", "--out",
            out.toString()));
        JsonObject a = JsonParser.parseString(Files.readString(out.resolve("efficiency_map.json"))).getAsJsonObject();
        assertEquals("BvsC", a.get("discriminant").getAsString());
        assertEquals(3, a.getAsJsonArray("ptEdges").size());
        assertEquals(2, a.getAsJsonArray("workingPoints").get(0).getAsJsonObject().getAsJsonObject("flavours")
            .getAsJsonObject("b").getAsJsonArray("total").size());
    }

    @Test
    void badCommandLinesAreUsageErrorsAndAForeignPredictionsFileIsRefused() throws Exception {
        BtagCommandTest.Run both = BtagCommandTest.run("efficiency-map", "--model", model.toString(), "--scores",
            "x.npz", "--test", sample.test().toString(), "--out", dir.resolve("n").toString());
        assertEquals(BtagCommand.EXIT_USAGE, both.exitCode(), both.err());
        BtagCommandTest.Run edges = BtagCommandTest.run("efficiency-map", "--model", model.toString(), "--test",
            sample.test().toString(), "--pt-edges", "50,20", "--out", dir.resolve("n").toString());
        assertEquals(BtagCommand.EXIT_USAGE, edges.exitCode(), edges.err());
        assertTrue(edges.err().contains("--pt-edges"), edges.err());
        BtagCommandTest.Run foreign = BtagCommandTest.run("efficiency-map", "--scores",
            eval.resolve("predictions.npz").toString(), "--test", sample.train().toString(), "--out",
            dir.resolve("n").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, foreign.exitCode(), foreign.err());
        assertTrue(foreign.err().contains("same test file"), foreign.err());
        assertEquals(1, foreign.err().strip().lines().count(), foreign.err());
    }
}
