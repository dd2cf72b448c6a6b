package dev.btag.metrics.roc;

import java.util.Objects;

/**
 * The ROC performance of the jets in one bin of a variable (for example 30 &le; pT &lt; 50 GeV). This record is
 * immutable.
 *
 * @param lower the bin's lower edge
 * @param upper the bin's upper edge ({@code +Infinity} for a last bin that takes the overflow)
 * @param signal how much signal the bin holds
 * @param background how much background the bin holds
 * @param auc the AUC of the bin's jets with DeLong's standard error, computed from the bin's full curve; both NaN
 *     when the bin lacks signal or background
 * @param curve the bin's ROC curve thinned for drawing ({@link RocCurve#thinned(int)}), or {@code null} when the bin
 *     lacks signal or background
 */
public record RocBin(double lower, double upper, ClassTotals signal, ClassTotals background, AucEstimate auc,
                     RocCurve curve) {

    /**
     * Checks the components.
     *
     * @param lower the lower edge
     * @param upper the upper edge
     * @param signal the signal totals
     * @param background the background totals
     * @param auc the AUC estimate
     * @param curve the curve or {@code null}
     */
    public RocBin {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(auc, "auc");
    }

    /**
     * Whether the bin holds both classes, so that its AUC and curve exist.
     *
     * @return {@code curve() != null}
     */
    public boolean hasBothClasses() {
        return curve != null;
    }
}
