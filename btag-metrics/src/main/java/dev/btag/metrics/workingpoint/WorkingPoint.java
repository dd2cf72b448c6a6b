package dev.btag.metrics.workingpoint;

/**
 * One working point of a tagger: a jet is tagged when its score is at least {@code threshold}. This record is
 * immutable.
 *
 * <p>Uncertainties are binomial, {@code sqrt(p (1 - p) / n)} with {@code n} the (effective) number of signal or
 * background entries; the rejection's is propagated, {@code mistagError / mistag^2}.
 *
 * @param definition what the point was chosen for: its name, the fixed rate and its value
 * @param threshold the score cut; {@code +Infinity} when no cut meets the target with any efficiency (nothing tagged)
 * @param efficiency the fraction of signal tagged (true-positive rate)
 * @param efficiencyError its binomial uncertainty
 * @param mistag the fraction of background tagged (false-positive rate)
 * @param mistagError its binomial uncertainty
 */
public record WorkingPoint(WorkingPointTarget definition, double threshold, double efficiency, double efficiencyError,
                           double mistag, double mistagError) {

    /**
     * The name of the working point, for example {@code "medium"}.
     *
     * @return {@code definition().name()}
     */
    public String name() {
        return definition.name();
    }

    /**
     * The rate the point was chosen for: a mistag rate or an efficiency, as {@link WorkingPointTarget#criterion()}
     * says.
     *
     * @return {@code definition().value()}
     */
    public double target() {
        return definition.value();
    }

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
