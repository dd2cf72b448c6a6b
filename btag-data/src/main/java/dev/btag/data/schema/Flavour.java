package dev.btag.data.schema;

import java.util.EnumMap;
import java.util.Map;

/**
 * The coarse jet flavour of the tutorial's plots: the integer truth of column 50 ({@link JetColumn#TRUTH}, or 51 for
 * the isPhys definition) mapped to b, c, light (u, d, s) and gluon jets, plus undefined.
 *
 * <p>The codes are the tutorial's: {@code 5 * (b-like) + 4 * (c-like) + 1 * (uds) + 21 * (g) + 0 * (undefined)}, and
 * the notebooks select categories with {@code jetvars[:, -2] == 5} etc. Note that flavours group the six
 * {@link TrainingClass training classes}: b, bb and leptonic b are all {@link #B}.
 */
public enum Flavour {
    /** b jets (isB, isBB, isGBB, isLeptonicB, isLeptonicB_C): truth code 5. */
    B(5, "b"),
    /** c jets (isC, isGCC, isCC): truth code 4. */
    C(4, "c"),
    /** Light-quark jets (isUD, isS): truth code 1. */
    LIGHT(1, "light"),
    /** Gluon jets (isG): truth code 21. */
    GLUON(21, "gluon"),
    /** Jets without a defined flavour (isUndefined): truth code 0. */
    UNDEFINED(0, "undefined");

    private final int truthCode;
    private final String label;

    Flavour(int truthCode, String label) {
        this.truthCode = truthCode;
        this.label = label;
    }

    /**
     * The integer truth code of this flavour as stored in columns 50 and 51.
     *
     * @return 5, 4, 1, 21 or 0
     */
    public int truthCode() {
        return truthCode;
    }

    /**
     * A short label for legends and file names.
     *
     * @return "b", "c", "light", "gluon" or "undefined"
     */
    public String label() {
        return label;
    }

    /**
     * The flavour of an integer truth code.
     *
     * @param code 5, 4, 1, 21 or 0
     * @return the flavour with that code
     * @throws IllegalArgumentException for any other code, naming it
     */
    public static Flavour fromTruthCode(int code) {
        for (Flavour flavour : values()) {
            if (flavour.truthCode == code) {
                return flavour;
            }
        }
        throw new IllegalArgumentException("unknown truth code " + code + " (expected 5, 4, 1, 21 or 0)");
    }

    /**
     * The flavour of a truth value as read from a float column, or {@code null} when the value is not exactly one of
     * the five codes (a NaN, a fraction, an unknown integer). Files store the code as a float, so this is the lenient
     * entry point for file content.
     *
     * @param value the stored value of column 50 or 51
     * @return the flavour, or {@code null} when the value is no valid code
     */
    public static Flavour fromTruthValue(double value) {
        for (Flavour flavour : values()) {
            if (value == flavour.truthCode) {
                return flavour;
            }
        }
        return null;
    }

    /**
     * Per-flavour selection masks (the notebooks' {@code isB = jetvars[:, -2] == 5} etc.), one boolean per jet.
     * A value that is no valid code (see {@link #fromTruthValue(double)}) selects no flavour.
     *
     * @param truthValues the truth column, one value per jet
     * @return one mask of {@code truthValues.length} entries per flavour, in declaration order
     */
    public static Map<Flavour, boolean[]> masks(float[] truthValues) {
        Map<Flavour, boolean[]> masks = new EnumMap<>(Flavour.class);
        for (Flavour flavour : values()) {
            masks.put(flavour, new boolean[truthValues.length]);
        }
        for (int i = 0; i < truthValues.length; i++) {
            Flavour flavour = fromTruthValue(truthValues[i]);
            if (flavour != null) {
                masks.get(flavour)[i] = true;
            }
        }
        return masks;
    }

    /**
     * The four flavours of the tutorial's plots, in its order: b, c, light, gluon.
     *
     * @return a new array {B, C, LIGHT, GLUON}
     */
    public static Flavour[] plotted() {
        return new Flavour[] {B, C, LIGHT, GLUON};
    }
}
