package dev.btag.data.layout;

import java.util.List;

/**
 * Which classes the tagging discriminants treat as b, c and light (udsg) jets (key {@code groups}). With
 * {@code B}, {@code C} and {@code L} the summed probabilities of each group, the discriminants are
 * {@code BvsAll = B}, {@code BvsL = B / (B + L)}, {@code BvsC = B / (B + C)}, {@code CvsL = C / (C + L)} and
 * {@code CvsB = C / (C + B)}; a comparison whose groups are empty is left out. This record is immutable.
 *
 * @param b the class names of b jets (at least one)
 * @param c the class names of c jets (may be empty)
 * @param light the class names of light-quark and gluon jets (may be empty)
 */
public record FlavourGroups(List<String> b, List<String> c, List<String> light) {

    /**
     * Copies the lists.
     *
     * @param b the b classes
     * @param c the c classes
     * @param light the light classes
     */
    public FlavourGroups {
        b = List.copyOf(b);
        c = List.copyOf(c);
        light = List.copyOf(light);
    }
}
