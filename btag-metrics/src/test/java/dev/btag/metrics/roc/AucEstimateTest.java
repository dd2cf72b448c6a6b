package dev.btag.metrics.roc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AucEstimateTest {

    /** DeLong's estimator written out from the paper's definitions, O(m n). */
    private static double[] bruteForceDelong(double[] scores, boolean[] signal) {
        int m = 0;
        int n = 0;
        for (boolean s : signal) {
            if (s) {
                m++;
            } else {
                n++;
            }
        }
        double[] x = new double[m];
        double[] y = new double[n];
        int i = 0;
        int j = 0;
        for (int k = 0; k < scores.length; k++) {
            if (signal[k]) {
                x[i++] = scores[k];
            } else {
                y[j++] = scores[k];
            }
        }
        double[] v10 = new double[m];
        double[] v01 = new double[n];
        double auc = 0;
        for (i = 0; i < m; i++) {
            for (j = 0; j < n; j++) {
                double psi = x[i] > y[j] ? 1 : x[i] == y[j] ? 0.5 : 0;
                v10[i] += psi / n;
                v01[j] += psi / m;
                auc += psi;
            }
        }
        auc /= (double) m * n;
        double s10 = 0;
        for (double v : v10) {
            s10 += (v - auc) * (v - auc);
        }
        double s01 = 0;
        for (double v : v01) {
            s01 += (v - auc) * (v - auc);
        }
        s10 /= m - 1;
        s01 /= n - 1;
        return new double[] {auc, Math.sqrt(s10 / m + s01 / n)};
    }

    @Property(tries = 100)
    void agreesWithTheDefinition(@ForAll @IntRange(min = 4, max = 80) int size, @ForAll long seed) {
        Random random = new Random(seed);
        double[] scores = new double[size];
        boolean[] signal = new boolean[size];
        for (int k = 0; k < size; k++) {
            signal[k] = k < 2 || (k >= 4 && random.nextBoolean());
            scores[k] = random.nextInt(8) + (signal[k] ? 1 : 0); // ties on purpose
        }
        signal[2] = false;
        signal[3] = false;
        double[] expected = bruteForceDelong(scores, signal);
        AucEstimate estimate = AucEstimate.delong(scores, signal);
        assertEquals(expected[0], estimate.auc(), 1e-12);
        assertEquals(expected[1], estimate.standardError(), 1e-12);
        assertEquals(RocCurve.of(scores, signal).auc(), estimate.auc(), 1e-12);
        double[] ones = new double[size];
        java.util.Arrays.fill(ones, 1.0);
        AucEstimate weighted = AucEstimate.delong(scores, signal, ones);
        assertEquals(estimate.auc(), weighted.auc(), 1e-12);
        assertEquals(estimate.standardError(), weighted.standardError(), 1e-12, "unit weights are DeLong exactly");
    }

    @Test
    void standardErrorShrinksLikeOneOverRootN() {
        Random random = new Random(7);
        double[] se = new double[2];
        int[] sizes = {1000, 16000};
        for (int t = 0; t < 2; t++) {
            double[] scores = new double[sizes[t]];
            boolean[] signal = new boolean[sizes[t]];
            for (int k = 0; k < scores.length; k++) {
                signal[k] = random.nextBoolean();
                scores[k] = random.nextGaussian() + (signal[k] ? 1 : 0);
            }
            se[t] = AucEstimate.delong(scores, signal).standardError();
        }
        assertEquals(4.0, se[0] / se[1], 0.6);
    }

    @Test
    void oneEntryPerClassHasNoStandardError() {
        AucEstimate e = AucEstimate.delong(new double[] {1, 0}, new boolean[] {true, false});
        assertEquals(1.0, e.auc());
        assertTrue(Double.isNaN(e.standardError()));
        assertTrue(Double.isNaN(e.interval(0.95)[0]));
    }

    @Test
    void intervalIsClippedToTheUnitRange() {
        double[] interval = new AucEstimate(0.99, 0.05).interval(0.95);
        assertEquals(0.99 - 1.959963984540054 * 0.05, interval[0], 1e-9);
        assertEquals(1.0, interval[1]);
    }
}
