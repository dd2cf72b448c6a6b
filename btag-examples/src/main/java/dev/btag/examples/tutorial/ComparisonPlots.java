package dev.btag.examples.tutorial;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.io.FileChecks;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.plot.EfficiencyPlot;
import dev.btag.metrics.plot.RocPlot;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.models.evaluate.ComparisonResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plots that compare all taggers: one ROC per b-tagging comparison with every tagger and the best single
 * variable overlaid, and the b-jet efficiency and light+gluon mistag rate versus jet pT at each tagger's reference
 * working point (medium: 1% light+gluon mistag on BvsL), from the binned efficiencies of the evaluations.
 *
 * @param rocs the ROC plot per comparison
 * @param efficiency b-jet efficiency vs pT
 * @param mistag light+gluon mistag rate vs pT
 */
record ComparisonPlots(Map<FlavourComparison, Path> rocs, Path efficiency, Path mistag) {

    static ComparisonPlots write(Path dir, List<TutorialResult.ModelRun> runs,
            Map<FlavourComparison, RocCurve> single, String singleLabel, boolean synthetic)
            throws IOException {
        FileChecks.createDirectories(dir);
        String subtitle = synthetic ? SyntheticSample.BANNER : null;
        Map<FlavourComparison, Path> rocs = new LinkedHashMap<>();
        for (FlavourComparison comparison : FlavourComparison.B_TAGGING) {
            RocPlot.Builder plot = RocPlot.builder().optTitle(comparison.name() + ": all taggers")
                .optAxisTitles(comparison.efficiencyTitle(), comparison.mistagTitle());
            for (TutorialResult.ModelRun run : runs) {
                plot.addCurve(run.architecture().cliName() + " (" + comparison.discriminant().cmsName() + ")",
                    run.evaluation().comparison(comparison).roc());
            }
            plot.addCurve(singleLabel, single.get(comparison));
            if (subtitle != null) {
                plot.optSubtitle(subtitle);
            }
            rocs.put(comparison, plot.build().savePng(dir.resolve("roc_" + comparison.key() + ".png")));
        }
        FlavourComparison bl = FlavourComparison.B_VS_LIGHT_GLUON;
        EfficiencyPlot.Builder efficiency = EfficiencyPlot.builder()
            .optTitle("b-jet efficiency vs pT at the medium working point (1% light mistag, BvsL)")
            .optAxisTitles("jet pT [GeV]", bl.efficiencyTitle());
        EfficiencyPlot.Builder mistag = EfficiencyPlot.builder()
            .optTitle("light+gluon mistag rate vs pT at the medium working point (BvsL)")
            .optAxisTitles("jet pT [GeV]", bl.mistagTitle());
        for (TutorialResult.ModelRun run : runs) {
            ComparisonResult c = run.evaluation().comparison(bl);
            efficiency.addSeries(run.architecture().cliName(), c.efficiencyVsPt());
            mistag.addSeries(run.architecture().cliName(), c.mistagVsPt());
        }
        if (subtitle != null) {
            efficiency.optSubtitle(subtitle);
            mistag.optSubtitle(subtitle);
        }
        return new ComparisonPlots(rocs, efficiency.build().savePng(dir.resolve("efficiency_b_vs_pt.png")),
            mistag.build().savePng(dir.resolve("mistag_light_vs_pt.png")));
    }
}
