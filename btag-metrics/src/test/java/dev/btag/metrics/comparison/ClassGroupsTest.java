package dev.btag.metrics.comparison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassGroupsTest {

    /** Classes b, tau, c, light, bb: b = {b, bb}, c = {c}, light = {light}; tau in no group. */
    private static final ClassGroups GROUPS = new ClassGroups(List.of("b", "tau", "c", "light", "bb"),
        new int[] {0, 4}, new int[] {2}, new int[] {3});

    @Test
    void discriminantsOfCollapsedProbabilitiesAreTheGroupSums() {
        float[] p = {0.25f, 0.125f, 0.125f, 0.375f, 0.125f};
        float[] six = GROUPS.collapse(p);
        assertArrayEquals(new float[] {0.375f, 0, 0, 0.125f, 0.375f, 0}, six);
        double bSum = 0.375;
        assertEquals(bSum, Discriminants.compute(Discriminant.B_VS_ALL, six)[0], 1e-7);
        assertEquals(bSum / (bSum + 0.375), Discriminants.compute(Discriminant.B_VS_L, six)[0], 1e-7);
        assertEquals(bSum / (bSum + 0.125), Discriminants.compute(Discriminant.B_VS_C, six)[0], 1e-7);
        assertEquals(0.125 / (0.125 + 0.375), Discriminants.compute(Discriminant.C_VS_L, six)[0], 1e-7);
    }

    @Test
    void truthCodesSelectTheGroups() {
        int[] codes = GROUPS.truthCodes(new int[] {0, 1, 2, 3, 4, -1});
        assertArrayEquals(new int[] {5, 0, 4, 1, 5, 0}, codes);
        assertEquals(3, FlavourComparison.B_VS_LIGHT_GLUON.select(codes).size(), "b, light and the second b");
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0}, GROUPS.collapseOneHot(new int[] {3, 1}));
    }

    @Test
    void badGroupsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClassGroups(List.of("b", "c"), new int[0],
            new int[] {1}, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new ClassGroups(List.of("b", "c"), new int[] {0},
            new int[] {0}, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new ClassGroups(List.of("b", "c"), new int[] {2},
            new int[0], new int[0]));
    }
}
