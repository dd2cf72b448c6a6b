package dev.btag.models.evaluate;

import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.workingpoint.WorkingPoint;
import java.util.List;
import java.util.Objects;

/**
 * What one flavour comparison measured on a test sample. This record is immutable.
 *
 * @param comparison the comparison: which jets are signal and background, which discriminant scores them
 * @param roc the ROC curve of the discriminant over the jets the comparison keeps
 * @param auc the area under it with DeLong's standard error
 * @param workingPoints the working points at fixed mistag rates (loose, medium, tight by default)
 * @param efficiencyWorkingPoints the working points at fixed signal efficiencies (60, 70, 77, 85% by default)
 * @param reference the working point the binned rates are measured at (medium by default), one of
 *     {@code workingPoints} or {@code efficiencyWorkingPoints}
 * @param efficiencyVsPt the signal efficiency at {@code reference} in bins of jet pT
 * @param mistagVsPt the background mistag rate at {@code reference} in bins of jet pT
 * @param binned the performance per bin of each binned variable (jet pT, then |&eta;| by default): AUC and rates of
 *     every working point; jets above the last edge count in the last bin unless the evaluation says otherwise,
 *     whereas {@code efficiencyVsPt} and {@code mistagVsPt} leave them out (as they always have)
 */
public record ComparisonResult(FlavourComparison comparison, RocCurve roc, AucEstimate auc,
        List<WorkingPoint> workingPoints, List<WorkingPoint> efficiencyWorkingPoints, WorkingPoint reference,
        BinnedEfficiency efficiencyVsPt, BinnedEfficiency mistagVsPt, List<BinnedPerformance> binned) {

    /**
     * Copies the lists.
     *
     * @param comparison the comparison
     * @param roc the ROC curve
     * @param auc the AUC estimate
     * @param workingPoints the fixed-mistag working points
     * @param efficiencyWorkingPoints the fixed-efficiency working points
     * @param reference the reference working point
     * @param efficiencyVsPt the binned efficiency
     * @param mistagVsPt the binned mistag rate
     * @param binned the binned performance
     */
    public ComparisonResult {
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(roc, "roc");
        Objects.requireNonNull(auc, "auc");
        workingPoints = List.copyOf(workingPoints);
        efficiencyWorkingPoints = List.copyOf(efficiencyWorkingPoints);
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(efficiencyVsPt, "efficiencyVsPt");
        Objects.requireNonNull(mistagVsPt, "mistagVsPt");
        binned = List.copyOf(binned);
    }

    /**
     * A result without binned performance, as made before there was any.
     *
     * @param comparison the comparison
     * @param roc the ROC curve
     * @param auc the AUC estimate
     * @param workingPoints the fixed-mistag working points
     * @param efficiencyWorkingPoints the fixed-efficiency working points
     * @param reference the reference working point
     * @param efficiencyVsPt the binned efficiency
     * @param mistagVsPt the binned mistag rate
     */
    public ComparisonResult(FlavourComparison comparison, RocCurve roc, AucEstimate auc,
            List<WorkingPoint> workingPoints, List<WorkingPoint> efficiencyWorkingPoints, WorkingPoint reference,
            BinnedEfficiency efficiencyVsPt, BinnedEfficiency mistagVsPt) {
        this(comparison, roc, auc, workingPoints, efficiencyWorkingPoints, reference, efficiencyVsPt, mistagVsPt,
            List.of());
    }

    /**
     * The binned performance of one variable.
     *
     * @param variable its name, for example {@code "pt"} or {@code "absEta"}
     * @return the performance per bin
     * @throws IllegalArgumentException if the variable was not binned (the message lists those that were)
     */
    public BinnedPerformance binned(String variable) {
        for (BinnedPerformance b : binned) {
            if (b.variable().equals(variable)) {
                return b;
            }
        }
        throw new IllegalArgumentException(comparison.name() + " has no binned performance in '" + variable
            + "'; binned: " + binned.stream().map(BinnedPerformance::variable).toList());
    }

    /**
     * Every working point, the fixed-mistag ones first.
     *
     * @return the working points
     */
    public List<WorkingPoint> allWorkingPoints() {
        List<WorkingPoint> all = new java.util.ArrayList<>(workingPoints);
        all.addAll(efficiencyWorkingPoints);
        return List.copyOf(all);
    }

    /**
     * The fixed-mistag or fixed-efficiency working point of the given name.
     *
     * @param name for example {@code "medium"} or {@code "70%"}
     * @return the working point
     * @throws IllegalArgumentException if there is none of that name (the message lists the names)
     */
    public WorkingPoint workingPoint(String name) {
        for (List<WorkingPoint> points : List.of(workingPoints, efficiencyWorkingPoints)) {
            for (WorkingPoint wp : points) {
                if (wp.name().equals(name)) {
                    return wp;
                }
            }
        }
        throw new IllegalArgumentException(comparison.name() + " has no working point '" + name + "'; it has "
            + workingPoints.stream().map(WorkingPoint::name).toList() + " and "
            + efficiencyWorkingPoints.stream().map(WorkingPoint::name).toList());
    }
}
