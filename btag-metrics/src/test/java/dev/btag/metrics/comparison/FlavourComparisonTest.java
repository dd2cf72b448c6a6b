package dev.btag.metrics.comparison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.Selection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlavourComparisonTest {

    private static final int[] CODES = {5, 4, 1, 21, 0};

    @Test
    void constantsPairEachSelectionWithItsDiscriminantAndHaveDistinctKeys() {
        assertEquals(FlavourComparison.ALL.size(), FlavourComparison.ALL.stream().map(FlavourComparison::key)
            .distinct().count());
        assertEquals(List.of("bVsAll", "bVsC", "bVsLightGluon"),
            FlavourComparison.B_TAGGING.stream().map(FlavourComparison::key).toList());
        assertEquals("CvsB", FlavourComparison.C_VS_B.discriminant().cmsName());
        assertEquals(Set.of(4), FlavourComparison.C_VS_B.selection().signal());
        assertEquals(Set.of(5), FlavourComparison.C_VS_B.selection().background());
        assertEquals("light+gluon mistag rate", FlavourComparison.B_VS_LIGHT_GLUON.mistagTitle());
    }

    @Test
    void rocKeepsOnlyTheComparisonsJetsAndScoresWithItsDiscriminant() {
        Random random = new Random(3);
        int n = 500;
        int[] truth = new int[n];
        float[] p = new float[n * 6];
        for (int i = 0; i < n; i++) {
            truth[i] = CODES[random.nextInt(CODES.length)];
            float sum = 0;
            for (int c = 0; c < 6; c++) {
                p[i * 6 + c] = random.nextFloat() + (truth[i] == 4 && c == 3 ? 1 : 0);
                sum += p[i * 6 + c];
            }
            for (int c = 0; c < 6; c++) {
                p[i * 6 + c] /= sum;
            }
        }
        for (FlavourComparison comparison : FlavourComparison.ALL) {
            double[] score = comparison.score(p);
            assertArrayEquals(Discriminants.compute(comparison.discriminant(), p), score);
            Selection s = comparison.selection().apply(truth);
            RocCurve expected = RocCurve.of(s.pick(score), s.signal());
            assertEquals(expected, comparison.roc(score, truth), comparison.name());
            Set<Integer> kept = new HashSet<>();
            for (int row : comparison.select(truth).rows()) {
                kept.add(truth[row]);
            }
            assertTrue(comparison.selection().backgroundIsRest() || kept.stream().allMatch(code ->
                comparison.selection().signal().contains(code) || comparison.selection().background().contains(code)),
                comparison.name() + " kept " + kept);
        }
    }

    @Test
    void aMissingClassIsAClearErrorNamingTheComparison() {
        int[] onlyB = {5, 5, 1, 1};
        double[] score = {0.9, 0.8, 0.1, 0.2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> FlavourComparison.C_VS_B.roc(score, onlyB));
        assertTrue(e.getMessage().contains("c vs b") && e.getMessage().contains("0 signal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> FlavourComparison.B_VS_ALL.roc(new double[3], onlyB));
        assertTrue(e.getMessage().contains("3 scores for 4 jets"), e.getMessage());
    }
}
