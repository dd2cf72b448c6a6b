package dev.btag.data.schema;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 52 columns of the jet table {@code arr_0} (shape (N, 52), float32), in index order, with the names the tutorial
 * gives them, their meaning and unit. {@link #index()} is the column index (equal to {@link #ordinal()}).
 *
 * <p>Units: momenta and masses in GeV, impact parameters in cm, angles in radians; significances, ratios, counts,
 * flags and codes are dimensionless ({@link #unit()} is then the empty string). The meanings of the CSV tagging
 * variables (columns 7–15) follow the CMS CombinedSecondaryVertex tagger; the tutorial gives only their names.
 * Columns 19–51 are Monte Carlo truth: {@link TruthFlag detailed flags} (19–42), the {@link TrainingClass one-hot
 * training classes} (43–48), the undefined flag (49) and the {@link Flavour integer truth} (50, 51).
 */
public enum JetColumn {
    /** Column 0, {@code jet_pt} [GeV]: Jet transverse momentum. */
    JET_PT("jet_pt", Group.KINEMATICS, "GeV",
        "Jet transverse momentum."),
    /** Column 1, {@code jet_eta}: Jet pseudorapidity. */
    JET_ETA("jet_eta", Group.KINEMATICS, "",
        "Jet pseudorapidity."),
    /**
     * Column 2, {@code nCpfcand}: Number of charged particle-flow candidates in the jet (the rows of arr_3, at most 25,
     * hold the first ones).
     */
    N_CPFCAND("nCpfcand", Group.MULTIPLICITY, "",
        "Number of charged particle-flow candidates in the jet (the rows of arr_3, at most 25, hold the first ones)."),
    /**
     * Column 3, {@code nNpfcand}: Number of neutral particle-flow candidates in the jet (the rows of arr_2, at most 25,
     * hold the first ones).
     */
    N_NPFCAND("nNpfcand", Group.MULTIPLICITY, "",
        "Number of neutral particle-flow candidates in the jet (the rows of arr_2, at most 25, hold the first ones)."),
    /**
     * Column 4, {@code nsv}: Number of secondary vertices associated with the jet (the rows of arr_4, at most 4, hold
     * the first ones).
     */
    NSV("nsv", Group.MULTIPLICITY, "",
        "Number of secondary vertices associated with the jet (the rows of arr_4, at most 4, hold the first ones)."),
    /** Column 5, {@code npv}: Number of reconstructed primary vertices in the event (pile-up). */
    NPV("npv", Group.MULTIPLICITY, "",
        "Number of reconstructed primary vertices in the event (pile-up)."),
    /**
     * Column 6, {@code n_seeds}: Number of seeding tracks (impact parameter above 1 sigma) of the jet; arr_1 and arr_5
     * hold at most 10.
     */
    N_SEEDS("n_seeds", Group.MULTIPLICITY, "",
        "Number of seeding tracks (impact parameter above 1 sigma) of the jet; arr_1 and arr_5 hold at most 10."),
    /**
     * Column 7, {@code TagVarCSV_trackSumJetEtRatio}: CSV tagging variable: transverse energy of the vector sum of the
     * selected tracks divided by the jet's.
     */
    TRACK_SUM_JET_ET_RATIO("TagVarCSV_trackSumJetEtRatio", Group.TAGGING, "",
        "CSV tagging variable: transverse energy of the vector sum of the selected tracks divided by the jet's."),
    /**
     * Column 8, {@code TagVarCSV_trackSumJetDeltaR}: CSV tagging variable: ΔR between the vector sum of the selected
     * tracks and the jet axis.
     */
    TRACK_SUM_JET_DELTA_R("TagVarCSV_trackSumJetDeltaR", Group.TAGGING, "",
        "CSV tagging variable: ΔR between the vector sum of the selected tracks and the jet axis."),
    /**
     * Column 9, {@code TagVarCSV_vertexCategory}: CSV vertex category: 0 = reconstructed secondary vertex, 1 =
     * pseudo-vertex, 2 = no vertex.
     */
    VERTEX_CATEGORY("TagVarCSV_vertexCategory", Group.TAGGING, "",
        "CSV vertex category: 0 = reconstructed secondary vertex, 1 = pseudo-vertex, 2 = no vertex."),
    /**
     * Column 10, {@code TagVarCSV_trackSip2dValAboveCharm} [cm]: CSV tagging variable: signed transverse (2D) impact
     * parameter of the first track, in order of decreasing significance, that lifts the invariant mass of the tracks
     * taken so far above the charm threshold (1.5 GeV); a default value when no track does.
     */
    TRACK_SIP2D_VAL_ABOVE_CHARM("TagVarCSV_trackSip2dValAboveCharm", Group.TAGGING, "cm",
        "CSV tagging variable: signed transverse (2D) impact parameter of the first track, in order of decreasing"
            + " significance, that lifts the invariant mass of the tracks taken so far above the charm threshold (1.5"
            + " GeV); a default value when no track does."),
    /**
     * Column 11, {@code TagVarCSV_trackSip2dSigAboveCharm}: CSV tagging variable: significance (value over uncertainty)
     * of the transverse impact parameter of the track above the charm threshold; a default value when no track crosses
     * it. Notebook 1 draws its ROC curve.
     */
    TRACK_SIP2D_SIG_ABOVE_CHARM("TagVarCSV_trackSip2dSigAboveCharm", Group.TAGGING, "",
        "CSV tagging variable: significance (value over uncertainty) of the transverse impact parameter of the track"
            + " above the charm threshold; a default value when no track crosses it. Notebook 1 draws its ROC curve."),
    /**
     * Column 12, {@code TagVarCSV_trackSip3dValAboveCharm} [cm]: CSV tagging variable: signed 3D impact parameter of
     * the track above the charm threshold; a default value when no track crosses it.
     */
    TRACK_SIP3D_VAL_ABOVE_CHARM("TagVarCSV_trackSip3dValAboveCharm", Group.TAGGING, "cm",
        "CSV tagging variable: signed 3D impact parameter of the track above the charm threshold; a default value when"
            + " no track crosses it."),
    /**
     * Column 13, {@code TagVarCSV_trackSip3dSigAboveCharm}: CSV tagging variable: significance of the 3D impact
     * parameter of the track above the charm threshold; a default value when no track crosses it.
     */
    TRACK_SIP3D_SIG_ABOVE_CHARM("TagVarCSV_trackSip3dSigAboveCharm", Group.TAGGING, "",
        "CSV tagging variable: significance of the 3D impact parameter of the track above the charm threshold; a"
            + " default value when no track crosses it."),
    /**
     * Column 14, {@code TagVarCSV_jetNSelectedTracks}: CSV tagging variable: number of tracks of the jet that pass the
     * CSV track selection.
     */
    JET_N_SELECTED_TRACKS("TagVarCSV_jetNSelectedTracks", Group.TAGGING, "",
        "CSV tagging variable: number of tracks of the jet that pass the CSV track selection."),
    /**
     * Column 15, {@code TagVarCSV_jetNTracksEtaRel}: CSV tagging variable: number of tracks for which the
     * pseudorapidity relative to the vertex direction is computed (the tracks of the secondary or pseudo-vertex).
     */
    JET_N_TRACKS_ETA_REL("TagVarCSV_jetNTracksEtaRel", Group.TAGGING, "",
        "CSV tagging variable: number of tracks for which the pseudorapidity relative to the vertex direction is"
            + " computed (the tracks of the secondary or pseudo-vertex)."),
    /** Column 16, {@code jet_corr_pt} [GeV]: Jet transverse momentum after the jet energy corrections. */
    JET_CORR_PT("jet_corr_pt", Group.KINEMATICS, "GeV",
        "Jet transverse momentum after the jet energy corrections."),
    /** Column 17, {@code jet_phi} [rad]: Jet azimuthal angle, in (-pi, pi]. */
    JET_PHI("jet_phi", Group.KINEMATICS, "rad",
        "Jet azimuthal angle, in (-pi, pi]."),
    /** Column 18, {@code jet_mass} [GeV]: Jet invariant mass. */
    JET_MASS("jet_mass", Group.KINEMATICS, "GeV",
        "Jet invariant mass."),
    /** Column 19, {@code isB}: Detailed truth flag (1 or 0): isB. */
    IS_B("isB", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isB."),
    /** Column 20, {@code isGBB}: Detailed truth flag (1 or 0): isGBB. */
    IS_GBB("isGBB", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isGBB."),
    /** Column 21, {@code isBB}: Detailed truth flag (1 or 0): isBB. */
    IS_BB("isBB", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isBB."),
    /** Column 22, {@code isLeptonicB}: Detailed truth flag (1 or 0): isLeptonicB. */
    IS_LEPTONIC_B("isLeptonicB", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isLeptonicB."),
    /** Column 23, {@code isLeptonicB_C}: Detailed truth flag (1 or 0): isLeptonicB_C. */
    IS_LEPTONIC_B_C("isLeptonicB_C", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isLeptonicB_C."),
    /** Column 24, {@code isC}: Detailed truth flag (1 or 0): isC. */
    IS_C("isC", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isC."),
    /** Column 25, {@code isGCC}: Detailed truth flag (1 or 0): isGCC. */
    IS_GCC("isGCC", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isGCC."),
    /** Column 26, {@code isCC}: Detailed truth flag (1 or 0): isCC. */
    IS_CC("isCC", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isCC."),
    /** Column 27, {@code isUD}: Detailed truth flag (1 or 0): isUD. */
    IS_UD("isUD", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isUD."),
    /** Column 28, {@code isS}: Detailed truth flag (1 or 0): isS. */
    IS_S("isS", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isS."),
    /** Column 29, {@code isG}: Detailed truth flag (1 or 0): isG. */
    IS_G("isG", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isG."),
    /** Column 30, {@code isUndefined}: Detailed truth flag (1 or 0): isUndefined. */
    IS_UNDEFINED("isUndefined", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0): isUndefined."),
    /** Column 31, {@code isPhysB}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysB. */
    IS_PHYS_B("isPhysB", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysB."),
    /** Column 32, {@code isPhysGBB}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysGBB. */
    IS_PHYS_GBB("isPhysGBB", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysGBB."),
    /** Column 33, {@code isPhysBB}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysBB. */
    IS_PHYS_BB("isPhysBB", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysBB."),
    /**
     * Column 34, {@code isPhysLeptonicB}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition:
     * isPhysLeptonicB.
     */
    IS_PHYS_LEPTONIC_B("isPhysLeptonicB", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysLeptonicB."),
    /**
     * Column 35, {@code isPhysLeptonicB_C}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition:
     * isPhysLeptonicB_C.
     */
    IS_PHYS_LEPTONIC_B_C("isPhysLeptonicB_C", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysLeptonicB_C."),
    /** Column 36, {@code isPhysC}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysC. */
    IS_PHYS_C("isPhysC", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysC."),
    /** Column 37, {@code isPhysGCC}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysGCC. */
    IS_PHYS_GCC("isPhysGCC", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysGCC."),
    /** Column 38, {@code isPhysCC}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysCC. */
    IS_PHYS_CC("isPhysCC", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysCC."),
    /** Column 39, {@code isPhysUD}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysUD. */
    IS_PHYS_UD("isPhysUD", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysUD."),
    /** Column 40, {@code isPhysS}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysS. */
    IS_PHYS_S("isPhysS", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysS."),
    /** Column 41, {@code isPhysG}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysG. */
    IS_PHYS_G("isPhysG", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysG."),
    /**
     * Column 42, {@code isPhysUndefined}: Detailed truth flag (1 or 0) of the alternative (isPhys) definition:
     * isPhysUndefined.
     */
    IS_PHYS_UNDEFINED("isPhysUndefined", Group.TRUTH_FLAG, "",
        "Detailed truth flag (1 or 0) of the alternative (isPhys) definition: isPhysUndefined."),
    /** Column 43, {@code isB*1}: Training class b (one-hot, 1 or 0): isB. */
    CLASS_B("isB*1", Group.TRUTH_CLASS, "",
        "Training class b (one-hot, 1 or 0): isB."),
    /** Column 44, {@code isBB+isGBB}: Training class bb (one-hot, 1 or 0): isBB + isGBB. */
    CLASS_BB("isBB+isGBB", Group.TRUTH_CLASS, "",
        "Training class bb (one-hot, 1 or 0): isBB + isGBB."),
    /**
     * Column 45, {@code isLeptonicB+isLeptonicB_C}: Training class leptonic b (one-hot, 1 or 0): isLeptonicB +
     * isLeptonicB_C.
     */
    CLASS_LEPTONIC_B("isLeptonicB+isLeptonicB_C", Group.TRUTH_CLASS, "",
        "Training class leptonic b (one-hot, 1 or 0): isLeptonicB + isLeptonicB_C."),
    /** Column 46, {@code isC+isGCC+isCC}: Training class c (one-hot, 1 or 0): isC + isGCC + isCC. */
    CLASS_C("isC+isGCC+isCC", Group.TRUTH_CLASS, "",
        "Training class c (one-hot, 1 or 0): isC + isGCC + isCC."),
    /** Column 47, {@code isUD+isS}: Training class uds (one-hot, 1 or 0): isUD + isS. */
    CLASS_UDS("isUD+isS", Group.TRUTH_CLASS, "",
        "Training class uds (one-hot, 1 or 0): isUD + isS."),
    /** Column 48, {@code isG*1}: Training class g (one-hot, 1 or 0): isG. */
    CLASS_G("isG*1", Group.TRUTH_CLASS, "",
        "Training class g (one-hot, 1 or 0): isG."),
    /**
     * Column 49, {@code isUndefined*1}: Undefined flag (1 or 0): isUndefined; such jets have all six training-class
     * columns 0.
     */
    CLASS_UNDEFINED("isUndefined*1", Group.TRUTH_CLASS, "",
        "Undefined flag (1 or 0): isUndefined; such jets have all six training-class columns 0."),
    /**
     * Column 50, {@code 5x(isB+isBB+isLeptonicB+isLeptonicB_C)+4x(isC+isGCC+isCC)+1x(isUD+isS)+21xisG+0xisUndefined}:
     * Integer truth (the 'Monte Carlo category' of the hands-on): 5 = b, 4 = c, 1 = light (uds), 21 = gluon, 0 =
     * undefined; see Flavour. The two transcriptions of the hands-on write this column's formula with and without isGBB
     * (btag's name is the one without); btag treats every b-like flag, isGBB included, as 5.
     */
    TRUTH("5x(isB+isBB+isLeptonicB+isLeptonicB_C)+4x(isC+isGCC+isCC)+1x(isUD+isS)+21xisG+0xisUndefined",
        Group.TRUTH_CODE, "",
        "Integer truth (the 'Monte Carlo category' of the hands-on): 5 = b, 4 = c, 1 = light (uds), 21 = gluon, 0 ="
            + " undefined; see Flavour. The two transcriptions of the hands-on write this column's formula with and"
            + " without isGBB (btag's name is the one without); btag treats every b-like flag, isGBB included, as 5."),
    /**
     * Column 51, {@code 5x(isPhysB+isPhysGBB+isPhysLeptonicB+isPhysLeptonicB_C)+4x(isPhysC+isPhysGCC+isPhysCC)}
     * {@code +1x(isPhysUD+isPhysS)+21xisPhysG+0xisPhysUndefined}: Integer truth from
     * the isPhys definition, same codes as column 50.
     */
    TRUTH_PHYS("5x(isPhysB+isPhysGBB+isPhysLeptonicB+isPhysLeptonicB_C)+4x(isPhysC+isPhysGCC+isPhysCC)"
        + "+1x(isPhysUD+isPhysS)+21xisPhysG+0xisPhysUndefined", Group.TRUTH_CODE, "",
        "Integer truth from the isPhys definition, same codes as column 50.");

    /** Number of columns of {@code arr_0}. */
    public static final int COUNT = 52;

    /** What kind of quantity a column holds; follows the headings of the tutorial's list. */
    public enum Group {
        /** Jet kinematics: pT, eta, phi, mass. */
        KINEMATICS,
        /** Numbers of particles, vertices, seeds. */
        MULTIPLICITY,
        /** b-tagging discriminating variables (CSV). */
        TAGGING,
        /** Detailed truth flags, plain and isPhys (columns 19–42). */
        TRUTH_FLAG,
        /** The six one-hot training classes and the undefined flag (columns 43–49). */
        TRUTH_CLASS,
        /** The integer truth codes (columns 50 and 51). */
        TRUTH_CODE;

        /**
         * Whether columns of this group are Monte Carlo truth (never a tagger input).
         *
         * @return {@code true} for the three truth groups
         */
        public boolean isTruth() {
            return this == TRUTH_FLAG || this == TRUTH_CLASS || this == TRUTH_CODE;
        }
    }

    private static final JetColumn[] BY_INDEX = values();
    private static final Map<String, JetColumn> BY_NAME = new HashMap<>();

    static {
        for (JetColumn column : BY_INDEX) {
            BY_NAME.put(column.columnName, column);
        }
    }

    private final String columnName;
    private final Group group;
    private final String unit;
    private final String description;

    JetColumn(String columnName, Group group, String unit, String description) {
        this.columnName = columnName;
        this.group = group;
        this.unit = unit;
        this.description = description;
    }

    /**
     * The column index in {@code arr_0}.
     *
     * @return 0 to 51
     */
    public int index() {
        return ordinal();
    }

    /**
     * The column name as the tutorial lists it, e.g. {@code "jet_pt"} or {@code "TagVarCSV_trackSip2dSigAboveCharm"};
     * for columns 43–51 the tutorial's defining expression, e.g. {@code "isBB+isGBB"}.
     *
     * @return the name
     */
    public String columnName() {
        return columnName;
    }

    /**
     * A one-sentence meaning of the column.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The unit of the stored values.
     *
     * @return "GeV", "cm", "rad", or "" for dimensionless quantities
     */
    public String unit() {
        return unit;
    }

    /**
     * The kind of quantity this column holds.
     *
     * @return the group
     */
    public Group group() {
        return group;
    }

    /**
     * A name usable as a file name: the column name for columns 0–42, and {@code class_b} ... {@code truth_phys}
     * (the lower-case constant name) for the truth columns 43–51 whose tutorial names are expressions.
     *
     * @return a name of letters, digits and underscores
     */
    public String fileName() {
        return index() < CLASS_B.index() ? columnName : name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The column with an index.
     *
     * @param index 0 to 51
     * @return the column
     * @throws IllegalArgumentException for an index outside 0–51, naming it
     */
    public static JetColumn fromIndex(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("arr_0 has columns 0 to 51, not " + index);
        }
        return BY_INDEX[index];
    }

    /**
     * The column with a name ({@link #columnName()}, exactly, or the enum constant name, e.g. {@code "JET_PT"}).
     *
     * @param name the name
     * @return the column, or empty when no column has that name
     */
    public static Optional<JetColumn> byName(String name) {
        JetColumn column = BY_NAME.get(name);
        if (column == null) {
            for (JetColumn c : BY_INDEX) {
                if (c.name().equals(name)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.ofNullable(column);
    }
}
