package dev.btag.models.evaluate;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.roc.BinnedRoc;
import java.util.List;
import java.util.Objects;

/**
 * A comparison's performance in the bins of one jet variable (jet p<sub>T</sub> or |&eta;|): per bin the AUC with
 * DeLong's error and the ROC curve (thinned for drawing), and the efficiency and mistag rate of every working point.
 * Bins follow the evaluation's overflow policy ({@link BinnedRoc#overflow()}; by default the last bin takes every
 * jet above its lower edge). This record is immutable.
 *
 * @param roc the ROC performance per bin
 * @param workingPoints the rates per bin of the fixed-mistag working points, then the fixed-efficiency ones
 */
public record BinnedPerformance(BinnedRoc roc, List<WorkingPointRates> workingPoints) {

    /**
     * Copies the list.
     *
     * @param roc the ROC performance per bin
     * @param workingPoints the working points' rates
     */
    public BinnedPerformance {
        Objects.requireNonNull(roc, "roc");
        workingPoints = List.copyOf(workingPoints);
    }

    /**
     * The variable's name.
     *
     * @return for example {@code "pt"} or {@code "absEta"}
     */
    public String variable() {
        return roc.variable();
    }

    /**
     * The bins.
     *
     * @return the binning
     */
    public Binning binning() {
        return roc.binning();
    }

    /**
     * The rates of one working point.
     *
     * @param name the working point's name, for example {@code "medium"}
     * @return its rates
     * @throws IllegalArgumentException if there is none of that name (the message lists them)
     */
    public WorkingPointRates workingPoint(String name) {
        for (WorkingPointRates r : workingPoints) {
            if (r.workingPoint().name().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no binned rates for working point '" + name + "'; there are "
            + workingPoints.stream().map(r -> r.workingPoint().name()).toList());
    }
}
