package dev.btag.metrics.discriminant;

/**
 * One tagging discriminant, computed from the six class probabilities in the order b, bb, leptonic b, c, uds, g.
 * With {@code B = pb + pbb + plepb}: see each constant. A ratio whose denominator is 0 (all the probabilities it
 * involves are 0) has the value {@link #UNDEFINED}, -1, the value CMS gives to jets a tagger cannot evaluate; it ranks
 * below every defined value, all of which lie in [0, 1] for probabilities.
 */
public enum Discriminant {

    /** {@code B}: the b-jet probability. */
    B_VS_ALL("BvsAll"),
    /** {@code B / (B + puds + pg)}: b against light and gluon jets. */
    B_VS_L("BvsL"),
    /** {@code B / (B + pc)}: b against c jets. */
    B_VS_C("BvsC"),
    /** {@code pc / (pc + puds + pg)}: c against light and gluon jets. */
    C_VS_L("CvsL"),
    /** {@code pc / (pc + B)}: c against b jets. */
    C_VS_B("CvsB");

    /** The value of a ratio whose denominator is 0. */
    public static final double UNDEFINED = -1;

    private final String cmsName;

    Discriminant(String cmsName) {
        this.cmsName = cmsName;
    }

    /**
     * The name CMS uses, for example {@code BvsL}.
     *
     * @return the name
     */
    public String cmsName() {
        return cmsName;
    }

    /**
     * The discriminant of one jet.
     *
     * @param pb p(b)
     * @param pbb p(bb)
     * @param plepb p(leptonic b)
     * @param pc p(c)
     * @param puds p(uds)
     * @param pg p(g)
     * @return the value, or {@link #UNDEFINED} if its denominator is 0
     */
    public double of(double pb, double pbb, double plepb, double pc, double puds, double pg) {
        double b = pb + pbb + plepb;
        return switch (this) {
            case B_VS_ALL -> b;
            case B_VS_L -> ratio(b, b + puds + pg);
            case B_VS_C -> ratio(b, b + pc);
            case C_VS_L -> ratio(pc, pc + puds + pg);
            case C_VS_B -> ratio(pc, pc + b);
        };
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? UNDEFINED : numerator / denominator;
    }

    /**
     * Looks a discriminant up by its CMS name, ignoring case.
     *
     * @param name for example {@code BvsL}
     * @return the discriminant
     * @throws IllegalArgumentException if no discriminant has that name (the message lists them)
     */
    public static Discriminant fromCmsName(String name) {
        for (Discriminant d : values()) {
            if (d.cmsName.equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException(
            "unknown discriminant '" + name + "'; known: BvsAll, BvsL, BvsC, CvsL, CvsB");
    }
}
