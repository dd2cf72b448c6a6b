package dev.btag.examples.tutorial;

import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.Selection;
import java.util.List;

/**
 * The best single input variable, the baseline every tagger should beat: of the tutorial's 15 input features, the
 * one with the highest AUC for b vs light+gluon on the test file. A variable that is lower for b jets is used with
 * its sign flipped, so its AUC is at least one half.
 *
 * @param column the variable
 * @param flipped whether the score is minus the variable
 * @param score the score per jet of the test file (the variable, or minus it)
 */
record SingleVariable(JetColumn column, boolean flipped, double[] score) {

    /**
     * Finds the best variable.
     *
     * @param file the test file
     * @param truth its integer truth codes (column 50)
     * @return the best variable and its scores
     */
    static SingleVariable best(TutorialFile file, int[] truth) {
        FeatureSet features = FeatureSet.TUTORIAL;
        float[] rows = file.features(features, 0, file.jetCount());
        int f = features.size();
        int n = truth.length;
        Selection bVsLight = FlavourSelection.B_VS_LIGHT_GLUON.apply(truth);
        SingleVariable best = null;
        double bestAuc = -1;
        for (int j = 0; j < f; j++) {
            double[] value = new double[n];
            for (int i = 0; i < n; i++) {
                value[i] = rows[i * f + j];
            }
            double auc = RocCurve.of(bVsLight.pick(value), bVsLight.signal()).auc();
            boolean flip = auc < 0.5;
            if (Math.max(auc, 1 - auc) > bestAuc) {
                bestAuc = Math.max(auc, 1 - auc);
                if (flip) {
                    for (int i = 0; i < n; i++) {
                        value[i] = -value[i];
                    }
                }
                best = new SingleVariable(features.columns().get(j), flip, value);
            }
        }
        return best;
    }

    /**
     * The ROC of this variable for a flavour selection.
     *
     * @param selection which jets are signal and background
     * @param truth integer truth codes of the test file
     * @return the curve
     */
    RocCurve roc(FlavourSelection selection, int[] truth) {
        Selection s = selection.apply(truth);
        return RocCurve.of(s.pick(score), s.signal());
    }

    /**
     * The legend label, for example {@code "TagVarCSV_trackSip2dSigAboveCharm (single variable)"}.
     *
     * @return the label
     */
    String label() {
        return (flipped ? "\u2212" : "") + column.columnName() + " (best single variable)";
    }

    /** The three comparisons of the tutorial, in report order. */
    static final List<FlavourSelection> SELECTIONS = List.of(FlavourSelection.B_VS_ALL, FlavourSelection.B_VS_C,
        FlavourSelection.B_VS_LIGHT_GLUON);
}
