package dev.btag.spark.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.btag.data.layout.Layout;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.efficiency.ClopperPearson;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.data.ntuple.LayoutMismatchException;
import dev.btag.metrics.roc.ScoreRuns;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.metrics.workingpoint.WorkingPointTarget;
import dev.btag.metrics.workingpoint.WorkingPoints;
import dev.btag.models.LayoutInputs;
import dev.btag.models.evaluate.BinnedPerformance;
import dev.btag.models.evaluate.ComparisonResult;
import dev.btag.models.evaluate.EvaluationWeights;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.EvaluationView;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.evaluate.TestSample;
import dev.btag.spark.score.ScoredJets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Evaluates a scored-jets DataFrame ({@link ScoredJets}) exactly, as {@code btag evaluate} evaluates the same files.
 * Tutorial-layout files (six classes) are evaluated as {@code btag evaluate} evaluates a tutorial file: discriminants
 * from the six probabilities, the file's integer truth (column 50: 5, 4, 1, 21, 0). Files of any other layout are
 * evaluated as {@code btag evaluate} evaluates a layout's files: the probabilities are summed into the layout's b, c
 * and light groups ({@link ClassGroups#collapse}), the discriminants computed from those sums, the jets given the
 * group truth codes (5, 4, 1, 0), and only the comparisons whose groups the layout declares are run
 * ({@link ClassGroups#defines}).
 *
 * <p>Per comparison: the ROC curve and AUC (with DeLong's error) from a distributed sort: the kept jets are grouped by
 * distinct score with their signal and background counts, sorted descending across the cluster, and streamed to the
 * driver partition by partition in order, into {@link ScoreRuns}, the accumulation {@code btag evaluate} runs after
 * its own sort; so the curve is exact (one point per distinct score, no binning) and equal to the single-machine one,
 * AUC included, and only one row per distinct score crosses the network. The working points come from the curve
 * ({@link WorkingPoints}); the efficiency and mistag rate in jet-pT bins at the reference working point, and the
 * confusion matrix and the efficiency maps ({@link EfficiencyMaps}, BvsL at the b-vs-light working points), from
 * counts summed over partitions.
 *
 * <p>Weights: as {@code btag evaluate}, the jets are weighted by the layout's {@code weight} field when it declares
 * one ({@link EvaluationWeights#fromLayout()}, the default: the frame's {@value ScoredJets#WEIGHT} column), or not at
 * all ({@link EvaluationWeights#none()}); every curve, AUC, rate, map and calibration is then weighted, the confusion
 * matrix still counts jets. The sort carries each distinct score's signal and background counts, weight sums and
 * squared-weight sums, and every binned count becomes a weight sum beside its count. Counts stay exact; weight sums
 * are added in another order than on one machine (per partition, then across partitions), so weighted results agree
 * with {@code btag evaluate} to rounding (exactly when no addition rounds, as for float32 weights that are not tiny;
 * sums of products, the squared weights and weight x probability, may round). A negative or non-finite weight is
 * refused, naming the file, the field and the row. A weights file ({@link EvaluationWeights#fromFile}) is refused: its
 * weights are indexed by position in the whole sample, which a Spark frame does not carry; put the weights into the
 * files and declare them in the layout.
 *
 * <p>The binned performance ({@link BinnedPerformance}: per bin of jet pT and |&eta;|, the last bin taking the
 * overflow, the bin's exact ROC curve and AUC from a sort per bin, and every working point's rates from counts) is
 * that of {@code btag evaluate}; |&eta;| is read from the layout's {@code kinematics.eta}. The calibration
 * ({@link ReliabilityDiagram} per class) is summed over the partitions ({@code SparkCalibration}).
 * This class is immutable and thread-safe.
 */
public final class SparkEvaluation {

    private static final String CODE = "code";
    private static final String PT_BIN = "ptBin";
    private static final String PREDICTED = "predicted";
    /** The column of each jet's weight in the grouped jets: its layout weight, or 1 when unweighted. */
    static final String W = "w";

    private final List<FlavourComparison> comparisons;
    private final List<WorkingPointTarget> mistagTargets;
    private final List<WorkingPointTarget> efficiencyTargets;
    private final WorkingPointTarget reference;
    private final Binning ptBins;
    private final Binning absEtaBins;

    private SparkEvaluation(List<FlavourComparison> comparisons, List<WorkingPointTarget> mistagTargets,
            List<WorkingPointTarget> efficiencyTargets, WorkingPointTarget reference, Binning ptBins,
            Binning absEtaBins) {
        this.comparisons = comparisons;
        this.mistagTargets = mistagTargets;
        this.efficiencyTargets = efficiencyTargets;
        this.reference = reference;
        this.ptBins = ptBins;
        this.absEtaBins = absEtaBins;
    }

    /**
     * The evaluation with {@link TaggerEvaluation}'s defaults: every comparison, loose/medium/tight and 60/70/77/85%
     * working points, medium as the reference, {@link TaggerEvaluation#DEFAULT_PT_BINS} and
     * {@link TaggerEvaluation#DEFAULT_ABS_ETA_BINS}.
     *
     * @return the standard evaluation
     */
    public static SparkEvaluation standard() {
        return new SparkEvaluation(FlavourComparison.ALL, WorkingPointTarget.FIXED_MISTAGS,
            WorkingPointTarget.FIXED_EFFICIENCIES, WorkingPointTarget.MEDIUM, TaggerEvaluation.DEFAULT_PT_BINS,
            TaggerEvaluation.DEFAULT_ABS_ETA_BINS);
    }

    /**
     * The result: per comparison what {@code btag evaluate} reports (binned performance included), and the confusion
     * matrix of the layout's classes.
     *
     * @param tagger the tagger's name
     * @param jets the number of jets evaluated
     * @param comparisons one result per comparison the layout's groups allow, in the standard order, each with its
     *     binned performance in jet pT and |&eta;|
     * @param confusion true class (rows) against the most probable class, jets of no class left out
     * @param efficiencyMaps the b, c and light efficiencies of BvsL at each working point of the b vs light+gluon
     *     comparison over the pT x |&eta;| bins, as {@link EfficiencyMaps#of} counts them; {@code null} when that
     *     comparison is not evaluated, or (as in {@code btag evaluate}) when a layout other than the tutorial's
     *     declares no pT or no &eta;. Jets whose layout declares no &eta; fall in no cell.
     * @param calibration the reliability diagram of each class (10 bins of predicted probability, jets of no class
     *     left out), empty when the outputs are not probabilities in [0, 1]
     * @param weighted whether the jets were weighted (by the layout's weight field)
     * @param tutorialClasses whether the jets are the tutorial layout's six classes, so that the b/c/light/gluon
     *     ("coarse") confusion is written and drawn, as {@code btag evaluate} does for tutorial files only
     */
    public record Result(String tagger, long jets, List<ComparisonResult> comparisons, ConfusionMatrix confusion,
            EfficiencyMaps efficiencyMaps, List<ReliabilityDiagram> calibration, boolean weighted,
            boolean tutorialClasses) {

        /**
         * Copies the list.
         *
         * @param tagger the name
         * @param jets the jet count
         * @param comparisons the results
         * @param confusion the matrix
         * @param efficiencyMaps the maps, or {@code null}
         * @param calibration the diagrams
         * @param weighted whether the jets were weighted
         * @param tutorialClasses whether the jets are the tutorial layout's six classes
         */
        public Result {
            Objects.requireNonNull(tagger, "tagger");
            comparisons = List.copyOf(comparisons);
            Objects.requireNonNull(confusion, "confusion");
            calibration = List.copyOf(calibration);
        }

        /**
         * The parts {@code btag evaluate}'s plots and efficiency-map files are made from, to write them with
         * {@link EvaluationOutputs#writeMapsAndPlots}: the b/c/light/gluon confusion is plotted for the tutorial
         * layout's six classes ({@link #tutorialClasses()}), as for a tutorial file on one machine.
         *
         * @param synthetic whether the jets are btag's synthetic sample (the plots carry its banner)
         * @return the view
         */
        public EvaluationView view(boolean synthetic) {
            return new EvaluationView(tagger, synthetic, comparisons, confusion, tutorialClasses, calibration,
                efficiencyMaps);
        }
    }

    /**
     * Evaluates scored jets weighted by the layout's {@code weight} field when it declares one
     * ({@link EvaluationWeights#fromLayout()}), as {@code btag evaluate} does by default.
     *
     * @param tagger the name to give the tagger
     * @param scored a DataFrame with the {@link ScoredJets} columns
     * @param layout the layout the jets were read with (its classes, groups and weight field)
     * @return the result
     * @throws IllegalArgumentException if a comparison lacks signal or background jets, or a discriminant is not
     *     finite (the message names the comparison)
     * @see #evaluate(String, Dataset, Layout, EvaluationWeights)
     */
    public Result evaluate(String tagger, Dataset<Row> scored, Layout layout) {
        return evaluate(tagger, scored, layout, EvaluationWeights.fromLayout());
    }

    /**
     * Evaluates scored jets with the chosen weights. The frame is persisted for the duration (each comparison reads
     * it) and released after. A negative or non-finite weight fails the Spark job: Spark throws its own exception
     * (undeclared), whose innermost cause, a {@link LayoutMismatchException}, names the file, the field and the row.
     *
     * @param tagger the name to give the tagger
     * @param scored a DataFrame with the {@link ScoredJets} columns (at least {@code file}, {@code row},
     *     {@code truth}, {@code class}, {@code probabilities}, {@code pt}, {@code eta}, {@code weight})
     * @param layout the layout the jets were read with (its classes, groups and weight field)
     * @param weights {@link EvaluationWeights#fromLayout()} (the {@code weight} column, used when the layout
     *     declares a weight field) or {@link EvaluationWeights#none()}
     * @return the result
     * @throws IllegalArgumentException if a comparison lacks signal or background jets, or a discriminant is not
     *     finite (the message names the comparison), or {@code weights} is a weights file
     */
    public Result evaluate(String tagger, Dataset<Row> scored, Layout layout, EvaluationWeights weights) {
        requireSupported(weights);
        String field = weights.field(layout);
        ClassGroups groups = LayoutInputs.groups(layout);
        boolean sixClasses = sixClassTutorial(layout, groups);
        Dataset<Row> jets = grouped(scored, groups, sixClasses, ptBins, absEtaBins, field)
            .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long n = jets.count();
            boolean weighted = field != null;
            List<ComparisonResult> results = new ArrayList<>();
            for (FlavourComparison c : comparisons) {
                if (sixClasses || groups.defines(c.discriminant())) {
                    results.add(compare(c, jets, weighted));
                }
            }
            // as btag evaluate: a layout's files have maps only when it declares both pT and eta
            boolean maps = layout.isTutorial() || (layout.kinematics().ptField().isPresent()
                && layout.kinematics().etaField().isPresent());
            EfficiencyMaps efficiencyMaps = null;
            for (ComparisonResult r : results) {
                if (maps && r.comparison().equals(FlavourComparison.B_VS_LIGHT_GLUON)) {
                    List<EfficiencyMaps.Cut> cuts = r.allWorkingPoints().stream()
                        .map(wp -> new EfficiencyMaps.Cut(wp.name(), wp.threshold())).toList();
                    efficiencyMaps = SparkEfficiencyMaps.count(jets, r.comparison().discriminant().cmsName(), ptBins,
                        absEtaBins, cuts, weighted);
                }
            }
            List<String> names = sixClasses ? ConfusionMatrix.SIX_CLASSES : layout.label().names();
            return new Result(tagger, n, results, confusion(jets, names), efficiencyMaps,
                SparkCalibration.of(scored, names, ReliabilityDiagram.DEFAULT_BINS, weighted), weighted, sixClasses);
        } finally {
            jets.unpersist();
        }
    }

    /**
     * Refuses the weights this evaluation cannot use: a weights file ({@link EvaluationWeights#fromFile}), whose
     * weights are indexed by position in the whole sample, which a Spark frame does not carry. Callers check before
     * scoring, so nothing is predicted in vain.
     *
     * @param weights the choice
     * @throws IllegalArgumentException for a weights file (the message names it and says what to do instead)
     */
    public static void requireSupported(EvaluationWeights weights) {
        if (weights.source() == EvaluationWeights.Source.FILE) {
            throw new IllegalArgumentException(weights.file() + ": a weights file cannot be used on Spark (its"
                + " weights are indexed by position in the whole sample); declare the weights as a field of the"
                + " files in the layout ('weight:'), or evaluate with btag evaluate");
        }
    }

    /** Whether the jets are the tutorial's six classes, evaluated as {@code btag evaluate} does a tutorial file. */
    private static boolean sixClassTutorial(Layout layout, ClassGroups groups) {
        return layout.isTutorial() && groups.size() == Discriminants.CLASSES;
    }

    /**
     * Per jet: the truth code (the file's, 5/4/1/21/0, for the tutorial's six classes; else the layout group's,
     * 5/4/1/0), the class, the most probable class, the pT bin (-1 outside), every discriminant (from the six
     * probabilities, else from the group sums), the flavour group, the pT and |eta| cells of the maps, and the weight
     * (the {@code weight} column, checked, when {@code weightField} is not null; else 1).
     */
    private static Dataset<Row> grouped(Dataset<Row> scored, ClassGroups groups, boolean sixClasses, Binning ptBins,
            Binning absEtaBins, String weightField) {
        List<StructField> fields = new ArrayList<>(List.of(
            DataTypes.createStructField(CODE, DataTypes.IntegerType, false),
            DataTypes.createStructField(ScoredJets.CLASS, DataTypes.IntegerType, false),
            DataTypes.createStructField(PREDICTED, DataTypes.IntegerType, false),
            DataTypes.createStructField(PT_BIN, DataTypes.IntegerType, false)));
        for (Discriminant d : Discriminant.values()) {
            fields.add(DataTypes.createStructField(d.cmsName(), DataTypes.DoubleType, false));
        }
        for (String cell : List.of(SparkEfficiencyMaps.GROUP, SparkEfficiencyMaps.PT_CELL,
                SparkEfficiencyMaps.ETA_CELL)) {
            fields.add(DataTypes.createStructField(cell, DataTypes.IntegerType, false));
        }
        fields.add(DataTypes.createStructField(W, DataTypes.DoubleType, false));
        JavaRDD<Row> rows = scored.select(ScoredJets.CLASS, ScoredJets.PROBABILITIES, ScoredJets.PT, ScoredJets.ETA,
            ScoredJets.TRUTH, ScoredJets.WEIGHT, ScoredJets.FILE, ScoredJets.ROW).javaRDD()
            .mapPartitions(new JetGrouping(groups, sixClasses, ptBins, absEtaBins, weightField));
        return scored.sparkSession().createDataFrame(rows, DataTypes.createStructType(fields));
    }

    /**
     * What {@link #grouped} runs on the executors: holds the groups and bin edges as plain serializable values and
     * rebuilds the library objects there. A weight that an evaluation cannot use (negative, not finite) fails the
     * task with the message of {@code btag evaluate}'s, naming the file, the field and the row.
     */
    private static final class JetGrouping implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> classes;
        private final int[] b;
        private final int[] c;
        private final int[] light;
        private final double[] edges;
        private final double[] etaEdges;
        private final boolean sixClasses;
        private final String weightField;

        JetGrouping(ClassGroups groups, boolean sixClasses, Binning ptBins, Binning absEtaBins, String weightField) {
            this.sixClasses = sixClasses;
            this.weightField = weightField;
            classes = new ArrayList<>(groups.classes());
            b = groups.b();
            c = groups.c();
            light = groups.light();
            edges = ptBins.edges();
            etaEdges = absEtaBins.edges();
        }

        @Override
        public Iterator<Row> call(Iterator<Row> in) {
            ClassGroups groups = new ClassGroups(classes, b, c, light);
            Binning ptBins = Binning.of(edges);
            Binning etaBins = Binning.of(etaEdges);
            int[] codeOfClass = groups.truthCodes(IntStream.range(0, classes.size()).toArray());
            int[] flavourGroupOfCode = new int[64];
            for (int code = 0; code < flavourGroupOfCode.length; code++) {
                flavourGroupOfCode[code] = FlavourGroup.indexOf(FlavourGroup.STANDARD, new int[] {code})[0];
            }
            Discriminant[] kinds = Discriminant.values();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return in.hasNext();
                }

                @Override
                public Row next() {
                    Row r = in.next();
                    int cls = r.getInt(0);
                    List<Float> p = r.getList(1);
                    float[] probabilities = new float[p.size()];
                    for (int j = 0; j < probabilities.length; j++) {
                        probabilities[j] = p.get(j);
                    }
                    float[] six = sixClasses ? probabilities : groups.collapse(probabilities);
                    Object[] v = new Object[8 + kinds.length];
                    int code = sixClasses ? r.getInt(4) : cls < 0 ? FlavourSelection.UNDEFINED : codeOfClass[cls];
                    v[0] = code;
                    v[1] = cls;
                    v[2] = ConfusionMatrix.argmax(probabilities, probabilities.length)[0];
                    v[3] = ptBins.bin(r.getDouble(2), Overflow.LEFT_OUT);
                    for (int d = 0; d < kinds.length; d++) {
                        v[4 + d] = Discriminants.compute(kinds[d], six)[0];
                    }
                    v[4 + kinds.length] = code >= 0 && code < flavourGroupOfCode.length ? flavourGroupOfCode[code] : -1;
                    v[5 + kinds.length] = ptBins.bin(r.getDouble(2), Overflow.LAST_BIN);
                    v[6 + kinds.length] = etaBins.bin(Math.abs(r.getDouble(3)), Overflow.LAST_BIN);
                    v[7 + kinds.length] = weightField == null ? 1.0 : checked(r);
                    return RowFactory.create(v);
                }
            };
        }

        /** The jet's weight, refused when an evaluation cannot use it (as {@code btag evaluate} refuses it). */
        private double checked(Row r) {
            double w = r.getDouble(5);
            try {
                TestSample.requireEvaluable(w, r.getLong(7), Path.of(r.getString(6)), "weight '" + weightField + "'");
            } catch (LayoutMismatchException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return w;
        }
    }

    private ComparisonResult compare(FlavourComparison c, Dataset<Row> jets, boolean weighted) {
        String score = c.discriminant().cmsName();
        Column signal = isIn(c.selection().signal());
        Column kept = keptBy(c);
        Dataset<Row> runs = jets.filter(kept)
            .groupBy(col(score))
            .agg(count(signal), weightSum(signal), squaredWeightSum(signal), count(not(signal)),
                weightSum(not(signal)), squaredWeightSum(not(signal)))
            .orderBy(col(score).desc());
        ScoreRuns accumulated = new ScoreRuns(weighted);
        try {
            Iterator<Row> sorted = runs.toLocalIterator();
            while (sorted.hasNext()) {
                Row r = sorted.next();
                accumulated.add(r.getDouble(0), r.getLong(1), r.getDouble(2), r.getDouble(3), r.getLong(4),
                    r.getDouble(5), r.getDouble(6));
            }
            RocCurve roc = accumulated.roc();
            WorkingPoint ref = WorkingPoints.at(roc, reference);
            BinnedEfficiency[] rates = ratesVsPt(jets, kept, signal, score, ref.threshold(), weighted);
            List<WorkingPoint> mistagPoints = WorkingPoints.at(roc, mistagTargets);
            List<WorkingPoint> efficiencyPoints = WorkingPoints.at(roc, efficiencyTargets);
            List<WorkingPoint> all = new ArrayList<>(mistagPoints);
            all.addAll(efficiencyPoints);
            List<BinnedPerformance> binned = SparkBinnedPerformance.of(jets, kept, signal, score, all, weighted,
                List.of(new SparkBinnedPerformance.Variable(TaggerEvaluation.PT, SparkEfficiencyMaps.PT_CELL, ptBins),
                    new SparkBinnedPerformance.Variable(TaggerEvaluation.ABS_ETA, SparkEfficiencyMaps.ETA_CELL,
                        absEtaBins)));
            return new ComparisonResult(c, roc, accumulated.auc(), mistagPoints, efficiencyPoints, ref, rates[0],
                rates[1], binned);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The signal efficiency and background mistag rate per pT bin at a cut, from per-partition sums (counts
     * unweighted; weight sums and squared-weight sums weighted).
     */
    private BinnedEfficiency[] ratesVsPt(Dataset<Row> jets, Column kept, Column signal, String score, double cut,
            boolean weighted) {
        int bins = ptBins.bins();
        double[][] passed = new double[2][bins];
        double[][] total = new double[2][bins];
        double[][] squares = new double[2][bins];
        List<Row> sums = jets.filter(kept.and(col(PT_BIN).geq(0)))
            .groupBy(col(PT_BIN), signal.as("signal"))
            .agg(weightSum(lit(true)), squaredWeightSum(lit(true)), weightSum(col(score).geq(cut)))
            .collectAsList();
        for (Row r : sums) {
            int cls = r.getBoolean(1) ? 0 : 1;
            total[cls][r.getInt(0)] = r.getDouble(2);
            squares[cls][r.getInt(0)] = r.getDouble(3);
            passed[cls][r.getInt(0)] = r.getDouble(4);
        }
        return new BinnedEfficiency[] {
            BinnedEfficiency.fromSums(ptBins, passed[0], total[0], weighted ? squares[0] : null,
                ClopperPearson.ONE_SIGMA),
            BinnedEfficiency.fromSums(ptBins, passed[1], total[1], weighted ? squares[1] : null,
                ClopperPearson.ONE_SIGMA)};
    }

    /** The number of jets meeting a condition (a long). */
    static Column count(Column condition) {
        return sum(when(condition, lit(1L)).otherwise(lit(0L)));
    }

    /**
     * The summed weight of the jets meeting a condition (a double; the count when unweighted, since every weight is
     * then 1 and sums of ones are exact).
     */
    static Column weightSum(Column condition) {
        return sum(when(condition, col(W)).otherwise(lit(0.0)));
    }

    /** The summed squared weight of the jets meeting a condition (a double). */
    static Column squaredWeightSum(Column condition) {
        return sum(when(condition, col(W).multiply(col(W))).otherwise(lit(0.0)));
    }

    /** Counts true class against predicted class over the partitions. */
    private static ConfusionMatrix confusion(Dataset<Row> jets, List<String> names) {
        long[][] counts = new long[names.size()][names.size()];
        for (Row r : jets.filter(col(ScoredJets.CLASS).geq(0)).groupBy(ScoredJets.CLASS, PREDICTED).count()
                .collectAsList()) {
            counts[r.getInt(0)][r.getInt(1)] = r.getLong(2);
        }
        return new ConfusionMatrix(names, counts);
    }

    /** Jets whose code the comparison keeps (signal or background). */
    private static Column keptBy(FlavourComparison c) {
        List<Integer> codes = new ArrayList<>();
        for (int code : new int[] {FlavourSelection.B, FlavourSelection.C, FlavourSelection.LIGHT,
            FlavourSelection.GLUON, FlavourSelection.UNDEFINED}) {
            if (c.selection().signal().contains(code) || c.selection().keeps(code)) {
                codes.add(code);
            }
        }
        return isIn(codes);
    }

    private static Column isIn(java.util.Collection<Integer> codes) {
        return col(CODE).isin(codes.toArray());
    }
}
