package dev.btag.examples.tutorial;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.examples.evaluate.EvaluationResult;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.plot.EfficiencyPlot;
import dev.btag.metrics.plot.RocPlot;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.Selection;
import dev.btag.metrics.workingpoint.WorkingPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plots that compare all taggers: one ROC per comparison with every tagger and the best single variable
 * overlaid, and the b-jet efficiency and light+gluon mistag rate versus jet pT at each tagger's medium working point
 * (1% light+gluon mistag on BvsL), in bins of jet pT from 20 to 300 GeV (jets outside are not counted).
 *
 * @param rocs the ROC plot per comparison key ({@link Tutorial#KEYS})
 * @param efficiency b-jet efficiency vs pT
 * @param mistag light+gluon mistag rate vs pT
 */
record ComparisonPlots(Map<String, Path> rocs, Path efficiency, Path mistag) {

    /** Jet pT bin edges in GeV for the efficiency plots. */
    static final Binning PT_BINS = Binning.of(20, 30, 40, 50, 60, 80, 100, 150, 200, 300);

    private static final List<String> TITLES = List.of("b vs all", "b vs c", "b vs light+gluon");
    private static final List<String> MISTAGS = List.of("mistag rate (all non-b jets)", "c mistag rate",
        "light+gluon mistag rate");

    static ComparisonPlots write(Path dir, List<TutorialResult.ModelRun> runs, List<ModelScores> scores,
            SingleVariable single, int[] truth, float[] pt, boolean synthetic) throws IOException {
        Files.createDirectories(dir);
        String subtitle = synthetic ? SyntheticSample.BANNER : null;
        Map<String, Path> rocs = new LinkedHashMap<>();
        for (int k = 0; k < Tutorial.KEYS.size(); k++) {
            String key = Tutorial.KEYS.get(k);
            RocPlot.Builder plot = RocPlot.builder().optTitle(TITLES.get(k) + ": all taggers")
                .optAxisTitles("b-jet efficiency", MISTAGS.get(k));
            for (TutorialResult.ModelRun run : runs) {
                EvaluationResult.Comparison c = comparison(run, key);
                plot.addCurve(run.architecture().cliName() + " (" + c.discriminant() + ")", c.roc());
            }
            plot.addCurve(single.label(), single.roc(SingleVariable.SELECTIONS.get(k), truth));
            if (subtitle != null) {
                plot.optSubtitle(subtitle);
            }
            rocs.put(key, plot.build().savePng(dir.resolve("roc_" + key + ".png")));
        }

        double[] ptValues = new double[pt.length];
        for (int i = 0; i < pt.length; i++) {
            ptValues[i] = pt[i];
        }
        Selection bJets = FlavourSelection.B_VS_LIGHT_GLUON.apply(truth).onlySignal();
        Selection lightJets = FlavourSelection.B_VS_LIGHT_GLUON.apply(truth).onlyBackground();
        EfficiencyPlot.Builder efficiency = EfficiencyPlot.builder()
            .optTitle("b-jet efficiency vs pT at the medium working point (1% light mistag, BvsL)")
            .optAxisTitles("jet pT [GeV]", "b-jet efficiency");
        EfficiencyPlot.Builder mistag = EfficiencyPlot.builder()
            .optTitle("light+gluon mistag rate vs pT at the medium working point (BvsL)")
            .optAxisTitles("jet pT [GeV]", "light+gluon mistag rate");
        for (int m = 0; m < runs.size(); m++) {
            TutorialResult.ModelRun run = runs.get(m);
            WorkingPoint medium = comparison(run, "bVsLightGluon").workingPoints().get(1);
            double[] score = scores.get(m).bVsL();
            efficiency.addSeries(run.architecture().cliName(), passing(bJets, score, ptValues, medium.threshold()));
            mistag.addSeries(run.architecture().cliName(), passing(lightJets, score, ptValues, medium.threshold()));
        }
        if (subtitle != null) {
            efficiency.optSubtitle(subtitle);
            mistag.optSubtitle(subtitle);
        }
        return new ComparisonPlots(rocs, efficiency.build().savePng(dir.resolve("efficiency_b_vs_pt.png")),
            mistag.build().savePng(dir.resolve("mistag_light_vs_pt.png")));
    }

    static EvaluationResult.Comparison comparison(TutorialResult.ModelRun run, String key) {
        return run.evaluation().rocs().stream().filter(c -> c.key().equals(key)).findFirst()
            .orElseThrow(() -> new IllegalStateException("evaluation of " + run.architecture() + " has no " + key));
    }

    /** The fraction of the selected jets whose score passes the cut, in bins of pT. */
    private static BinnedEfficiency passing(Selection jets, double[] score, double[] pt, double threshold) {
        double[] s = jets.pick(score);
        boolean[] pass = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            pass[i] = s[i] >= threshold;
        }
        return BinnedEfficiency.of(PT_BINS, jets.pick(pt), pass);
    }
}
