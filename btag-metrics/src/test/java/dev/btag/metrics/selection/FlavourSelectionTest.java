package dev.btag.metrics.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FlavourSelectionTest {

    private static final int[] CODES = {5, 4, 1, 21, 0, 5, 1, 4};

    @Test
    void bVersusAllKeepsEveryJet() {
        Selection s = FlavourSelection.B_VS_ALL.apply(CODES);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, s.rows());
        assertArrayEquals(new boolean[] {true, false, false, false, false, true, false, false}, s.signal());
        assertEquals(2, s.signalCount());
    }

    @Test
    void bVersusCLeavesOutOtherFlavours() {
        Selection s = FlavourSelection.B_VS_C.apply(CODES);
        assertArrayEquals(new int[] {0, 1, 5, 7}, s.rows());
        assertArrayEquals(new boolean[] {true, false, true, false}, s.signal());
    }

    @Test
    void bVersusLightAndGluon() {
        Selection s = FlavourSelection.B_VS_LIGHT_GLUON.apply(CODES);
        assertArrayEquals(new int[] {0, 2, 3, 5, 6}, s.rows());
        assertArrayEquals(new double[] {10, 12, 13, 15, 16},
            s.pick(new double[] {10, 11, 12, 13, 14, 15, 16, 17}));
        assertArrayEquals(new double[] {0.5, 2.5, 3.5, 5.5, 6.5},
            s.pick(new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f}));
    }

    @Test
    void signalAndBackgroundAlone() {
        Selection s = FlavourSelection.B_VS_C.apply(CODES);
        assertArrayEquals(new int[] {0, 5}, s.onlySignal().rows());
        assertArrayEquals(new boolean[] {true, true}, s.onlySignal().signal());
        assertArrayEquals(new int[] {1, 7}, s.onlyBackground().rows());
        assertArrayEquals(new boolean[] {false, true}, s.onlyBackground().pick(
            new boolean[] {true, false, true, true, true, true, true, true}));
    }

    @Test
    void oneHotLabelsGiveTheSameSelectionAsTruthCodes() {
        // rows: b, c, uds, g, undefined, bb, uds, c  (the same flavours as CODES, with bb for the second b)
        float[] oneHot = {
            1, 0, 0, 0, 0, 0,
            0, 0, 0, 1, 0, 0,
            0, 0, 0, 0, 1, 0,
            0, 0, 0, 0, 0, 1,
            0, 0, 0, 0, 0, 0,
            0, 1, 0, 0, 0, 0,
            0, 0, 0, 0, 1, 0,
            0, 0, 0, 1, 0, 0,
        };
        assertArrayEquals(CODES, OneHotLabels.truthCodes(oneHot));
        for (FlavourSelection f : new FlavourSelection[] {FlavourSelection.B_VS_ALL, FlavourSelection.B_VS_C,
            FlavourSelection.B_VS_LIGHT_GLUON, FlavourSelection.C_VS_LIGHT_GLUON}) {
            assertEquals(f.apply(CODES), f.applyToOneHot(oneHot), f.toString());
        }
        assertArrayEquals(new int[] {0, 3, 4, 5, -1, 1, 4, 3}, OneHotLabels.classIndices(oneHot, 6));
    }

    @Test
    void badOneHotRowsAreRejectedByRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> OneHotLabels.truthCodes(new float[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OneHotLabels.truthCodes(new float[7]));
        assertTrue(e.getMessage().contains("multiple of 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> OneHotLabels.truthCodes(new float[] {0, 0, Float.NaN, 0, 0, 0}));
        assertTrue(e.getMessage().contains("row 0, column 2"), e.getMessage());
    }

    @Test
    void signalSetIsExplicitAndDisjoint() {
        assertThrows(IllegalArgumentException.class, () -> FlavourSelection.of(Set.of(), Set.of(4)));
        assertThrows(IllegalArgumentException.class, () -> FlavourSelection.of(Set.of(5, 4), Set.of(4)));
        assertThrows(IllegalArgumentException.class, () -> FlavourSelection.signalVersusRest(Set.of()));
        FlavourSelection custom = FlavourSelection.of(Set.of(4), Set.of(5));
        assertEquals(Set.of(4), custom.signal());
        assertFalse(custom.keeps(1));
        assertTrue(FlavourSelection.B_VS_ALL.backgroundIsRest());
        assertEquals("[5] vs [1, 21]", FlavourSelection.B_VS_LIGHT_GLUON.toString());
    }
}
