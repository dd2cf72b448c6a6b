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
        float[] p = new float[n * 6];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(CODES.length);
            codes[i] = CODES[k];
            if (CLASS_OF_CODE[k] >= 0) {
                oneHot[i * 6 + CLASS_OF_CODE[k]] = 1;
            }
            pt[i] = 15 + 300 * random.nextDouble();
            float sum = 0;
            for (int c = 0; c < 6; c++) {
                p[i * 6 + c] = random.nextFloat() + (c == Math.max(CLASS_OF_CODE[k], 0) ? 0.8f : 0);
                sum += p[i * 6 + c];
            }
            for (int c = 0; c < 6; c++) {
                p[i * 6 + c] /= sum;
            }
        }
        return new Sample(new TestSample(Path.of("memory.npz"), codes, oneHot, pt, true), p);
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
}
