package dev.btag.data.weight;

import java.util.List;
import java.util.Locale;

/**
 * The distribution that kinematic reweighting makes every class follow: the histogram of one reference class
 * (DeepJet reweights to b) or a flat one. This record is immutable.
 *
 * @param referenceClass the index of the reference class, or -1 for flat
 */
public record ReweightTarget(int referenceClass) {

    /** The name of the flat target on the command line and in metadata. */
    public static final String FLAT_NAME = "flat";

    /**
     * Checks the index.
     *
     * @param referenceClass a class index (at least 0) or -1 for flat
     * @throws IllegalArgumentException for an index below -1
     */
    public ReweightTarget {
        if (referenceClass < -1) {
            throw new IllegalArgumentException("reference class must be -1 (flat) or a class index, not "
                + referenceClass);
        }
    }

    /**
     * The flat target: in every bin a class populates, the class gets the same weighted count, {@code N / (K × P)},
     * where N is the total weight of the labelled jets, K the number of populated classes and P the number of bins
     * the class populates; every class then totals {@code N / K}. Flat means flat in bins (equal content per bin,
     * not per unit of the variable).
     *
     * @return the flat target
     */
    public static ReweightTarget flat() {
        return new ReweightTarget(-1);
    }

    /**
     * A reference class: in every bin, each class's weighted count becomes the reference class's count there (so
     * every class totals about as much as the reference).
     *
     * @param classIndex the reference class
     * @return the target
     */
    public static ReweightTarget reference(int classIndex) {
        if (classIndex < 0) {
            throw new IllegalArgumentException("reference class index must be at least 0, not " + classIndex);
        }
        return new ReweightTarget(classIndex);
    }

    /**
     * Parses {@code flat} or a class name.
     *
     * @param text {@code flat} or one of {@code classNames} (case-insensitive)
     * @param classNames the class names in index order
     * @return the target
     * @throws IllegalArgumentException for an unknown name (the message lists the choices)
     */
    public static ReweightTarget parse(String text, List<String> classNames) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals(FLAT_NAME)) {
            return flat();
        }
        for (int i = 0; i < classNames.size(); i++) {
            if (classNames.get(i).toLowerCase(Locale.ROOT).equals(t)) {
                return reference(i);
            }
        }
        throw new IllegalArgumentException("reweighting target '" + text + "' is neither " + FLAT_NAME
            + " nor a class (" + String.join(", ", classNames) + ")");
    }

    /**
     * Whether this is the flat target.
     *
     * @return {@code true} for flat
     */
    public boolean isFlat() {
        return referenceClass < 0;
    }

    /**
     * The target's name: {@code flat} or the reference class's name.
     *
     * @param classNames the class names in index order
     * @return the name
     */
    public String name(List<String> classNames) {
        return isFlat() ? FLAT_NAME : classNames.get(referenceClass);
    }
}
