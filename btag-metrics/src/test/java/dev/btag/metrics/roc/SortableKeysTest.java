package dev.btag.metrics.roc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SortableKeysTest {

    @Property
    void sortingKeysSortsTheDoublesAndCarriesThePayload(@ForAll @Size(max = 300) List<Double> values) {
        double[] v = values.stream().mapToDouble(d -> Double.isNaN(d) ? 0.0 : d + 0.0).toArray();
        long[] keys = new long[v.length];
        double[] payload = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            keys[i] = SortableKeys.encode(v[i]);
            payload[i] = v[i] * 2;
        }
        SortableKeys.sort(keys, payload, v.length);
        double[] expected = v.clone();
        Arrays.sort(expected);
        double[] decoded = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            decoded[i] = SortableKeys.decode(keys[i]);
            assertEquals(decoded[i] * 2, payload[i], 0.0, "payload travels with its key");
        }
        assertArrayEquals(expected, decoded);
    }

    @Property
    void highBitsSortAgreesWithAFullSort(@ForAll @Size(max = 400) List<Double> values,
                                         @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 200) int nearOne) {
        // values that differ only in their lowest bits share their high bits: long runs for the finishing sort
        double[] v = new double[values.size() + nearOne];
        for (int i = 0; i < values.size(); i++) {
            double d = values.get(i);
            v[i] = Double.isNaN(d) ? 0.0 : d + 0.0;
        }
        for (int i = 0; i < nearOne; i++) {
            v[values.size() + i] = (i % 2 == 0 ? 1 : -1) * (1.0 + Math.ulp(1.0) * ((i * 7919L) % 101));
        }
        long[] keys = new long[v.length];
        int[][] counts = SortableKeys.newCounts();
        for (int i = 0; i < v.length; i++) {
            keys[i] = SortableKeys.encode(v[i]);
            SortableKeys.count(counts, keys[i]);
        }
        SortableKeys.sortByHighBits(keys, keys.length, counts);
        double[] expected = v.clone();
        Arrays.sort(expected);
        double[] decoded = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            decoded[i] = SortableKeys.decode(keys[i]);
        }
        assertArrayEquals(expected, decoded);
    }

    @Test
    void encodingKeepsTheOrderOfSpecialValues() {
        double[] ordered = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1, -Double.MIN_VALUE, 0.0,
            Double.MIN_VALUE, 1, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        for (int i = 1; i < ordered.length; i++) {
            assertEquals(-1,
                Long.compareUnsigned(SortableKeys.encode(ordered[i - 1]), SortableKeys.encode(ordered[i])));
        }
        for (double d : ordered) {
            assertEquals(d, SortableKeys.decode(SortableKeys.encode(d)), 0.0);
        }
        assertEquals(SortableKeys.encode(0.0), SortableKeys.encode(-0.0));
    }
}
