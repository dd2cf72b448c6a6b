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
        assertEquals(List.of("discriminant", "ptEdges", "absEtaEdges", "synthetic", "workingPoints"),
            List.copyOf(a.keySet()));
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
        assertMediumCountsEveryJet(a, truth.truthCodes(), truth.pt(), truth.absEta(), bvsl);
        double[] ptEdges = toArray(a.getAsJsonArray("ptEdges"));
        double[] etaEdges = toArray(a.getAsJsonArray("absEtaEdges"));
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

    /** The medium working point's map of every flavour equals a direct count over the jets. */
    private static void assertMediumCountsEveryJet(JsonObject map, int[] truth, double[] pt, double[] absEta,
            double[] scores) {
        JsonObject medium = map.getAsJsonArray("workingPoints").get(1).getAsJsonObject();
        assertEquals("medium", medium.get("name").getAsString());
        double threshold = medium.get("threshold").getAsDouble();
        double[] ptEdges = toArray(map.getAsJsonArray("ptEdges"));
        double[] etaEdges = toArray(map.getAsJsonArray("absEtaEdges"));
        for (String flavour : List.of("b", "c", "light")) {
            JsonObject f = medium.getAsJsonObject("flavours").getAsJsonObject(flavour);
            double[][] passed = new double[ptEdges.length - 1][etaEdges.length - 1];
            double[][] total = new double[ptEdges.length - 1][etaEdges.length - 1];
            for (int i = 0; i < truth.length; i++) {
                int code = truth[i];
                boolean in = flavour.equals("b") ? code == 5 : flavour.equals("c") ? code == 4
                    : code == 1 || code == 21;
                int x = bin(ptEdges, pt[i]);
                int y = bin(etaEdges, absEta[i]);
                if (in && x >= 0 && y >= 0) {
                    total[x][y]++;
                    passed[x][y] += scores[i] >= threshold ? 1 : 0;
                }
            }
            for (int x = 0; x < total.length; x++) {
                assertArrayEquals(total[x], toArray(f.getAsJsonArray("total").get(x).getAsJsonArray()), flavour);
                assertArrayEquals(passed[x], toArray(f.getAsJsonArray("passed").get(x).getAsJsonArray()), flavour);
            }
        }
    }

    @Test
    void mapsOfSeveralHdf5FilesReadThroughALayoutCountEveryJetOfThem() throws Exception {
        Path h5 = Files.createDirectories(dir.resolve("h5"));
        ok(BtagCommandTest.run("convert", sample.test().toString(), h5.resolve("a.h5").toString()));
        ok(BtagCommandTest.run("convert", sample.train().toString(), h5.resolve("b.h5").toString()));
        Path layout = h5.resolve("a.layout.yaml");
        Path fromModel = dir.resolve("map-h5-model");
        BtagCommandTest.Run run = ok(BtagCommandTest.run("efficiency-map", "--model", model.toString(), "--test",
            h5 + "/*.h5", "--layout", layout.toString(), "--out", fromModel.toString()));
        assertTrue(run.out().contains("Synthetic sample"), run.out());
        // the same files evaluated through the same layout: their predictions give the same maps
        Path evalH5 = dir.resolve("eval-h5");
        ok(BtagCommandTest.run("evaluate", "--model", model.toString(), "--test", h5 + "/*.h5", "--layout",
            layout.toString(), "--out", evalH5.toString()));
        Path fromScores = dir.resolve("map-h5-scores");
        ok(BtagCommandTest.run("efficiency-map", "--scores", evalH5.resolve("predictions.npz").toString(), "--test",
            h5.resolve("a.h5").toString(), h5.resolve("b.h5").toString(), "--layout", layout.toString(), "--out",
            fromScores.toString()));
        JsonObject a = JsonParser.parseString(Files.readString(fromModel.resolve("efficiency_map.json")))
            .getAsJsonObject();
        assertEquals(a, JsonParser.parseString(Files.readString(fromScores.resolve("efficiency_map.json"))));
        assertTrue(a.get("synthetic").getAsBoolean());
        // truth, pT and |eta| of both files from the tutorial reader of the npz files they were converted from
        TestSample first;
        TestSample second;
        try (TutorialFile f = TutorialFile.open(sample.test()); TutorialFile g = TutorialFile.open(sample.train())) {
            first = TestSample.read(f);
            second = TestSample.read(g);
        }
        int[] truth = java.util.stream.IntStream.concat(java.util.Arrays.stream(first.truthCodes()),
            java.util.Arrays.stream(second.truthCodes())).toArray();
        double[] pt = concat(first.pt(), second.pt());
        double[] absEta = concat(first.absEta(), second.absEta());
        double[] bvsl = PredictionsNpz.readScores(evalH5.resolve("predictions.npz"), Discriminant.B_VS_L).scores();
        assertEquals(truth.length, bvsl.length, "every jet of both files is scored");
        assertMediumCountsEveryJet(a, truth, pt, absEta, bvsl);
    }

    private static double[] concat(double[] x, double[] y) {
        double[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    @Test
    void aLayoutWithoutKinematicsIsAUsageErrorNamingIt() throws Exception {
        Path h5 = Files.createDirectories(dir.resolve("h5-nokin"));
        ok(BtagCommandTest.run("convert", sample.test().toString(), h5.resolve("a.h5").toString()));
        Path layout = h5.resolve("a.layout.yaml");
        Path bare = h5.resolve("bare.yaml");
        List<String> lines = Files.readAllLines(layout).stream().filter(l -> !l.startsWith("kinematics:")).toList();
        assertEquals(Files.readAllLines(layout).size() - 1, lines.size(), "the converted layout declares kinematics");
        Files.write(bare, lines);
        BtagCommandTest.Run run = BtagCommandTest.run("efficiency-map", "--model", model.toString(), "--test",
            h5.resolve("a.h5").toString(), "--layout", bare.toString(), "--out", dir.resolve("n2").toString());
        assertEquals(BtagCommand.EXIT_USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains(bare + ": kinematics: efficiency maps need kinematics.pt and kinematics.eta"),
            run.err());
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
