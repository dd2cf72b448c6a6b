package dev.btag.models.evaluate;

import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.workingpoint.WorkingPoint;
import java.util.Objects;

/**
 * The rates of one working point in the bins of a jet variable: the cut is the one chosen on the whole sample (as an
 * analysis applies it), the rates are those of the jets in each bin. This record is immutable.
 *
 * @param workingPoint the working point (name, threshold and rates on the whole sample)
 * @param efficiency the signal efficiency per bin, with Clopper&ndash;Pearson intervals
 * @param mistag the background mistag rate per bin, with Clopper&ndash;Pearson intervals
 */
public record WorkingPointRates(WorkingPoint workingPoint, BinnedEfficiency efficiency, BinnedEfficiency mistag) {

    /**
     * Checks the components.
     *
     * @param workingPoint the working point
     * @param efficiency the binned efficiency
     * @param mistag the binned mistag rate
     */
    public WorkingPointRates {
        Objects.requireNonNull(workingPoint, "workingPoint");
        Objects.requireNonNull(efficiency, "efficiency");
        Objects.requireNonNull(mistag, "mistag");
    }
}
