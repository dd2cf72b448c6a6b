package dev.btag.models.evaluate;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.io.FileChecks;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.confusion.Normalization;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.plot.ConfusionMatrixPlot;
import dev.btag.metrics.plot.EfficiencyPlot;
import dev.btag.metrics.plot.ReliabilityPlot;
import dev.btag.metrics.plot.RocPlot;
import dev.btag.metrics.roc.BinnedRoc;
import dev.btag.metrics.roc.RocBin;
import dev.btag.metrics.selection.FlavourGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plots of an {@link Evaluation}, as PNG files in a directory: {@value #ROC} (every comparison's ROC curve,
 * efficiency on x and mistag rate on a log y axis), {@value #CONFUSION} and {@value #CONFUSION_COARSE} (the confusion
 * matrix normalised per true class, six classes and b/c/light/gluon), {@value #EFFICIENCY_VS_PT} and
 * {@value #MISTAG_VS_PT} (each comparison's signal efficiency and, on a log axis, mistag rate versus jet pT at its
 * reference working point, with Clopper-Pearson intervals), the same versus |&eta;| ({@value #EFFICIENCY_VS_ABS_ETA},
 * {@value #MISTAG_VS_ABS_ETA}), each comparison's AUC per bin with DeLong's error ({@value #AUC_VS_PT},
 * {@value #AUC_VS_ABS_ETA}), the ROC curves per pT bin of the mapped comparison (b vs light+gluon by default,
 * {@value #ROC_PT_BINS}), the reliability diagrams of the six classes ({@value #RELIABILITY}) and the efficiency maps
 * of b, c and light jets at the reference working point ({@link EfficiencyMapOutputs#plotName}). Plots of the
 * synthetic sample carry the subtitle {@value SyntheticSample#BANNER}.
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
    /** Mistag rate versus jet pT (log y). */
    public static final String MISTAG_VS_PT = "mistag_vs_pt.png";
    /** Signal efficiency versus jet |eta|. */
    public static final String EFFICIENCY_VS_ABS_ETA = "efficiency_vs_abseta.png";
    /** Mistag rate versus jet |eta| (log y). */
    public static final String MISTAG_VS_ABS_ETA = "mistag_vs_abseta.png";
    /** AUC per jet-pT bin. */
    public static final String AUC_VS_PT = "auc_vs_pt.png";
    /** AUC per jet-|eta| bin. */
    public static final String AUC_VS_ABS_ETA = "auc_vs_abseta.png";
    /** ROC curves per jet-pT bin of one comparison. */
    public static final String ROC_PT_BINS = "roc_pt_bins.png";
    /** Reliability diagrams of the six classes. */
    public static final String RELIABILITY = "reliability.png";

    /** Every file of a fixed name {@link #write} writes, in order (the efficiency-map heat maps come after). */
    public static final List<String> FILES = List.of(ROC, CONFUSION, CONFUSION_COARSE, EFFICIENCY_VS_PT,
        MISTAG_VS_PT, EFFICIENCY_VS_ABS_ETA, MISTAG_VS_ABS_ETA, AUC_VS_PT, AUC_VS_ABS_ETA, ROC_PT_BINS, RELIABILITY);

    private EvaluationPlots() {
    }

    /**
     * Writes the plots.
     *
     * @param e the evaluation
     * @param dir the directory (created if missing)
     * @return every file written
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static List<Path> write(Evaluation e, Path dir) throws IOException {
        return write(e.view(), dir);
    }

    /**
     * Writes the plots of an evaluation's parts, however they were computed (on one machine or distributed): the
     * same files, drawn the same way, as {@link #write(Evaluation, Path)} for the same results.
     *
     * @param e the evaluation's parts
     * @param dir the directory (created if missing)
     * @return every file written
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static List<Path> write(EvaluationView e, Path dir) throws IOException {
        FileChecks.createDirectories(dir);
        String subtitle = e.synthetic() ? SyntheticSample.BANNER : null;
        List<Path> written = new ArrayList<>();
        RocPlot.Builder roc = RocPlot.builder().optTitle("ROC: " + e.tagger() + " tagger")
            .optAxisTitles("signal efficiency", "mistag rate").optSubtitle(subtitle);
        for (ComparisonResult c : e.comparisons()) {
            roc.addCurve(label(c), c.roc());
        }
        written.add(roc.build().savePng(dir.resolve(ROC)));
        written.add(confusion(e.confusion(), "confusion matrix (" + e.tagger() + "), normalised per true class",
            subtitle).savePng(dir.resolve(CONFUSION)));
        if (e.coarseConfusion()) {
            written.add(confusion(e.confusion().coarse(), "confusion matrix (" + e.tagger() + "), b/c/light/gluon",
                subtitle).savePng(dir.resolve(CONFUSION_COARSE)));
        }
        EfficiencyPlot.Builder efficiency = EfficiencyPlot.builder().optSubtitle(subtitle)
            .optTitle("signal efficiency vs pT" + at(e) + " (" + e.tagger() + ")")
            .optAxisTitles("jet pT [GeV]", "efficiency");
        EfficiencyPlot.Builder mistag = EfficiencyPlot.builder().optSubtitle(subtitle).optLogY(true)
            .optTitle("mistag rate vs pT" + at(e) + " (" + e.tagger() + ")")
            .optAxisTitles("jet pT [GeV]", "mistag rate");
        for (ComparisonResult c : e.comparisons()) {
            efficiency.addSeries(series(c), c.efficiencyVsPt());
            if (hasPositive(c.mistagVsPt().efficiency())) {
                mistag.addSeries(series(c), c.mistagVsPt());
            }
        }
        written.add(efficiency.build().savePng(dir.resolve(EFFICIENCY_VS_PT)));
        written.add(saveIfAny(mistag, e.comparisons().stream().anyMatch(c -> hasPositive(c.mistagVsPt()
            .efficiency())), dir.resolve(MISTAG_VS_PT)));
        written.addAll(binnedPlots(e, subtitle, dir));
        written.add(rocPerPtBin(e, subtitle, dir.resolve(ROC_PT_BINS)));
        if (!e.calibration().isEmpty()) {
            ReliabilityPlot.Builder reliability = ReliabilityPlot.builder().optSubtitle(subtitle)
                .optTitle("reliability of the class probabilities (" + e.tagger() + ")");
            e.calibration().forEach(reliability::addDiagram);
            written.add(reliability.build().savePng(dir.resolve(RELIABILITY)));
        }
        EfficiencyMaps maps = e.efficiencyMaps();
        if (maps != null) {
            String reference = referenceOfMaps(e);
            for (EfficiencyMaps.CutMaps cut : maps.cuts()) {
                if (cut.cut().name().equals(reference)) {
                    for (FlavourGroup group : cut.flavours().keySet()) {
                        written.add(EfficiencyMapOutputs.heatMap(maps, cut, group, e.synthetic(),
                            dir.resolve(EfficiencyMapOutputs.plotName(group, cut.cut().name()))));
                    }
                }
            }
        }
        written.removeIf(java.util.Objects::isNull);
        return List.copyOf(written);
    }

    private static String label(ComparisonResult c) {
        return c.comparison().name() + " (" + c.comparison().discriminant().cmsName() + ")";
    }

    /** A short legend entry for the binned plots (five long names overflow the legend): the discriminant. */
    private static String series(ComparisonResult c) {
        return c.comparison().discriminant().cmsName();
    }

    /** " at the medium working point" (the reference point of the binned rates), or nothing without comparisons. */
    private static String at(EvaluationView e) {
        return e.comparisons().isEmpty() ? "" : " at the " + e.comparisons().get(0).reference().name()
            + " working point";
    }

    private static boolean hasPositive(double[] values) {
        for (double v : values) {
            if (v > 0) {
                return true;
            }
        }
        return false;
    }

    private static Path saveIfAny(EfficiencyPlot.Builder plot, boolean any, Path file) throws IOException {
        return any ? plot.build().savePng(file) : null;
    }

    /** The reference working point's name of the comparison whose discriminant is mapped. */
    private static String referenceOfMaps(EvaluationView e) {
        for (ComparisonResult c : e.comparisons()) {
            if (c.comparison().discriminant().cmsName().equals(e.efficiencyMaps().score())) {
                return c.reference().name();
            }
        }
        return e.efficiencyMaps().cuts().get(0).cut().name();
    }

    /** Efficiency, mistag rate (|eta| only: pT has its first-release plots) and AUC per bin of each variable. */
    private static List<Path> binnedPlots(EvaluationView e, String subtitle, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        if (e.comparisons().get(0).binned().isEmpty()) {
            return written;
        }
        for (String variable : List.of(TaggerEvaluation.PT, TaggerEvaluation.ABS_ETA)) {
            boolean pt = variable.equals(TaggerEvaluation.PT);
            String axis = pt ? "jet pT [GeV]" : "jet |\u03b7|";
            String last = " (last bin takes the overflow)";
            EfficiencyPlot.Builder auc = EfficiencyPlot.builder().optSubtitle(subtitle).optYRange(0.5, 1.0)
                .optTitle("AUC per " + (pt ? "pT" : "|\u03b7|") + " bin (" + e.tagger() + ")")
                .optAxisTitles(axis + last, "AUC (DeLong error)");
            EfficiencyPlot.Builder efficiency = EfficiencyPlot.builder().optSubtitle(subtitle)
                .optTitle("signal efficiency vs |\u03b7|" + at(e) + " (" + e.tagger() + ")").optAxisTitles(axis + last,
                    "efficiency");
            EfficiencyPlot.Builder mistag = EfficiencyPlot.builder().optSubtitle(subtitle).optLogY(true)
                .optTitle("mistag rate vs |\u03b7|" + at(e) + " (" + e.tagger() + ")")
                .optAxisTitles(axis + last, "mistag rate");
            boolean anyAuc = false;
            boolean anyMistag = false;
            for (ComparisonResult c : e.comparisons()) {
                BinnedPerformance b = c.binned(variable);
                double[] a = b.roc().auc();
                double[] err = b.roc().aucError();
                double[] lo = new double[a.length];
                double[] hi = new double[a.length];
                for (int k = 0; k < a.length; k++) {
                    lo[k] = Double.isNaN(err[k]) ? a[k] : a[k] - err[k];
                    hi[k] = Double.isNaN(err[k]) ? a[k] : a[k] + err[k];
                    anyAuc |= !Double.isNaN(a[k]);
                }
                auc.addSeries(series(c), b.binning(), a, lo, hi);
                WorkingPointRates r = b.workingPoint(c.reference().name());
                efficiency.addSeries(series(c), r.efficiency());
                if (hasPositive(r.mistag().efficiency())) {
                    mistag.addSeries(series(c), r.mistag());
                    anyMistag = true;
                }
            }
            written.add(anyAuc ? auc.build().savePng(dir.resolve(pt ? AUC_VS_PT : AUC_VS_ABS_ETA)) : null);
            if (!pt) {
                written.add(anyAuc ? efficiency.build().savePng(dir.resolve(EFFICIENCY_VS_ABS_ETA)) : null);
                written.add(saveIfAny(mistag, anyMistag, dir.resolve(MISTAG_VS_ABS_ETA)));
            }
        }
        return written;
    }

    /** The ROC curves of each pT bin of one comparison on one plot (the mapped one, else the first). */
    private static Path rocPerPtBin(EvaluationView e, String subtitle, Path file) throws IOException {
        ComparisonResult c = e.comparisons().get(0);
        for (ComparisonResult r : e.comparisons()) {
            if (r.comparison().equals(FlavourComparison.B_VS_LIGHT_GLUON)) {
                c = r;
            }
        }
        if (c.binned().isEmpty()) {
            return null;
        }
        BinnedRoc binned = c.binned(TaggerEvaluation.PT).roc();
        RocPlot.Builder plot = RocPlot.builder().optSubtitle(subtitle)
            .optTitle(c.comparison().name() + " (" + c.comparison().discriminant().cmsName() + ") per jet-pT bin ("
                + e.tagger() + ")")
            .optAxisTitles(c.comparison().efficiencyTitle(), c.comparison().mistagTitle());
        boolean any = false;
        for (RocBin bin : binned.bins()) {
            if (bin.hasBothClasses()) {
                String range = Double.isInfinite(bin.upper())
                    ? String.format(Locale.ROOT, "pT \u2265 %s GeV", round(bin.lower()))
                    : String.format(Locale.ROOT, "%s\u2013%s GeV", round(bin.lower()), round(bin.upper()));
                plot.addCurve(range, bin.curve(), bin.auc().auc());
                any = true;
            }
        }
        return any ? plot.build().savePng(file) : null;
    }

    private static String round(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static ConfusionMatrixPlot confusion(ConfusionMatrix m, String title, String subtitle) {
        return ConfusionMatrixPlot.builder().optTitle(title).optSubtitle(subtitle)
            .matrix(m.normalized(Normalization.TRUE), m.classNames()).build();
    }
}
