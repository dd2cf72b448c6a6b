package dev.btag.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    private static final double[] MEAN = {1.0, -2.0, 0.1};
    private static final double[] STD = {2.0, 0.5, 3.0};

    @Test
    void standardisesOnlyTheLeadingRowsInFloat32() {
        float[] rows = {3f, 0f, 0.4f, 5f, -1f, 0.1f, 9f, 9f, 9f};
        Standardizer.standardise(rows, 2, MEAN, STD);
        float third = (0.4f - (float) 0.1) * (float) (1.0 / 3.0);
        assertArrayEquals(new float[] {1f, 4f, third, 2f, 2f, 0f, 9f, 9f, 9f}, rows);
        float[] untouched = {3f, 0f, 0.4f};
        Standardizer.standardise(untouched, 0, MEAN, STD);
        assertArrayEquals(new float[] {3f, 0f, 0.4f}, untouched);
    }

    @Test
    void instanceAndStaticFormsGiveIdenticalValues() {
        Standardizer standardizer = new Standardizer(List.of("a", "b", "c"), MEAN, STD);
        float[] a = {0.3f, 7.25f, -1e-3f, 1e6f, -4f, 2.5f};
        float[] b = a.clone();
        standardizer.applyInPlace(a);
        Standardizer.standardise(b, 2, MEAN, STD);
        assertArrayEquals(a, b);
    }

    @Test
    void refusesShortBlocksAndMismatchedConstants() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
            () -> Standardizer.standardise(new float[5], 2, MEAN, STD));
        assertTrue(tooMany.getMessage().contains("2 rows of 3 features in 5 values"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Standardizer.standardise(new float[3], -1, MEAN, STD));
        assertThrows(IllegalArgumentException.class,
            () -> Standardizer.standardise(new float[3], 1, MEAN, new double[] {1.0}));
        assertThrows(IllegalArgumentException.class,
            () -> Standardizer.standardise(new float[3], 1, new double[0], new double[0]));
    }
}
