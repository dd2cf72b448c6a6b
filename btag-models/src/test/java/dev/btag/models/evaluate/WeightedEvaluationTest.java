package dev.btag.models.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.comparison.FlavourComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Weighted evaluation against its oracles: unit weights (the unweighted evaluation) and duplicated jets. */
class WeightedEvaluationTest {

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
        return new Sample(new TestSample(Path.of("memory.npz"), codes, oneHot, pt, false), p);
    }

    private static Sample duplicate(Sample s, int[] times) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            for (int k = 0; k < times[i]; k++) {
                rows.add(i);
            }
        }
        int m = rows.size();
        int[] codes = new int[m];
        float[] oneHot = new float[m * 6];
        double[] pt = new double[m];
        float[] p = new float[m * 6];
        int[] c0 = s.truth().truthCodes();
        float[] o0 = s.truth().oneHot();
        double[] pt0 = s.truth().pt();
        for (int j = 0; j < m; j++) {
            int i = rows.get(j);
            codes[j] = c0[i];
            pt[j] = pt0[i];
            System.arraycopy(o0, i * 6, oneHot, j * 6, 6);
            System.arraycopy(s.probabilities(), i * 6, p, j * 6, 6);
        }
        return new Sample(new TestSample(null, codes, oneHot, pt, false), p);
    }

    @Test
    void unitWeightsGiveTheUnweightedEvaluation() {
        Sample s = sample(2000, 3);
        double[] ones = new double[2000];
        Arrays.fill(ones, 1);
        Evaluation plain = TaggerEvaluation.standard().evaluate("t", s.probabilities(), s.truth());
        Evaluation weighted = TaggerEvaluation.standard().evaluate("t", s.probabilities(), s.truth().withWeights(ones));
        for (FlavourComparison c : FlavourComparison.ALL) {
            assertEquals(plain.comparison(c).roc(), weighted.comparison(c).roc());
            assertEquals(plain.comparison(c).auc().auc(), weighted.comparison(c).auc().auc(), 1e-12);
            assertEquals(plain.comparison(c).reference(), weighted.comparison(c).reference());
        }
    }

    @Test
    void integerWeightsEvaluateAsDuplicatedJets() {
        Sample s = sample(1500, 4);
        Random random = new Random(8);
        int[] times = new int[1500];
        double[] weights = new double[1500];
        for (int i = 0; i < times.length; i++) {
            times[i] = 1 + random.nextInt(3);
            weights[i] = times[i];
        }
        Sample dup = duplicate(s, times);
        Evaluation weighted = TaggerEvaluation.standard()
            .evaluate("t", s.probabilities(), s.truth().withWeights(weights));
        Evaluation duplicated = TaggerEvaluation.standard().evaluate("t", dup.probabilities(), dup.truth());
        Evaluation plain = TaggerEvaluation.standard().evaluate("t", s.probabilities(), s.truth());
        for (FlavourComparison c : FlavourComparison.ALL) {
            ComparisonResult w = weighted.comparison(c);
            ComparisonResult d = duplicated.comparison(c);
            assertEquals(d.auc().auc(), w.auc().auc(), 1e-12, c.name());
            assertArrayEquals(d.roc().thresholds(), w.roc().thresholds());
            assertArrayEquals(d.roc().tpr(), w.roc().tpr(), 1e-12);
            assertArrayEquals(d.roc().fpr(), w.roc().fpr(), 1e-12);
            assertEquals(d.reference().threshold(), w.reference().threshold(), c.name());
            assertEquals(d.reference().efficiency(), w.reference().efficiency(), 1e-12);
            assertArrayEquals(d.efficiencyVsPt().passed(), w.efficiencyVsPt().passed(), 1e-9);
            assertArrayEquals(d.efficiencyVsPt().total(), w.efficiencyVsPt().total(), 1e-9);
            assertNotEquals(plain.comparison(c).auc().auc(), w.auc().auc(), "the weights matter");
        }
    }

    @Test
    void weightsOfAnotherLengthAreRefused() {
        Sample s = sample(100, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> s.truth().withWeights(new double[99]));
        assertTrue(e.getMessage().contains("memory.npz") && e.getMessage().contains("99"), e.getMessage());
    }
}
