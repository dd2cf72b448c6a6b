package dev.btag.data.synthetic;

/**
 * Small kinematic formulas shared by the three stages of the synthetic simulation ({@link JetGenerator},
 * {@link JetReconstruction}, {@link LayoutEncoder}). Angles in radians; the functions are exact enough for the
 * magnitudes of a jet (GeV, cm) and skip the overflow care of {@link Math#hypot}, which is slow.
 */
final class Kinematics {

    private Kinematics() {
    }

    /**
     * √(x² + y²) without {@code Math.hypot}'s overflow care, which is slow and not needed for these magnitudes.
     *
     * @param x first component
     * @param y second component
     * @return the length
     */
    static double hypot(double x, double y) {
        return Math.sqrt(x * x + y * y);
    }

    /**
     * The inverse hyperbolic sine, ln(x + √(x² + 1)); the pseudorapidity of a momentum is {@code asinh(pz / pt)}.
     *
     * @param x the argument
     * @return asinh(x)
     */
    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    /**
     * An azimuth or azimuth difference brought into (-π, π].
     *
     * @param phi an angle (rad)
     * @return the same direction in (-π, π]
     */
    static double wrap(double phi) {
        double p = phi;
        while (p > Math.PI) {
            p -= 2 * Math.PI;
        }
        while (p <= -Math.PI) {
            p += 2 * Math.PI;
        }
        return p;
    }
}
