package dev.btag.data.weight;

import dev.btag.data.ntuple.JetFile;
import dev.btag.data.ntuple.LayoutMismatchException;

import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reweighting variables of the tutorial layout, read from the jet table: {@code pt} (column 0, {@code jet_pt}),
 * {@code abseta} (|column 1|, {@code |jet_eta|}) and {@code eta} (column 1). Each has a default {@link BinAxis}
 * (DeepJet's pT edges; |η| 0 to 2.5 in steps of 0.5; η −2.5 to 2.5 in steps of 0.5).
 *
 * <p>This is the tutorial layout's source of the variables; {@link KinematicReweighter} itself works on plain arrays,
 * so another layout only has to hand it its own arrays under the same names.
 */
public enum KinematicVariable {
    /** Jet transverse momentum in GeV ({@code jet_pt}). */
    PT("pt", JetColumn.JET_PT, false, BinAxis.DEEPJET_PT),
    /** Absolute jet pseudorapidity ({@code |jet_eta|}). */
    ABSETA("abseta", JetColumn.JET_ETA, true, BinAxis.DEEPJET_ABSETA),
    /** Jet pseudorapidity ({@code jet_eta}). */
    ETA("eta", JetColumn.JET_ETA, false,
        BinAxis.of("eta", -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5));

    /** The default variables: pT and |η|, as DeepJet reweights. */
    public static final List<KinematicVariable> DEFAULT = List.of(PT, ABSETA);

    private final String key;
    private final JetColumn column;
    private final boolean absolute;
    private final BinAxis axis;

    KinematicVariable(String key, JetColumn column, boolean absolute, BinAxis axis) {
        this.key = key;
        this.column = column;
        this.absolute = absolute;
        this.axis = axis;
    }

    /**
     * The name on the command line and in weights files ({@code pt}, {@code abseta}, {@code eta}).
     *
     * @return the name
     */
    public String key() {
        return key;
    }

    /**
     * The default binning.
     *
     * @return the axis, named {@link #key()}
     */
    public BinAxis defaultAxis() {
        return axis;
    }

    /**
     * The variable for every jet of a tutorial-layout file.
     *
     * @param file the open file
     * @return one value per jet
     * @throws IllegalArgumentException for a NaN value (the message names the file, the array, the column and the jet)
     */
    public float[] read(TutorialFile file) {
        float[] values = file.column(column);
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if (v != v) {
                throw new IllegalArgumentException(file.path() + ": array " + JetArray.JETS.entryName() + ", column "
                    + column.columnName() + ": NaN for jet " + i + " (reweighting variable " + key + ")");
            }
            if (absolute) {
                values[i] = Math.abs(v);
            }
        }
        return values;
    }

    /**
     * The variable for every jet of a file read through a layout: {@code pt} from {@code kinematics.pt},
     * {@code eta} and {@code abseta} from {@code kinematics.eta}.
     *
     * @param file the open file
     * @return one value per jet
     * @throws LayoutMismatchException when the layout declares no such field, or a value is NaN (naming the file,
     *     the key and the jet)
     */
    public float[] read(JetFile file) throws LayoutMismatchException {
        boolean pt = this == PT;
        String field = pt ? "kinematics.pt" : "kinematics.eta";
        if (pt ? !file.hasPt() : !file.hasEta()) {
            throw new LayoutMismatchException(file.path(), field, "reweighting by " + key + " needs it; the layout "
                + file.layout().source() + " declares none");
        }
        double[] raw = pt ? file.pt(0, file.jetCount()) : file.eta(0, file.jetCount());
        float[] values = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (Double.isNaN(raw[i])) {
                throw new LayoutMismatchException(file.path(), field, "NaN for jet " + i + " (reweighting variable "
                    + key + ")");
            }
            values[i] = (float) (absolute ? Math.abs(raw[i]) : raw[i]);
        }
        return values;
    }

    /**
     * The variable with a name.
     *
     * @param key {@code pt}, {@code abseta} or {@code eta} (case-insensitive)
     * @return the variable
     * @throws IllegalArgumentException for another name (the message lists the choices)
     */
    public static KinematicVariable parse(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (KinematicVariable v : values()) {
            if (v.key.equals(k)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown reweighting variable '" + key + "' (choose pt, abseta or eta)");
    }

    /**
     * Parses a comma-separated list such as {@code pt,abseta}.
     *
     * @param keys the names
     * @return the variables in the given order
     * @throws IllegalArgumentException for an unknown or repeated name
     */
    public static List<KinematicVariable> parseList(String keys) {
        List<KinematicVariable> out = new ArrayList<>();
        for (String k : keys.split(",", -1)) {
            KinematicVariable v = parse(k);
            if (out.contains(v)) {
                throw new IllegalArgumentException("reweighting variable '" + v.key + "' is listed twice in '"
                    + keys + "'");
            }
            out.add(v);
        }
        return out;
    }
}
