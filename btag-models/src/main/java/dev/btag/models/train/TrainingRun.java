package dev.btag.models.train;

import ai.djl.translate.TranslateException;
import dev.btag.data.dataset.StreamingJetDataset;
import dev.btag.data.layout.Layout;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.data.weight.Weighting;
import dev.btag.io.FileChecks;
import dev.btag.models.Architecture;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.TrainingSource;
import dev.btag.models.io.TaggerFile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One training of a tagger, as notebooks 3 to 5 do it, on files read through a layout (the tutorial's by default,
 * {@link Builder#optLayout}): the recipe a Java analysis calls, and {@code btag train}, the notebook examples and
 * {@code btag tutorial} call too. This class is immutable; build
 * it with {@link #builder()} and start it with {@link #run()} (each call trains a fresh tagger).
 *
 * <pre>{@code
 * try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
 *         .setTrainFile(Path.of("train.npz")).optEpochs(10).build().run()) {
 *     TaggerFile.save(trained.tagger(), Path.of("dnn.btag"));
 * }
 * }</pre>
 *
 * <p>Steps: read the layout's features (the tutorial's 15), the collections the tagger reads (the track taggers one,
 * default the first: the tutorial's 10 x 21 seeding tracks; the DeepJet-style tagger one per branch), and the one-hot
 * labels of its classes (six for the tutorial); one file is loaded into memory, several are streamed; split like Keras'
 * {@code validation_split} (the last fraction of the rows validates) unless held-out validation files are given; fit
 * the feature standardisation (unless switched off) and the collection's (when the layout asks for it: not the
 * tutorial's) on the training rows only; build the tagger for the data's feature count, object shape and classes (the
 * tutorial tagger for the tutorial layout, so its results are the same as before layouts); train with
 * {@link TaggerTrainer} and the tutorial's callbacks (early stopping restoring the best epoch's weights unless
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
    private final Architecture architecture;
    private final float dropout;
    private final List<Path> trainFiles;
    private final List<Path> validationFiles;
    private final Layout layout;
    private final List<String> collections;
    private final Consumer<TaggerSpec.Builder> customiser;
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
        architecture = b.spec != null ? null : b.architecture;
        dropout = b.dropout;
        trainFiles = List.copyOf(b.trainFiles);
        validationFiles = List.copyOf(b.validationFiles);
        layout = b.layout;
        collections = b.collections;
        customiser = b.customiser;
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
     * @throws NoSuchFileException if neither exists (see {@link TrainingOutputs#modelFile(Path)})
     */
    public static Path modelFile(Path fileOrDirectory) throws NoSuchFileException {
        return TrainingOutputs.modelFile(fileOrDirectory);
    }

    /**
     * The tagger this run trains, as configured: with {@link Builder#setArchitecture} and a layout other than the
     * tutorial's, {@link #run()} sets its feature count, object shape and classes from the files.
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
        Path firstFile = trainFiles.get(0);
        TrainingWeights.Outcome[] weighted = new TrainingWeights.Outcome[1];
        TrainingInputs.Weigher weigher = weighting.isNone() ? null : (file, columns) -> {
            try (TutorialFile tutorial = TutorialFile.open(file)) {
                weighted[0] = TrainingWeights.weigh(tutorial, columns, weighting,
                    new TrainingWeights.BaseWeights(jetWeights, jetWeightsSource, weightsFile), seed, log);
                return weighted[0].columns();
            }
        };
        Architecture a = spec.architecture();
        TrainingInputs data = TrainingInputs.read(new TrainingInputs.Request(layout, trainFiles, validationFiles,
            collections, a, batchSize, seed, validationSplit, standardise, weigher));
        log.accept(String.format(Locale.ROOT, "%s: %d training jets, %d validation jets%s", trainFiles.size() == 1
            ? firstFile : trainFiles.size() + " files", data.trainJets(), data.validationJets(),
            data.synthetic() ? " (" + SyntheticSample.BANNER + ")" : ""));
        TaggerSpec trained = architecture == null ? spec : data.specFor(architecture, dropout, customiser);
        Tagger tagger = Tagger.create(trained, data.inputs(), device.resolve()[0]);
        tagger.attachLayout(data.layoutInputs());
        tagger.recordTrainingSource(new TrainingSource(firstFile.toString(), data.trainJets() + data.validationJets(),
            data.synthetic()));
        if (weighted[0] != null) {
            tagger.recordWeighting(weighted[0].result().toJson());
        }
        try {
            TrainingResult result = new TaggerTrainer(options(tagger)).fit(tagger, data.data());
            Path model = null;
            if (outDir != null) {
                model = outDir.resolve(MODEL_FILE);
                TaggerFile.save(tagger, model);
                TrainingOutputs.writeAll(result.history(), outDir, trained.architecture(), data.synthetic());
                if (weighted[0] != null) {
                    WeightingPlots.writeAll(outDir, weighted[0].inputs(), weighted[0].result(), data.synthetic());
                }
            }
            return new TrainedTagger(tagger, result, model, data.synthetic(), (int) data.trainJets(),
                (int) data.validationJets(), (System.nanoTime() - start) / 1e9,
                weighted[0] == null ? null : weighted[0].result());
        } catch (IOException | TranslateException | RuntimeException e) {
            tagger.close();
            throw e;
        } finally {
            data.data().stopStreams();
        }
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
        private List<Path> trainFiles = List.of();
        private List<Path> validationFiles = List.of();
        private Layout layout = Layout.tutorial();
        private List<String> collections = List.of();
        private Consumer<TaggerSpec.Builder> customiser;
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
            this.trainFiles = List.of(Objects.requireNonNull(trainFile, "trainFile"));
            return this;
        }

        /**
         * Sets the training files (read with {@link #optLayout}). One file is loaded into memory and split like
         * Keras; several are streamed ({@code StreamingJetDataset}: seeded file order and shuffle buffer) and the
         * Keras split takes the last jets of the list, unless {@link #optValidationFiles} gives held-out files.
         *
         * @param files at least one file
         * @return this builder
         */
        public Builder setTrainFiles(List<Path> files) {
            this.trainFiles = List.copyOf(files);
            return this;
        }

        /**
         * Sets held-out validation files (default none: the Keras split of the training files); with them every
         * training jet trains and the files are streamed.
         *
         * @param files the validation files, or an empty list
         * @return this builder
         */
        public Builder optValidationFiles(List<Path> files) {
            this.validationFiles = List.copyOf(files);
            return this;
        }

        /**
         * Sets how the files are read (default {@link Layout#tutorial()}); the tagger gets the layout's features,
         * the shape of its collection and its classes, and saves the layout.
         *
         * @param layout the layout
         * @return this builder
         */
        public Builder optLayout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * Sets the one collection a track tagger reads (default: the layout's first).
         * @param name the collection's name in the layout
         * @return this builder
         */
        public Builder optCollection(String name) {
            return optCollections(List.of(name));
        }

        /**
         * Sets the collections the tagger reads, in input order: one for the track taggers, one or more for the
         * DeepJet-style tagger (default: the layout's first, or for the DeepJet-style tagger all of them).
         *
         * @param names the collections' names in the layout
         * @return this builder
         */
        public Builder optCollections(List<String> names) {
            this.collections = List.copyOf(names);
            return this;
        }

        /**
         * Adjusts the specification built from the data (for example {@code b -> b.optPadding(PaddingPolicy.KEEP)});
         * ignored when a whole specification is set.
         *
         * @param customiser called on the builder before it builds, or {@code null} for none
         * @return this builder
         */
        public Builder optSpecCustomiser(Consumer<TaggerSpec.Builder> customiser) {
            this.customiser = customiser;
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
            if (trainFiles.isEmpty()) {
                throw new IllegalStateException("setTrainFile or setTrainFiles is required");
            }
            collections.forEach(layout::collection);
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
