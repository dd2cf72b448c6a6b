package dev.btag.models.evaluate;

import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link TaggerEvaluation} measured for one tagger on one test sample. This record is immutable (arrays
 * are copied in and out) and can be shared between threads.
 *
 * @param tagger the tagger's name, for example its architecture's {@code "lstm"}
 * @param sample the test sample's truth
 * @param probabilities row-major N x 6 class probabilities the tagger gave (b, bb, leptonic b, c, uds, g)
 * @param comparisons one result per flavour comparison, in the order they were asked for
 * @param confusion the six-class confusion matrix: true class from the one-hot labels (undefined jets left out)
 *     against the most probable class
 * @param calibration the reliability diagram of each of the six classes (undefined jets left out), empty if not
 *     computed
 * @param efficiencyMaps the per-flavour efficiency maps over jet pT x |&eta;| of one comparison's discriminant at
 *     each of its working points, or {@code null} if not computed
 * @param groups for a tagger of a layout's classes, which of its K classes are b, c and light (then
 *     {@code probabilities} are the group sums in six-slot form, see {@link ClassGroups#collapse}); {@code null} for
 *     the tutorial's six classes
 * @param classProbabilities for a tagger of a layout's classes, row-major N x K probabilities as the tagger gave
 *     them (K = {@code groups.size()}, the layout's classes in declaration order); {@code null} exactly when
 *     {@code groups} is
 */
public record Evaluation(String tagger, TestSample sample, float[] probabilities, List<ComparisonResult> comparisons,
        ConfusionMatrix confusion, List<ReliabilityDiagram> calibration, EfficiencyMaps efficiencyMaps,
        ClassGroups groups, float[] classProbabilities) {

    /**
     * Copies and checks the components.
     *
     * @param tagger the tagger's name
     * @param sample the test sample
     * @param probabilities the probabilities
     * @param comparisons the comparison results
     * @param confusion the confusion matrix
     * @param calibration the reliability diagrams
     * @param efficiencyMaps the efficiency maps or {@code null}
     * @param groups the class groups of a layout's classes, or {@code null} for the tutorial's
     * @param classProbabilities the N x K class probabilities of a layout's classes, or {@code null}
     * @throws IllegalArgumentException if the probabilities are not N x 6 for the sample's N jets, or the class
     *     probabilities are not N x K (or given without groups)
     */
    public Evaluation {
        Objects.requireNonNull(tagger, "tagger");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(confusion, "confusion");
        probabilities = Objects.requireNonNull(probabilities, "probabilities").clone();
        comparisons = List.copyOf(comparisons);
        calibration = List.copyOf(calibration);
        if (probabilities.length != (long) sample.jets() * Discriminants.CLASSES) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + sample.jets()
                + " jets; expected " + Discriminants.CLASSES + " per jet");
        }
        if ((groups == null) != (classProbabilities == null)) {
            throw new IllegalArgumentException("class probabilities and class groups come together");
        }
        if (classProbabilities != null) {
            classProbabilities = classProbabilities.clone();
            if (classProbabilities.length != (long) sample.jets() * groups.size()) {
                throw new IllegalArgumentException(classProbabilities.length + " class probabilities for "
                    + sample.jets() + " jets; expected " + groups.size() + " per jet " + groups.classes());
            }
        }
    }

    /**
     * An evaluation of a tagger of the tutorial's six classes.
     *
     * @param tagger the tagger's name
     * @param sample the test sample
     * @param probabilities the N x 6 probabilities
     * @param comparisons the comparison results
     * @param confusion the confusion matrix
     * @param calibration the reliability diagrams
     * @param efficiencyMaps the efficiency maps or {@code null}
     */
    public Evaluation(String tagger, TestSample sample, float[] probabilities, List<ComparisonResult> comparisons,
            ConfusionMatrix confusion, List<ReliabilityDiagram> calibration, EfficiencyMaps efficiencyMaps) {
        this(tagger, sample, probabilities, comparisons, confusion, calibration, efficiencyMaps, null, null);
    }

    /**
     * An evaluation without calibration and efficiency maps, as made before there were any.
     *
     * @param tagger the tagger's name
     * @param sample the test sample
     * @param probabilities the probabilities
     * @param comparisons the comparison results
     * @param confusion the confusion matrix
     */
    public Evaluation(String tagger, TestSample sample, float[] probabilities, List<ComparisonResult> comparisons,
            ConfusionMatrix confusion) {
        this(tagger, sample, probabilities, comparisons, confusion, List.of(), null, null, null);
    }

    /**
     * The probabilities without a copy, for this package's writers (read only).
     *
     * @return the internal array
     */
    float[] probabilitiesView() {
        return probabilities;
    }

    /**
     * The probabilities.
     *
     * @return a copy, row-major N x 6
     */
    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /**
     * The class probabilities as the tagger gave them: for the tutorial's six classes the same as
     * {@link #probabilities()}, for a layout's classes N x K in the layout's class order.
     *
     * @return a copy, row-major N x K
     */
    @Override
    public float[] classProbabilities() {
        return classProbabilities == null ? probabilities.clone() : classProbabilities.clone();
    }

    /**
     * The number of classes of {@link #classProbabilities()}.
     *
     * @return 6 for the tutorial's classes, else the layout's K
     */
    public int classes() {
        return groups == null ? Discriminants.CLASSES : groups.size();
    }

    /**
     * The number of jets evaluated.
     *
     * @return N
     */
    public int jets() {
        return sample.jets();
    }

    /**
     * Whether the test sample is btag's synthetic sample.
     *
     * @return {@code sample().synthetic()}
     */
    public boolean synthetic() {
        return sample.synthetic();
    }

    /**
     * The parts the plots and efficiency-map files are made from ({@link EvaluationPlots},
     * {@link EvaluationOutputs#writeMapsAndPlots}): the b/c/light/gluon confusion is plotted for the tutorial's six
     * classes ({@code groups() == null}).
     *
     * @return a new view of this evaluation's results (no per-jet arrays)
     */
    public EvaluationView view() {
        return new EvaluationView(tagger, synthetic(), comparisons, confusion, groups == null, calibration,
            efficiencyMaps);
    }

    /**
     * The result of one comparison.
     *
     * @param comparison the comparison
     * @return its result
     * @throws IllegalArgumentException if it was not evaluated (the message lists those that were)
     */
    public ComparisonResult comparison(FlavourComparison comparison) {
        for (ComparisonResult c : comparisons) {
            if (c.comparison().equals(comparison)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no result for " + comparison.name() + "; evaluated: "
            + comparisons.stream().map(c -> c.comparison().name()).toList());
    }

    /**
     * A discriminant of every jet, from the probabilities.
     *
     * @param discriminant the discriminant
     * @return N values, computed anew on each call
     */
    public double[] scores(Discriminant discriminant) {
        return Discriminants.compute(discriminant, probabilities);
    }
}
