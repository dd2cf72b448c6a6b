package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.data.weight.WeightInputs;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.WeightingPlots;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code btag reweight}, {@code btag train} with weights and {@code btag evaluate --weights}, end to end. */
class WeightCommandsTest {

    @TempDir
    static Path dir;
    static SyntheticSample.Files sample;

    @BeforeAll
    static void generate() throws Exception {
        sample = SyntheticSample.write(dir.resolve("data"), 600, 5);
    }

    private static JsonObject json(BtagCommandTest.Run run) {
        assertEquals(0, run.exitCode(), run.err());
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    @Test
    void reweightWritesTheWeightsFileOfTheContract() throws Exception {
        Path out = dir.resolve("w.npz");
        JsonObject o = json(BtagCommandTest.run("reweight", "--in", sample.train().toString(),
            sample.test().toString(), "--out", out.toString(), "--target", "b", "--json"));
        assertEquals(1200, o.get("jets").getAsInt(), "both files, in order");
        assertEquals("b", o.get("target").getAsString());
        try (NpzFile npz = NpzFile.open(out)) {
            assertEquals("<f4", npz.get("weight").dtype().descr());
            assertEquals(1200, npz.get("weight").size());
            assertEquals(20, npz.get("pt_edges").size());
            assertEquals(6, npz.get("abseta_edges").size());
            double[] b = npz.get("hist_before_b").toDoubleArray();
            for (String c : WeightInputs.TUTORIAL_CLASSES) {
                double[] before = npz.get("hist_before_" + c).toDoubleArray();
                double[] after = npz.get("hist_after_" + c).toDoubleArray();
                for (int cell = 0; cell < b.length; cell++) {
                    assertEquals(before[cell] > 0 ? b[cell] : 0, after[cell], 1e-4, c + " cell " + cell);
                }
            }
        }
        BtagCommandTest.Run flat = BtagCommandTest.run("reweight", "--in", sample.train().toString(), "--out",
            dir.resolve("flat.npz").toString(), "--target", "flat", "--vars", "pt", "--edges", "pt=20,50,100,1000");
        assertEquals(0, flat.exitCode(), flat.err());
        assertTrue(flat.out().contains("to flat in 3 cells"), flat.out());
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheValue() {
        BtagCommandTest.Run run = BtagCommandTest.run("reweight", "--in", "x.npz", "--out",
            dir.resolve("x.npz").toString(), "--target", "top");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("btag reweight: reweighting target 'top' is neither flat nor a class"),
            run.err());
        BtagCommandTest.Run edges = BtagCommandTest.run("reweight", "--in", "x.npz", "--out", "y.npz",
            "--edges", "eta=0,1", "--vars", "pt");
        assertEquals(2, edges.exitCode());
        assertTrue(edges.err().contains("--edges given for [eta]"), edges.err());
        BtagCommandTest.Run resample = BtagCommandTest.run("train", "--model", "dnn", "--train", "x.npz", "--out",
            dir.resolve("never").toString(), "--resample");
        assertEquals(2, resample.exitCode());
        assertTrue(resample.err().contains("--resample needs --reweight-target"), resample.err());
    }

    @Test
    void trainWithWeightsRecordsThemAndEvaluateWeighsTheMetrics() throws Exception {
        Path model = dir.resolve("dnn");
        JsonObject trained = json(BtagCommandTest.run("train", "--model", "dnn", "--train",
            sample.train().toString(), "--out", model.toString(), "--epochs", "1", "--batch-size", "64",
            "--reweight-target", "b", "--class-weights", "balanced", "--max-weight", "20", "--json"));
        JsonObject weighting = trained.getAsJsonObject("weighting");
        assertEquals("b", weighting.getAsJsonObject("reweighting").get("target").getAsString());
        assertEquals(20.0, weighting.getAsJsonObject("reweighting").get("maxWeight").getAsDouble());
        assertEquals(weighting, TaggerFile.readMetadata(model.resolve("model.btag")).getAsJsonObject("weighting"));
        for (String f : WeightingPlots.FILES) {
            assertTrue(Files.isRegularFile(model.resolve(f)), f);
        }

        Path testWeights = dir.resolve("test-weights.npz");
        assertEquals(0, BtagCommandTest.run("reweight", "--in", sample.test().toString(), "--out",
            testWeights.toString(), "--target", "flat").exitCode());
        JsonObject plain = json(BtagCommandTest.run("evaluate", "--model", model.toString(), "--test",
            sample.test().toString(), "--out", dir.resolve("eval").toString(), "--json"));
        JsonObject weighted = json(BtagCommandTest.run("evaluate", "--model", model.toString(), "--test",
            sample.test().toString(), "--out", dir.resolve("eval-w").toString(), "--weights", testWeights.toString(),
            "--json"));
        assertEquals(testWeights.toString(), weighted.get("weights").getAsString());
        assertTrue(!plain.has("weights"));
        assertNotEquals(plain.getAsJsonObject("auc").get("bVsLightGluon").getAsDouble(),
            weighted.getAsJsonObject("auc").get("bVsLightGluon").getAsDouble());
        assertEquals(weighted, JsonParser.parseString(Files.readString(dir.resolve("eval-w/metrics.json"))));

        BtagCommandTest.Run wrong = BtagCommandTest.run("evaluate", "--model", model.toString(), "--test",
            sample.test().toString(), "--out", dir.resolve("eval-x").toString(), "--weights",
            dir.resolve("w-train-only.npz").toString());
        assertEquals(1, wrong.exitCode());
        Path trainWeights = dir.resolve("train-weights.npz");
        assertEquals(0, BtagCommandTest.run("reweight", "--in", sample.train().toString(), sample.test().toString(),
            "--out", trainWeights.toString()).exitCode());
        BtagCommandTest.Run mismatch = BtagCommandTest.run("evaluate", "--model", model.toString(), "--test",
            sample.test().toString(), "--out", dir.resolve("eval-y").toString(), "--weights", trainWeights.toString());
        assertEquals(1, mismatch.exitCode());
        assertEquals("btag evaluate: " + trainWeights + ": entry 'weight.npy': 1200 weights for the 600 jets of "
            + sample.test(), mismatch.err().strip());
    }
}
