package dev.btag.spark.score;

import ai.djl.translate.TranslateException;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.Flavour;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.models.LayoutInputs;
import dev.btag.models.predict.Predictions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Scores ntuple files on Spark: each file is split into row ranges of {@link #rowsPerPartition()} jets, one Spark
 * partition per range, and each executor predicts its ranges with the shipped tagger ({@link ShippedModel}), reading
 * only those rows. The result is a DataFrame of {@link ScoredJets} rows, in file order then row order across its
 * partitions.
 *
 * <p>Exactness: a range starts on a multiple of {@link #rowsPerPartition()}; when that is a multiple of the
 * predictor's batch size (1024 for a btag tagger, 4096 for ONNX; the default {@value #DEFAULT_ROWS_PER_PARTITION} is
 * both) every forward pass holds the same jets as in {@code btag predict}, so the probabilities are bit for bit the
 * same. A failed task is simply run again on the same range: the output has each jet exactly once.
 *
 * <p>Input files are read by the executors at the paths given (a filesystem every executor mounts: HDFS through a
 * FUSE mount, EOS, CVMFS, a network volume; the tagger itself travels with the job). This class is immutable and
 * thread-safe; build it with {@link #builder()}.
 */
public final class SparkScoring {

    /** The default number of jets per partition: 65,536, a multiple of every btag batch size. */
    public static final int DEFAULT_ROWS_PER_PARTITION = 1 << 16;

    private final Path modelFile;
    private final boolean logits;
    private final Layout layout;
    private final int rowsPerPartition;
    private final RangeListener listener;

    private SparkScoring(Builder b) {
        modelFile = b.modelFile;
        logits = b.logits;
        layout = b.layout;
        rowsPerPartition = b.rowsPerPartition;
        listener = b.listener;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The jets per partition.
     *
     * @return at least 1
     */
    public int rowsPerPartition() {
        return rowsPerPartition;
    }

    /**
     * The layout the files are read with.
     *
     * @return the layout
     */
    public Layout layout() {
        return layout;
    }

    /**
     * Splits files into row ranges of at most {@link #rowsPerPartition()} jets (reading each file's header only).
     *
     * @param files the files, in order
     * @return the ranges, file by file, rows ascending; a file without jets gives none
     * @throws IOException if a file cannot be opened or does not match the layout (the message names it)
     */
    public List<RowRange> plan(List<Path> files) throws IOException {
        List<RowRange> ranges = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            Path path = files.get(f);
            int n;
            try (JetFile file = JetFile.open(path, layout)) {
                n = file.jetCountAsInt();
            }
            for (int from = 0; from < n; from += rowsPerPartition) {
                ranges.add(new RowRange(path.toString(), f, from, Math.min(n, from + rowsPerPartition)));
            }
        }
        return ranges;
    }

    /**
     * Scores files: ships the model, plans the ranges and returns the (lazy) scored DataFrame. Nothing is predicted
     * until an action runs on it; cache or write it once if it is used more than once.
     *
     * @param spark the session
     * @param files the input files, in order
     * @return one row per jet, with the {@link ScoredJets#schema()} columns, one partition per range
     * @throws IOException if the model or a file cannot be read (the message names it)
     */
    public Dataset<Row> score(SparkSession spark, List<Path> files) throws IOException {
        ShippedModel model = ShippedModel.ship(spark.sparkContext(), modelFile, logits, layout);
        List<RowRange> ranges = plan(files);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RangeListener told = listener;
        JavaRDD<Row> rows = jsc.parallelize(ranges, Math.max(1, ranges.size())).flatMap(range -> {
            if (told != null) {
                told.starting(range, TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber());
            }
            return scoreRange(model, range);
        });
        return spark.createDataFrame(rows, ScoredJets.schema());
    }

    /**
     * Scores a DataFrame whose columns the layout maps to the tagger's inputs ({@link FrameScoring} says which
     * columns and the defaults of the optional ones), for example one read from Parquet. The model is shipped as for
     * files; the rows are predicted partition by partition, in blocks of 16,384.
     *
     * @param input the jets, one row each
     * @return one row per input row, with the {@link ScoredJets#schema()} columns, in the input's partitions
     * @throws IOException if the model cannot be read (the message names it)
     * @throws IllegalArgumentException if a feature column is missing (the message names it and lists the columns),
     *     or the tagger standardises a collection
     */
    public Dataset<Row> score(Dataset<Row> input) throws IOException {
        return FrameScoring.score(input, modelFile, logits, layout);
    }

    /**
     * Scores one range on this JVM with the shipped model (what each Spark task runs).
     *
     * @param model the shipped model (loaded on first use)
     * @param range the rows to score
     * @return the rows' {@link ScoredJets} rows, in row order
     * @throws IOException if the file cannot be read or does not match the layout (the message names it)
     * @throws TranslateException if the engine fails
     * @throws IllegalArgumentException if the model reads other inputs than the layout declares (the message names
     *     the file and the input)
     */
    public static Iterator<Row> scoreRange(ShippedModel model, RowRange range) throws IOException,
            TranslateException {
        ShippedModel.Loaded loaded = model.load();
        Layout layout = model.layout();
        Path path = Path.of(range.file());
        int from = range.from();
        int to = range.to();
        float[] probabilities;
        int k;
        int[] classes;
        double[] pt;
        double[] eta;
        double[] weight;
        int[] truth;
        try (JetFile file = JetFile.open(path, layout)) {
            Predictions p;
            if (loaded.tagger() == null && layout.isTutorial()) {
                // an ONNX model on tutorial files reads them as btag predict does: the tutorial columns by name
                // (opening a TutorialFile checks its jet table)
                try (TutorialFile tutorial = TutorialFile.open(path)) {
                    p = loaded.scorer().predict(tutorial, from, to);
                }
            } else {
                // a btag tagger, or an ONNX model opened through the shipped layout: only the range's rows, nothing
                // of the rest of the file (as btag predict --layout reads the whole file)
                p = loaded.scorer().predict(file, from, to);
            }
            probabilities = p.probabilities();
            k = p.classes();
            truth = layout.isTutorial() ? truthCodes(file.arrays().array(layout.jets().array())
                .readFloats(from, to, new int[] {JetColumn.TRUTH.index()})) : null;
            classes = file.classes(from, to);
            pt = file.hasPt() ? file.pt(from, to) : filled(to - from, Double.NaN);
            eta = file.hasEta() ? file.eta(from, to) : filled(to - from, Double.NaN);
            weight = file.hasWeights() ? file.weights(from, to) : filled(to - from, 1.0);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (truth == null) {
            truth = LayoutInputs.groups(layout).truthCodes(classes);
        }
        double[][] discriminants = discriminants(probabilities, layout);
        List<Row> out = new ArrayList<>(to - from);
        for (int i = 0; i < to - from; i++) {
            out.add(row(range.file(), from + i, truth[i], classes[i], probabilities, i, k, discriminants, pt[i],
                eta[i], weight[i]));
        }
        return out.iterator();
    }

    /**
     * The discriminants of every jet, one array per {@link Discriminant} in declaration order: from the six
     * probabilities for the tutorial layout (as {@code btag predict} writes them), else from the sums over the
     * layout's b, c and light groups ({@link ClassGroups#collapse}).
     */
    static double[][] discriminants(float[] probabilities, Layout layout) {
        float[] sixSlots = layout.isTutorial() ? probabilities : LayoutInputs.groups(layout).collapse(probabilities);
        Discriminant[] kinds = Discriminant.values();
        double[][] out = new double[kinds.length][];
        for (int d = 0; d < kinds.length; d++) {
            out[d] = Discriminants.compute(kinds[d], sixSlots);
        }
        return out;
    }

    /** One {@link ScoredJets} row: jet {@code i} of a block of {@code k}-class probabilities and discriminants. */
    static Row row(String file, long row, int truth, int cls, float[] probabilities, int i, int k,
            double[][] discriminants, double pt, double eta, double weight) {
        int d = discriminants.length;
        Object[] values = new Object[8 + d];
        values[0] = file;
        values[1] = row;
        values[2] = truth;
        values[3] = cls;
        values[4] = Arrays.copyOfRange(probabilities, i * k, (i + 1) * k);
        for (int j = 0; j < d; j++) {
            values[5 + j] = discriminants[j][i];
        }
        values[5 + d] = pt;
        values[6 + d] = eta;
        values[7 + d] = weight;
        return RowFactory.create(values);
    }

    /** The integer truth codes of column-50 values, as {@link TutorialFile#truthCodes()} gives them. */
    private static int[] truthCodes(float[] values) {
        int[] codes = new int[values.length];
        for (int i = 0; i < codes.length; i++) {
            Flavour flavour = Flavour.fromTruthValue(values[i]);
            codes[i] = flavour == null ? -1 : flavour.truthCode();
        }
        return codes;
    }

    private static double[] filled(int n, double value) {
        double[] out = new double[n];
        Arrays.fill(out, value);
        return out;
    }

    /** Builds a {@link SparkScoring}; the model file is required. */
    public static final class Builder {
        private Path modelFile;
        private boolean logits;
        private Layout layout = Layout.tutorial();
        private int rowsPerPartition = DEFAULT_ROWS_PER_PARTITION;
        private RangeListener listener;

        private Builder() {
        }

        /**
         * Sets the model: a {@code .btag} tagger file or an {@code .onnx} model (required).
         *
         * @param modelFile the file on the driver
         * @return this builder
         */
        public Builder setModelFile(Path modelFile) {
            this.modelFile = Objects.requireNonNull(modelFile, "modelFile");
            return this;
        }

        /**
         * Says that an ONNX model outputs logits (default: probabilities).
         *
         * @param logits {@code true} to apply a softmax
         * @return this builder
         */
        public Builder optLogits(boolean logits) {
            this.logits = logits;
            return this;
        }

        /**
         * Sets the layout of the input files (default: the tutorial's).
         *
         * @param layout the layout
         * @return this builder
         */
        public Builder optLayout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * Sets the jets per partition (default {@value SparkScoring#DEFAULT_ROWS_PER_PARTITION}); keep it a multiple
         * of the predictor's batch size for bit-identical probabilities.
         *
         * @param rows at least 1
         * @return this builder
         */
        public Builder optRowsPerPartition(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("rows per partition must be at least 1, got " + rows);
            }
            this.rowsPerPartition = rows;
            return this;
        }

        /**
         * Sets a listener told before each range is scored (default none).
         *
         * @param listener the listener, serializable
         * @return this builder
         */
        public Builder optListener(RangeListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Builds the scoring.
         *
         * @return the scoring
         * @throws IllegalStateException if no model file was set
         */
        public SparkScoring build() {
            if (modelFile == null) {
                throw new IllegalStateException("the model file is required (setModelFile)");
            }
            return new SparkScoring(this);
        }
    }
}
