package dev.btag.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.evaluate.TestSample;
import dev.btag.models.predict.JetInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX models made elsewhere as taggers: the fixture made by PyTorch's own exporter
 * ({@code src/test/python/make_foreign_onnx.py}) against PyTorch's recorded outputs, and the one-line refusals of
 * files that are not models or whose inputs do not match.
 */
class OnnxTaggerTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws Exception {
        return Path.of(OnnxTaggerTest.class.getResource("foreign/" + name).toURI());
    }

    private static float[] expected(String entry) throws Exception {
        try (NpzFile npz = NpzFile.open(fixture("expected.npz"))) {
            return npz.get(entry).toFloatArray();
        }
    }

    private static OnnxTagger foreign(OutputKind kind) throws Exception {
        return OnnxTagger.open(fixture("foreign_gru.onnx"), OnnxTagger.options().optOutputKind(kind).build());
    }

    @Test
    void aModelExportedByPyTorchGivesPyTorchsProbabilitiesWithin1e5() throws Exception {
        float[] expected = expected("probabilities");
        try (OnnxTagger model = foreign(OutputKind.LOGITS);
             TutorialFile jets = TutorialFile.open(fixture("jets.npz"))) {
            assertEquals(FeatureSet.TUTORIAL.columnNames(), model.featureNames(), "no metadata: the tutorial's 15");
            assertTrue(model.readsTracks());
            assertEquals("foreign_gru.onnx", model.name());
            float[] p = model.predict(jets).probabilities();
            assertEquals(expected.length, p.length);
            for (int i = 0; i < p.length; i++) {
                assertEquals(expected[i], p[i], 1e-5, "value " + i);
            }
        }
    }

    @Test
    void aModelExportedByPyTorchEvaluatesToTheMetricsOfPyTorchsOwnProbabilities() throws Exception {
        try (OnnxTagger model = foreign(OutputKind.LOGITS);
             TutorialFile jets = TutorialFile.open(fixture("jets.npz"))) {
            TestSample sample = TestSample.read(jets);
            Evaluation onnx = TaggerEvaluation.standard().evaluate(model.name(), model.predict(jets).probabilities(),
                sample);
            Evaluation torch = TaggerEvaluation.standard().evaluate("torch", expected("probabilities"), sample);
            for (FlavourComparison c : FlavourComparison.ALL) {
                assertEquals(torch.comparison(c).auc().auc(), onnx.comparison(c).auc().auc(), 1e-5, c.toString());
            }
            double auc = onnx.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc();
            assertTrue(auc > 0.6 && auc < 1, "a trained, imperfect model: " + auc);
        }
    }

    @Test
    void logitsTakenForProbabilitiesAreRefusedWithAHint() throws Exception {
        try (OnnxTagger model = foreign(OutputKind.PROBABILITIES);
             TutorialFile jets = TutorialFile.open(fixture("jets.npz"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(jets));
            assertTrue(e.getMessage().startsWith("foreign_gru.onnx: output 'logits' of jet 0 is not a probability"),
                e.getMessage());
            assertTrue(e.getMessage().contains("--logits"), e.getMessage());
        }
    }

    @Test
    void aFileThatIsNotAnOnnxModelGivesOneLineNamingIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.onnx"), "not a model\n", StandardCharsets.UTF_8);
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxTagger.open(bad));
        assertTrue(e.getMessage().startsWith(bad + ": not a valid ONNX model ("), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        Path missing = dir.resolve("missing.onnx");
        NoSuchFileException m = assertThrows(NoSuchFileException.class, () -> OnnxTagger.open(missing));
        assertTrue(m.getMessage().contains(missing.toString()), m.getMessage());
    }

    @Test
    void inputsThatCannotBeMatchedByNameAreRefusedListingBothSides() throws Exception {
        Path jets = write("jets.onnx", 15, "jets", -1);
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxTagger.open(jets));
        assertEquals(jets + ": the model's inputs do not match btag's: the model reads jets float32 (N, 15); btag"
            + " provides features float32 (N, 15), tracks float32 (N, 10, 21), neutral float32 (N, 25, 6), charged"
            + " float32 (N, 25, 16), vertices float32 (N, 4, 12) (inputs are matched by name)", e.getMessage());
        Path narrow = write("narrow.onnx", 14, OnnxNames.FEATURES, -1);
        e = assertThrows(OnnxModelException.class, () -> OnnxTagger.open(narrow));
        assertTrue(e.getMessage().contains("the model reads features float32 (N, 14); btag provides features float32"
            + " (N, 15)"), e.getMessage());
    }

    @Test
    void aFixedBatchSizeIsHonouredByPadding() throws Exception {
        Path fixed = write("fixed.onnx", 15, OnnxNames.FEATURES, 4);
        int n = 7;
        float[] features = new float[n * 15];
        for (int i = 0; i < features.length; i++) {
            features[i] = (i % 15 == 0 ? i / 15 : 0) * 0.1f;
        }
        try (OnnxTagger model = OnnxTagger.open(fixed)) {
            float[] p = model.predict(new JetInputs(n, features, (float[]) null));
            for (int jet = 0; jet < n; jet++) {
                float[] row = new float[6];
                for (int c = 0; c < 6; c++) {
                    row[c] = features[jet * 15] * (c + 1);
                }
                OnnxTagger.softmax(row, 0, 6);
                float[] got = java.util.Arrays.copyOfRange(p, jet * 6, jet * 6 + 6);
                assertArrayEquals(row, got, 1e-6f, "jet " + jet);
            }
        }
    }

    /**
     * Writes a model with one input of the given name and width whose probabilities are the softmax of
     * {@code x[:, 0] * (1, 2, ..., 6)}.
     */
    private Path write(String file, int width, String input, long batch) throws Exception {
        OnnxGraph g = new OnnxGraph("test");
        String x = batch > 0 ? g.input(input, batch, (long) width) : g.input(input, "N", (long) width);
        float[] w = new float[width * 6];
        for (int c = 0; c < 6; c++) {
            w[c] = c + 1;
        }
        String logits = g.node("MatMul", Map.of(), x, g.floats("w", w, width, 6));
        g.output(g.node("Softmax", Map.of("axis", 1L), logits), OnnxNames.PROBABILITIES, "N", 6L);
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder().setIrVersion(TaggerGraph.IR_VERSION)
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(TaggerGraph.OPSET))
            .setGraph(g.build()).build();
        return Files.write(dir.resolve(file), model.toByteArray());
    }
}
