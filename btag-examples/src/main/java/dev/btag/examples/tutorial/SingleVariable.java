package dev.btag.examples.tutorial;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.Selection;
import dev.btag.models.LayoutInputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The best single input variable, the baseline every tagger should beat: of the input features (the tutorial's 15,
 * or a layout's {@code jets.features}), the one with the highest AUC for b vs light+gluon on the TRAINING files
 * (chosen where the taggers learn, so the test files judge it as they judge the taggers). A variable that is lower
 * for b jets is used with its sign flipped, so its AUC on the training files is at least one half.
 *
 * @param feature the variable's name
 * @param index its index among the features
 * @param flipped whether the score is minus the variable
 */
record SingleVariable(String feature, int index, boolean flipped) {

    /**
     * The features and truth codes of files: row-major N x F features, N truth codes (the tutorial's column 50, or
     * for a layout the codes of its groups, b 5, c 4, light 1, others 0).
     */
    record Sample(float[] rows, List<String> names, int[] truth) {
    }

    /**
     * Reads the features and truth codes of files.
     *
     * @param files the files, together
     * @param layout how to read them
     * @return the sample
     * @throws IOException if a file cannot be read or does not match the layout
     */
    static Sample read(List<Path> files, Layout layout) throws IOException {
        if (layout.isTutorial() && files.size() == 1) {
            try (TutorialFile file = TutorialFile.open(files.get(0))) {
                FeatureSet features = FeatureSet.TUTORIAL;
                List<String> names = features.columns().stream().map(JetColumn::columnName).toList();
                return new Sample(features(file, features), names, file.truthCodes());
            }
        }
        List<float[]> rows = new ArrayList<>();
        List<int[]> truths = new ArrayList<>();
        for (Path path : files) {
            try (JetFile file = JetFile.open(path, layout)) {
                long n = file.jetCount();
                rows.add(file.features(0, n));
                truths.add(LayoutInputs.groups(layout).truthCodes(file.classes(0, n)));
            }
        }
        float[] all = new float[rows.stream().mapToInt(r -> r.length).sum()];
        int at = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, all, at, r.length);
            at += r.length;
        }
        return new Sample(all, layout.jets().features(),
            truths.stream().flatMapToInt(Arrays::stream).toArray());
    }

    private static float[] features(TutorialFile file, FeatureSet features) {
        return file.features(features, 0, file.jetCount());
    }

    /**
     * Chooses the best variable on a training sample.
     *
     * @param training the training files' features and truth
     * @return the variable and whether it is flipped
     */
    static SingleVariable choose(Sample training) {
        int f = training.names().size();
        int[] truth = training.truth();
        Selection bVsLight = FlavourComparison.B_VS_LIGHT_GLUON.select(truth);
        SingleVariable best = null;
        double bestAuc = -1;
        for (int j = 0; j < f; j++) {
            double[] value = column(training.rows(), f, j, truth.length);
            double auc = RocCurve.of(bVsLight.pick(value), bVsLight.signal()).auc();
            if (Math.max(auc, 1 - auc) > bestAuc) {
                bestAuc = Math.max(auc, 1 - auc);
                best = new SingleVariable(training.names().get(j), j, auc < 0.5);
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
     * The variable's score on a sample: the variable, or minus it.
     *
     * @param sample the features of the same layout
     * @return one score per jet
     */
    double[] scores(Sample sample) {
        int n = sample.truth().length;
        double[] score = column(sample.rows(), sample.names().size(), index, n);
        if (flipped) {
            for (int i = 0; i < n; i++) {
                score[i] = -score[i];
            }
        }
        return score;
    }

    /**
     * The variable's name with a leading minus sign when it is used flipped.
     *
     * @return for example {@code "TagVarCSV_trackSip2dSigAboveCharm"}
     */
    String name() {
        return (flipped ? "\u2212" : "") + feature;
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
