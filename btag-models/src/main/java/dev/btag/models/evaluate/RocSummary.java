package dev.btag.models.evaluate;

import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.workingpoint.WorkingPoint;
import java.util.List;

/**
 * The result of {@link ColumnRoc#compute()}: the curve, its AUC with DeLong's standard error, the entry counts and the
 * standard working points (10%, 1%, 0.1% mistag). This record is immutable.
 *
 * @param curve the ROC curve
 * @param auc the AUC and its standard error
 * @param signal the number of signal entries
 * @param background the number of background entries (entries whose label is neither signal nor a listed background
 *     value are not counted)
 * @param workingPoints the working points for mistag 0.1, 0.01 and 0.001, in that order
 */
public record RocSummary(RocCurve curve, AucEstimate auc, long signal, long background,
                         List<WorkingPoint> workingPoints) {

    /**
     * Copies the list of working points.
     *
     * @param curve the ROC curve
     * @param auc the AUC estimate
     * @param signal the signal count
     * @param background the background count
     * @param workingPoints the working points
     */
    public RocSummary {
        workingPoints = List.copyOf(workingPoints);
    }
}
