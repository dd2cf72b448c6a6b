package dev.btag.models.evaluate;

import ai.djl.translate.TranslateException;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.TutorialFile;
import dev.btag.metrics.binning.BinnedVariable;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.calibration.ConfusionAndCalibration;
import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.efficiency.ClopperPearson;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.roc.InvalidEntryException;
import dev.btag.metrics.roc.JetBins;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.roc.RocScan;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.metrics.workingpoint.WorkingPointTarget;
import dev.btag.metrics.workingpoint.WorkingPoints;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.LayoutPredictions;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.TaggerPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

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
 * 70, 77, 85%), at the reference point (default medium) the signal efficiency and background mistag rate in bins
 * of jet pT (default edges 20, 30, 40, 50, 60, 80, 100, 150, 200, 300 GeV; jets outside are not counted), and the
 * binned performance in jet pT and |&eta;| (default edges 0, 0.5, 1, 1.5, 2, 2.5): per bin the AUC with DeLong's
 * error, the ROC curve and the efficiency and mistag rate of every working point, with the last bin taking every jet
 * above its lower edge ({@link Overflow#LAST_BIN}, {@link Builder#optOverflow(Overflow)}). The confusion matrix takes
 * the true class from the one-hot labels and leaves undefined jets (all-zero rows) out. The calibration is the
 * reliability diagram of each of the six classes (10 bins of predicted probability, undefined jets left out); it is
 * empty when the outputs are not probabilities in [0, 1] (logits, say), which the rest of the evaluation accepts. The
 * efficiency maps are those of {@link EfficiencyMaps}: for the b-vs-light comparison's BvsL (by default) at each of
 * its working points, the b, c and light efficiencies over the pT x |&eta;| bins. With per-jet weights in the
 * {@link TestSample}, every rate, curve, AUC, map and calibration is weighted (the confusion matrix counts jets).
 *
 * <p>Each comparison's scores are sorted once ({@link RocScan}); everything binned is read from that sort. The
 * comparisons run in parallel on the common fork-join pool, each alongside the calibration and the confusion matrix.
 */
public final class TaggerEvaluation {

    /** The default jet pT bin edges in GeV of the binned efficiencies. */
    public static final Binning DEFAULT_PT_BINS = Binning.of(20, 30, 40, 50, 60, 80, 100, 150, 200, 300);
    /** The default jet |eta| bin edges of the binned performance and the efficiency maps. */
    public static final Binning DEFAULT_ABS_ETA_BINS = Binning.of(0, 0.5, 1.0, 1.5, 2.0, 2.5);
    /** The name of the pT variable in binned results. */
    public static final String PT = "pt";
    /** The name of the |eta| variable in binned results. */
    public static final String ABS_ETA = "absEta";
    /** The most points kept of each bin's ROC curve (for drawing; AUCs use the full curves). */
    public static final int BIN_CURVE_POINTS = 500;

    private static final TaggerEvaluation STANDARD = builder().build();

    private final List<FlavourComparison> comparisons;
    private final List<WorkingPointTarget> mistagTargets;
    private final List<WorkingPointTarget> efficiencyTargets;
    private final WorkingPointTarget reference;
    private final Binning ptBins;
    private final Binning absEtaBins;
    private final Overflow overflow;
    private final FlavourComparison mapComparison;
    private final boolean efficiencyMaps;
    private final int calibrationBins;

    private TaggerEvaluation(Builder b) {
        comparisons = b.comparisons;
        mistagTargets = b.mistagTargets;
        efficiencyTargets = b.efficiencyTargets;
        reference = b.reference;
        ptBins = b.ptBins;
        absEtaBins = b.absEtaBins;
        overflow = b.overflow;
        mapComparison = b.mapComparison;
        efficiencyMaps = b.efficiencyMaps;
        calibrationBins = b.calibrationBins;
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
        return evaluate(tagger, file, null);
    }

    /**
     * Predicts an open tutorial-layout file with the tagger and evaluates the predictions with per-jet weights.
     *
     * @param tagger the tagger (not closed)
     * @param file the test file (not closed)
     * @param weights one finite, non-negative weight per jet of the file, or {@code null} for none
     * @return the evaluation, named after the tagger's architecture
     * @throws TranslateException if the engine fails on a batch
     * @throws IllegalArgumentException if the weights do not fit the file (see {@link TestSample#withWeights})
     */
    public Evaluation evaluate(Tagger tagger, TutorialFile file, double[] weights) throws TranslateException {
        return evaluateFile(tagger, file, TestSample.read(file).withWeights(weights));
    }

    /** Predicts an open tutorial-layout file and evaluates it against its sample. */
    private Evaluation evaluateFile(Tagger tagger, TutorialFile file, TestSample sample) throws TranslateException {
        float[] probabilities;
        try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            probabilities = predictor.predict(file).probabilities();
        }
        return evaluate(tagger.spec().architecture().cliName(), probabilities, sample);
    }

    /**
     * Predicts test files read through a layout and evaluates the predictions together. The tutorial layout on one
     * file is exactly {@link #evaluate(Tagger, Path)}, on several the same evaluation of all their jets. For any other
     * layout the comparisons follow the layout's groups ({@link ClassGroups}: b vs all, b vs c, b vs light, c vs light,
     * c vs b, whatever the class names), the binned efficiencies use its {@code kinematics.pt} and {@code eta} (without
     * one no jet falls in a bin of it; the efficiency maps are drawn only with both, see {@link TestSample#read(List,
     * Layout)}), and the confusion matrix counts the declared classes (jets of no class left out), as do the
     * reliability diagrams. The evaluation's probabilities are then the group sums in the six-slot form the comparisons
     * read ({@link ClassGroups#collapse}), and its {@link Evaluation#classProbabilities()} the N x K probabilities the
     * tagger gave ({@link LayoutPredictions}).
     *
     * <p>When the layout declares a {@code weight} field, every rate, curve, AUC, map and calibration is weighted by
     * it, as {@link #evaluate(Tagger, TutorialFile, double[])} does with given weights; {@link #evaluate(Tagger, List,
     * Layout, EvaluationWeights)} chooses other weights or none.
     *
     * @param tagger the tagger (not closed)
     * @param testFiles the test files, evaluated as one sample in this order
     * @param layout how to read them
     * @return the evaluation, named after the tagger's architecture
     * @throws IOException if a file cannot be read or does not match the layout, or a declared weight is negative or
     *     not finite (the message names the file, the field and the row)
     * @throws IllegalArgumentException if the layout declares other inputs than the tagger reads (naming the file,
     *     input and field)
     * @throws TranslateException if the engine fails on a batch
     */
    public Evaluation evaluate(Tagger tagger, List<Path> testFiles, Layout layout)
            throws IOException, TranslateException {
        return evaluate(tagger, testFiles, layout, EvaluationWeights.fromLayout());
    }

    /**
     * As {@link #evaluate(Tagger, List, Layout)}, weighted as chosen: the layout's weight field, none, or a weights
     * file that replaces it.
     *
     * @param tagger the tagger (not closed)
     * @param testFiles the test files, evaluated as one sample in this order
     * @param layout how to read them
     * @param weights which weights to use
     * @return the evaluation, named after the tagger's architecture
     * @throws IOException if a file cannot be read or does not match the layout, a weights file does not fit the
     *     jets, or a weight is negative or not finite (the message names the file, the field and the row)
     * @throws IllegalArgumentException if the layout declares other inputs than the tagger reads
     * @throws TranslateException if the engine fails on a batch
     */
    public Evaluation evaluate(Tagger tagger, List<Path> testFiles, Layout layout, EvaluationWeights weights)
            throws IOException, TranslateException {
        try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            return evaluate(predictor, testFiles, layout, weights);
        }
    }

    /**
     * As {@link #evaluate(Tagger, List, Layout, EvaluationWeights)} for any scorer: a btag tagger's
     * {@link TaggerPredictor}, or an ONNX model opened with the same layout ({@code ModelFiles.open(model, kind,
     * layout)}), so an exported tagger is evaluated exactly as the saved one. The scorer reads tutorial-layout files
     * through {@link JetScorer#predict(TutorialFile)} and any other layout through
     * {@link JetScorer#predict(JetFile, int, int)}.
     *
     * @param scorer the scorer (not closed); it must output the layout's classes (six for the tutorial layout)
     * @param testFiles the test files, evaluated as one sample in this order
     * @param layout how to read them
     * @param weights which weights to use
     * @return the evaluation, named after the scorer ({@link JetScorer#name()})
     * @throws IOException if a file cannot be read or does not match the layout, a weights file does not fit the
     *     jets, or a weight is negative or not finite (the message names the file, the field and the row)
     * @throws IllegalArgumentException if the layout declares other inputs or classes than the scorer reads or gives
     * @throws TranslateException if the engine fails on a batch
     */
    public Evaluation evaluate(JetScorer scorer, List<Path> testFiles, Layout layout, EvaluationWeights weights)
            throws IOException, TranslateException {
        if (layout.isTutorial() && testFiles.size() == 1) {
            try (TutorialFile file = TutorialFile.open(testFiles.get(0))) {
                TestSample sample = weights.applyTo(TestSample.read(file), testFiles);
                return evaluate(scorer.name(), scorer.predict(file).probabilities(), sample);
            }
        }
        if (layout.isTutorial() && scorer.classes() == Discriminants.CLASSES) {
            List<Predictions> parts = new ArrayList<>();
            for (Path path : testFiles) {
                try (TutorialFile file = TutorialFile.open(path)) {
                    parts.add(scorer.predict(file));
                }
            }
            return evaluate(scorer.name(), Predictions.concat(parts).probabilities(), weights.read(testFiles, layout));
        }
        TestSample sample = weights.read(testFiles, layout); // before scoring: a bad weight fails fast
        LayoutPredictions scored = LayoutPredictions.score(scorer, testFiles, layout);
        ClassGroups groups = scored.groups();
        float[] probs = scored.predictions().probabilities();
        List<FlavourComparison> chosen = comparisons.stream().filter(c -> groups.defines(c.discriminant())).toList();
        // efficiency maps need pT and |eta|: only for a layout that declares both
        boolean maps = efficiencyMaps && layout.kinematics().ptField().isPresent()
            && layout.kinematics().etaField().isPresent();
        Evaluation grouped = evaluate(scorer.name(), groups.collapse(probs), sample, chosen, maps);
        float[] oneHot = scored.oneHot();
        // as for the tutorial: outputs that are not probabilities get an empty calibration
        ConfusionAndCalibration c = ConfusionAndCalibration.of(layout.label().names(), oneHot, probs,
            sample.weightsView(), calibrationBins);
        return new Evaluation(grouped.tagger(), sample, grouped.probabilities(), grouped.comparisons(),
            c.confusion(), c.calibration(), grouped.efficiencyMaps(), groups, probs);
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
        return evaluate(tagger, probabilities, sample, comparisons, efficiencyMaps);
    }

    private Evaluation evaluate(String tagger, float[] probabilities, TestSample sample,
                                List<FlavourComparison> chosen, boolean withMaps) {
        if (probabilities.length != (long) sample.jets() * 6) {
            throw new IllegalArgumentException(tagger + ": " + probabilities.length + " probabilities for "
                + sample.jets() + " jets of " + sample.source() + "; expected 6 per jet");
        }
        // outputs that are not probabilities in [0, 1] (logits, other scores) get an empty calibration
        ForkJoinTask<ConfusionAndCalibration> classes = ForkJoinPool.commonPool().submit(
            () -> ConfusionAndCalibration.of(ConfusionMatrix.SIX_CLASSES, sample.oneHotView(), probabilities,
                sample.weightsView(), calibrationBins));
        ForkJoinTask<JetBins> jetBins = ForkJoinPool.commonPool().submit(() -> JetBins.of(List.of(
            BinnedVariable.of(PT, ptBins, sample.ptView()), BinnedVariable.of(ABS_ETA, absEtaBins,
                sample.absEtaView())), sample.jets()));
        List<Discriminant> discriminants = chosen.stream().map(FlavourComparison::discriminant).distinct()
            .toList();
        double[][] scores = Discriminants.computeAll(discriminants, probabilities);
        JetBins bins = jetBins.join();
        List<BinnedVariable> variables = bins.variables();
        List<ComparisonResult> results = chosen.parallelStream()
            .map(c -> compare(c, scores[discriminants.indexOf(c.discriminant())], sample, bins)).toList();
        EfficiencyMaps maps = null;
        FlavourComparison mapped = withMaps ? mapComparison(chosen) : null;
        if (mapped != null) {
            ComparisonResult r = results.get(chosen.indexOf(mapped));
            List<EfficiencyMaps.Cut> cuts = r.allWorkingPoints().stream()
                .map(wp -> new EfficiencyMaps.Cut(wp.name(), wp.threshold())).toList();
            maps = EfficiencyMaps.of(mapped.discriminant().cmsName(), variables.get(0), variables.get(1),
                sample.truthView(), scores[discriminants.indexOf(mapped.discriminant())], sample.weightsView(), cuts,
                FlavourGroup.STANDARD, ClopperPearson.ONE_SIGMA);
        }
        ConfusionAndCalibration c = classes.join();
        return new Evaluation(tagger, sample, probabilities, results, c.confusion(), c.calibration(), maps);
    }

    /** The comparison whose discriminant is mapped: the one set, else b vs light+gluon if evaluated, else none. */
    private FlavourComparison mapComparison(List<FlavourComparison> chosen) {
        if (!efficiencyMaps) {
            return null;
        }
        if (mapComparison != null) {
            return chosen.contains(mapComparison) ? mapComparison : null;
        }
        return chosen.contains(FlavourComparison.B_VS_LIGHT_GLUON) ? FlavourComparison.B_VS_LIGHT_GLUON : null;
    }

    private ComparisonResult compare(FlavourComparison comparison, double[] score, TestSample sample, JetBins bins) {
        List<BinnedVariable> variables = bins.variables();
        RocScan scan;
        try {
            scan = RocScan.of(score, sample.truthView(), comparison.selection(), sample.weightsView(), bins);
        } catch (InvalidEntryException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(comparison.name() + ": " + e.getMessage(), e);
        }
        RocCurve roc = scan.roc();
        List<WorkingPoint> mistagPoints = WorkingPoints.at(roc, mistagTargets);
        List<WorkingPoint> efficiencyPoints = WorkingPoints.at(roc, efficiencyTargets);
        WorkingPoint ref = WorkingPoints.at(roc, reference);
        List<WorkingPoint> all = new ArrayList<>(mistagPoints);
        all.addAll(efficiencyPoints);
        List<BinnedPerformance> binned = new ArrayList<>(variables.size());
        for (int v = 0; v < variables.size(); v++) {
            List<WorkingPointRates> rates = new ArrayList<>(all.size());
            for (WorkingPoint wp : all) {
                rates.add(new WorkingPointRates(wp,
                    scan.signalPassing(v, wp.threshold(), overflow, ClopperPearson.ONE_SIGMA),
                    scan.backgroundPassing(v, wp.threshold(), overflow, ClopperPearson.ONE_SIGMA)));
            }
            binned.add(new BinnedPerformance(scan.binned(v, overflow, BIN_CURVE_POINTS), rates));
        }
        // the binned rates of the first release: pT only, jets above the last edge left out
        return new ComparisonResult(comparison, roc, scan.auc(), mistagPoints, efficiencyPoints, ref,
            scan.signalPassing(0, ref.threshold(), Overflow.LEFT_OUT, ClopperPearson.ONE_SIGMA),
            scan.backgroundPassing(0, ref.threshold(), Overflow.LEFT_OUT, ClopperPearson.ONE_SIGMA), binned);
    }

    /** Builds a {@link TaggerEvaluation}; every setting is optional. */
    public static final class Builder {
        private List<FlavourComparison> comparisons = FlavourComparison.ALL;
        private List<WorkingPointTarget> mistagTargets = WorkingPointTarget.FIXED_MISTAGS;
        private List<WorkingPointTarget> efficiencyTargets = WorkingPointTarget.FIXED_EFFICIENCIES;
        private WorkingPointTarget reference = WorkingPointTarget.MEDIUM;
        private Binning ptBins = DEFAULT_PT_BINS;
        private Binning absEtaBins = DEFAULT_ABS_ETA_BINS;
        private Overflow overflow = Overflow.LAST_BIN;
        private FlavourComparison mapComparison;
        private boolean efficiencyMaps = true;
        private int calibrationBins = ReliabilityDiagram.DEFAULT_BINS;

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
         * Sets the jet |eta| bins of the binned performance and the efficiency maps (default
         * {@link #DEFAULT_ABS_ETA_BINS}).
         *
         * @param absEtaBins the bin edges
         * @return this builder
         */
        public Builder optAbsEtaBins(Binning absEtaBins) {
            this.absEtaBins = Objects.requireNonNull(absEtaBins, "absEtaBins");
            return this;
        }

        /**
         * Sets what the binned performance does with jets at or above the last edge (default
         * {@link Overflow#LAST_BIN}: counted in the last bin). The first release's {@code efficiencyVsPt} and
         * {@code mistagVsPt} always leave them out.
         *
         * @param overflow the policy
         * @return this builder
         */
        public Builder optOverflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /**
         * Sets the comparison whose discriminant and working points the efficiency maps use (default b vs
         * light+gluon, BvsL, when it is evaluated); it must be one of the evaluated comparisons.
         *
         * @param comparison the comparison
         * @return this builder
         */
        public Builder optMapComparison(FlavourComparison comparison) {
            this.mapComparison = Objects.requireNonNull(comparison, "comparison");
            this.efficiencyMaps = true;
            return this;
        }

        /**
         * Leaves the efficiency maps out ({@link Evaluation#efficiencyMaps()} is then {@code null}).
         *
         * @return this builder
         */
        public Builder optNoEfficiencyMaps() {
            this.efficiencyMaps = false;
            return this;
        }

        /**
         * Sets the number of predicted-probability bins of the reliability diagrams (default 10).
         *
         * @param bins at least 1
         * @return this builder
         */
        public Builder optCalibrationBins(int bins) {
            if (bins < 1) {
                throw new IllegalArgumentException("calibration bins must be at least 1, got " + bins);
            }
            this.calibrationBins = bins;
            return this;
        }

        /**
         * Validates the settings and builds the evaluation.
         *
         * @return the evaluation
         * @throws IllegalArgumentException for no comparison, a repeated comparison, a target of the wrong
         *     criterion (the message names it), or a map comparison that is not evaluated
         */
        public TaggerEvaluation build() {
            if (comparisons.isEmpty() || comparisons.stream().distinct().count() != comparisons.size()) {
                throw new IllegalArgumentException("the comparisons must be at least one and distinct, got "
                    + comparisons);
            }
            requireCriterion(mistagTargets, WorkingPointTarget.Criterion.MISTAG);
            requireCriterion(efficiencyTargets, WorkingPointTarget.Criterion.EFFICIENCY);
            if (efficiencyMaps && mapComparison != null && !comparisons.contains(mapComparison)) {
                throw new IllegalArgumentException("the efficiency maps' comparison " + mapComparison.name()
                    + " is not among the evaluated comparisons " + comparisons);
            }
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
