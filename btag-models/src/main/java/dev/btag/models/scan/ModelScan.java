package dev.btag.models.scan;

import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.btag.data.layout.Layout;
import dev.btag.io.AtomicOutput;
import dev.btag.io.FileChecks;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.models.Architecture;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.DeviceChoice;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingResult;
import dev.btag.models.train.TrainingOutputs;
import dev.btag.models.train.TrainingRun;
import dev.btag.models.train.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A depth x width scan of a tagger's dense head, the way DLKit's scans choose a network: every combination of a
 * number of hidden layers (depth) and their width is trained with {@link TrainingRun} (head widths: the width
 * repeated depth times; the rest of the tagger is the tutorial's) and evaluated with {@link TaggerEvaluation} on
 * the test files, each with several seeds for a spread when asked. This class is immutable; build it with
 * {@link #builder()} and start it with {@link #run()}.
 *
 * <pre>{@code
 * ScanResult scan = ModelScan.builder().setArchitecture(Architecture.DNN)
 *     .setDepths(1, 2, 3).setWidths(16, 32, 64).optSeeds(3).optEpochs(10)
 *     .setTrainFiles(List.of(train)).setTestFiles(List.of(test)).setOutputDir(Path.of("scan")).build().run();
 * CellSummary best = scan.best();   // mean AUC over the seeds, with its spread
 * }</pre>
 *
 * <p>Points and seeds: seed {@code i} (0-based) of every cell is {@code baseSeed + i}, so cells are compared on the
 * same seeds. The AUC is that of b vs light+gluon ({@link FlavourComparison#B_VS_LIGHT_GLUON}, BvsL) by default,
 * with DeLong's error.
 *
 * <p>Parallelism: points train in a bounded pool of {@link Builder#optWorkers(int) workers} (default
 * {@link #defaultWorkers()}), and for the run the engine's intra-op thread count is set to
 * {@link Builder#optIntraOpThreads(int)} (default 1; PyTorch's count is one per process, so it is set, and restored
 * at the end, for the whole JVM). Each point's result does not depend on the number of workers (the seeding and the
 * initial weights are drawn under one lock, and each training thread collects its own gradients, see
 * {@link dev.btag.models.train.TaggerTrainer}). The instance is immutable, but two scans must not run in the same
 * output directory at the same time (they would train the same points twice).
 *
 * <p>Resuming: the output directory holds {@value ScanSettings#FILE} (what every point shares), and per point
 * {@code points/POINT.json} (its result, written atomically when it is finished) and {@code points/POINT/} (its
 * tagger, {@value TrainingRun#MODEL_FILE}, and its history, written when it is finished), with {@code POINT} its
 * {@link ScanPoint#key()}. A point whose JSON exists is not trained again; a point interrupted while training is
 * trained again from its start (points write no per-epoch checkpoints: on a small sample their writes cost more than
 * the epochs). So an interrupted scan, run again with the same settings, trains only the missing points, and a
 * finished scan extended with more depths, widths or seeds trains only the new ones. Other
 * settings in the same directory are refused (see {@link ScanSettings#requireSame}). At the end the scan's outputs
 * are written with {@link ScanOutputs#writeAll}.
 */
public final class ModelScan {

    /** The directory of the points' results and training outputs under the output directory. */
    public static final String POINTS_DIR = "points";

    private final Architecture architecture;
    private final List<Integer> depths;
    private final List<Integer> widths;
    private final List<Long> seeds;
    private final int epochs;
    private final int batchSize;
    private final List<Path> trainFiles;
    private final List<Path> testFiles;
    private final Layout layout;
    private final Path outDir;
    private final int workers;
    private final int intraOpThreads;
    private final DeviceChoice device;
    private final FlavourComparison comparison;
    private final ScanListener listener;
    private final Consumer<String> log;

    private ModelScan(Builder b) {
        architecture = b.architecture;
        depths = List.copyOf(b.depths);
        widths = List.copyOf(b.widths);
        List<Long> s = new ArrayList<>();
        for (int i = 0; i < b.seeds; i++) {
            s.add(b.baseSeed + i);
        }
        seeds = List.copyOf(s);
        epochs = b.epochs;
        batchSize = b.batchSize;
        trainFiles = List.copyOf(b.trainFiles);
        testFiles = List.copyOf(b.testFiles);
        layout = b.layout;
        outDir = b.outDir;
        workers = b.workers;
        intraOpThreads = b.intraOpThreads;
        device = b.device;
        comparison = b.comparison;
        listener = b.listener;
        Consumer<String> sink = b.log;
        Object lock = new Object();
        log = line -> {
            synchronized (lock) {
                sink.accept(line);
            }
        };
    }

    /**
     * Starts a builder; the architecture, depths, widths, training and test files and the output directory are
     * required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The default number of workers: one per processor the JVM sees (each with one intra-op thread). On the 2-vCPU
     * development machine two workers trained a 6-point DNN scan and a 4-point LSTM scan 1.2x to 1.8x faster than
     * one, in 9 of 10 interleaved pairs (docs/performance.md). Each worker holds its own copy of the training data in
     * memory; lower the count for large files.
     *
     * @return the processor count, at least 1
     */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The points of this scan in their order: depth-major, then width, then seed, each in the order given.
     *
     * @return a new list
     */
    public List<ScanPoint> points() {
        List<ScanPoint> points = new ArrayList<>();
        for (int d : depths) {
            for (int w : widths) {
                for (long s : seeds) {
                    points.add(new ScanPoint(d, w, s));
                }
            }
        }
        return points;
    }

    /**
     * What every point of this scan shares (stored as {@value ScanSettings#FILE}).
     *
     * @return the settings
     */
    public ScanSettings settings() {
        return new ScanSettings(architecture.cliName(), epochs, batchSize, layout.source(),
            ScanSettings.names(trainFiles), ScanSettings.names(testFiles), comparison.key());
    }

    /**
     * Runs the scan: reuses the finished points of the output directory, trains the others in parallel, writes
     * the scan's outputs and returns them.
     *
     * @return every point and cell
     * @throws IOException if a file cannot be read or written (the message names it)
     * @throws TranslateException if the engine fails on a batch
     * @throws IllegalArgumentException if the directory holds a scan with other settings, or a point's file is
     *     malformed (the message names the file and field)
     * @throws RuntimeException whatever a point's training or the {@link ScanListener} threw; the points finished
     *     before are kept
     */
    public ScanResult run() throws IOException, TranslateException {
        long start = System.nanoTime();
        Path pointsDir = FileChecks.createDirectories(outDir.resolve(POINTS_DIR));
        requireSettings();
        Map<ScanPoint, PointResult> results = new LinkedHashMap<>();
        List<ScanPoint> toTrain = new ArrayList<>();
        for (ScanPoint p : points()) {
            Path file = pointFile(p);
            if (Files.isRegularFile(file)) {
                results.put(p, readPoint(file, p));
            } else {
                results.put(p, null);
                toTrain.add(p);
            }
        }
        int reused = results.size() - toTrain.size();
        log.accept(String.format(Locale.ROOT, "scan of %s: %d points (%d depths x %d widths x %d seeds), %d done"
                + " before, %d to train with %d workers x %d intra-op threads; results in %s", architecture.cliName(),
            results.size(), depths.size(), widths.size(), seeds.size(), reused, toTrain.size(),
            Math.min(workers, Math.max(1, toTrain.size())), intraOpThreads, pointsDir));
        for (PointResult r : ScanWorkers.trainAll(toTrain, workers, intraOpThreads, this::trainPoint, listener)) {
            results.put(r.point(), r);
        }
        List<PointResult> points = new ArrayList<>(results.values());
        List<CellSummary> cells = new ArrayList<>();
        for (int i = 0; i < points.size(); i += seeds.size()) {
            cells.add(CellSummary.of(points.subList(i, i + seeds.size())));
        }
        ScanResult result = new ScanResult(settings(), depths, widths, seeds, points, cells, toTrain.size(), reused,
            workers, intraOpThreads, (System.nanoTime() - start) / 1e9);
        ScanOutputs.writeAll(result, outDir);
        return result;
    }

    /** Writes the settings file, or checks the one an earlier run wrote. */
    private void requireSettings() throws IOException {
        Path file = outDir.resolve(ScanSettings.FILE);
        ScanSettings settings = settings();
        if (Files.isRegularFile(file)) {
            settings.requireSame(readJson(file), file);
        } else {
            AtomicOutput.writeString(file, EvaluationJson.GSON.toJson(settings.toJson()) + "\n");
        }
    }

    private Path pointFile(ScanPoint p) {
        return outDir.resolve(POINTS_DIR).resolve(p.key() + ".json");
    }

    private static PointResult readPoint(Path file, ScanPoint expected) throws IOException {
        PointResult r = PointResult.fromJson(readJson(file), file.toString());
        if (!r.point().equals(expected)) {
            throw new IllegalArgumentException(file + ": holds point " + r.point().key() + ", expected "
                + expected.key());
        }
        return r;
    }

    private static JsonObject readJson(Path file) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(file + ": not a JSON object: " + e.getMessage(), e);
        }
    }

    /** Trains, evaluates and saves one point. */
    private PointResult trainPoint(ScanPoint p) throws IOException, TranslateException {
        Path dir = outDir.resolve(POINTS_DIR).resolve(p.key());
        log.accept(p.key() + ": training " + architecture.cliName() + " with head " + p.depth() + " x " + p.width());
        TrainingRun run = TrainingRun.builder().setArchitecture(architecture)
            .optSpecCustomiser(spec -> spec.optHeadWidths(p.headWidths()))
            .setTrainFiles(trainFiles).optLayout(layout).optEpochs(epochs).optBatchSize(batchSize).optSeed(p.seed())
            .optDevice(device).optLog(line -> log.accept(p.key() + ": " + line)).build();
        TaggerEvaluation evaluation = TaggerEvaluation.builder().optComparisons(List.of(comparison))
            .optNoEfficiencyMaps().build();
        try (TrainedTagger trained = run.run()) {
            // no per-epoch checkpoints (a point is the unit of resumption): the model and history once, at the end
            FileChecks.createDirectories(dir);
            TaggerFile.save(trained.tagger(), dir.resolve(TrainingRun.MODEL_FILE));
            TrainingOutputs.writeHistory(trained.training().history(), dir);
            Evaluation e = evaluation.evaluate(trained.tagger(), testFiles, layout);
            AucEstimate auc = e.comparison(comparison).auc();
            TrainingResult t = trained.training();
            PointResult r = new PointResult(p, trained.parameters().total(), trained.kerasParameters(),
                Double.isFinite(t.bestLoss()) ? t.bestLoss() : Double.NaN, t.bestEpoch(), t.history().size(),
                auc.auc(), auc.standardError(), trained.seconds(), trained.synthetic(), Instant.now());
            AtomicOutput.writeString(pointFile(p), EvaluationJson.GSON.toJson(r.toJson()) + "\n");
            log.accept(String.format(Locale.ROOT, "%s: %d parameters, best val_loss %.4f (epoch %d of %d), AUC %s"
                    + " %.4f +- %.4f, %.1f s", p.key(), r.parameters(), r.bestValidationLoss(), r.bestEpoch(),
                r.epochs(), comparison.key(), r.auc(), r.aucError(), r.trainingSeconds()));
            return r;
        }
    }

    /** Builds a {@link ModelScan}: {@code setX} for what is required, {@code optX} for the rest. Not thread-safe. */
    public static final class Builder {
        private Architecture architecture;
        private List<Integer> depths = List.of();
        private List<Integer> widths = List.of();
        private int seeds = 1;
        private long baseSeed = TrainingSettings.SEED;
        private int epochs = TrainingSettings.EPOCHS;
        private int batchSize = TrainingSettings.BATCH_SIZE;
        private List<Path> trainFiles = List.of();
        private List<Path> testFiles = List.of();
        private Layout layout = Layout.tutorial();
        private Path outDir;
        private int workers = defaultWorkers();
        private int intraOpThreads = 1;
        private DeviceChoice device = DeviceChoice.AUTO;
        private FlavourComparison comparison = FlavourComparison.B_VS_LIGHT_GLUON;
        private ScanListener listener = (result, trained, toTrain) -> { };
        private Consumer<String> log = line -> { };

        private Builder() {
        }

        /**
         * Sets the tagger whose head is scanned (required).
         *
         * @param architecture the architecture
         * @return this builder
         */
        public Builder setArchitecture(Architecture architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            return this;
        }

        /**
         * Sets the depths: numbers of hidden dense layers of the head (required).
         *
         * @param depths at least one, each positive, no repeats (checked by {@link #build()})
         * @return this builder
         */
        public Builder setDepths(int... depths) {
            this.depths = java.util.Arrays.stream(depths).boxed().toList();
            return this;
        }

        /**
         * Sets the widths: units of every hidden dense layer of the head (required).
         *
         * @param widths at least one, each positive, no repeats (checked by {@link #build()})
         * @return this builder
         */
        public Builder setWidths(int... widths) {
            this.widths = java.util.Arrays.stream(widths).boxed().toList();
            return this;
        }

        /**
         * Sets how many seeds each (depth, width) is trained with (default 1); the cell's spread needs at least 2.
         *
         * @param seeds at least 1
         * @return this builder
         */
        public Builder optSeeds(int seeds) {
            this.seeds = seeds;
            return this;
        }

        /**
         * Sets the first seed (default {@value TrainingSettings#SEED}); seed {@code i} is {@code baseSeed + i}.
         *
         * @param baseSeed any value
         * @return this builder
         */
        public Builder optBaseSeed(long baseSeed) {
            this.baseSeed = baseSeed;
            return this;
        }

        /**
         * Sets the maximum epochs of each point (default {@value TrainingSettings#EPOCHS}; early stopping may end
         * sooner).
         *
         * @param epochs at least 1
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the training batch size (default {@value TrainingSettings#BATCH_SIZE}).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the training files (required): one is loaded into memory, several are streamed, as
         * {@link TrainingRun} does; the last 30% of the jets validate.
         *
         * @param files at least one
         * @return this builder
         */
        public Builder setTrainFiles(List<Path> files) {
            this.trainFiles = List.copyOf(files);
            return this;
        }

        /**
         * Sets the test files the AUC is measured on (required), evaluated together.
         *
         * @param files at least one
         * @return this builder
         */
        public Builder setTestFiles(List<Path> files) {
            this.testFiles = List.copyOf(files);
            return this;
        }

        /**
         * Sets how to read the files (default the tutorial's layout).
         *
         * @param layout the layout
         * @return this builder
         */
        public Builder optLayout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * Sets the output directory (required): the points' results and the scan's outputs go there, and a rerun in
         * the same directory reuses the finished points.
         *
         * @param outDir the directory (created when missing)
         * @return this builder
         */
        public Builder setOutputDir(Path outDir) {
            this.outDir = Objects.requireNonNull(outDir, "outDir");
            return this;
        }

        /**
         * Sets how many points train at the same time (default {@link #defaultWorkers()}).
         *
         * @param workers at least 1
         * @return this builder
         */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Sets the engine's intra-op thread count during the scan (default 1, so that the workers, not the threads
         * of one operation, share the processors).
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder optIntraOpThreads(int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Sets where the points train (default {@link DeviceChoice#AUTO}).
         *
         * @param device the choice
         * @return this builder
         */
        public Builder optDevice(DeviceChoice device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /**
         * Sets the comparison whose AUC is scanned (default {@link FlavourComparison#B_VS_LIGHT_GLUON}).
         *
         * @param comparison the comparison
         * @return this builder
         */
        public Builder optComparison(FlavourComparison comparison) {
            this.comparison = Objects.requireNonNull(comparison, "comparison");
            return this;
        }

        /**
         * Sets the listener told about every trained point (default none); it may stop the scan by throwing.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder optListener(ScanListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets where log lines go (default nowhere); lines of parallel points are prefixed with the point's key and
         * handed over one at a time.
         *
         * @param log the sink
         * @return this builder
         */
        public Builder optLog(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Validates the settings and builds the scan; nothing is read or written yet.
         *
         * @return the scan
         * @throws IllegalArgumentException for an empty, repeated or non-positive depth or width, fewer than one
         *     seed, worker or thread, or an out-of-range epoch count or batch size (the message names the setting
         *     and value)
         * @throws IllegalStateException if the architecture, files or output directory are missing
         */
        public ModelScan build() {
            checkSettings();
            if (trainFiles.isEmpty() || testFiles.isEmpty()) {
                throw new IllegalStateException("setTrainFiles and setTestFiles are required");
            }
            if (outDir == null) {
                throw new IllegalStateException("setOutputDir is required");
            }
            return new ModelScan(this);
        }

        /**
         * Checks the settings that do not depend on the files (everything {@link #build()} checks but the presence
         * of the files and the output directory), so that a command line can report a bad value before it looks
         * for files.
         *
         * @return this builder
         * @throws IllegalArgumentException as {@link #build()} does
         * @throws IllegalStateException if the architecture is missing
         */
        public Builder checkSettings() {
            if (architecture == null) {
                throw new IllegalStateException("setArchitecture is required");
            }
            requireGrid("depth", depths);
            requireGrid("width", widths);
            atLeastOne("seeds", seeds);
            atLeastOne("workers", workers);
            atLeastOne("intra-op threads", intraOpThreads);
            TrainingSettings.requireEpochs(epochs);
            TrainingSettings.requireBatchSize(batchSize);
            return this;
        }

        private static void requireGrid(String name, List<Integer> values) {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("scan " + name + "s: the list is empty; give at least one " + name);
            }
            for (int v : values) {
                if (v < 1) {
                    throw new IllegalArgumentException("scan " + name + "s: " + name + " must be positive, got " + v);
                }
            }
            if (values.stream().distinct().count() != values.size()) {
                throw new IllegalArgumentException("scan " + name + "s: " + values + " repeats a value");
            }
        }

        private static void atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("scan " + name + " must be at least 1, got " + value);
            }
        }
    }
}
