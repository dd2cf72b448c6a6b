package dev.btag.examples.tutorial;

import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.Selection;

/**
 * The best single input variable, the baseline every tagger should beat: of the tutorial's 15 input features, the
 * one with the highest AUC for b vs light+gluon on the TRAINING file (chosen where the taggers learn, so the test
 * file judges it as it judges them). A variable that is lower for b jets is used with its sign flipped, so its AUC on
 * the training file is at least one half.
 *
 * @param column the variable
 * @param flipped whether the score is minus the variable
 */
record SingleVariable(JetColumn column, boolean flipped) {

    /**
     * Chooses the best variable.
     *
     * @param training the training file
     * @return the variable and whether it is flipped
     */
    static SingleVariable choose(TutorialFile training) {
        FeatureSet features = FeatureSet.TUTORIAL;
        float[] rows = training.features(features, 0, training.jetCount());
        int f = features.size();
        int[] truth = training.truthCodes();
        Selection bVsLight = FlavourComparison.B_VS_LIGHT_GLUON.select(truth);
        SingleVariable best = null;
        double bestAuc = -1;
        for (int j = 0; j < f; j++) {
            double[] value = column(rows, f, j, truth.length);
            double auc = RocCurve.of(bVsLight.pick(value), bVsLight.signal()).auc();
            if (Math.max(auc, 1 - auc) > bestAuc) {
                bestAuc = Math.max(auc, 1 - auc);
                best = new SingleVariable(features.columns().get(j), auc < 0.5);
            }
        }
        return best;
    }

    private static double[] column(float[] rows, int stride, int j, int n) {
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            value[i] = rows[i * stride + j];
        }
        return value;
    }

    /**
     * The variable's score on a file: the variable, or minus it.
     *
     * @param file the file
     * @return one score per jet
     */
    double[] scores(TutorialFile file) {
        float[] values = file.column(column);
        double[] score = new double[values.length];
        for (int i = 0; i < score.length; i++) {
            score[i] = flipped ? -values[i] : values[i];
        }
        return score;
    }

    /**
     * The variable's name with a leading minus sign when it is used flipped.
     *
     * @return for example {@code "TagVarCSV_trackSip2dSigAboveCharm"}
     */
    String name() {
        return (flipped ? "\u2212" : "") + column.columnName();
    }

    /**
     * The legend label, for example {@code "TagVarCSV_trackSip2dSigAboveCharm (best single variable)"}.
     *
     * @return the label
     */
    String label() {
        return name() + " (best single variable)";
    }
}
