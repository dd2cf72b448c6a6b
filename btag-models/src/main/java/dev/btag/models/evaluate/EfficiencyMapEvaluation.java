package dev.btag.models.evaluate;

import ai.djl.translate.TranslateException;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.efficiency.ClopperPearson;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.roc.RocScan;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.metrics.workingpoint.WorkingPointTarget;
import dev.btag.metrics.workingpoint.WorkingPoints;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.predict.TaggerPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The efficiency maps of one discriminant on a test sample, as {@code btag efficiency-map} makes them: the working
 * points are chosen on the ROC curve of the discriminant's own comparison (BvsL: b vs light+gluon, BvsC: b vs c,
 * BvsAll: b vs all, CvsL: c vs light+gluon, CvsB: c vs b) at fixed mistag (loose, medium, tight) and at fixed
 * efficiency (60, 70, 77, 85%), then every b, c and light jet of the sample is counted in its (pT, |&eta;|) cell
 * ({@link EfficiencyMaps}). With weights in the sample, curves and maps are weighted. This class is stateless.
 */
public final class EfficiencyMapEvaluation {

    private EfficiencyMapEvaluation() {
    }

    /**
     * The comparison whose ROC curve sets a discriminant's working points.
     *
     * @param discriminant the discriminant
     * @return the first of {@link FlavourComparison#ALL} that it scores
     */
    public static FlavourComparison comparisonOf(Discriminant discriminant) {
        for (FlavourComparison c : FlavourComparison.ALL) {
            if (c.discriminant() == discriminant) {
                return c;
            }
        }
        throw new IllegalArgumentException("no flavour comparison uses " + discriminant.cmsName());
    }

    /**
     * A tagger's scores of one discriminant on files read through a layout: the tagger predicts every file, its class
     * probabilities are summed into the layout's b, c and light groups ({@link ClassGroups#collapse}) and the
     * discriminant is computed from those, jet by jet in the order of the files, matching
     * {@link TestSample#read(List, Layout)}.
     *
     * @param tagger the tagger (not closed)
     * @param discriminant the discriminant
     * @param files the files, at least one
     * @param layout how to read them
     * @return one score per jet
     * @throws IOException if a file cannot be read or does not match the layout (the message names it)
     * @throws IllegalArgumentException if the layout declares another number of classes than the tagger outputs
     *     (naming the first file)
     * @throws TranslateException if the engine fails on a batch
     */
    public static double[] scores(Tagger tagger, Discriminant discriminant, List<Path> files, Layout layout)
            throws IOException, TranslateException {
        ClassGroups groups = LayoutInputs.groups(layout);
        if (tagger.spec().classes() != groups.size()) {
            throw new IllegalArgumentException(files.get(0) + ": label: the layout declares " + groups.size()
                + " classes " + layout.label().names() + ", the tagger outputs " + tagger.spec().classes());
        }
        List<float[]> parts = new ArrayList<>(files.size());
        try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            for (Path path : files) {
                try (JetFile file = JetFile.open(path, layout)) {
                    parts.add(groups.collapse(predictor.predict(file).probabilities()));
                }
            }
        }
        float[] probabilities = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, probabilities, at, p.length);
            at += p.length;
        }
        return Discriminants.compute(discriminant, probabilities);
    }

    /**
     * The maps at the standard working points.
     *
     * @param discriminant the discriminant the scores are of
     * @param scores one score per jet of the sample
     * @param sample the sample's truth, pT, |eta| and weights
     * @param ptBins the pT bins (GeV)
     * @param absEtaBins the |eta| bins
     * @return the maps, one entry per working point (fixed mistag first)
     * @throws IllegalArgumentException if the sizes differ, a score is NaN, or the sample lacks the signal or the
     *     background of the discriminant's comparison (the message names it)
     */
    public static EfficiencyMaps of(Discriminant discriminant, double[] scores, TestSample sample, Binning ptBins,
            Binning absEtaBins) {
        List<WorkingPointTarget> targets = new ArrayList<>(WorkingPointTarget.FIXED_MISTAGS);
        targets.addAll(WorkingPointTarget.FIXED_EFFICIENCIES);
        return of(discriminant, scores, sample, ptBins, absEtaBins, targets);
    }

    /**
     * The maps at chosen working points.
     *
     * @param discriminant the discriminant the scores are of
     * @param scores one score per jet of the sample
     * @param sample the sample
     * @param ptBins the pT bins
     * @param absEtaBins the |eta| bins
     * @param targets the working points, in the order of the result
     * @return the maps
     * @throws IllegalArgumentException as {@link #of(Discriminant, double[], TestSample, Binning, Binning)}
     */
    public static EfficiencyMaps of(Discriminant discriminant, double[] scores, TestSample sample, Binning ptBins,
            Binning absEtaBins, List<WorkingPointTarget> targets) {
        Objects.requireNonNull(discriminant, "discriminant");
        if (scores.length != sample.jets()) {
            throw new IllegalArgumentException(scores.length + " " + discriminant.cmsName() + " scores for "
                + sample.jets() + " jets of " + sample.source());
        }
        FlavourComparison comparison = comparisonOf(discriminant);
        RocCurve roc;
        try {
            roc = RocScan.of(scores, sample.truthView(), comparison.selection(), sample.weightsView(), List.of())
                .roc();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(comparison.name() + ": " + e.getMessage(), e);
        }
        List<EfficiencyMaps.Cut> cuts = new ArrayList<>(targets.size());
        for (WorkingPoint wp : WorkingPoints.at(roc, targets)) {
            cuts.add(new EfficiencyMaps.Cut(wp.name(), wp.threshold()));
        }
        return EfficiencyMaps.of(discriminant.cmsName(), ptBins, absEtaBins, sample.ptView(), sample.absEtaView(),
            sample.truthView(), scores, sample.weightsView(), cuts, FlavourGroup.STANDARD, ClopperPearson.ONE_SIGMA);
    }
}
