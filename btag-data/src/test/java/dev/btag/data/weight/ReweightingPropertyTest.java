package dev.btag.data.weight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the weighting over random samples and binnings. The oracle bins values by a plain linear search,
 * independently of {@link BinAxis}'s look-up table, and sums the returned float32 weights in double.
 */
class ReweightingPropertyTest {

    private static final List<String> CLASSES = WeightInputs.TUTORIAL_CLASSES;

    /** A random sample: two variables partly outside the edges, classes -1 to 5, optional base weights. */
    private record Sample(BinAxis x, BinAxis y, WeightInputs inputs) {
    }

    private static BinAxis randomAxis(String name, SplittableRandom rng) {
        int bins = 1 + rng.nextInt(8);
        double[] edges = new double[bins + 1];
        edges[0] = rng.nextDouble(-5, 5);
        for (int i = 1; i <= bins; i++) {
            edges[i] = edges[i - 1] + 0.01 + rng.nextDouble(3);
        }
        return BinAxis.of(name, edges);
    }

    private static Sample sample(long seed, int n, boolean withBase) {
        SplittableRandom rng = new SplittableRandom(seed);
        BinAxis x = randomAxis("x", rng);
        BinAxis y = randomAxis("y", rng);
        float[] xs = new float[n];
        float[] ys = new float[n];
        int[] classes = new int[n];
        float[] base = withBase ? new float[n] : null;
        // class-dependent spectra, so that the classes differ as b and light jets do
        for (int i = 0; i < n; i++) {
            classes[i] = rng.nextInt(10) == 0 ? -1 : rng.nextInt(CLASSES.size());
            double shift = classes[i] * 0.4;
            xs[i] = (float) (x.edges()[0] - 1 + rng.nextDouble() * (x.edges()[x.bins()] - x.edges()[0] + 2) + shift);
            ys[i] = (float) (y.edges()[0] - 1 + rng.nextDouble() * (y.edges()[y.bins()] - y.edges()[0] + 2));
            if (base != null) {
                base[i] = rng.nextInt(7) == 0 ? 0f : (float) rng.nextDouble(0.1, 3);
            }
        }
        return new Sample(x, y, WeightInputs.of(List.of("x", "y"), List.of(xs, ys), classes, CLASSES, base));
    }

    private static int naiveBin(BinAxis axis, double v) {
        double[] e = axis.edges();
        int b = 0;
        for (int k = 1; k < e.length - 1; k++) {
            if (v >= e[k]) {
                b = k;
            }
        }
        return b;
    }

    /** Σ weights per (class, cell) with the oracle binning. */
    private static double[][] weightedHistograms(Sample s, float[] weights) {
        int cells = s.x.bins() * s.y.bins();
        double[][] h = new double[CLASSES.size()][cells];
        int[] classes = s.inputs.classes();
        float[] xs = s.inputs.variable("x");
        float[] ys = s.inputs.variable("y");
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= 0) {
                h[classes[i]][naiveBin(s.x, xs[i]) * s.y.bins() + naiveBin(s.y, ys[i])] += weights == null ? 1
                    : weights[i];
            }
        }
        return h;
    }

    private static void assertClose(double expected, double actual, String what) {
        double tolerance = 1e-6 * Math.max(1, Math.abs(expected));
        assertEquals(expected, actual, tolerance, what);
    }

    @Property(tries = 200)
    void afterReweightingToBEveryClassHasTheBHistogramInEveryBinItPopulates(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3000) int n, @ForAll boolean withBase) {
        Sample s = sample(seed, n, withBase);
        KinematicReweighter r = KinematicReweighter.builder().optAxes(List.of(s.x, s.y))
            .optTarget(ReweightTarget.reference(0)).build();
        Reweighting result = r.reweight(s.inputs);
        float[] w = result.weights();
        double[][] before = weightedHistograms(s, s.inputs.baseWeights());
        double[][] after = weightedHistograms(s, w);
        for (int c = 0; c < CLASSES.size(); c++) {
            for (int cell = 0; cell < r.cells(); cell++) {
                if (before[c][cell] > 0) {
                    // populated bin: equal to b's content (0 where b has none: the ZERO empty-bin policy)
                    assertClose(before[0][cell], after[c][cell], "class " + CLASSES.get(c) + " cell " + cell);
                } else {
                    assertEquals(0.0, after[c][cell], "class " + CLASSES.get(c) + " empty cell " + cell);
                }
                assertClose(before[c][cell], result.before(c)[cell], "reported histogram before");
                assertClose(after[c][cell], result.after(c)[cell], "reported histogram after");
            }
        }
        int[] classes = s.inputs.classes();
        for (int i = 0; i < n; i++) {
            if (classes[i] < 0) {
                assertEquals(0f, w[i], "jets of no class get weight 0");
            }
            if (classes[i] == 0) {
                float base = withBase ? s.inputs.baseWeights()[i] : 1f;
                assertEquals(base, w[i], "b jets keep their weight when reweighted to b");
            }
        }
    }

    @Property(tries = 100)
    void flatTargetGivesEveryPopulatedBinOfAClassTheSameContentAndEveryClassTheSameTotal(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 2000) int n) {
        Sample s = sample(seed, n, false);
        KinematicReweighter r = KinematicReweighter.builder().optAxes(List.of(s.x, s.y))
            .optTarget(ReweightTarget.flat()).build();
        float[] w = r.reweight(s.inputs).weights();
        double[][] before = weightedHistograms(s, null);
        double[][] after = weightedHistograms(s, w);
        double labelled = 0;
        int populatedClasses = 0;
        for (double[] h : before) {
            double t = 0;
            for (double v : h) {
                t += v;
            }
            labelled += t;
            populatedClasses += t > 0 ? 1 : 0;
        }
        for (int c = 0; c < CLASSES.size(); c++) {
            int populated = 0;
            double total = 0;
            for (int cell = 0; cell < r.cells(); cell++) {
                populated += before[c][cell] > 0 ? 1 : 0;
                total += after[c][cell];
            }
            for (int cell = 0; cell < r.cells(); cell++) {
                if (before[c][cell] > 0) {
                    assertClose(labelled / populatedClasses / populated, after[c][cell], "flat content");
                }
            }
            if (populated > 0) {
                assertClose(labelled / populatedClasses, total, "class total");
            }
        }
    }

    @Property(tries = 200)
    void capLimitsEveryWeight(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2000) int n) {
        Sample s = sample(seed, n, false);
        double cap = 0.5 + new SplittableRandom(seed).nextDouble(4);
        Reweighting result = KinematicReweighter.builder().optAxes(List.of(s.x, s.y)).optMaxWeight(cap).build()
            .reweight(s.inputs);
        Reweighting uncapped = KinematicReweighter.builder().optAxes(List.of(s.x, s.y)).build().reweight(s.inputs);
        float[] w = result.weights();
        float[] u = uncapped.weights();
        long capped = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(w[i] <= (float) cap, "weight " + w[i] + " above the cap " + cap);
            assertEquals(Math.min(u[i], (float) cap), w[i], 1e-6 * cap);
            capped += u[i] > (float) cap ? 1 : 0;
        }
        assertEquals(capped, result.cappedJets());
    }

    @Property(tries = 500)
    void binAxisAgreesWithALinearSearchAndClampsToTheEdgeBins(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        BinAxis axis = randomAxis("v", rng);
        double lo = axis.edges()[0];
        double hi = axis.edges()[axis.bins()];
        for (int i = 0; i < 200; i++) {
            double v = i < 3 ? axis.edges()[rng.nextInt(axis.bins() + 1)] : lo - 2 + rng.nextDouble() * (hi - lo + 4);
            assertEquals(naiveBin(axis, v), axis.bin(v), "value " + v + " on " + axis);
        }
        assertEquals(0, axis.bin(Double.NEGATIVE_INFINITY));
        assertEquals(axis.bins() - 1, axis.bin(Double.POSITIVE_INFINITY));
        assertEquals(-1, axis.bin(Double.NaN));
    }

    @Property(tries = 200)
    void balancedClassWeightsGiveEqualClassTotals(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3000) int n,
            @ForAll boolean withBase) {
        Sample s = sample(seed, n, withBase);
        int[] classes = s.inputs.classes();
        float[] base = s.inputs.baseWeights();
        float[] w = ClassWeights.balanced().apply(classes, base, CLASSES.size());
        double[] totals = new double[CLASSES.size()];
        double before = 0;
        for (int i = 0; i < n; i++) {
            if (classes[i] >= 0) {
                totals[classes[i]] += w[i];
                before += base == null ? 1 : base[i];
            } else {
                assertEquals(0f, w[i]);
            }
        }
        List<Double> populated = new ArrayList<>();
        for (double t : totals) {
            if (t > 0) {
                populated.add(t);
            }
        }
        for (double t : populated) {
            assertClose(populated.get(0), t, "class total");
        }
        double sum = populated.stream().mapToDouble(Double::doubleValue).sum();
        assertClose(before, sum, "the overall total is kept");
    }

    @Property(tries = 100)
    void resamplingKeepsLabelledJetsInOrderWithTheClassMaximumAlwaysKept(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 2000) int n) {
        Sample s = sample(seed, n, false);
        float[] w = KinematicReweighter.builder().optAxes(List.of(s.x, s.y)).build().reweight(s.inputs).weights();
        int[] classes = s.inputs.classes();
        int[] kept = Resampler.keep(w, classes, CLASSES.size(), seed);
        assertArrayEquals(kept, Resampler.keep(w, classes, CLASSES.size(), seed), "seeded");
        float[] max = new float[CLASSES.size()];
        for (int i = 0; i < n; i++) {
            if (classes[i] >= 0) {
                max[classes[i]] = Math.max(max[classes[i]], w[i]);
            }
        }
        boolean[] isKept = new boolean[n];
        for (int j = 0; j < kept.length; j++) {
            assertTrue(j == 0 || kept[j] > kept[j - 1], "ascending");
            isKept[kept[j]] = true;
            assertTrue(classes[kept[j]] >= 0 && w[kept[j]] > 0, "only labelled jets of positive weight");
        }
        for (int i = 0; i < n; i++) {
            if (classes[i] >= 0 && w[i] > 0 && w[i] == max[classes[i]]) {
                assertTrue(isKept[i], "a jet with its class's largest weight is always kept");
            }
        }
    }
}
