package dev.btag.metrics.discriminant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DiscriminantsTest {

    // b, bb, lepb, c, uds, g
    private static final float[] TWO_JETS = {
        0.5f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f,
        0.0f, 0.0f, 0.0f, 0.2f, 0.3f, 0.5f,
    };

    @Test
    void definitionsFromDesignNotes() {
        double b = (double) 0.5f + 0.1f + 0.1f;
        double c = 0.1f;
        double l = (double) 0.1f + 0.1f;
        assertArrayEquals(new double[] {b, 0}, Discriminants.bVsAll(TWO_JETS), 1e-15);
        assertArrayEquals(new double[] {b / (b + l), 0}, Discriminants.bVsL(TWO_JETS), 1e-15);
        assertArrayEquals(new double[] {b / (b + c), 0}, Discriminants.bVsC(TWO_JETS), 1e-15);
        assertArrayEquals(new double[] {c / (c + l), 0.2f / (0.2 + 0.3f + 0.5f)}, Discriminants.cVsL(TWO_JETS), 1e-7);
        assertArrayEquals(new double[] {c / (c + b), 1}, Discriminants.cVsB(TWO_JETS), 1e-15);
    }

    @Test
    void zeroDenominatorGivesMinusOne() {
        float[] onlyGluon = {0, 0, 0, 0, 0, 1};
        assertEquals(Discriminant.UNDEFINED, Discriminants.bVsC(onlyGluon)[0]);
        assertEquals(Discriminant.UNDEFINED, Discriminants.cVsB(onlyGluon)[0]);
        assertEquals(0.0, Discriminants.bVsL(onlyGluon)[0]);
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Discriminants.bVsL(new float[] {0, 0, 0, 0, 0, 1, 0, Float.NaN, 0, 0, 0, 0}));
        assertTrue(e.getMessage().contains("row 1, column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Discriminants.bVsL(new float[5]));
    }

    @Test
    void namesRoundTrip() {
        for (Discriminant d : Discriminant.values()) {
            assertEquals(d, Discriminant.fromCmsName(d.cmsName().toLowerCase(java.util.Locale.ROOT)));
        }
        assertThrows(IllegalArgumentException.class, () -> Discriminant.fromCmsName("BvsX"));
    }

    @Property(tries = 200)
    void ratiosOfProbabilitiesLieInTheUnitInterval(
        @ForAll @Size(6) java.util.List<@FloatRange(min = 0.01f, max = 1) Float> raw) {
        float[] p = new float[6];
        for (int i = 0; i < 6; i++) {
            p[i] = raw.get(i);
        }
        for (Discriminant d : Discriminant.values()) {
            double v = Discriminants.compute(d, p)[0];
            assertTrue(v >= 0 && (d == Discriminant.B_VS_ALL || v <= 1), d + " = " + v);
        }
        double bvsc = Discriminants.bVsC(p)[0];
        assertEquals(1.0, bvsc + Discriminants.cVsB(p)[0], 1e-12, "BvsC + CvsB = 1");
    }

    @Test
    void computeAllGivesTheValuesOfComputeAndOfTheDoubleForm() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        float[] p = new float[600];
        double[] d = new double[600];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 37 == 0 ? 0 : (float) r.nextDouble();
            d[i] = p[i];
        }
        java.util.List<Discriminant> all = java.util.List.of(Discriminant.values());
        double[][] values = Discriminants.computeAll(all, p);
        for (int k = 0; k < all.size(); k++) {
            assertArrayEquals(Discriminants.compute(all.get(k), d), values[k], 0.0, all.get(k).cmsName());
        }
        p[7] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Discriminants.computeAll(all, p));
        assertTrue(e.getMessage().contains("row 1, column 1"), e.getMessage());
    }
}
