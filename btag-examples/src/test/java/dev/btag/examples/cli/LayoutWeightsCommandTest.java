package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.hdf5.Hdf5Writer;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.roc.RocCurve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code btag evaluate} and {@code btag efficiency-map} on a layout with a {@code weight} field ({@link
 * ThreeClassHdf5}: weights 1, 2, 3, 1, ...): weighted by default with the AUC of a weighted ROC of the written BvsL
 * scores, unweighted with {@code --no-layout-weights}, replaced by {@code --weights}; a negative weight is one line
 * naming the file, the field and the row.
 */
class LayoutWeightsCommandTest {

    @TempDir
    static Path dir;
    static Path data;
    static Path layout;
    static Path model;

    @BeforeAll
    static void train() {
        data = dir.resolve("h5");
        try {
            layout = ThreeClassHdf5.write(data, List.of("a.h5", "test.h5"), 300, 31);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        model = dir.resolve("dnn");
        ok("train", "--model", "dnn", "--train", data.resolve("a.h5").toString(), "--layout", layout.toString(),
            "--epochs", "1", "--batch-size", "128", "--out", model.toString(), "--no-progress");
    }

    static BtagCommandTest.Run ok(String... args) {
        BtagCommandTest.Run run = BtagCommandTest.run(args);
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    static JsonObject evaluate(String out, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--model", model.toString(), "--test",
            data + "/test.h5", "--out", dir.resolve(out).toString(), "--json"));
        args.addAll(List.of(extra));
        BtagCommandTest.Run run = ok(args.toArray(String[]::new));
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(json, JsonParser.parseString(Files.readString(dir.resolve(out).resolve("metrics.json"))));
        return json;
    }

    /** AUC(b vs light) of the BvsL scores in DIR/predictions.npz with the given weights (null: unweighted). */
    static double bVsLightAuc(String out, double[] weights) throws IOException {
        double[] flavour = NtupleCommandsTest.column(List.of(data.resolve("test.h5")), "flavour");
        try (NpzFile npz = NpzFile.open(dir.resolve(out).resolve("predictions.npz"))) {
            double[] bvsl = npz.get("BvsL").toDoubleArray();
            int kept = 0;
            for (double f : flavour) {
                kept += f == 5 || f == 0 ? 1 : 0;
            }
            double[] scores = new double[kept];
            boolean[] signal = new boolean[kept];
            double[] w = weights == null ? null : new double[kept];
            int k = 0;
            for (int i = 0; i < flavour.length; i++) {
                if (flavour[i] == 5 || flavour[i] == 0) {
                    scores[k] = bvsl[i];
                    signal[k] = flavour[i] == 5;
                    if (w != null) {
                        w[k] = weights[i];
                    }
                    k++;
                }
            }
            return w == null ? RocCurve.of(scores, signal).auc() : RocCurve.of(scores, signal, w).auc();
        }
    }

    @Test
    void evaluateWeighsByTheLayoutsFieldUnlessToldOtherwise() throws IOException {
        double[] fileWeights = NtupleCommandsTest.column(List.of(data.resolve("test.h5")), "weight");
        JsonObject weighted = evaluate("eval-layout");
        assertTrue(weighted.get("weighted").getAsBoolean());
        assertEquals("layout", weighted.get("weightSource").getAsString());
        assertEquals("weight", weighted.get("weightField").getAsString());
        assertFalse(weighted.has("weights"));
        assertWeightKeys("eval-layout", "layout", "weight");
        double auc = weighted.getAsJsonObject("auc").get("bVsLightGluon").getAsDouble();
        assertEquals(bVsLightAuc("eval-layout", fileWeights), auc, 1e-12);

        JsonObject plain = evaluate("eval-plain", "--no-layout-weights");
        assertFalse(plain.get("weighted").getAsBoolean());
        assertEquals("none", plain.get("weightSource").getAsString());
        assertFalse(plain.has("weightField"));
        assertWeightKeys("eval-plain", "none", null);
        double unweighted = plain.getAsJsonObject("auc").get("bVsLightGluon").getAsDouble();
        assertEquals(bVsLightAuc("eval-plain", null), unweighted, 1e-12);
        assertNotEquals(unweighted, auc, 1e-9);

        // --weights replaces the layout's field: its AUC is that of the file's weights alone
        double[] replacement = new double[fileWeights.length];
        float[] stored = new float[fileWeights.length];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = i % 4 == 0 ? 0.5f : 4f;
            replacement[i] = stored[i];
        }
        Path npz = dir.resolve("replacement.npz");
        NpzWriter.write(npz, false, w -> w.write("weight", stored, stored.length));
        JsonObject replaced = evaluate("eval-file", "--weights", npz.toString());
        assertEquals("file", replaced.get("weightSource").getAsString());
        assertEquals(npz.toString(), replaced.get("weights").getAsString());
        assertFalse(replaced.has("weightField"));
        assertWeightKeys("eval-file", "file", null);
        assertEquals(bVsLightAuc("eval-file", replacement),
            replaced.getAsJsonObject("auc").get("bVsLightGluon").getAsDouble(), 1e-12);
    }

    @Test
    void efficiencyMapIsWeightedByTheLayoutsFieldUnlessToldOtherwise() throws IOException {
        BtagCommandTest.Run run = ok("efficiency-map", "--model", model.toString(), "--test", data + "/test.h5",
            "--out", dir.resolve("maps").toString());
        assertTrue(run.out().startsWith("weighted by the layout's weight field 'weight'"), run.out());
        assertTrue(flavourB(dir.resolve("maps")).has("weighted"));
        assertWeightKeys("maps", "layout", "weight");
        BtagCommandTest.Run plain = ok("efficiency-map", "--model", model.toString(), "--test", data + "/test.h5",
            "--out", dir.resolve("maps-plain").toString(), "--no-layout-weights");
        assertFalse(plain.out().contains("weighted by"), plain.out());
        assertFalse(flavourB(dir.resolve("maps-plain")).has("weighted"));
        assertWeightKeys("maps-plain", "none", null);
    }

    /** DIR/efficiency_map.json records where its weights came from, as metrics.json does. */
    private static void assertWeightKeys(String out, String source, String field) throws IOException {
        JsonObject maps = JsonParser.parseString(Files.readString(dir.resolve(out).resolve("efficiency_map.json")))
            .getAsJsonObject();
        assertEquals(source, maps.get("weightSource").getAsString(), out);
        assertEquals(field, maps.has("weightField") ? maps.get("weightField").getAsString() : null, out);
        assertFalse(maps.has("weights"), out + ": the weights file is named in metrics.json only");
    }

    private static JsonObject flavourB(Path maps) throws IOException {
        return JsonParser.parseString(Files.readString(maps.resolve("efficiency_map.json"))).getAsJsonObject()
            .getAsJsonArray("workingPoints").get(0).getAsJsonObject().getAsJsonObject("flavours")
            .getAsJsonObject("b");
    }

    @Test
    void aNegativeWeightIsOneLineNamingTheFileFieldAndRow() throws IOException {
        Path npz = SyntheticSample.write(dir.resolve("npz-neg"), 120, 37, 1).train();
        Path bad = data.resolve("negative.h5");
        try (TutorialFile file = TutorialFile.open(npz); Hdf5Writer writer = Hdf5Writer.create(bad)) {
            int n = file.jetCountAsInt();
            int width = FeatureSet.TUTORIAL.size() + ThreeClassHdf5.EXTRA;
            float[] table = ThreeClassHdf5.table(file);
            table[9 * width + width - 1] = -1.5f;
            writer.write("jets", table, n, width).write("tracks", file.tracks(0, n), n, 10, 21);
        }
        BtagCommandTest.Run run = BtagCommandTest.run("evaluate", "--model", model.toString(), "--test",
            data + "/test.h5", bad.toString(), "--out", dir.resolve("eval-neg").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertEquals("btag evaluate: " + bad + ": weight 'weight': row 9 is -1.5 (1 of 120 weights are negative or"
            + " not finite); an evaluation needs finite, non-negative weights (evaluate without these weights, or"
            + " give finite non-negative ones in a weights file)", run.err().strip());
        ok("evaluate", "--model", model.toString(), "--test", bad.toString(), "--out",
            dir.resolve("eval-neg-plain").toString(), "--no-layout-weights");
    }
}
