package dev.btag.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Masking and ordering invariances of the DeepJet-style tagger's branches: where the padded slots sit must not matter
 * when padding is masked, and with a sort variable the stored order of the objects must not matter except between
 * objects with equal sort values, which keep their stored order (the order ONNX's {@code TopK} gives).
 */
class PaddingPropertiesTest {

    private static final int JETS = 4;
    private static final int FEATURES = 3;
    private static final int OBJECTS = 6;
    private static final int VARIABLES = 3;
    private static final NDManager MANAGER = NDManager.newBaseManager();

    @AfterContainer
    static void close() {
        MANAGER.close();
    }

    private static TaggerBlock block(PaddingPolicy padding, int sortVariable) {
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DEEPJET).optFeatureCount(FEATURES)
            .optBranches(List.of(new ObjectBranch("a", OBJECTS, VARIABLES, new int[] {5}, 4, sortVariable),
                new ObjectBranch("b", 3, 2, new int[] {3}, 2, -1)))
            .optHeadWidths(6).optPadding(padding).build();
        TaggerBlock block = spec.newBlock();
        block.initialize(MANAGER, DataType.FLOAT32, spec.inputShapes(JETS));
        return block;
    }

    /** Per jet, a number of real objects (non-zero values) in the first slots, the rest zero padding. */
    private static float[] compactObjects(Random random) {
        float[] values = new float[JETS * OBJECTS * VARIABLES];
        for (int j = 0; j < JETS; j++) {
            int real = random.nextInt(OBJECTS + 1);
            for (int o = 0; o < real; o++) {
                for (int v = 0; v < VARIABLES; v++) {
                    values[(j * OBJECTS + o) * VARIABLES + v] = (float) random.nextGaussian() + 0.1f;
                }
            }
        }
        return values;
    }

    /** Moves whole objects of each jet to the slots {@code slotOf[jet][object]}. */
    private static float[] place(float[] values, int[][] slotOf) {
        float[] out = new float[values.length];
        for (int j = 0; j < JETS; j++) {
            for (int o = 0; o < OBJECTS; o++) {
                System.arraycopy(values, (j * OBJECTS + o) * VARIABLES, out, (j * OBJECTS + slotOf[j][o]) * VARIABLES,
                    VARIABLES);
            }
        }
        return out;
    }

    /**
     * For each jet of a compact layout, the n real objects moved to n random slots in their order, the padded ones to
     * the other slots (a mapping that moves at least one padded slot before a real object whenever 0 < n < O).
     */
    private static int[][] spreadKeepingOrder(Random random, float[] compact) {
        int[][] slotOf = new int[JETS][];
        for (int j = 0; j < JETS; j++) {
            int real = 0;
            while (real < OBJECTS && compact[(j * OBJECTS + real) * VARIABLES] != 0) {
                real++;
            }
            List<Integer> slots = new ArrayList<>();
            for (int o = 0; o < OBJECTS; o++) {
                slots.add(o);
            }
            Collections.shuffle(slots, random);
            int[] chosen = slots.stream().mapToInt(Integer::intValue).toArray();
            java.util.Arrays.sort(chosen, 0, real);
            slotOf[j] = chosen;
        }
        return slotOf;
    }

    private static float[] forward(TaggerBlock block, float[] features, float[] objects, float[] second) {
        NDList in = new NDList(MANAGER.create(features, new Shape(JETS, FEATURES)),
            MANAGER.create(objects, new Shape(JETS, OBJECTS, VARIABLES)),
            MANAGER.create(second, new Shape(JETS, 3, 2)));
        return block.forward(new ParameterStore(MANAGER, false), in, false).singletonOrThrow().toFloatArray();
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static final TaggerBlock MASKED = block(PaddingPolicy.MASK, -1);
    private static final TaggerBlock SORTED = block(PaddingPolicy.MASK, 0);
    private static final TaggerBlock KEPT = block(PaddingPolicy.KEEP, -1);

    @Property(tries = 40)
    void movingPaddedSlotsDoesNotChangeTheOutputWhenMasked(@ForAll long seed) {
        Random random = new Random(seed);
        float[] features = gaussian(random, JETS * FEATURES);
        float[] second = gaussian(random, JETS * 3 * 2);
        float[] compact = compactObjects(random);
        float[] spread = place(compact, spreadKeepingOrder(random, compact));
        assertArrayEquals(forward(MASKED, features, compact, second), forward(MASKED, features, spread, second),
            1e-5f);
    }

    @Property(tries = 40)
    void anyOrderOfTheObjectsGivesTheSameOutputWhenSorted(@ForAll long seed) {
        Random random = new Random(seed);
        float[] features = gaussian(random, JETS * FEATURES);
        float[] second = gaussian(random, JETS * 3 * 2);
        float[] compact = compactObjects(random);
        int[][] permutation = new int[JETS][];
        for (int j = 0; j < JETS; j++) {
            List<Integer> slots = new ArrayList<>();
            for (int o = 0; o < OBJECTS; o++) {
                slots.add(o);
            }
            Collections.shuffle(slots, random);
            permutation[j] = slots.stream().mapToInt(Integer::intValue).toArray();
        }
        assertArrayEquals(forward(SORTED, features, compact, second),
            forward(SORTED, features, place(compact, permutation), second), 1e-5f);
    }

    /** Objects whose sort variable (0) is an integer 1 … 3, so most jets have ties; padding as in compactObjects. */
    private static float[] tiedObjects(Random random) {
        float[] values = compactObjects(random);
        for (int i = 0; i < values.length; i += VARIABLES) {
            if (values[i] != 0) {
                values[i] = 1 + random.nextInt(3);
            }
        }
        return values;
    }

    /** A random move of each jet's objects that keeps the stored order of objects with equal sort values. */
    private static int[][] shuffleKeepingTiedOrder(Random random, float[] values) {
        int[][] slotOf = new int[JETS][];
        for (int j = 0; j < JETS; j++) {
            List<Integer> slots = new ArrayList<>();
            for (int o = 0; o < OBJECTS; o++) {
                slots.add(o);
            }
            Collections.shuffle(slots, random);
            slotOf[j] = slots.stream().mapToInt(Integer::intValue).toArray();
            for (float key : new float[] {0, 1, 2, 3}) { // 0: padding
                List<Integer> group = new ArrayList<>();
                List<Integer> groupSlots = new ArrayList<>();
                for (int o = 0; o < OBJECTS; o++) {
                    if (values[(j * OBJECTS + o) * VARIABLES] == key) {
                        group.add(o);
                        groupSlots.add(slotOf[j][o]);
                    }
                }
                Collections.sort(groupSlots);
                for (int k = 0; k < group.size(); k++) {
                    slotOf[j][group.get(k)] = groupSlots.get(k);
                }
            }
        }
        return slotOf;
    }

    @Property(tries = 40)
    void withTiedSortValuesOnlyTheStoredOrderOfTiedObjectsMatters(@ForAll long seed) {
        Random random = new Random(seed);
        float[] features = gaussian(random, JETS * FEATURES);
        float[] second = gaussian(random, JETS * 3 * 2);
        float[] tied = tiedObjects(random);
        assertArrayEquals(forward(SORTED, features, tied, second),
            forward(SORTED, features, place(tied, shuffleKeepingTiedOrder(random, tied)), second), 1e-6f);
    }

    /** The control: two tied objects swapped (they differ in their other variables) change the output. */
    @Property(tries = 10)
    void swappingTwoTiedObjectsChangesTheOutput(@ForAll long seed) {
        Random random = new Random(seed);
        float[] features = gaussian(random, JETS * FEATURES);
        float[] second = gaussian(random, JETS * 3 * 2);
        float[] tied = new float[JETS * OBJECTS * VARIABLES];
        for (int i = 0; i < tied.length; i++) {
            tied[i] = i % VARIABLES == 0 ? 1 + random.nextInt(3) : (float) random.nextGaussian();
        }
        int[][] swapFirstTwo = new int[JETS][];
        for (int j = 0; j < JETS; j++) {
            tied[j * OBJECTS * VARIABLES] = 2;
            tied[(j * OBJECTS + 1) * VARIABLES] = 2;
            swapFirstTwo[j] = new int[] {1, 0, 2, 3, 4, 5};
        }
        float[] a = forward(SORTED, features, tied, second);
        float[] b = forward(SORTED, features, place(tied, swapFirstTwo), second);
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        assertTrue(diff > 1e-4, "swapping tied objects changed nothing: " + diff);
    }

    /**
     * The reordering itself, against a stable sort in Java: 25 slots (past the 16 up to which PyTorch's CPU sort is an
     * insertion sort), sort values 1 … 3, random padding; the real objects come first by descending sort value, ties
     * in stored order, then the padding.
     */
    @Property(tries = 20)
    void reorderIsTheStableDescendingSort(@ForAll long seed) {
        Random random = new Random(seed);
        int jets = 8;
        int objects = 25;
        float[] values = new float[jets * objects * 2];
        float[] real = new float[jets * objects];
        for (int o = 0; o < jets * objects; o++) {
            if (random.nextInt(4) > 0) {
                real[o] = 1;
                values[2 * o] = random.nextInt(3) - 1; // -1, 0 or 1: a real object may have a zero key
                values[2 * o + 1] = o + 1; // its identity, non-zero
            }
        }
        float[] expected = new float[values.length];
        for (int j = 0; j < jets; j++) {
            List<Integer> order = new ArrayList<>();
            for (int o = 0; o < objects; o++) {
                order.add(o);
            }
            int base = j * objects;
            // List.sort is stable: real first, then by descending key; ties and padding stay in slot order
            order.sort((p, q) -> real[base + p] != real[base + q] ? Float.compare(real[base + q], real[base + p])
                : real[base + p] == 0 ? 0 : Float.compare(values[2 * (base + q)], values[2 * (base + p)]));
            for (int k = 0; k < objects; k++) {
                System.arraycopy(values, 2 * (base + order.get(k)), expected, 2 * (base + k), 2);
            }
        }
        try (NDManager m = MANAGER.newSubManager()) {
            float[] got = BranchesBlock.reorder(m.create(values, new Shape(jets, objects, 2)),
                m.create(real, new Shape(jets, objects)), 0).toFloatArray();
            assertArrayEquals(expected, got);
        }
    }

    /** The control: without masking, a padded slot placed before a real object changes the output. */
    @Property(tries = 10)
    void paddingBetweenObjectsMattersWhenKept(@ForAll long seed) {
        Random random = new Random(seed);
        float[] features = gaussian(random, JETS * FEATURES);
        float[] second = gaussian(random, JETS * 3 * 2);
        float[] compact = new float[JETS * OBJECTS * VARIABLES];
        for (int i = 0; i < JETS * 2 * VARIABLES; i++) {
            int jet = i / (2 * VARIABLES);
            compact[jet * OBJECTS * VARIABLES + i % (2 * VARIABLES)] = (float) random.nextGaussian() + 0.1f;
        }
        int[][] toEnd = new int[JETS][];
        for (int j = 0; j < JETS; j++) {
            toEnd[j] = new int[] {OBJECTS - 2, OBJECTS - 1, 0, 1, 2, 3};
        }
        float[] a = forward(KEPT, features, compact, second);
        float[] b = forward(KEPT, features, place(compact, toEnd), second);
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        assertTrue(diff > 1e-4, "kept padding changed nothing: " + diff);
    }
}
