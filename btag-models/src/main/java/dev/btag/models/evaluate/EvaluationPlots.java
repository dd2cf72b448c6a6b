package dev.btag.models.evaluate;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.io.FileChecks;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.confusion.Normalization;
import dev.btag.metrics.plot.ConfusionMatrixPlot;
import dev.btag.metrics.plot.EfficiencyPlot;
import dev.btag.metrics.plot.RocPlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The plots of an {@link Evaluation}, as PNG files in a directory: {@value #ROC} (every comparison's ROC curve,
 * efficiency on x and mistag rate on a log y axis), {@value #CONFUSION} and {@value #CONFUSION_COARSE} (the confusion
 * matrix normalised per true class, six classes and b/c/light/gluon), {@value #EFFICIENCY_VS_PT} and
 * {@value #MISTAG_VS_PT} (each comparison's signal efficiency and mistag rate versus jet pT at its reference working
 * point, with Clopper-Pearson intervals, one series per discriminant). Plots of the synthetic sample carry the subtitle
 * {@value SyntheticSample#BANNER}.
 */
public final class EvaluationPlots {

    /** The ROC plot. */
    public static final String ROC = "roc.png";
    /** The six-class confusion matrix. */
    public static final String CONFUSION = "confusion.png";
    /** The b/c/light/gluon confusion matrix. */
    public static final String CONFUSION_COARSE = "confusion-coarse.png";
    /** Signal efficiency versus jet pT. */
    public static final String EFFICIENCY_VS_PT = "efficiency_vs_pt.png";
    /** Mistag rate versus jet pT. */
    public static final String MISTAG_VS_PT = "mistag_vs_pt.png";

    /** Every file {@link #write} writes, in order. */
    public static final List<String> FILES = List.of(ROC, CONFUSION, CONFUSION_COARSE, EFFICIENCY_VS_PT,
        MISTAG_VS_PT);

    private EvaluationPlots() {
    }

    /**
     * Writes the plots.
     *
     * @param e the evaluation
     * @param dir the directory (created if missing)
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static void write(Evaluation e, Path dir) throws IOException {
        FileChecks.createDirectories(dir);
        String subtitle = e.synthetic() ? SyntheticSample.BANNER : null;
        RocPlot.Builder roc = RocPlot.builder().optTitle("ROC: " + e.tagger() + " tagger")
            .optAxisTitles("signal efficiency", "mistag rate");
        String at = e.comparisons().isEmpty() ? "" : " at the " + e.comparisons().get(0).reference().name()
            + " working point";
        EfficiencyPlot.Builder efficiency = EfficiencyPlot.builder()
            .optTitle("signal efficiency vs pT" + at + " (" + e.tagger() + ")")
            .optAxisTitles("jet pT [GeV]", "efficiency");
        EfficiencyPlot.Builder mistag = EfficiencyPlot.builder()
            .optTitle("mistag rate vs pT" + at + " (" + e.tagger() + ")").optAxisTitles("jet pT [GeV]", "mistag rate");
        for (ComparisonResult c : e.comparisons()) {
            String label = c.comparison().name() + " (" + c.comparison().discriminant().cmsName() + ")";
            roc.addCurve(label, c.roc());
            String discriminant = c.comparison().discriminant().cmsName();
            efficiency.addSeries(discriminant, c.efficiencyVsPt());
            mistag.addSeries(discriminant, c.mistagVsPt());
        }
        if (subtitle != null) {
            roc.optSubtitle(subtitle);
            efficiency.optSubtitle(subtitle);
            mistag.optSubtitle(subtitle);
        }
        roc.build().savePng(dir.resolve(ROC));
        confusion(e.confusion(), "confusion matrix (" + e.tagger() + "), normalised per true class", subtitle)
            .savePng(dir.resolve(CONFUSION));
        confusion(e.confusion().coarse(), "confusion matrix (" + e.tagger() + "), b/c/light/gluon", subtitle)
            .savePng(dir.resolve(CONFUSION_COARSE));
        efficiency.build().savePng(dir.resolve(EFFICIENCY_VS_PT));
        mistag.build().savePng(dir.resolve(MISTAG_VS_PT));
    }

    private static ConfusionMatrixPlot confusion(ConfusionMatrix m, String title, String subtitle) {
        ConfusionMatrixPlot.Builder b = ConfusionMatrixPlot.builder().optTitle(title)
            .matrix(m.normalized(Normalization.TRUE), m.classNames());
        if (subtitle != null) {
            b.optSubtitle(subtitle);
        }
        return b.build();
    }
}
