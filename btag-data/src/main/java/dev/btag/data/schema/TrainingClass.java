package dev.btag.data.schema;

/**
 * The six training classes of the tutorial's taggers: the one-hot columns 43–48 of {@code arr_0}
 * ({@code arr_0[:, -9:-3]} in the notebooks), in column order. A tagger's six outputs follow this order too.
 *
 * <p>A jet whose six flags are all zero is an undefined jet (column 49, {@link JetColumn#CLASS_UNDEFINED}, is set
 * instead); its label row is all zero, exactly as in Keras.
 */
public enum TrainingClass {
    /** Column 43, {@code isB*1}: a single b hadron, hadronic decay. */
    B(JetColumn.CLASS_B, Flavour.B),
    /** Column 44, {@code isBB+isGBB}: two b hadrons in the jet (including gluon splitting). */
    BB(JetColumn.CLASS_BB, Flavour.B),
    /** Column 45, {@code isLeptonicB+isLeptonicB_C}: a b hadron with a semileptonic decay (direct or via c). */
    LEPTONIC_B(JetColumn.CLASS_LEPTONIC_B, Flavour.B),
    /** Column 46, {@code isC+isGCC+isCC}: c jets. */
    C(JetColumn.CLASS_C, Flavour.C),
    /** Column 47, {@code isUD+isS}: light-quark jets. */
    UDS(JetColumn.CLASS_UDS, Flavour.LIGHT),
    /** Column 48, {@code isG*1}: gluon jets. */
    G(JetColumn.CLASS_G, Flavour.GLUON);

    /** Number of training classes (the width of a label row). */
    public static final int COUNT = 6;

    private final JetColumn column;
    private final Flavour flavour;

    TrainingClass(JetColumn column, Flavour flavour) {
        this.column = column;
        this.flavour = flavour;
    }

    /**
     * The one-hot column of this class in {@code arr_0}.
     *
     * @return one of columns 43–48
     */
    public JetColumn column() {
        return column;
    }

    /**
     * The coarse flavour this class belongs to (b, bb and leptonic b are all {@link Flavour#B}).
     *
     * @return the flavour
     */
    public Flavour flavour() {
        return flavour;
    }

    /**
     * The integer truth code that a jet table row's one-hot columns 43–49 imply, or -1 when they are no valid
     * one-hot row. Valid means: every value of columns 43–49 is exactly 0 or 1 and exactly one of them is 1. The code
     * is the {@link #flavour() flavour} code of the class that is set, or 0 when only column 49 (undefined) is set.
     *
     * @param jets the jet table, row-major with {@link JetColumn#COUNT} columns per row
     * @param row the row (jet) index
     * @return 5, 4, 1, 21, 0, or -1 for an invalid one-hot row
     * @throws IndexOutOfBoundsException when the row lies outside {@code jets}
     */
    public static int truthCodeOfOneHot(float[] jets, int row) {
        int base = row * JetColumn.COUNT;
        int set = -1;
        for (int c = JetColumn.CLASS_B.index(); c <= JetColumn.CLASS_UNDEFINED.index(); c++) {
            float v = jets[base + c];
            if (v == 1f) {
                if (set >= 0) {
                    return -1;
                }
                set = c;
            } else if (v != 0f) {
                return -1;
            }
        }
        if (set < 0) {
            return -1;
        }
        if (set == JetColumn.CLASS_UNDEFINED.index()) {
            return Flavour.UNDEFINED.truthCode();
        }
        return values()[set - JetColumn.CLASS_B.index()].flavour.truthCode();
    }
}
