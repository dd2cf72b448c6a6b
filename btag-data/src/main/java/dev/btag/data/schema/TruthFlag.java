package dev.btag.data.schema;

/**
 * The twelve detailed truth flags of a jet: columns 19–30 of {@code arr_0} and their "isPhys" twins in columns
 * 31–42, in column order. Exactly one flag is 1 per jet and per definition.
 *
 * <p>The tutorial lists the flags without defining them. The names follow the CMS DeepJet ntuples: "GBB"/"GCC" are
 * two b/c hadrons from gluon splitting, "BB"/"CC" two hadrons otherwise, "LeptonicB" a semileptonic b-hadron decay
 * and "LeptonicB_C" a b → c → lepton cascade. The isPhys flags use an alternative ("physics") flavour definition;
 * they mostly, but not always, agree with the plain flags.
 */
public enum TruthFlag {
    /** {@code isB}: one b hadron, no lepton. */
    B(TrainingClass.B),
    /** {@code isGBB}: two b hadrons from gluon splitting. */
    GBB(TrainingClass.BB),
    /** {@code isBB}: two b hadrons, not from gluon splitting. */
    BB(TrainingClass.BB),
    /** {@code isLeptonicB}: a semileptonic b-hadron decay. */
    LEPTONIC_B(TrainingClass.LEPTONIC_B),
    /** {@code isLeptonicB_C}: a b → c → lepton cascade. */
    LEPTONIC_B_C(TrainingClass.LEPTONIC_B),
    /** {@code isC}: one c hadron. */
    C(TrainingClass.C),
    /** {@code isGCC}: two c hadrons from gluon splitting. */
    GCC(TrainingClass.C),
    /** {@code isCC}: two c hadrons, not from gluon splitting. */
    CC(TrainingClass.C),
    /** {@code isUD}: up or down quark jet. */
    UD(TrainingClass.UDS),
    /** {@code isS}: strange quark jet. */
    S(TrainingClass.UDS),
    /** {@code isG}: gluon jet. */
    G(TrainingClass.G),
    /** {@code isUndefined}: no flavour could be assigned; no training class. */
    UNDEFINED(null);

    private final TrainingClass trainingClass;

    TruthFlag(TrainingClass trainingClass) {
        this.trainingClass = trainingClass;
    }

    /**
     * The column of this flag in {@code arr_0}.
     *
     * @param phys {@code true} for the isPhys definition (columns 31–42), {@code false} for the plain one (19–30)
     * @return the column
     */
    public JetColumn column(boolean phys) {
        return JetColumn.fromIndex((phys ? JetColumn.IS_PHYS_B.index() : JetColumn.IS_B.index()) + ordinal());
    }

    /**
     * The training class (one-hot column 43–48) that this flag feeds.
     *
     * @return the class, or {@code null} for {@link #UNDEFINED} (column 49 instead)
     */
    public TrainingClass trainingClass() {
        return trainingClass;
    }

    /**
     * The coarse flavour of this flag (the integer truth of columns 50/51).
     *
     * @return the flavour; {@link Flavour#UNDEFINED} for {@link #UNDEFINED}
     */
    public Flavour flavour() {
        return trainingClass == null ? Flavour.UNDEFINED : trainingClass.flavour();
    }

    /**
     * Writes the truth columns 19–51 of one jet-table row from its plain and isPhys flags: the two detailed flags,
     * the training-class one-hot (or the undefined flag 49) from the plain flag, and the integer truth codes 50 and 51.
     * The other truth columns of the row are left as they are (zero in a fresh array).
     *
     * @param jets the jet table, row-major with 52 columns
     * @param row the row (jet) index
     * @param plain the flag of the plain definition (columns 19–30, 43–50)
     * @param phys the flag of the isPhys definition (columns 31–42, 51)
     */
    public static void writeTruthColumns(float[] jets, int row, TruthFlag plain, TruthFlag phys) {
        int base = row * JetColumn.COUNT;
        jets[base + plain.column(false).index()] = 1f;
        jets[base + phys.column(true).index()] = 1f;
        if (plain.trainingClass() == null) {
            jets[base + JetColumn.CLASS_UNDEFINED.index()] = 1f;
        } else {
            jets[base + plain.trainingClass().column().index()] = 1f;
        }
        jets[base + JetColumn.TRUTH.index()] = plain.flavour().truthCode();
        jets[base + JetColumn.TRUTH_PHYS.index()] = phys.flavour().truthCode();
    }
}
