package dev.btag.models.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DefaultValueTest {

    private static float[] spread(int n, float from, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + step * i;
        }
        return v;
    }

    @Test
    void sentinelBelowMinus99IsADefault() {
        float[] b = spread(200, -2f, 0.05f);
        float[] light = spread(200, -3f, 0.03f);
        light[0] = -999f;
        light[1] = -999f;
        DefaultValue d = DefaultValue.detect(new float[][] {b, light});
        assertTrue(d.isPresent());
        assertEquals(-999f, d.value());
        assertEquals("-999", d.label());
        assertEquals(198, d.without(light).length);
        assertArrayEquals(b, d.without(b));
    }

    @Test
    void separatedMinusOneIsADefaultButCountsAndFlagsAreNot() {
        float[] values = spread(400, -0.02f, 0.0001f);
        for (int i = 0; i < 40; i++) {
            values[i] = -1f;
        }
        assertTrue(DefaultValue.detect(new float[][] {values}).isPresent());
        float[] counts = new float[300];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = i % 7;
        }
        assertFalse(DefaultValue.detect(new float[][] {counts}).isPresent(), "integer-valued counts");
        float[] flags = new float[100];
        for (int i = 50; i < 100; i++) {
            flags[i] = 1f;
        }
        assertFalse(DefaultValue.detect(new float[][] {flags}).isPresent(), "0/1 flags");
        float[] gaussianLike = spread(1000, -3f, 0.006f);
        assertFalse(DefaultValue.detect(new float[][] {gaussianLike}).isPresent(), "a continuous variable");
    }
}
