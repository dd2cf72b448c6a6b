package dev.btag.models.train;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dev.btag.data.dataset.JetColumns;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.dataset.Standardizer;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.data.weight.Weighting;
import dev.btag.data.weight.WeightsNpz;
import dev.btag.io.FileChecks;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.TrainingSource;
import dev.btag.models.io.TaggerFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One training of a tagger on a tutorial-layout file, as notebooks 3 to 5 do it: the recipe a Java analysis calls,
 * and {@code btag train}, the notebook examples and {@code btag tutorial} call too. This class is immutable; build
 * it with {@link #builder()} and start it with {@link #run()} (each call trains a fresh tagger).
 *
 * <pre>{@code
 * try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
 *         .setTrainFile(Path.of("train.npz")).optEpochs(10).build().run()) {
 *     TaggerFile.save(trained.tagger(), Path.of("dnn.btag"));
 * }
 * }</pre>
 *
 * <p>Steps: read the tutorial's 15 features (and the 10 x 21 seeding tracks for the track taggers) and the six-class
 * one-hot labels; split like Keras' {@code validation_split} (the last fraction of the rows validates); fit the
 * feature standardisation on the training rows only (unless switched off); train with {@link TaggerTrainer} and the
 * tutorial's callbacks (early stopping restoring the best epoch's weights unless
 * {@link Builder#optRestoreBest(boolean)} says otherwise). Defaults are {@link TrainingSettings}'.
 *
 * <p>Per-jet weights (default none): {@link Builder#optWeighting(Weighting)} (kinematic reweighting to a class or
 * flat, by weights or resampling, and class weights) and {@link Builder#optWeightsFile(Path)} or
 * {@link Builder#optJetWeights(float[], String)} (weights from outside, which the recipe's weights multiply) are
 * applied to all rows of the file before the split, so training and validation are weighted alike and the trainer's
 * loss, accuracy, early stopping and learning-rate plateau all see weighted figures ({@link JetLoss}). The tagger
 * records how it was weighted ({@link Tagger#weighting()}, saved in its metadata), and an output directory gets
 * {@link WeightingPlots}' files.
 *
 * <p>With an output directory ({@link Builder#optOutputDir(Path)}) the run also writes {@value #MODEL_FILE} (the
 * trained tagger, self-describing), the files of {@link TrainingOutputs} (history rewritten after every epoch, loss
 * plot) and {@value #CHECKPOINT_DIR}/ (best and last epoch, for {@link Builder#optResume(boolean)}). Without one it
 * writes nothing.
 */
public final class TrainingRun {

    /** The saved tagger's file name in the output directory. */
    public static final String MODEL_FILE = "model.btag";
    /** The checkpoint directory's name in the output directory. */
    public static final String CHECKPOINT_DIR = "checkpoints";

    private final TaggerSpec spec;
    private final Path trainFile;
    private final Path outDir;
    private final int epochs;
    private final int batchSize;
    private final float learningRate;
    private final long seed;
    private final DeviceChoice device;
    private final double validationSplit;
    private final boolean standardise;
    private final boolean resume;
    private final boolean restoreBest;
    private final List<TrainingListener> listeners;
    private final PrintStream progress;
    private final Consumer<String> log;
    private final Weighting weighting;
    private final float[] jetWeights;
    private final String jetWeightsSource;
    private final Path weightsFile;

    private TrainingRun(Builder b) {
        spec = b.spec != null ? b.spec
            : TaggerSpec.builder().setArchitecture(b.architecture).optDropout(b.dropout).build();
        trainFile = b.trainFile;
        outDir = b.outDir;
        epochs = b.epochs;
        batchSize = b.batchSize;
        learningRate = b.learningRate;
        seed = b.seed;
        device = b.device;
        validationSplit = b.validationSplit;
        standardise = b.standardise;
        resume = b.resume;
        restoreBest = b.restoreBest;
        listeners = List.copyOf(b.listeners);
        progress = b.progress;
        log = b.log;
        jetWeights = b.jetWeights;
        jetWeightsSource = b.jetWeightsSource;
        weightsFile = b.weightsFile;
        String source = weightsFile != null ? weightsFile.toString() : jetWeightsSource;
        weighting = source == null ? b.weighting : b.weighting.withBaseWeightSource(source);
    }

    /**
     * Starts a builder; {@link Builder#setArchitecture} (or {@link Builder#setSpec}) and {@link Builder#setTrainFile}
     * are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resolves a model argument: a saved tagger file, or a training output directory holding {@value #MODEL_FILE}.
     *
     * @param fileOrDirectory the file or directory
     * @return the tagger file
     * @throws NoSuchFileException if neither exists (the message names the path and what was expected)
     */
    public static Path modelFile(Path fileOrDirectory) throws NoSuchFileException {
        boolean directory = Files.isDirectory(fileOrDirectory);
        Path file = directory ? fileOrDirectory.resolve(MODEL_FILE) : fileOrDirectory;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no saved tagger"
                + (directory ? " in this directory (expected " + MODEL_FILE + ")" : ""));
        }
        return file;
    }

    /**
     * The tagger this run trains.
     *
     * @return its specification
     */
    public TaggerSpec spec() {
        return spec;
    }

    /**
     * Trains a fresh tagger.
     *
     * @return the trained tagger (close it) and how it was trained
     * @throws IOException if the file cannot be read or an output cannot be written (the message names the file)
     * @throws TranslateException if the engine fails on a batch
     * @throws IllegalArgumentException if the file leaves fewer than 2 training rows after the validation split, has
     *     truth rows that contradict each other ({@link dev.btag.data.schema.ValidationReport#requireConsistentTruth})
     *     or a non-finite feature in a training row (the message names the file, feature and row)
     * @throws NonFiniteLossException if a batch's loss is NaN or infinite
     */
    public TrainedTagger run() throws IOException, TranslateException {
        long start = System.nanoTime();
        if (outDir != null) {
            FileChecks.createDirectories(outDir);
        }
        boolean tracks = spec.architecture().usesTracks();
        JetDataset.Split split;
        boolean synthetic;
        long fileJets;
        TrainingWeights.Outcome weighted = null;
        try (TutorialFile file = TutorialFile.open(trainFile)) {
            file.report().requireConsistentTruth();
            synthetic = file.isSynthetic();
            fileJets = file.jetCount();
            JetColumns columns = JetColumns.load(file, FeatureSet.TUTORIAL, tracks);
            if (!weighting.isNone()) {
                weighted = weigh(file, columns);
                columns = weighted.columns();
            }
            split = JetDataset.builder().setColumns(columns).setSampling(batchSize, true).optTracks(tracks)
                .optSeed(seed).build().kerasSplit(validationSplit);
        }
        if (split.train().size() < 2) {
            throw new IllegalArgumentException(trainFile + ": " + split.train().size() + " training rows left after"
                + " the validation split of " + validationSplit + "; training needs at least 2");
        }
        Standardizer standardizer;
        try {
            standardizer = standardise ? Standardizer.fit(split.train()) : null;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(trainFile + ": " + e.getMessage(), e);
        }
        JetDataset train = split.train().withStandardizer(standardizer);
        JetDataset validation = split.validation().size() == 0 ? null
            : split.validation().withStandardizer(standardizer);
        log.accept(String.format(Locale.ROOT, "%s: %d training jets, %d validation jets%s", trainFile, train.size(),
            validation == null ? 0 : validation.size(), synthetic ? " (" + SyntheticSample.BANNER + ")" : ""));
        Device first = device.resolve()[0];
        Tagger tagger = Tagger.create(spec, InputSpec.of(FeatureSet.TUTORIAL, standardizer), first);
        tagger.recordTrainingSource(new TrainingSource(trainFile.toString(), fileJets, synthetic));
        if (weighted != null) {
            tagger.recordWeighting(weighted.result().toJson());
        }
        try {
            TrainingResult result = new TaggerTrainer(options(tagger)).fit(tagger, new TrainingData(train, validation));
            Path model = null;
            if (outDir != null) {
                model = outDir.resolve(MODEL_FILE);
                TaggerFile.save(tagger, model);
                TrainingOutputs.writeAll(result.history(), outDir, spec.architecture(), synthetic);
                if (weighted != null) {
                    WeightingPlots.writeAll(outDir, weighted.inputs(), weighted.result(), synthetic);
                }
            }
            return new TrainedTagger(tagger, result, model, synthetic, (int) train.size(),
                validation == null ? 0 : (int) validation.size(), (System.nanoTime() - start) / 1e9,
                weighted == null ? null : weighted.result());
        } catch (IOException | TranslateException | RuntimeException e) {
            tagger.close();
            throw e;
        }
    }

    /** Applies the weighting to all rows of the training file, with the base weights from outside if any. */
    private TrainingWeights.Outcome weigh(TutorialFile file, JetColumns columns) throws IOException {
        float[] base = jetWeights;
        if (weightsFile != null) {
            base = WeightsNpz.readWeights(weightsFile, file.jetCount(), trainFile.toString());
        } else if (base != null && base.length != file.jetCount()) {
            throw new IllegalArgumentException(jetWeightsSource + ": " + base.length + " weights for the "
                + file.jetCount() + " jets of " + trainFile);
        }
        TrainingWeights.Outcome outcome = TrainingWeights.apply(file, columns, weighting, base, seed);
        log.accept(TrainingWeights.describe(trainFile, outcome.result()));
        return outcome;
    }

    private TrainingOptions options(Tagger tagger) {
        TrainingOptions.Builder options = TrainingOptions.builder().optEpochs(epochs).optLearningRate(learningRate)
            .optSeed(seed).optDevice(device).optResume(resume).optRestoreBest(restoreBest).optProgress(progress)
            .optLog(log);
        listeners.forEach(options::addListener);
        if (outDir != null) {
            options.optCheckpointDir(outDir.resolve(CHECKPOINT_DIR)).optListener(record -> {
                try {
                    TrainingOutputs.writeHistory(tagger.history(), outDir);
                } catch (IOException e) {
                    throw new UncheckedIOException(outDir + ": cannot write the training history: "
                        + e.getMessage(), e);
                }
            });
        }
        return options.build();
    }

    /** Builds a {@link TrainingRun}: {@code setX} for what is required, {@code optX} for the rest. */
    public static final class Builder {
        private Architecture architecture;
        private TaggerSpec spec;
        private Path trainFile;
        private Path outDir;
        private int epochs = TrainingSettings.EPOCHS;
        private int batchSize = TrainingSettings.BATCH_SIZE;
        private float learningRate = TrainingSettings.LEARNING_RATE;
        private float dropout = TrainingSettings.DROPOUT;
        private long seed = TrainingSettings.SEED;
        private DeviceChoice device = DeviceChoice.AUTO;
        private double validationSplit = TrainingSettings.VALIDATION_SPLIT;
        private boolean standardise = true;
        private boolean resume;
        private boolean restoreBest = true;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private PrintStream progress;
        private Consumer<String> log = line -> { };
        private Weighting weighting = Weighting.none();
        private float[] jetWeights;
        private String jetWeightsSource;
        private Path weightsFile;

        private Builder() {
        }

        /**
         * Sets how the training jets are weighted (default {@link Weighting#none()}): kinematic reweighting, by
         * weights or resampling, and class weights, applied to all rows of the file before the split.
         *
         * @param weighting the recipe; its base-weight source is set by {@link #optWeightsFile} or
         *     {@link #optJetWeights}
         * @return this builder
         */
        public Builder optWeighting(Weighting weighting) {
            this.weighting = Objects.requireNonNull(weighting, "weighting");
            return this;
        }

        /**
         * Sets per-jet weights from a weights file ({@code btag reweight}'s output, or any npz with a 1-D
         * {@code weight} array of one weight per jet of the training file), read when the run starts; the weights of
         * {@link #optWeighting} multiply them. Replaces {@link #optJetWeights}.
         *
         * @param weightsFile the file, or {@code null} for none
         * @return this builder
         */
        public Builder optWeightsFile(Path weightsFile) {
            this.weightsFile = weightsFile;
            this.jetWeights = null;
            this.jetWeightsSource = null;
            return this;
        }

        /**
         * Sets per-jet weights from any source (a layout's weight field, a computation of your own), one per jet of
         * the training file in file order; the weights of {@link #optWeighting} multiply them. Replaces
         * {@link #optWeightsFile}.
         *
         * @param weights finite, non-negative weights (copied), or {@code null} for none
         * @param source where they come from, recorded in the saved tagger
         * @return this builder
         */
        public Builder optJetWeights(float[] weights, String source) {
            this.jetWeights = weights == null ? null : weights.clone();
            this.jetWeightsSource = weights == null ? null : Objects.requireNonNull(source, "source");
            this.weightsFile = null;
            return this;
        }

        /**
         * Sets the tagger to train, with the tutorial's layers and the dropout of {@link #optDropout(float)}.
         *
         * @param architecture the tagger
         * @return this builder
         */
        public Builder setArchitecture(Architecture architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            return this;
        }

        /**
         * Sets the tagger to train by its full specification (other widths or depths); overrides
         * {@link #setArchitecture} and {@link #optDropout}.
         *
         * @param spec the specification
         * @return this builder
         */
        public Builder setSpec(TaggerSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /**
         * Sets the training file (tutorial layout, {@code .npz}).
         *
         * @param trainFile the file
         * @return this builder
         */
        public Builder setTrainFile(Path trainFile) {
            this.trainFile = Objects.requireNonNull(trainFile, "trainFile");
            return this;
        }

        /**
         * Sets the output directory (created if missing); without one the run writes nothing.
         *
         * @param outDir the directory, or {@code null} for none
         * @return this builder
         */
        public Builder optOutputDir(Path outDir) {
            this.outDir = outDir;
            return this;
        }

        /**
         * Sets the maximum number of epochs (default {@value TrainingSettings#EPOCHS}).
         *
         * @param epochs at least 1
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the batch size in jets (default {@value TrainingSettings#BATCH_SIZE}).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets Adam's initial learning rate (default {@value TrainingSettings#LEARNING_RATE}).
         *
         * @param learningRate finite and positive
         * @return this builder
         */
        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the dropout rate of the tutorial architecture (default {@value TrainingSettings#DROPOUT}); ignored
         * with {@link #setSpec}.
         *
         * @param dropout in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Sets the seed of initialisation, shuffling and dropout (default {@value TrainingSettings#SEED}).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets where to train (default {@link DeviceChoice#AUTO}: the GPUs when there are any).
         *
         * @param device the choice
         * @return this builder
         */
        public Builder optDevice(DeviceChoice device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /**
         * Sets the fraction of rows, the last ones, that validate (default
         * {@value TrainingSettings#VALIDATION_SPLIT}); 0 trains on all rows and monitors the training loss.
         *
         * @param validationSplit in [0, 1)
         * @return this builder
         */
        public Builder optValidationSplit(double validationSplit) {
            this.validationSplit = validationSplit;
            return this;
        }

        /**
         * Sets whether to standardise the features, fitted on the training rows (default {@code true}; the
         * notebooks feed them raw, behind the DNN's batch normalisation).
         *
         * @param standardise whether to standardise
         * @return this builder
         */
        public Builder optStandardise(boolean standardise) {
            this.standardise = standardise;
            return this;
        }

        /**
         * Sets whether to resume from the output directory's last checkpoint when it exists (default
         * {@code false}); needs an output directory.
         *
         * @param resume whether to resume
         * @return this builder
         */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Chooses the weights the trained tagger holds: {@code true} (default) the best epoch's (lowest validation
         * loss), {@code false} the last epoch's, as the notebooks' Keras {@code EarlyStopping} leaves them.
         *
         * @param restoreBest whether to restore the best epoch's weights at the end
         * @return this builder
         */
        public Builder optRestoreBest(boolean restoreBest) {
            this.restoreBest = restoreBest;
            return this;
        }

        /**
         * Adds a listener of the user's own after the tutorial's callbacks (see {@link TrainingListener}).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder addListener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets where per-epoch progress goes (default none): a bar on a terminal, one line per epoch otherwise.
         *
         * @param progress the stream, or {@code null} for none
         * @return this builder
         */
        public Builder optProgress(PrintStream progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Sets where log lines go (default nowhere).
         *
         * @param log the sink
         * @return this builder
         */
        public Builder optLog(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Validates the settings and builds the run.
         *
         * @return the run
         * @throws IllegalStateException if no tagger or no training file was set, or resume without an output
         *     directory
         * @throws IllegalArgumentException for a value out of range (the message names the setting and value)
         */
        public TrainingRun build() {
            if (architecture == null && spec == null) {
                throw new IllegalStateException("setArchitecture or setSpec is required");
            }
            if (trainFile == null) {
                throw new IllegalStateException("setTrainFile is required");
            }
            if (resume && outDir == null) {
                throw new IllegalStateException("resuming needs an output directory (optOutputDir)");
            }
            TrainingSettings.requireEpochs(epochs);
            TrainingSettings.requireBatchSize(batchSize);
            TrainingSettings.requireLearningRate(learningRate);
            TrainingSettings.requireValidationSplit(validationSplit);
            return new TrainingRun(this);
        }
    }
}
