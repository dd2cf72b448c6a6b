package dev.btag.models.evaluate;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.efficiency.ClopperPearson;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.roc.RocScan;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.metrics.workingpoint.WorkingPointTarget;
import dev.btag.metrics.workingpoint.WorkingPoints;
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
