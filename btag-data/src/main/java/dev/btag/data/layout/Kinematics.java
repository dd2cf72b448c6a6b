package dev.btag.data.layout;

import java.util.Optional;

/**
 * The jet fields holding the transverse momentum (GeV) and the pseudorapidity (key {@code kinematics}), for
 * reweighting and binned metrics. This record is immutable.
 *
 * @param pt the pT field or column, or {@code null}
 * @param eta the η field or column, or {@code null}
 */
public record Kinematics(String pt, String eta) {

    /** No kinematic fields declared. */
    public static final Kinematics NONE = new Kinematics(null, null);

    /**
     * The pT field.
     *
     * @return the field, or empty when none is declared
     */
    public Optional<String> ptField() {
        return Optional.ofNullable(pt);
    }

    /**
     * The η field.
     *
     * @return the field, or empty when none is declared
     */
    public Optional<String> etaField() {
        return Optional.ofNullable(eta);
    }
}
