package dev.btag.metrics.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.confusion.Normalization;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.plot.ConfusionMatrixPlot;
import dev.btag.metrics.plot.EfficiencyPlot;
import dev.btag.metrics.plot.Figure;
import dev.btag.metrics.plot.RocPlot;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.roc.RocCsv;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.OneHotLabels;
import dev.btag.metrics.selection.Selection;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.metrics.workingpoint.WorkingPoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the code of docs/metrics.md (the "From tagger outputs to plots" walk-through) on a small fake tagger, so that
 * the user guide keeps compiling and doing what it says. Keep the two in step.
 */
class MetricsGuideTest {

    @TempDir
    Path out;

    @Test
    void walkThroughFromTheUserGuide() throws IOException {
        // a fake tagger: N jets, six one-hot labels and six softmax-like probabilities per jet, jet pT
        int n = 3000;
        Random random = new Random(42);
        float[] oneHot = new float[n * 6];
        float[] probabilities = new float[n * 6];
        double[] pt = new double[n];
        for (int i = 0; i < n; i++) {
            int cls = random.nextInt(6);
            oneHot[i * 6 + cls] = 1;
            double sum = 0;
            double[] raw = new double[6];
            for (int c = 0; c < 6; c++) {
                raw[c] = Math.exp(random.nextGaussian() + (c == cls ? 1.5 : 0));
                sum += raw[c];
            }
            for (int c = 0; c < 6; c++) {
                probabilities[i * 6 + c] = (float) (raw[c] / sum);
            }
            pt[i] = 20 + 400 * random.nextDouble() * random.nextDouble();
        }

        // --- docs/metrics.md, "From tagger outputs to plots" ---
        int[] truth = OneHotLabels.truthCodes(oneHot);                 // 5, 4, 1, 21 or 0 per jet
        double[] bvsl = Discriminants.bVsL(probabilities);              // B / (B + p(uds) + p(g))

        Selection bVsLight = FlavourSelection.B_VS_LIGHT_GLUON.apply(truth);
        RocCurve roc = RocCurve.of(bVsLight.pick(bvsl), bVsLight.signal());
        AucEstimate auc = AucEstimate.delong(bVsLight.pick(bvsl), bVsLight.signal());
        System.out.printf("AUC %.4f +- %.4f%n", auc.auc(), auc.standardError());

        List<WorkingPoint> points = WorkingPoints.standard(roc);        // loose, medium, tight
        WorkingPoint medium = points.get(1);                            // mistag <= 1%
        System.out.printf("medium: cut %.3f, b efficiency %.3f, rejection %.0f%n",
            medium.threshold(), medium.efficiency(), medium.rejection());

        RocCsv.write(roc, out.resolve("roc-bvsl.csv"));
        RocPlot.builder()
            .optTitle("DNN, b vs light+gluon")
            .optSubtitle(Figure.SYNTHETIC_SAMPLE)
            .optAxisTitles("b-jet efficiency", "light+gluon mistag rate")
            .addCurve("BvsL", roc)
            .build()
            .save(out.resolve("roc.png"));

        boolean[] tagged = new boolean[n];
        for (int i = 0; i < n; i++) {
            tagged[i] = bvsl[i] >= medium.threshold();
        }
        Binning ptBins = Binning.of(20, 30, 50, 80, 120, 200, 300, 500);  // GeV
        Selection bJets = bVsLight.onlySignal();
        Selection lightJets = bVsLight.onlyBackground();
        BinnedEfficiency bEfficiency = BinnedEfficiency.of(ptBins, bJets.pick(pt), bJets.pick(tagged));
        BinnedEfficiency mistag = BinnedEfficiency.of(ptBins, lightJets.pick(pt), lightJets.pick(tagged));
        EfficiencyPlot.builder().optSubtitle(Figure.SYNTHETIC_SAMPLE).optLogY(true)
            .addSeries("b jets", bEfficiency).addSeries("light+gluon jets", mistag)
            .build().save(out.resolve("eff.svg"));

        ConfusionMatrix confusion = ConfusionMatrix.fromOneHot(ConfusionMatrix.SIX_CLASSES, oneHot, probabilities);
        ConfusionMatrixPlot.builder().optSubtitle(Figure.SYNTHETIC_SAMPLE)
            .matrix(confusion.coarse(), Normalization.TRUE).build().save(out.resolve("confusion.png"));
        // --- end of the walk-through ---

        assertTrue(auc.auc() > 0.6, "the fake tagger separates b from light");
        assertEquals(roc.auc(), auc.auc(), 1e-12);
        assertTrue(medium.mistag() <= 0.01);
        assertEquals(n, confusion.total());
        for (String f : List.of("roc-bvsl.csv", "roc.png", "eff.svg", "confusion.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }
}
