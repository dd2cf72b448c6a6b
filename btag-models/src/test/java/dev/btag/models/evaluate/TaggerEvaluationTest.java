package dev.btag.models.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.Selection;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.metrics.workingpoint.WorkingPointTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The evaluation on probabilities built in memory: no engine, exact expectations from the metric functions. */
class TaggerEvaluationTest {

    private static final int[] CODES = {5, 4, 1, 21, 0};
    private static final int[] CLASS_OF_CODE = {0, 3, 4, 5, -1};

    private record Sample(TestSample truth, float[] probabilities) {
    }

    private static Sample sample(int n, long seed) {
        Random random = new Random(seed);
        int[] codes = new int[n];
        float[] oneHot = new float[n * 6];
        double[] pt = new double[n];
        double[] absEta = new double[n];
        float[] p = new float[n * 6];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(CODES.length);
            codes[i] = CODES[k];
            if (CLASS_OF_CODE[k] >= 0) {
                oneHot[i * 6 + CLASS_OF_CODE[k]] = 1;
            }
            pt[i] = 15 + 300 * random.nextDouble();
            absEta[i] = 2.7 * random.nextDouble();
            float sum = 0;
            for (int c = 0; c < 6; c++) {
                p[i * 6 + c] = random.nextFloat() + (c == Math.max(CLASS_OF_CODE[k], 0) ? 0.8f : 0);
                sum += p[i * 6 + c];
            }
            for (int c = 0; c < 6; c++) {
                p[i * 6 + c] /= sum;
            }
        }
        return new Sample(new TestSample(Path.of("memory.npz"), codes, oneHot, pt, absEta, null, true), p);
    }

    @Test
    void everyComparisonAgreesWithTheMetricFunctionsCalledDirectly() {
        Sample s = sample(3000, 1);
        Evaluation e = TaggerEvaluation.standard().evaluate("test", s.probabilities(), s.truth());
        assertEquals(FlavourComparison.ALL, e.comparisons().stream().map(ComparisonResult::comparison).toList());
        int[] truth = s.truth().truthCodes();
        for (FlavourComparison comparison : FlavourComparison.ALL) {
            ComparisonResult r = e.comparison(comparison);
            double[] score = comparison.score(s.probabilities());
            Selection jets = comparison.select(truth);
            RocCurve roc = RocCurve.of(jets.pick(score), jets.signal());
            assertEquals(roc, r.roc());
            assertEquals(AucEstimate.delong(jets.pick(score), jets.signal()), r.auc());
            assertEquals(List.of("loose", "medium", "tight"), r.workingPoints().stream().map(WorkingPoint::name)
                .toList());
            assertEquals(List.of("60%", "70%", "77%", "85%"), r.efficiencyWorkingPoints().stream()
                .map(WorkingPoint::name).toList());
            assertEquals(r.workingPoint("medium"), r.reference());
            checkBinnedEfficiency(r, score, jets, s.truth().pt());
        }
    }

    /** The first pT bin's efficiency, counted by hand. */
    private static void checkBinnedEfficiency(ComparisonResult r, double[] score, Selection jets, double[] pt) {
        double low = r.efficiencyVsPt().binning().lower(0);
        double high = r.efficiencyVsPt().binning().upper(0);
        int total = 0;
        int passed = 0;
        for (int k = 0; k < jets.size(); k++) {
            int row = jets.rows()[k];
            if (jets.signal()[k] && pt[row] >= low && pt[row] < high) {
                total++;
                passed += score[row] >= r.reference().threshold() ? 1 : 0;
            }
        }
        assertEquals(total, r.efficiencyVsPt().total()[0], 0.0);
        assertEquals(passed, r.efficiencyVsPt().passed()[0], 0.0);
    }

    @Test
    void theConfusionMatrixLeavesUndefinedJetsOut() {
        Sample s = sample(1000, 2);
        Evaluation e = TaggerEvaluation.standard().evaluate("test", s.probabilities(), s.truth());
        long undefined = java.util.Arrays.stream(s.truth().truthCodes()).filter(c -> c == 0).count();
        assertTrue(undefined > 0);
        assertEquals(1000 - undefined, e.confusion().total());
    }

    @Test
    void theJsonIsStrictAndKeyedByComparison() {
        Sample s = sample(400, 3);
        Evaluation e = TaggerEvaluation.builder().optComparisons(FlavourComparison.B_TAGGING)
            .optMistagTargets(List.of(WorkingPointTarget.mistag(0.0))).build()
            .evaluate("test", s.probabilities(), s.truth());
        JsonObject json = EvaluationJson.toJson(e, null);
        String text = EvaluationJson.GSON.toJson(json);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), "strict JSON");
        assertTrue(text.contains("\"modelFile\": null"), "nulls are written, not dropped");
        assertEquals(3, json.getAsJsonObject("auc").size());
        JsonObject zeroMistag = json.getAsJsonArray("rocs").get(0).getAsJsonObject().getAsJsonArray("workingPoints")
            .get(0).getAsJsonObject();
        assertTrue(zeroMistag.has("rejection") && zeroMistag.get("rejection").isJsonNull(),
            "rejection at zero mistag is infinite, written as null: " + zeroMistag);
    }

    @Test
    void badSettingsAndInputsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaggerEvaluation.builder()
            .optComparisons(List.of(FlavourComparison.B_VS_C, FlavourComparison.B_VS_C)).build());
        assertTrue(e.getMessage().contains("distinct"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaggerEvaluation.builder()
            .optMistagTargets(WorkingPointTarget.FIXED_EFFICIENCIES).build());
        assertTrue(e.getMessage().contains("'60%'"), e.getMessage());
        Sample s = sample(100, 4);
        e = assertThrows(IllegalArgumentException.class, () -> TaggerEvaluation.standard()
            .evaluate("short", new float[60], s.truth()));
        assertTrue(e.getMessage().contains("memory.npz") && e.getMessage().contains("60 probabilities"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TestSample(null, new int[3], new float[18],
            new double[2], false));
        assertTrue(e.getMessage().contains("3 truth codes"), e.getMessage());
    }

    @Test
    void binnedAucsAndRatesAreThoseOfTheJetsInEachBin() {
        Sample s = sample(4000, 5);
        double[] weights = new double[4000];
        Random random = new Random(6);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.5 + random.nextInt(3);
        }
        for (double[] w : new double[][] {null, weights}) {
            TestSample truth = s.truth().withWeights(w);
            Evaluation e = TaggerEvaluation.standard().evaluate("test", s.probabilities(), truth);
            int[] codes = truth.truthCodes();
            for (FlavourComparison comparison : FlavourComparison.B_TAGGING) {
                ComparisonResult r = e.comparison(comparison);
                double[] score = comparison.score(s.probabilities());
                for (String variable : List.of(TaggerEvaluation.PT, TaggerEvaluation.ABS_ETA)) {
                    BinnedPerformance b = r.binned(variable);
                    double[] values = variable.equals(TaggerEvaluation.PT) ? truth.pt() : truth.absEta();
                    for (int bin = 0; bin < b.binning().bins(); bin++) {
                        java.util.List<Double> sc = new java.util.ArrayList<>();
                        java.util.List<Boolean> sig = new java.util.ArrayList<>();
                        java.util.List<Double> ww = new java.util.ArrayList<>();
                        double passed = 0;
                        double total = 0;
                        double threshold = r.workingPoint("70%").threshold();
                        for (int i = 0; i < codes.length; i++) {
                            if (!comparison.selection().keeps(codes[i])
                                || b.binning().bin(values[i], dev.btag.metrics.binning.Overflow.LAST_BIN) != bin) {
                                continue;
                            }
                            double wi = w == null ? 1 : w[i];
                            sc.add(score[i]);
                            sig.add(codes[i] == 5);
                            ww.add(wi);
                            if (codes[i] == 5) {
                                total += wi;
                                passed += score[i] >= threshold ? wi : 0;
                            }
                        }
                        double[] scores = sc.stream().mapToDouble(Double::doubleValue).toArray();
                        boolean[] signal = new boolean[sig.size()];
                        for (int k = 0; k < signal.length; k++) {
                            signal[k] = sig.get(k);
                        }
                        AucEstimate direct = w == null ? AucEstimate.delong(scores, signal)
                            : AucEstimate.delong(scores, signal,
                                ww.stream().mapToDouble(Double::doubleValue).toArray());
                        assertEquals(direct.auc(), b.roc().bins().get(bin).auc().auc(), 1e-12, variable + " " + bin);
                        assertEquals(direct.standardError(), b.roc().bins().get(bin).auc().standardError(), 1e-12);
                        WorkingPointRates rates = b.workingPoint("70%");
                        assertEquals(total, rates.efficiency().total()[bin], 1e-9);
                        assertEquals(passed, rates.efficiency().passed()[bin], 1e-9);
                    }
                }
            }
        }
    }

    @Test
    void calibrationAndEfficiencyMapsAreInTheEvaluationAndItsOutputs(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        Sample s = sample(3000, 7);
        Evaluation e = TaggerEvaluation.standard().evaluate("test", s.probabilities(), s.truth());
        assertEquals(6, e.calibration().size());
        assertEquals("BvsL", e.efficiencyMaps().score());
        assertEquals(7, e.efficiencyMaps().cuts().size());
        ComparisonResult bl = e.comparison(FlavourComparison.B_VS_LIGHT_GLUON);
        var medium = e.efficiencyMaps().cut("medium");
        assertEquals(bl.workingPoint("medium").threshold(), medium.cut().threshold());
        double bJets = java.util.Arrays.stream(medium.flavour(dev.btag.metrics.selection.FlavourGroup.B).total())
            .flatMapToDouble(java.util.Arrays::stream).sum();
        long direct = 0;
        for (int i = 0; i < 3000; i++) {
            direct += s.truth().truthCodes()[i] == 5 && s.truth().pt()[i] >= 20 ? 1 : 0;
        }
        assertEquals(direct, bJets, 0.0, "every b jet above the first pT edge is in a cell");
        EvaluationOutputs.writeAll(e, null, dir);
        for (String f : EvaluationPlots.FILES) {
            assertTrue(java.nio.file.Files.size(dir.resolve(f)) > 0, f);
        }
        for (String f : List.of(EvaluationOutputs.METRICS_FILE, EvaluationOutputs.PREDICTIONS_FILE,
                EfficiencyMapJson.FILE, EfficiencyMapOutputs.CSV, EfficiencyMapOutputs.NPZ,
                "efficiency_map_b_medium.png", "efficiency_map_c_medium.png", "efficiency_map_light_medium.png")) {
            assertTrue(java.nio.file.Files.exists(dir.resolve(f)), f);
        }
        try (var files = java.nio.file.Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
        JsonObject json = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(
            dir.resolve(EvaluationOutputs.METRICS_FILE))).getAsJsonObject();
        for (String key : List.of("model", "auc", "rocs", "confusion", "confusionCoarse", "calibration",
                "efficiencyMap", "weighted")) {
            assertTrue(json.has(key), key);
        }
        JsonObject roc = json.getAsJsonArray("rocs").get(0).getAsJsonObject();
        for (String key : List.of("workingPoints", "efficiencyWorkingPoints", "binned", "binnedPerformance")) {
            assertTrue(roc.has(key), key);
        }
        JsonObject map = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(
            dir.resolve(EfficiencyMapJson.FILE))).getAsJsonObject();
        assertEquals(List.of("discriminant", "ptEdges", "absEtaEdges", "synthetic", "workingPoints"),
            List.copyOf(map.keySet()));
        JsonObject b = map.getAsJsonArray("workingPoints").get(1).getAsJsonObject().getAsJsonObject("flavours")
            .getAsJsonObject("b");
        assertEquals(List.of("passed", "total", "efficiency", "lower", "upper"), List.copyOf(b.keySet()));
    }

    @Test
    void scoresThatAreNotProbabilitiesAreEvaluatedWithoutCalibration() {
        Sample s = sample(500, 8);
        float[] logits = s.probabilities();
        for (int i = 0; i < logits.length; i++) {
            logits[i] = 3 * logits[i] + 0.5f; // monotone per class, outside [0, 1]
        }
        Evaluation e = TaggerEvaluation.standard().evaluate("logits", logits, s.truth());
        assertTrue(e.calibration().isEmpty());
        assertEquals(5, e.comparisons().size());
        assertFalse(EvaluationJson.toJson(e, null).has("calibration"));
    }
}
