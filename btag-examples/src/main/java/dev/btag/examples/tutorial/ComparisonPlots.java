package dev.btag.examples.tutorial;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.io.FileChecks;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.plot.EfficiencyPlot;
import dev.btag.metrics.plot.RocPlot;
import dev.btag.metrics.plot.RocRatioPlot;
import dev.btag.metrics.roc.BinnedRoc;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.models.evaluate.BinnedPerformance;
import dev.btag.models.evaluate.ComparisonResult;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.evaluate.WorkingPointRates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plots that compare all taggers: one ROC per b-tagging comparison with every tagger and the best single
 * variable overlaid; the same comparisons as light/c rejection over a ratio panel to the first tagger (the DNN of
 * notebook 3) with binomial bands; the b-jet efficiency and (log scale) light+gluon mistag rate versus jet pT and
 * |eta| at each tagger's reference working point (medium: 1% light+gluon mistag on BvsL); and the b-vs-light+gluon
 * AUC per pT and per |eta| bin.
 *
 * @param rocs the ROC plot per comparison
 * @param ratios the rejection-with-ratio-panel plot per comparison
 * @param efficiency b-jet efficiency vs pT
 * @param mistag light+gluon mistag rate vs pT
 * @param efficiencyAbsEta b-jet efficiency vs |eta|
 * @param mistagAbsEta light+gluon mistag rate vs |eta|
 * @param aucPt b vs light+gluon AUC per pT bin
 * @param aucAbsEta b vs light+gluon AUC per |eta| bin
 */
record ComparisonPlots(Map<FlavourComparison, Path> rocs, Map<FlavourComparison, Path> ratios, Path efficiency,
        Path mistag, Path efficiencyAbsEta, Path mistagAbsEta, Path aucPt, Path aucAbsEta) {

    static ComparisonPlots write(Path dir, List<TutorialResult.ModelRun> runs,
            Map<FlavourComparison, RocCurve> single, String singleLabel, boolean synthetic)
            throws IOException {
        FileChecks.createDirectories(dir);
        String subtitle = synthetic ? SyntheticSample.BANNER : null;
        Map<FlavourComparison, Path> rocs = new LinkedHashMap<>();
        Map<FlavourComparison, Path> ratios = new LinkedHashMap<>();
        for (FlavourComparison comparison : FlavourComparison.B_TAGGING) {
            RocPlot.Builder plot = RocPlot.builder().optTitle(comparison.name() + ": all taggers")
                .optAxisTitles(comparison.efficiencyTitle(), comparison.mistagTitle()).optSubtitle(subtitle);
            RocRatioPlot.Builder ratio = RocRatioPlot.builder().optSubtitle(subtitle)
                .optTitle(comparison.name() + ": rejection, ratio to " + runs.get(0).architecture().cliName())
                .optAxisTitles(comparison.efficiencyTitle(), comparison.backgroundName() + " rejection");
            for (TutorialResult.ModelRun run : runs) {
                String name = run.architecture().cliName() + " (" + comparison.discriminant().cmsName() + ")";
                plot.addCurve(name, run.evaluation().comparison(comparison).roc());
                ratio.addCurve(run.architecture().cliName(), run.evaluation().comparison(comparison).roc());
            }
            plot.addCurve(singleLabel, single.get(comparison));
            rocs.put(comparison, plot.build().savePng(dir.resolve("roc_" + comparison.key() + ".png")));
            ratios.put(comparison, ratio.build().savePng(dir.resolve("roc_ratio_" + comparison.key() + ".png")));
        }
        FlavourComparison bl = FlavourComparison.B_VS_LIGHT_GLUON;
        Path[] pt = vsVariable(dir, runs, bl, TaggerEvaluation.PT, subtitle);
        Path[] eta = vsVariable(dir, runs, bl, TaggerEvaluation.ABS_ETA, subtitle);
        return new ComparisonPlots(rocs, ratios, pt[0], pt[1], eta[0], eta[1], pt[2], eta[2]);
    }

    /** Efficiency, mistag rate (log y) and AUC of every tagger versus one variable: three files. */
    private static Path[] vsVariable(Path dir, List<TutorialResult.ModelRun> runs, FlavourComparison c,
            String variable, String subtitle) throws IOException {
        boolean pt = variable.equals(TaggerEvaluation.PT);
        String axis = (pt ? "jet pT [GeV]" : "jet |\u03b7|") + " (last bin takes the overflow)";
        String what = pt ? "pT" : "|\u03b7|";
        EfficiencyPlot.Builder efficiency = EfficiencyPlot.builder().optSubtitle(subtitle)
            .optTitle("b-jet efficiency vs " + what + " at the medium working point (1% light mistag, BvsL)")
            .optAxisTitles(axis, c.efficiencyTitle());
        EfficiencyPlot.Builder mistag = EfficiencyPlot.builder().optSubtitle(subtitle).optLogY(true)
            .optTitle("light+gluon mistag rate vs " + what + " at the medium working point (BvsL)")
            .optAxisTitles(axis, c.mistagTitle());
        EfficiencyPlot.Builder auc = EfficiencyPlot.builder().optSubtitle(subtitle).optYRange(0.5, 1.0)
            .optTitle(c.name() + " AUC per " + what + " bin (DeLong errors)").optAxisTitles(axis, "AUC");
        boolean anyMistag = false;
        for (TutorialResult.ModelRun run : runs) {
            String name = run.architecture().cliName();
            ComparisonResult r = run.evaluation().comparison(c);
            BinnedPerformance b = r.binned(variable);
            WorkingPointRates rates = b.workingPoint(r.reference().name());
            efficiency.addSeries(name, rates.efficiency());
            for (double m : rates.mistag().efficiency()) {
                if (m > 0) {
                    mistag.addSeries(name, rates.mistag());
                    anyMistag = true;
                    break;
                }
            }
            BinnedRoc roc = b.roc();
            double[] a = roc.auc();
            double[] err = roc.aucError();
            double[] lo = new double[a.length];
            double[] hi = new double[a.length];
            for (int k = 0; k < a.length; k++) {
                lo[k] = Double.isNaN(err[k]) ? a[k] : a[k] - err[k];
                hi[k] = Double.isNaN(err[k]) ? a[k] : a[k] + err[k];
            }
            auc.addSeries(name, roc.binning(), a, lo, hi);
        }
        String suffix = pt ? "pt" : "abseta";
        return new Path[] {
            efficiency.build().savePng(dir.resolve("efficiency_b_vs_" + suffix + ".png")),
            anyMistag ? mistag.build().savePng(dir.resolve("mistag_light_vs_" + suffix + ".png")) : null,
            auc.build().savePng(dir.resolve("auc_" + c.key() + "_vs_" + suffix + ".png"))};
    }
}
