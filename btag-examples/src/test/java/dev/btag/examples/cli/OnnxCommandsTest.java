package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.discriminant.Discriminant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code btag export}, {@code btag predict} and {@code btag evaluate} with ONNX models. */
class OnnxCommandsTest {

    /** The model made by PyTorch's own exporter, a test fixture of btag-models (tests run in the module's folder). */
    private static final Path FOREIGN = Path.of("../btag-models/src/test/resources/dev/btag/models/onnx/foreign");

    @TempDir
    static Path dir;
    static SyntheticSample.Files sample;

    @BeforeAll
    static void generate() throws Exception {
        sample = SyntheticSample.write(dir.resolve("data"), 500, 5);
    }

    private static BtagCommandTest.Run ok(String... args) {
        BtagCommandTest.Run run = BtagCommandTest.run(args);
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    private static float[] floats(Path npz, String entry) throws Exception {
        try (NpzFile f = NpzFile.open(npz)) {
            return f.get(entry).toFloatArray();
        }
    }

    @Test
    void aTrainedTaggerExportsAndScoresAndEvaluatesAsThePyTorchEngineDoes() throws Exception {
        Path model = dir.resolve("gru");
        ok("train", "--model", "gru", "--train", sample.train().toString(), "--out", model.toString(), "--epochs", "1",
            "--batch-size", "128");
        Path onnx = dir.resolve("gru.onnx");
        BtagCommandTest.Run export = ok("export", "--model", model.toString(), "--out", onnx.toString());
        assertTrue(export.out().startsWith("ONNX Runtime and the PyTorch engine agree on 500 jets of "
            + sample.train().getFileName()), export.out());
        assertTrue(export.out().contains("wrote " + onnx), export.out());

        Path fromOnnx = dir.resolve("onnx-predictions.npz");
        Path fromBtag = dir.resolve("btag-predictions.npz");
        assertTrue(ok("predict", "--model", onnx.toString(), "--test", sample.test().toString(), "--out",
            fromOnnx.toString()).out().contains("500 jets scored by gru.onnx"));
        ok("predict", "--model", model.toString(), "--test", sample.test().toString(), "--out", fromBtag.toString());
        try (NpzFile f = NpzFile.open(fromOnnx)) {
            assertEquals(List.of(500L, 6L),
                List.of(f.get("probabilities").shape()[0], f.get("probabilities").shape()[1]));
            assertTrue(f.contains("truth"));
            for (Discriminant d : Discriminant.values()) {
                assertTrue(f.contains(d.cmsName()), d.cmsName());
            }
        }
        float[] a = floats(fromOnnx, "probabilities");
        float[] b = floats(fromBtag, "probabilities");
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-5, "probability " + i);
        }

        JsonObject onnxAuc = auc(onnx.toString(), "onnx-eval");
        JsonObject btagAuc = auc(model.toString(), "btag-eval");
        for (String key : btagAuc.keySet()) {
            assertEquals(btagAuc.get(key).getAsDouble(), onnxAuc.get(key).getAsDouble(), 1e-6, key);
        }
    }

    /**
     * The branch taggers through the command line: trained, exported (checked against the PyTorch engine), and scored
     * from the .onnx file through a layout as the saved tagger scores the same files, and evaluated (the same AUCs).
     */
    @Test
    void branchTaggersExportAndPredictThroughALayout() throws Exception {
        String[][] cases = {{"deepjet", "tutorial"}, {"deepvertex", "../docs/layouts/tutorial-deepvertex.yaml"}};
        for (String[] c : cases) {
            Path model = dir.resolve(c[0]);
            ok("train", "--model", c[0], "--train", sample.train().toString(), "--layout", c[1], "--out",
                model.toString(), "--epochs", "1", "--batch-size", "128");
            Path onnx = dir.resolve(c[0] + ".onnx");
            BtagCommandTest.Run export = ok("export", "--model", model.toString(), "--out", onnx.toString());
            assertTrue(export.out().startsWith("ONNX Runtime and the PyTorch engine agree on 500 jets of "
                + sample.train().getFileName()), export.out());
            Path fromOnnx = dir.resolve(c[0] + "-onnx.npz");
            Path fromBtag = dir.resolve(c[0] + "-btag.npz");
            assertTrue(ok("predict", "--model", onnx.toString(), "--layout", c[1], "--test",
                sample.test().toString(), "--out", fromOnnx.toString()).out()
                .contains("500 jets scored by " + c[0] + ".onnx"));
            ok("predict", "--model", model.toString(), "--test", sample.test().toString(), "--out",
                fromBtag.toString());
            float[] a = floats(fromOnnx, "probabilities");
            float[] b = floats(fromBtag, "probabilities");
            assertEquals(500 * 6, a.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-5, c[0] + " probability " + i);
            }
            // evaluated from the .onnx file through the same layout, as the saved tagger through its own
            JsonObject onnxAuc = auc(onnx.toString(), c[0] + "-onnx-eval", "--layout", c[1]);
            JsonObject btagAuc = auc(model.toString(), c[0] + "-btag-eval");
            assertEquals(btagAuc.keySet(), onnxAuc.keySet());
            assertFalse(btagAuc.keySet().isEmpty());
            for (String key : btagAuc.keySet()) {
                assertEquals(btagAuc.get(key).getAsDouble(), onnxAuc.get(key).getAsDouble(), 1e-6, c[0] + " " + key);
            }
        }
        BtagCommandTest.Run refused = BtagCommandTest.run("predict", "--model", dir.resolve("deepvertex.onnx")
            .toString(), "--test", sample.test().toString(), "--out", dir.resolve("refused.npz").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, refused.exitCode());
        assertTrue(refused.err().startsWith("btag predict: " + dir.resolve("deepvertex.onnx") + ": the model's inputs"
            + " do not match btag's: the model reads features float32 (N, 15), seeds float32 (N, 720, 10); btag"
            + " provides features float32 (N, 15), tracks float32 (N, 10, 21)"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertFalse(Files.exists(dir.resolve("refused.npz")));
    }

    private static JsonObject auc(String model, String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--model", model, "--test",
            sample.test().toString(), "--out", dir.resolve(out).toString(), "--json"));
        args.addAll(List.of(extra));
        return JsonParser.parseString(ok(args.toArray(new String[0])).out()).getAsJsonObject().getAsJsonObject("auc");
    }

    @Test
    void aModelFromPyTorchIsEvaluatedWithLogitsAndRefusedWithoutThem() throws Exception {
        Path model = FOREIGN.resolve("foreign_gru.onnx");
        Path jets = FOREIGN.resolve("jets.npz");
        BtagCommandTest.Run refused = BtagCommandTest.run("evaluate", "--model", model.toString(), "--test",
            jets.toString(), "--out", dir.resolve("foreign-refused").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, refused.exitCode());
        assertTrue(refused.err().startsWith("btag evaluate: foreign_gru.onnx: output 'logits' of jet 0 is not a"
            + " probability row"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());

        BtagCommandTest.Run run = ok("evaluate", "--model", model.toString(), "--test", jets.toString(), "--out",
            dir.resolve("foreign").toString(), "--logits", "--json");
        JsonObject metrics = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("foreign_gru.onnx", metrics.get("model").getAsString());
        float[] expected = floats(FOREIGN.resolve("expected.npz"), "probabilities");
        float[] got = floats(dir.resolve("foreign").resolve("predictions.npz"), "probabilities");
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-5, "probability " + i);
        }
    }

    @Test
    void badModelsAndMisusedOptionsGiveOneLineErrors() throws Exception {
        Path bad = Files.writeString(dir.resolve("broken.onnx"), "{}", StandardCharsets.UTF_8);
        BtagCommandTest.Run run = BtagCommandTest.run("predict", "--model", bad.toString(), "--test",
            sample.test().toString(), "--out", dir.resolve("x.npz").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().startsWith("btag predict: " + bad + ": not a valid ONNX model"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(dir.resolve("x.npz")));

        run = BtagCommandTest.run("export", "--model", dir.resolve("none").toString(), "--out",
            dir.resolve("none.onnx").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(Files.exists(dir.resolve("none.onnx")));
    }
}
