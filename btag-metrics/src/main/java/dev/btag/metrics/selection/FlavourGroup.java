package dev.btag.metrics.selection;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named group of truth codes whose jets share one efficiency, as the scale-factor method of an analysis groups them:
 * {@link #B}, {@link #C} and {@link #LIGHT} (u, d, s and gluon jets together, CMS's "udsg"). Jets of undefined
 * flavour belong to none of the three. This record is immutable.
 *
 * @param name a short name for tables, JSON keys and file names, for example {@code "light"}
 * @param codes the truth codes of the group (column 50: b = 5, c = 4, light = 1, gluon = 21, undefined = 0)
 */
public record FlavourGroup(String name, Set<Integer> codes) {

    /** b jets (truth code 5). */
    public static final FlavourGroup B = new FlavourGroup("b", Set.of(FlavourSelection.B));
    /** c jets (truth code 4). */
    public static final FlavourGroup C = new FlavourGroup("c", Set.of(FlavourSelection.C));
    /** Light jets: u, d, s (truth code 1) and gluon (21) jets. */
    public static final FlavourGroup LIGHT = new FlavourGroup("light",
        Set.of(FlavourSelection.LIGHT, FlavourSelection.GLUON));
    /** b, c and light, in that order: the groups of an efficiency map. */
    public static final List<FlavourGroup> STANDARD = List.of(B, C, LIGHT);

    /**
     * Validates and copies the components.
     *
     * @param name the name, not blank
     * @param codes at least one code
     * @throws IllegalArgumentException for a blank name or no codes
     */
    public FlavourGroup {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a flavour group needs a name");
        }
        Objects.requireNonNull(codes, "codes");
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("flavour group '" + name + "' has no truth codes");
        }
        codes = Collections.unmodifiableSet(new TreeSet<>(codes));
    }

    /**
     * The group of each jet among several disjoint groups.
     *
     * @param groups the groups, pairwise disjoint
     * @param truthCodes one truth code per jet
     * @return per jet the index of its group in {@code groups}, or -1 when it belongs to none
     * @throws IllegalArgumentException if two groups share a code (the message names it)
     */
    public static int[] indexOf(List<FlavourGroup> groups, int[] truthCodes) {
        java.util.Map<Integer, Integer> groupOfCode = new java.util.HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (int code : groups.get(g).codes()) {
                Integer before = groupOfCode.put(code, g);
                if (before != null) {
                    throw new IllegalArgumentException("truth code " + code + " is in both flavour groups '"
                        + groups.get(before).name() + "' and '" + groups.get(g).name() + "'");
                }
            }
        }
        int[] table = new int[64];
        java.util.Arrays.fill(table, -1);
        groupOfCode.forEach((code, g) -> {
            if (code >= 0 && code < table.length) {
                table[code] = g;
            }
        });
        int[] out = new int[truthCodes.length];
        for (int i = 0; i < out.length; i++) {
            int code = truthCodes[i];
            out[i] = code >= 0 && code < table.length ? table[code] : groupOfCode.getOrDefault(code, -1);
        }
        return out;
    }
}
