package dev.btag.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputSpecTest {

    private static final InputSpec SPEC = new InputSpec(List.of("a", "b"), new double[] {1.0, -2.0},
        new double[] {2.0, 0.5}, 10, 21);

    @Test
    void standardisesOnlyTheLeadingRowsAsTheWholeBlockWould() {
        float[] whole = {3f, 0f, 5f, -1f};
        SPEC.standardiseInPlace(whole);
        assertArrayEquals(new float[] {1f, 4f, 2f, 2f}, whole);
        float[] prefix = {3f, 0f, 5f, -1f, 7f, 7f};
        SPEC.standardiseInPlace(prefix, 2);
        assertArrayEquals(new float[] {1f, 4f, 2f, 2f, 7f, 7f}, prefix);
        float[] none = {3f, 0f};
        SPEC.standardiseInPlace(none, 0);
        assertArrayEquals(new float[] {3f, 0f}, none);
    }

    @Test
    void agreesBitForBitWithTheDatasetStandardisation() {
        float[] rows = {0.1f, -3.7f, 12.5f, 1e-4f, -0f, 8e5f};
        float[] viaDataset = rows.clone();
        SPEC.standardizer().applyInPlace(viaDataset);
        SPEC.standardiseInPlace(rows, 3);
        assertArrayEquals(viaDataset, rows);
    }

    @Test
    void refusesRowCountsTheArrayDoesNotHold() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
            () -> SPEC.standardiseInPlace(new float[5], 3));
        assertTrue(tooMany.getMessage().contains("3 rows of 2 features in 5 values"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SPEC.standardiseInPlace(new float[4], -1));
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
            () -> SPEC.standardiseInPlace(new float[5]));
        assertTrue(ragged.getMessage().contains("not a multiple of the 2 features"), ragged.getMessage());
    }
}
