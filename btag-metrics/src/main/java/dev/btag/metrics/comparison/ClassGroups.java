package dev.btag.metrics.comparison;

import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.selection.FlavourSelection;
import java.util.List;
import java.util.Objects;

/**
 * Which of a tagger's K classes are b, c and light (udsg) jets, so that the five {@link FlavourComparison}s work for
 * any classes: b vs all, b vs c, b vs light, c vs light and c vs b. With {@code B}, {@code C} and {@code L} the summed
 * probabilities of each group, the discriminants are {@code BvsAll = B}, {@code BvsL = B / (B + L)},
 * {@code BvsC = B / (B + C)}, {@code CvsL = C / (C + L)} and {@code CvsB = C / (C + B)}.
 *
 * <p>It does so by mapping onto the six-slot form every comparison reads: {@link #collapse} puts {@code B} in the b
 * slot, {@code C} in the c slot, {@code L} in the uds slot and zero elsewhere (so {@link Discriminants} computes
 * exactly the sums above), and {@link #truthCodes} gives jets of b, c and light classes the codes 5, 4 and 1 of
 * {@link FlavourSelection}, and jets of other classes (or none) the code 0. A jet of a class in no group counts as
 * background in b vs all only. This record is immutable: its arrays are copied in and out.
 *
 * @param classes the class names, in the tagger's output order
 * @param b the indices of the b classes (at least one)
 * @param c the indices of the c classes
 * @param light the indices of the light classes
 */
public record ClassGroups(List<String> classes, int[] b, int[] c, int[] light) {

    /** The six-slot positions of b, c and uds, in {@link Discriminants}' order (b, bb, leptonic b, c, uds, g). */
    private static final int B_SLOT = 0;
    private static final int C_SLOT = 3;
    private static final int UDS_SLOT = 4;

    /**
     * Validates and copies.
     *
     * @param classes the class names
     * @param b the b classes
     * @param c the c classes
     * @param light the light classes
     * @throws IllegalArgumentException when there is no b class, an index is out of range or in two groups
     */
    public ClassGroups {
        classes = List.copyOf(classes);
        b = b.clone();
        c = c.clone();
        light = light.clone();
        if (b.length == 0) {
            throw new IllegalArgumentException("class groups need at least one b class");
        }
        int[] group = new int[classes.size()];
        int[][] all = {b, c, light};
        for (int g = 0; g < all.length; g++) {
            for (int k : all[g]) {
                if (k < 0 || k >= classes.size()) {
                    throw new IllegalArgumentException("class index " + k + " out of range for " + classes);
                }
                if (group[k] != 0) {
                    throw new IllegalArgumentException("class '" + classes.get(k) + "' is in two groups");
                }
                group[k] = g + 1;
            }
        }
    }

    /**
     * The number of classes K.
     *
     * @return K
     */
    public int size() {
        return classes.size();
    }

    /**
     * The b indices.
     *
     * @return a copy
     */
    @Override
    public int[] b() {
        return b.clone();
    }

    /**
     * The c indices.
     *
     * @return a copy
     */
    @Override
    public int[] c() {
        return c.clone();
    }

    /**
     * The light indices.
     *
     * @return a copy
     */
    @Override
    public int[] light() {
        return light.clone();
    }

    /**
     * The six-slot probabilities the comparisons read: {@code B}, 0, 0, {@code C}, {@code L}, 0 per jet.
     *
     * @param probabilities row-major N × K class probabilities
     * @return row-major N × 6 values
     * @throws IllegalArgumentException when the length is not a multiple of K
     */
    public float[] collapse(float[] probabilities) {
        int k = classes.size();
        if (probabilities.length % k != 0) {
            throw new IllegalArgumentException(probabilities.length + " probabilities are not rows of " + k
                + " classes");
        }
        int n = probabilities.length / k;
        float[] out = new float[n * Discriminants.CLASSES];
        for (int i = 0; i < n; i++) {
            out[i * Discriminants.CLASSES + B_SLOT] = sum(probabilities, i * k, b);
            out[i * Discriminants.CLASSES + C_SLOT] = sum(probabilities, i * k, c);
            out[i * Discriminants.CLASSES + UDS_SLOT] = sum(probabilities, i * k, light);
        }
        return out;
    }

    private static float sum(float[] p, int base, int[] members) {
        float s = 0;
        for (int m : members) {
            s += p[base + m];
        }
        return s;
    }

    /**
     * Whether the groups define a discriminant: {@code BvsAll} always; {@code BvsL} when there is a light class;
     * {@code BvsC} and {@code CvsB} when there is a c class; {@code CvsL} when there are both. A discriminant that is
     * not defined would divide sums of which one is always zero, so evaluations and prediction files leave it out.
     *
     * @param discriminant the discriminant
     * @return whether its groups are declared
     */
    public boolean defines(Discriminant discriminant) {
        return switch (discriminant) {
            case B_VS_ALL -> true;
            case B_VS_L -> light.length > 0;
            case B_VS_C, C_VS_B -> c.length > 0;
            case C_VS_L -> c.length > 0 && light.length > 0;
        };
    }

    /**
     * The truth codes of {@link FlavourSelection} for jets of known class.
     *
     * @param classIndices one class index per jet, negative for a jet of no class
     * @return 5 (b), 4 (c), 1 (light) or 0 (any other class, or none) per jet
     */
    public int[] truthCodes(int[] classIndices) {
        int[] code = new int[classes.size()];
        for (int k : b) {
            code[k] = FlavourSelection.B;
        }
        for (int k : c) {
            code[k] = FlavourSelection.C;
        }
        for (int k : light) {
            code[k] = FlavourSelection.LIGHT;
        }
        int[] out = new int[classIndices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = classIndices[i] < 0 ? FlavourSelection.UNDEFINED : code[classIndices[i]];
        }
        return out;
    }

    /**
     * The six-slot one-hot rows of the groups (b, c and light jets in the b, c and uds slots; others all zero), to
     * pair with {@link #collapse}.
     *
     * @param classIndices one class index per jet, negative for a jet of no class
     * @return row-major N × 6 values
     */
    public float[] collapseOneHot(int[] classIndices) {
        int[] codes = truthCodes(classIndices);
        float[] out = new float[codes.length * Discriminants.CLASSES];
        for (int i = 0; i < codes.length; i++) {
            int slot = codes[i] == FlavourSelection.B ? B_SLOT : codes[i] == FlavourSelection.C ? C_SLOT
                : codes[i] == FlavourSelection.LIGHT ? UDS_SLOT : -1;
            if (slot >= 0) {
                out[i * Discriminants.CLASSES + slot] = 1f;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassGroups g && classes.equals(g.classes) && java.util.Arrays.equals(b, g.b)
            && java.util.Arrays.equals(c, g.c) && java.util.Arrays.equals(light, g.light);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classes, java.util.Arrays.hashCode(b), java.util.Arrays.hashCode(c),
            java.util.Arrays.hashCode(light));
    }

    @Override
    public String toString() {
        return "ClassGroups" + classes + " b=" + java.util.Arrays.toString(b) + " c=" + java.util.Arrays.toString(c)
            + " light=" + java.util.Arrays.toString(light);
    }
}
