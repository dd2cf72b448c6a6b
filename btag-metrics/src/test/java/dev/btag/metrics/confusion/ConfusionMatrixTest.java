package dev.btag.metrics.confusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.SklearnReference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfusionMatrixTest {

    private static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("class" + i);
        }
        return names;
    }

    static Stream<SklearnReference.ConfusionCase> sklearnCases() {
        return SklearnReference.load().confusion.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sklearnCases")
    void agreesWithScikitLearn(SklearnReference.ConfusionCase c) {
        ConfusionMatrix m = ConfusionMatrix.of(names(c.classes), c.truth, c.pred);
        assertArrayEquals(c.counts, m.counts());
        assertDeepEquals(c.normalized_true, m.normalized(Normalization.TRUE));
        assertDeepEquals(c.normalized_pred, m.normalized(Normalization.PREDICTED));
        assertDeepEquals(c.normalized_all, m.normalized(Normalization.ALL));
    }

    private static void assertDeepEquals(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-12, "row " + i);
        }
    }

    @Property(tries = 200)
    void rowsSumToClassCountsAndNormalisedRowsToOne(
        @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 5) Integer> truthList, @ForAll long seed) {
        int[] truth = truthList.stream().mapToInt(Integer::intValue).toArray();
        java.util.Random random = new java.util.Random(seed);
        int[] predicted = new int[truth.length];
        for (int i = 0; i < truth.length; i++) {
            predicted[i] = random.nextInt(6);
        }
        ConfusionMatrix m = ConfusionMatrix.of(ConfusionMatrix.SIX_CLASSES, truth, predicted);
        double[][] byTrue = m.normalized(Normalization.TRUE);
        double[][] byPredicted = m.normalized(Normalization.PREDICTED);
        for (int t = 0; t < 6; t++) {
            final int cls = t;
            long expected = java.util.Arrays.stream(truth).filter(x -> x == cls).count();
            assertEquals(expected, m.trueCount(t));
            double rowSum = java.util.Arrays.stream(byTrue[t]).sum();
            assertEquals(expected > 0 ? 1.0 : 0.0, rowSum, 1e-12);
            double columnSum = 0;
            long columnCount = 0;
            for (int r = 0; r < 6; r++) {
                columnSum += byPredicted[r][t];
                columnCount += m.count(r, t);
            }
            assertEquals(columnCount > 0 ? 1.0 : 0.0, columnSum, 1e-12);
        }
        assertEquals(truth.length, m.total());
        ConfusionMatrix coarse = m.coarse();
        assertEquals(m.total(), coarse.total());
        assertEquals(m.trueCount(0) + m.trueCount(1) + m.trueCount(2), coarse.trueCount(0));
    }

    @Test
    void argmaxTakesTheFirstMaximum() {
        float[] p = {0.1f, 0.7f, 0.2f, 0.4f, 0.2f, 0.4f};
        assertArrayEquals(new int[] {1, 0}, ConfusionMatrix.argmax(p, 3));
        ConfusionMatrix m = ConfusionMatrix.fromProbabilities(List.of("a", "b", "c"), new int[] {1, 2}, p);
        assertEquals(1, m.count(1, 1));
        assertEquals(1, m.count(2, 0));
        assertEquals(0.5, m.accuracy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConfusionMatrix.argmax(new float[] {0, Float.NaN}, 2));
        assertTrue(e.getMessage().contains("row 0, column 1"), e.getMessage());
    }

    /** Values that tie, order by sign, zero's sign, infinities and NaNs of either sign. */
    private static final float[] SPECIAL = {Float.NEGATIVE_INFINITY, -1e30f, -1f, -Float.MIN_VALUE, -0f, 0f,
        Float.MIN_VALUE, 0.25f, 0.5f, 1f, 3e38f, Float.POSITIVE_INFINITY, Float.NaN,
        Float.intBitsToFloat(0xFFC00001)};

    /**
     * The branch-free argmax is the first largest column found by comparing values ({@code >}, so -0 and 0 tie), and
     * a row with a NaN fails naming its first NaN column, on rows of the special values (ties in most rows).
     */
    @Property(tries = 2000)
    void argmaxRowIsTheFirstLargestColumnByComparison(@ForAll @IntRange(min = 1, max = 7) int classes,
            @ForAll @Size(min = 21, max = 21) List<@IntRange(min = 0, max = 13) Integer> picks,
            @ForAll @IntRange(min = 0, max = 2) int r) {
        float[] p = new float[3 * classes];
        for (int c = 0; c < classes; c++) {
            p[r * classes + c] = SPECIAL[picks.get(c)];
            p[((r + 1) % 3) * classes + c] = SPECIAL[picks.get(7 + c)];
            p[((r + 2) % 3) * classes + c] = SPECIAL[picks.get(14 + c)];
        }
        int best = 0;
        int firstNaN = -1;
        for (int c = 0; c < classes; c++) {
            float v = p[r * classes + c];
            if (Float.isNaN(v) && firstNaN < 0) {
                firstNaN = c;
            }
            if (v > p[r * classes + best]) {
                best = c;
            }
        }
        if (firstNaN >= 0) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.argmaxRow(p, classes, r));
            assertEquals("probabilities row " + r + ", column " + firstNaN + " is NaN", e.getMessage());
        } else {
            assertEquals(best, ConfusionMatrix.argmaxRow(p, classes, r));
        }
    }

    /** The one-pass count equals a count written out row by row: flag column against the first largest column. */
    @Property(tries = 200)
    void oneHotCountsEqualADirectCount(@ForAll @IntRange(min = 1, max = 6) int classes,
            @ForAll @Size(max = 60) List<@IntRange(min = -1, max = 5) Integer> truth,
            @ForAll @Size(min = 360, max = 360) List<@IntRange(min = 0, max = 3) Integer> levels) {
        int rows = truth.size();
        float[] oneHot = new float[rows * classes];
        float[] p = new float[rows * classes];
        long[][] expected = new long[classes][classes];
        for (int r = 0; r < rows; r++) {
            int t = truth.get(r) % classes; // -1 stays -1: an undefined row
            int best = 0;
            for (int c = 0; c < classes; c++) {
                p[r * classes + c] = levels.get(r * classes + c) / 4f; // few levels: many ties
                if (p[r * classes + c] > p[r * classes + best]) {
                    best = c;
                }
            }
            if (t >= 0) {
                oneHot[r * classes + t] = 1;
                expected[t][best]++;
            }
        }
        ConfusionMatrix m = ConfusionMatrix.fromOneHot(names(classes), oneHot, p);
        for (int t = 0; t < classes; t++) {
            for (int q = 0; q < classes; q++) {
                assertEquals(expected[t][q], m.count(t, q), "true " + t + ", predicted " + q);
            }
        }
    }

    @Test
    void oneHotTruthLeavesOutUndefinedRows() {
        float[] oneHot = {1, 0, 0, /* undefined */ 0, 0, 0, 0, 0, 1};
        float[] p = {0.2f, 0.5f, 0.3f, 0.9f, 0.05f, 0.05f, 0.1f, 0.1f, 0.8f};
        ConfusionMatrix m = ConfusionMatrix.fromOneHot(List.of("a", "b", "c"), oneHot, p);
        assertEquals(2, m.total());
        assertEquals(1, m.count(0, 1));
        assertEquals(1, m.count(2, 2));
        assertThrows(IllegalArgumentException.class,
            () -> ConfusionMatrix.fromOneHot(List.of("a", "b", "c"), oneHot, new float[6]));
    }

    @Test
    void badIndicesAreRejectedByEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ConfusionMatrix.of(List.of("a", "b"), new int[] {0, 2}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("truth[1] = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> ConfusionMatrix.of(List.of("a", "b"), new int[] {0, 1}, new int[] {-1, 1}));
        assertTrue(e.getMessage().contains("predicted[0] = -1"), e.getMessage());
        assertThrows(IllegalStateException.class,
            () -> ConfusionMatrix.of(List.of("a", "b"), new int[] {0}, new int[] {0}).coarse());
    }

    @Test
    void recordCopiesItsCounts() {
        long[][] counts = {{1, 2}, {3, 4}};
        ConfusionMatrix m = new ConfusionMatrix(List.of("a", "b"), counts);
        counts[0][0] = 99;
        m.counts()[0][0] = 99;
        assertEquals(1, m.count(0, 0));
    }
}
