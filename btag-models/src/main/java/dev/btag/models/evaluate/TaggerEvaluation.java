package dev.btag.models.evaluate;

import ai.djl.translate.TranslateException;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.TutorialFile;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.Selection;
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
import java.util.Set;

/**
 * Evaluates a tagger on a test sample, as the notebooks do with their second file, and returns one immutable
 * {@link Evaluation}. This class is immutable and thread-safe; build it with {@link #builder()} (the defaults are
 * the tutorial's) or take {@link #standard()}.
 *
 * <pre>{@code
 * try (Tagger tagger = TaggerFile.load(Path.of("dnn.btag"))) {
 *     Evaluation e = TaggerEvaluation.standard().evaluate(tagger, Path.of("test.npz"));
 *     double auc = e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc();
 * }
 * }</pre>
 *
 * <p>For each {@link FlavourComparison} (default {@link FlavourComparison#ALL}): its discriminant from the six
 * probabilities, the ROC curve over the jets it keeps (truth from the integer codes, column 50), the AUC with
 * DeLong's error, working points at fixed mistag (default loose/medium/tight) and at fixed efficiency (default 60,
 * 70, 77, 85%), and at the reference point (default medium) the signal efficiency and background mistag rate in bins
 * of jet pT (default edges 20, 30, 40, 50, 60, 80, 100, 150, 200, 300 GeV; jets outside are not counted). The
 * confusion matrix takes the true class from the one-hot labels and leaves undefined jets (all-zero rows) out.
 */
public final class TaggerEvaluation {

    /** The default jet pT bin edges in GeV of the binned efficiencies. */
    public static final Binning DEFAULT_PT_BINS = Binning.of(20, 30, 40, 50, 60, 80, 100, 150, 200, 300);

    private static final TaggerEvaluation STANDARD = builder().build();

    private final List<FlavourComparison> comparisons;
    private final List<WorkingPointTarget> mistagTargets;
    private final List<WorkingPointTarget> efficiencyTargets;
    private final WorkingPointTarget reference;
    private final Binning ptBins;

    private TaggerEvaluation(Builder b) {
        comparisons = b.comparisons;
        mistagTargets = b.mistagTargets;
        efficiencyTargets = b.efficiencyTargets;
        reference = b.reference;
        ptBins = b.ptBins;
    }

    /**
     * The evaluation with every default.
     *
     * @return the standard evaluation
     */
    public static TaggerEvaluation standard() {
        return STANDARD;
    }

    /**
     * Starts a builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Predicts a tutorial-layout test file with the tagger and evaluates the predictions.
     *
     * @param tagger the tagger (not closed)
     * @param testFile the test file
     * @return the evaluation, named after the tagger's architecture
     * @throws IOException if the file cannot be read (the message names it)
     * @throws TranslateException if the engine fails on a batch
     */
    public Evaluation evaluate(Tagger tagger, Path testFile) throws IOException, TranslateException {
        try (TutorialFile file = TutorialFile.open(testFile)) {
            return evaluate(tagger, file);
        }
    }

    /**
     * Predicts an open tutorial-layout file with the tagger and evaluates the predictions.
     *
     * @param tagger the tagger (not closed)
     * @param file the test file (not closed)
     * @return the evaluation, named after the tagger's architecture
     * @throws TranslateException if the engine fails on a batch
     */
    public Evaluation evaluate(Tagger tagger, TutorialFile file) throws TranslateException {
        float[] probabilities;
        try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            probabilities = predictor.predict(file).probabilities();
        }
        return evaluate(tagger.spec().architecture().cliName(), probabilities, TestSample.read(file));
    }

    /**
     * Predicts test files read through a layout and evaluates the predictions together. The tutorial layout on one
     * file is exactly {@link #evaluate(Tagger, Path)}. For any other layout the comparisons follow the layout's
     * groups ({@link ClassGroups}: b vs all, b vs c, b vs light, c vs light, c vs b, whatever the class names), the
     * binned efficiencies use its {@code kinematics.pt} (without one no jet falls in a bin), and the confusion matrix
     * counts the declared classes (jets of no class left out). The evaluation's probabilities are then the group
     * sums in the six-slot form the comparisons read ({@link ClassGroups#collapse}).
     *
     * @param tagger the tagger (not closed)
     * @param testFiles the test files, evaluated as one sample in this order
     * @param layout how to read them
     * @return the evaluation, named after the tagger's architecture
     * @throws IOException if a file cannot be read or does not match the layout (the message names it)
     * @throws IllegalArgumentException if the layout declares other inputs than the tagger reads (naming the file,
     *     input and field)
     * @throws TranslateException if the engine fails on a batch
     */
    public Evaluation evaluate(Tagger tagger, List<Path> testFiles, Layout layout)
            throws IOException, TranslateException {
        if (layout.isTutorial() && testFiles.size() == 1) {
            return evaluate(tagger, testFiles.get(0));
        }
        ClassGroups groups = LayoutInputs.groups(layout);
        int k = groups.size();
        if (tagger.spec().classes() != k) {
            throw new IllegalArgumentException(testFiles.get(0) + ": label: the layout declares " + k + " classes "
                + layout.label().names() + ", the tagger outputs " + tagger.spec().classes());
        }
        FloatArrays probabilities = new FloatArrays();
        FloatArrays oneHot = new FloatArrays();
        List<int[]> classes = new ArrayList<>();
        List<double[]> pts = new ArrayList<>();
        boolean synthetic = false;
        try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            for (Path path : testFiles) {
                try (JetFile file = JetFile.open(path, layout)) {
                    probabilities.add(predictor.predict(file).probabilities());
                    long n = file.jetCount();
                    oneHot.add(file.oneHot(0, n));
                    classes.add(file.classes(0, n));
                    double[] pt = new double[(int) n];
                    if (file.hasPt()) {
                        pt = file.pt(0, n);
                    } else {
                        java.util.Arrays.fill(pt, -1);
                    }
                    pts.add(pt);
                    synthetic |= file.isSynthetic();
                }
            }
        }
        int[] classIndex = classes.stream().flatMapToInt(java.util.Arrays::stream).toArray();
        double[] pt = pts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        float[] probs = probabilities.toArray();
        TestSample sample = new TestSample(testFiles.size() == 1 ? testFiles.get(0) : null,
            groups.truthCodes(classIndex), groups.collapseOneHot(classIndex), pt, synthetic);
        List<FlavourComparison> chosen = comparisons.stream().filter(c -> groupsPresent(c, groups)).toList();
        Evaluation grouped = evaluate(tagger.spec().architecture().cliName(), groups.collapse(probs), sample, chosen);
        ConfusionMatrix confusion = ConfusionMatrix.fromOneHot(layout.label().names(), oneHot.toArray(), probs);
        return new Evaluation(grouped.tagger(), sample, grouped.probabilities(), grouped.comparisons(), confusion);
    }

    /** Whether the groups a comparison selects are declared: without c classes no c comparison, and so on. */
    private static boolean groupsPresent(FlavourComparison comparison, ClassGroups groups) {
        Set<Integer> codes = new java.util.HashSet<>(comparison.selection().signal());
        if (!comparison.selection().backgroundIsRest()) {
            codes.addAll(comparison.selection().background());
        }
        return (!codes.contains(FlavourSelection.C) || groups.c().length > 0)
            && (!codes.contains(FlavourSelection.LIGHT) || groups.light().length > 0);
    }

    /** Concatenates float arrays. */
    private static final class FloatArrays {
        private final List<float[]> parts = new ArrayList<>();

        void add(float[] part) {
            parts.add(part);
        }

        float[] toArray() {
            int n = parts.stream().mapToInt(p -> p.length).sum();
            float[] out = new float[n];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
    }

    /**
     * Evaluates class probabilities from any source (another framework, a saved predictions file).
     *
     * @param tagger the name to give the tagger in the result
     * @param probabilities row-major N x 6 class probabilities (b, bb, leptonic b, c, uds, g)
     * @param sample the truth of the same N jets
     * @return the evaluation
     * @throws IllegalArgumentException if the sizes disagree, a probability is NaN, or a comparison lacks signal or
     *     background jets (the message names the comparison)
     */
    public Evaluation evaluate(String tagger, float[] probabilities, TestSample sample) {
        return evaluate(tagger, probabilities, sample, comparisons);
    }

    private Evaluation evaluate(String tagger, float[] probabilities, TestSample sample,
                                List<FlavourComparison> chosen) {
        if (probabilities.length != (long) sample.jets() * 6) {
            throw new IllegalArgumentException(tagger + ": " + probabilities.length + " probabilities for "
                + sample.jets() + " jets of " + sample.source() + "; expected 6 per jet");
        }
        int[] truth = sample.truthCodes();
        double[] pt = sample.pt();
        List<ComparisonResult> results = new ArrayList<>(chosen.size());
        for (FlavourComparison comparison : chosen) {
            results.add(compare(comparison, comparison.score(probabilities), truth, pt));
        }
        ConfusionMatrix confusion = ConfusionMatrix.fromOneHot(ConfusionMatrix.SIX_CLASSES, sample.oneHot(),
            probabilities);
        return new Evaluation(tagger, sample, probabilities, results, confusion);
    }

    private ComparisonResult compare(FlavourComparison comparison, double[] score, int[] truth, double[] pt) {
        RocCurve roc = comparison.roc(score, truth);
        Selection jets = comparison.select(truth);
        double[] kept = jets.pick(score);
        AucEstimate auc = AucEstimate.delong(kept, jets.signal());
        List<WorkingPoint> mistagPoints = WorkingPoints.at(roc, mistagTargets);
        List<WorkingPoint> efficiencyPoints = WorkingPoints.at(roc, efficiencyTargets);
        WorkingPoint ref = WorkingPoints.at(roc, reference);
        return new ComparisonResult(comparison, roc, auc, mistagPoints, efficiencyPoints, ref,
            passing(jets.onlySignal(), score, pt, ref.threshold()),
            passing(jets.onlyBackground(), score, pt, ref.threshold()));
    }

    /** The fraction of the selected jets whose score passes the cut, in bins of pT. */
    private BinnedEfficiency passing(Selection jets, double[] score, double[] pt, double threshold) {
        double[] s = jets.pick(score);
        boolean[] pass = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            pass[i] = s[i] >= threshold;
        }
        return BinnedEfficiency.of(ptBins, jets.pick(pt), pass);
    }

    /** Builds a {@link TaggerEvaluation}; every setting is optional. */
    public static final class Builder {
        private List<FlavourComparison> comparisons = FlavourComparison.ALL;
        private List<WorkingPointTarget> mistagTargets = WorkingPointTarget.FIXED_MISTAGS;
        private List<WorkingPointTarget> efficiencyTargets = WorkingPointTarget.FIXED_EFFICIENCIES;
        private WorkingPointTarget reference = WorkingPointTarget.MEDIUM;
        private Binning ptBins = DEFAULT_PT_BINS;

        private Builder() {
        }

        /**
         * Sets the comparisons (default {@link FlavourComparison#ALL}).
         *
         * @param comparisons at least one, no duplicates
         * @return this builder
         */
        public Builder optComparisons(List<FlavourComparison> comparisons) {
            this.comparisons = List.copyOf(comparisons);
            return this;
        }

        /**
         * Sets the fixed-mistag working points (default {@link WorkingPointTarget#FIXED_MISTAGS}).
         *
         * @param targets targets of criterion {@link WorkingPointTarget.Criterion#MISTAG}
         * @return this builder
         */
        public Builder optMistagTargets(List<WorkingPointTarget> targets) {
            this.mistagTargets = List.copyOf(targets);
            return this;
        }

        /**
         * Sets the fixed-efficiency working points (default {@link WorkingPointTarget#FIXED_EFFICIENCIES}).
         *
         * @param targets targets of criterion {@link WorkingPointTarget.Criterion#EFFICIENCY}
         * @return this builder
         */
        public Builder optEfficiencyTargets(List<WorkingPointTarget> targets) {
            this.efficiencyTargets = List.copyOf(targets);
            return this;
        }

        /**
         * Sets the working point of the binned efficiencies (default {@link WorkingPointTarget#MEDIUM}).
         *
         * @param reference the target
         * @return this builder
         */
        public Builder optReference(WorkingPointTarget reference) {
            this.reference = Objects.requireNonNull(reference, "reference");
            return this;
        }

        /**
         * Sets the jet pT bins of the binned efficiencies (default {@link #DEFAULT_PT_BINS}).
         *
         * @param ptBins the bin edges in GeV
         * @return this builder
         */
        public Builder optPtBins(Binning ptBins) {
            this.ptBins = Objects.requireNonNull(ptBins, "ptBins");
            return this;
        }

        /**
         * Validates the settings and builds the evaluation.
         *
         * @return the evaluation
         * @throws IllegalArgumentException for no comparison, a repeated comparison, or a target of the wrong
         *     criterion (the message names it)
         */
        public TaggerEvaluation build() {
            if (comparisons.isEmpty() || comparisons.stream().distinct().count() != comparisons.size()) {
                throw new IllegalArgumentException("the comparisons must be at least one and distinct, got "
                    + comparisons);
            }
            requireCriterion(mistagTargets, WorkingPointTarget.Criterion.MISTAG);
            requireCriterion(efficiencyTargets, WorkingPointTarget.Criterion.EFFICIENCY);
            return new TaggerEvaluation(this);
        }

        private static void requireCriterion(List<WorkingPointTarget> targets, WorkingPointTarget.Criterion c) {
            for (WorkingPointTarget t : targets) {
                if (t.criterion() != c) {
                    throw new IllegalArgumentException("working point '" + t.name() + "' fixes the "
                        + t.criterion() + " rate; expected a " + c + " target here");
                }
            }
        }
    }
}
