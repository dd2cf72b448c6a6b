package dev.btag.models.evaluate;

import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import java.util.List;
import java.util.Objects;

/**
 * The parts of an evaluation that its plots and efficiency-map files are made from ({@link EvaluationPlots},
 * {@link EvaluationOutputs#writeMapsAndPlots}), whoever computed them: {@link Evaluation#view()} on one machine, or a
 * distributed evaluation that keeps no per-jet arrays. Immutable (the lists are copied; the results it holds are
 * immutable) and safe to share between threads.
 *
 * @param tagger the tagger's name, shown in the plot titles
 * @param synthetic whether the jets are btag's synthetic sample (the plots carry its banner, the efficiency-map files
 *     say so)
 * @param comparisons one result per flavour comparison, in the order they were evaluated
 * @param confusion the confusion matrix, true class (rows) against the most probable class
 * @param coarseConfusion whether {@code confusion} is over the tutorial's six classes and gets the b/c/light/gluon
 *     plot too ({@link ConfusionMatrix#coarse()})
 * @param calibration the reliability diagram of each class, empty if not computed (then no reliability plot)
 * @param efficiencyMaps the efficiency maps, or {@code null} if not computed (then no map files)
 */
public record EvaluationView(String tagger, boolean synthetic, List<ComparisonResult> comparisons,
        ConfusionMatrix confusion, boolean coarseConfusion, List<ReliabilityDiagram> calibration,
        EfficiencyMaps efficiencyMaps) {

    /**
     * Copies and checks the components.
     *
     * @param tagger the name
     * @param synthetic whether the sample is synthetic
     * @param comparisons the comparison results
     * @param confusion the confusion matrix
     * @param coarseConfusion whether to plot the coarse view too
     * @param calibration the reliability diagrams
     * @param efficiencyMaps the maps, or {@code null}
     * @throws IllegalArgumentException if the coarse view is asked of a matrix that is not over six classes
     */
    public EvaluationView {
        Objects.requireNonNull(tagger, "tagger");
        Objects.requireNonNull(confusion, "confusion");
        comparisons = List.copyOf(comparisons);
        calibration = List.copyOf(calibration);
        if (coarseConfusion && confusion.classNames().size() != ConfusionMatrix.SIX_CLASSES.size()) {
            throw new IllegalArgumentException("the b/c/light/gluon confusion needs the six training classes; the"
                + " matrix has " + confusion.classNames());
        }
    }
}
