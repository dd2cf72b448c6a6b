package dev.btag.metrics.workingpoint;

/**
 * One working point of a tagger: a jet is tagged when its score is at least {@code threshold}. This record is
 * immutable.
 *
 * <p>Uncertainties are binomial, {@code sqrt(p (1 - p) / n)} with {@code n} the (effective) number of signal or
 * background entries; the rejection's is propagated, {@code mistagError / mistag^2}.
 *
 * @param target the target the point was chosen for (a mistag rate or an efficiency, see {@link WorkingPoints})
 * @param threshold the score cut; {@code +Infinity} when no cut meets the target with any efficiency (nothing tagged)
 * @param efficiency the fraction of signal tagged (true-positive rate)
 * @param efficiencyError its binomial uncertainty
 * @param mistag the fraction of background tagged (false-positive rate)
 * @param mistagError its binomial uncertainty
 */
public record WorkingPoint(double target, double threshold, double efficiency, double efficiencyError, double mistag,
                           double mistagError) {

    /**
     * The background rejection {@code 1 / mistag}.
     *
     * @return the rejection; {@code +Infinity} when the mistag rate is 0
     */
    public double rejection() {
        return 1 / mistag;
    }

    /**
     * The uncertainty of the rejection, {@code mistagError / mistag^2}.
     *
     * @return the uncertainty; NaN when the mistag rate is 0
     */
    public double rejectionError() {
        return mistag == 0 ? Double.NaN : mistagError / (mistag * mistag);
    }
}
