package dev.btag.data.weight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.btag.data.npy.NpyFormatException;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.synthetic.SyntheticSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KinematicReweighterTest {

    private static final List<String> CLASSES = List.of("b", "light");
    private static final BinAxis X = BinAxis.of("x", 0, 1, 2);

    /** Class b only in bin 0; light in bins 0 and 1. */
    private static WeightInputs twoBins() {
        float[] x = {0.5f, 0.5f, 0.5f, 0.5f, 1.5f, 1.5f};
        int[] classes = {0, 0, 1, 1, 1, -1};
        return WeightInputs.of(List.of("x"), List.of(x), classes, CLASSES, null);
    }

    private static KinematicReweighter.Builder toB() {
        return KinematicReweighter.builder().optAxes(List.of(X)).optTarget(ReweightTarget.reference(0));
    }

    @Test
    void emptyBinPolicyZeroDropsJetsWhereTheReferenceHasNone() {
        Reweighting r = toB().optEmptyBins(EmptyBinPolicy.ZERO).build().reweight(twoBins());
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0}, r.weights());
        assertEquals(1, r.emptyTargetJets());
        assertArrayEquals(new double[] {2, 0}, r.after(1));
    }

    @Test
    void emptyBinPolicyOneKeepsThemUnweighted() {
        Reweighting r = toB().optEmptyBins(EmptyBinPolicy.ONE).build().reweight(twoBins());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0}, r.weights());
        assertArrayEquals(new double[] {2, 1}, r.after(1));
    }

    @Test
    void emptyBinPolicyFailNamesTheClassAndTheCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> toB().optEmptyBins(EmptyBinPolicy.FAIL).build().reweight(twoBins()));
        assertEquals("class light has weight 1.0 in the cell x [1, 2) where the reweighting target b has none"
            + " (empty-bin policy FAIL)", e.getMessage());
    }

    @Test
    void valuesOutsideTheEdgesGoToTheNearestEdgeBin() {
        float[] x = {-7f, 0.5f, 99f, 1.5f};
        int[] classes = {0, 1, 0, 1};
        Reweighting r = toB().build().reweight(WeightInputs.of(List.of("x"), List.of(x), classes, CLASSES, null));
        assertArrayEquals(new double[] {1, 1}, r.before(0));
        assertArrayEquals(new double[] {1, 1}, r.before(1));
    }

    @Test
    void nanIsAnErrorNamingTheVariableAndTheJet() {
        float[] x = {0.5f, Float.NaN};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> toB().build()
            .reweight(WeightInputs.of(List.of("x"), List.of(x), new int[] {0, 1}, CLASSES, null)));
        assertEquals("reweighting variable x is NaN for jet 1", e.getMessage());
    }

    @Test
    void deepJetDefaultsAreTheIssuesEdges() {
        assertArrayEquals(new double[] {10, 25, 30, 35, 40, 45, 50, 60, 75, 100, 125, 150, 175, 200, 250, 300, 400,
            500, 600, 2000}, BinAxis.DEEPJET_PT.edges());
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, BinAxis.DEEPJET_ABSETA.edges());
        KinematicReweighter d = KinematicReweighter.deepJet();
        assertEquals(List.of(BinAxis.DEEPJET_PT, BinAxis.DEEPJET_ABSETA), d.axes());
        assertEquals(19 * 5, d.cells());
        assertEquals("pt [600, 2000) \u00d7 abseta [2, 2.5)", d.describe(d.cells() - 1));
        assertEquals(EmptyBinPolicy.ZERO, d.emptyBins());
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals("axis pt: edges[2] = 20.0: edges must be finite and strictly increasing",
            assertThrows(IllegalArgumentException.class, () -> BinAxis.of("pt", 10, 25, 20)).getMessage());
        assertEquals("maximum weight must be positive, not 0.0", assertThrows(IllegalArgumentException.class,
            () -> KinematicReweighter.builder().optMaxWeight(0).build()).getMessage());
        assertEquals("reweighting target 'q' is neither flat nor a class (b, light)",
            assertThrows(IllegalArgumentException.class, () -> ReweightTarget.parse("q", CLASSES)).getMessage());
        assertEquals(ReweightTarget.reference(1), ReweightTarget.parse("LIGHT", CLASSES));
        assertEquals(List.of(KinematicVariable.PT, KinematicVariable.ABSETA),
            KinematicVariable.parseList("pt,abseta"));
        assertThrows(IllegalArgumentException.class, () -> KinematicVariable.parseList("pt,pt"));
        assertThrows(IllegalArgumentException.class, () -> Weighting.builder().optMode(WeightMode.RESAMPLE).build());
    }

    @Test
    void resampledClassesFollowTheReferenceShape() {
        int n = 200_000;
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = new float[n];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = i % 2;
            // b: flat in [0, 2); light: falling, three quarters in [0, 1)
            x[i] = classes[i] == 0 ? (float) (2 * rng.nextDouble()) : (float) (rng.nextDouble() < 0.75
                ? rng.nextDouble() : 1 + rng.nextDouble());
        }
        WeightInputs in = WeightInputs.of(List.of("x"), List.of(x), classes, CLASSES, null);
        Weighting.Result r = Weighting.builder().optReweighter(toB().build()).optMode(WeightMode.RESAMPLE).build()
            .apply(in, 11L);
        double[][] h = ClassHistograms.of(X, x, r.keptRows(), r.classes(), r.weights(), 2);
        // light keeps all its jets in bin 1 (largest factor) and a third of bin 0: equal halves, like b
        assertEquals(0.5, h[1][0] / (h[1][0] + h[1][1]), 0.01);
        assertEquals(0.5, h[0][0] / (h[0][0] + h[0][1]), 0.01);
        assertEquals(n / 2.0 * 0.25 * 2, h[1][0] + h[1][1], 0.02 * n / 2.0);
        for (float w : r.weights()) {
            assertEquals(1f, w, "resampled jets train with unit weight");
        }
    }

    @Test
    void resamplingThenBalancingGivesEqualTotals() {
        WeightInputs in = twoBins();
        Weighting.Result r = Weighting.builder().optReweighter(toB().build()).optMode(WeightMode.RESAMPLE)
            .optClassWeights(ClassWeights.balanced()).build().apply(in, 1L);
        double[] t = r.classTotals();
        assertEquals(t[0], t[1], 1e-6);
        assertEquals("{\"reweighting\":{\"variables\":[{\"name\":\"x\",\"edges\":[0.0,1.0,2.0]}],\"target\":\"b\","
            + "\"emptyBins\":\"ZERO\",\"mode\":\"RESAMPLE\"},\"classWeights\":\"balanced\"}",
            r.weighting().toJson(CLASSES).toString());
    }

    @Test
    void baseWeightsMustMatchTheRecipe() {
        Weighting declared = Weighting.builder().optBaseWeightSource("w.npz").build();
        assertThrows(IllegalArgumentException.class, () -> declared.apply(twoBins(), 0));
        float[] base = {2, 2, 1, 1, 1, 1};
        Weighting.Result r = declared.apply(twoBins().withBaseWeights(base), 0);
        assertArrayEquals(base, r.weights());
        assertEquals(null, r.keptRows());
    }

    @Test
    void weightsFileHoldsTheContractAndReadsBack(@TempDir Path dir) throws IOException {
        float[] eta = {0.1f, 0.7f, 2.4f, 0.2f, 0.3f, 1.2f};
        float[] pt = {20f, 35f, 700f, 22f, 3000f, 5f};
        int[] classes = {0, 0, 0, 4, 4, -1};
        WeightInputs in = WeightInputs.of(List.of("pt", "abseta"), List.of(pt, eta), classes,
            WeightInputs.TUTORIAL_CLASSES, null);
        Reweighting r = KinematicReweighter.deepJet().reweight(in);
        JsonObject settings = r.reweighter().toJson(WeightInputs.TUTORIAL_CLASSES);
        Path file = dir.resolve("weights.npz");
        WeightsNpz.write(file, r, settings);
        try (NpzFile npz = NpzFile.open(file)) {
            assertEquals("<f4", npz.get("weight").dtype().descr());
            assertArrayEquals(r.weights(), npz.get("weight").toFloatArray());
            assertArrayEquals(BinAxis.DEEPJET_PT.edges(), npz.get("pt_edges").toDoubleArray());
            assertArrayEquals(BinAxis.DEEPJET_ABSETA.edges(), npz.get("abseta_edges").toDoubleArray());
            assertArrayEquals(new long[] {19, 5}, npz.get("hist_before_uds").shape());
            assertArrayEquals(r.after(4), npz.get("hist_after_uds").toDoubleArray());
            assertEquals(2.0, sum(npz.get("hist_before_uds").toDoubleArray()));
            int[] json = npz.get("weighting").toIntArray();
            byte[] bytes = new byte[json.length];
            for (int i = 0; i < json.length; i++) {
                bytes[i] = (byte) json[i];
            }
            assertEquals("|u1", npz.get("weighting").dtype().descr());
            assertTrue(new String(bytes, StandardCharsets.UTF_8).contains("\"target\": \"b\""));
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        assertArrayEquals(r.weights(), WeightsNpz.readWeights(file, 6, "train.npz"));
        NpyFormatException e = assertThrows(NpyFormatException.class,
            () -> WeightsNpz.readWeights(file, 7, "train.npz"));
        assertEquals(file + ": entry 'weight.npy': 6 weights for the 7 jets of train.npz", e.getMessage());
    }

    @Test
    void badWeightsFilesAreOneLineErrorsNamingFileArrayAndProblem(@TempDir Path dir) throws IOException {
        Path negative = dir.resolve("neg.npz");
        try (NpzWriter npz = NpzWriter.create(negative, false)) {
            npz.write("weight", new float[] {1f, -2f}, 2);
        }
        assertEquals(negative + ": entry 'weight.npy': weight[1] = -2.0; weights must be finite and non-negative",
            assertThrows(NpyFormatException.class, () -> WeightsNpz.readWeights(negative, 2, "t")).getMessage());
        Path twoD = dir.resolve("2d.npz");
        try (NpzWriter npz = NpzWriter.create(twoD, false)) {
            npz.write("weight", new float[] {1f, 2f}, 1, 2);
        }
        assertEquals(twoD + ": entry 'weight.npy': weights must be a 1-D numeric array, not <f4 of shape [1, 2]",
            assertThrows(NpyFormatException.class, () -> WeightsNpz.readWeights(twoD, 2, "t")).getMessage());
        Path none = dir.resolve("none.npz");
        try (NpzWriter npz = NpzWriter.create(none, false)) {
            npz.write("w", new float[] {1f}, 1);
        }
        assertEquals(none + ": no array named 'weight' (available: w)",
            assertThrows(NpyFormatException.class, () -> WeightsNpz.readWeights(none, 1, "t")).getMessage());
    }

    @Test
    void aNanInAFileIsAnErrorNamingFileArrayColumnAndJet(@TempDir Path dir) throws IOException {
        SyntheticSample.Files files = SyntheticSample.write(dir, 30, 3);
        Path bad = dir.resolve("bad.npz");
        try (NpzFile in = NpzFile.open(files.train()); NpzWriter out = NpzWriter.create(bad, false)) {
            for (JetArray array : JetArray.values()) {
                float[] values = in.get(array.entryName()).toFloatArray();
                if (array == JetArray.JETS) {
                    values[7 * JetColumn.COUNT + JetColumn.JET_ETA.index()] = Float.NaN;
                }
                out.write(array.entryName(), values, in.get(array.entryName()).shape());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> WeightInputs.read(List.of(files.train(), bad), KinematicVariable.DEFAULT));
        assertEquals(bad + ": array arr_0, column jet_eta: NaN for jet 7 (reweighting variable abseta)",
            e.getMessage());
        assertEquals(30, WeightInputs.read(List.of(files.train()), KinematicVariable.DEFAULT).jets());
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
