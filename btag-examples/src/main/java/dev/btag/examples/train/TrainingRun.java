package dev.btag.examples.train;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dev.btag.data.dataset.JetColumns;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.dataset.Standardizer;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.plot.LinePlot;
import dev.btag.models.Architecture;
import dev.btag.models.EpochRecord;
import dev.btag.models.InputSpec;
import dev.btag.models.ParameterCount;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.TrainingHistory;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.DeviceChoice;
import dev.btag.models.train.TaggerTrainer;
import dev.btag.models.train.TrainingData;
import dev.btag.models.train.TrainingOptions;
import dev.btag.models.train.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Trains one of the tutorial's taggers on a tutorial-layout file, as notebooks 3 to 5 do, and writes everything a
 * user looks at afterwards; {@code btag train} and {@code btag tutorial} call it.
 *
 * <p>Steps: read the 15 tutorial features (and the 10 x 21 seeding tracks for the track taggers) and the six-class
 * one-hot labels; split them like Keras' {@code validation_split} (the last fraction of the rows validates); fit the
 * feature standardisation on the training rows only (unless switched off); train with {@link TaggerTrainer}; write,
 * in the output directory: {@value #MODEL_FILE} (the best epoch's weights, self-describing), {@code history.csv} and
 * {@code history.json} (rewritten after every epoch), {@code loss.png} (train and validation loss per epoch on a log axis, as the notebook plots
 * it) and {@code checkpoints/} (best and last epoch, for {@code --resume}).
 */
public final class TrainingRun {

    /** The saved tagger's file name in the output directory. */
    public static final String MODEL_FILE = "model.btag";

    private TrainingRun() {
    }

    /**
     * What to train and how; {@link #defaults(Architecture, Path, Path)} gives the tutorial's settings.
     *
     * @param architecture the tagger
     * @param trainFile the tutorial-layout training file
     * @param outDir the output directory (created if missing)
     * @param epochs total epochs
     * @param batchSize training batch size
     * @param learningRate Adam's initial learning rate
     * @param dropout the dropout rate
     * @param seed the seed of initialisation, shuffling and dropout
     * @param device where to train
     * @param validationSplit the fraction of rows (the last ones) used for validation, in [0, 1)
     * @param standardise whether to standardise the features (fitted on the training rows)
     * @param resume whether to resume from {@code outDir/checkpoints/last.btag} when it exists
     * @param progress where the per-epoch progress bar goes, or {@code null}
     * @param log where log lines go
     */
    public record Config(Architecture architecture, Path trainFile, Path outDir, int epochs, int batchSize,
            float learningRate, float dropout, long seed, DeviceChoice device, double validationSplit,
            boolean standardise, boolean resume, PrintStream progress, Consumer<String> log) {

        /**
         * Validates the settings that the trainer does not check itself.
         *
         * @param architecture the architecture component
         * @param trainFile the trainFile component
         * @param outDir the outDir component
         * @param epochs the epochs component
         * @param batchSize the batchSize component
         * @param learningRate the learningRate component
         * @param dropout the dropout component
         * @param seed the seed component
         * @param device the device component
         * @param validationSplit the validationSplit component
         * @param standardise the standardise component
         * @param resume the resume component
         * @param progress the progress component
         * @param log the log component
         * @throws IllegalArgumentException for a batch size below 1 or a validation split outside [0, 1)
         */
        public Config {
            Objects.requireNonNull(architecture, "architecture");
            Objects.requireNonNull(trainFile, "trainFile");
            Objects.requireNonNull(outDir, "outDir");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(log, "log");
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            if (!(validationSplit >= 0 && validationSplit < 1)) {
                throw new IllegalArgumentException("validation split must be in [0, 1), got " + validationSplit);
            }
        }

        /**
         * The tutorial's settings: 50 epochs, batch 512, Adam 1e-3, dropout 0.1, seed 42, automatic device,
         * validation split 0.3, standardised features, no resume, no progress bar, no log.
         *
         * @param architecture the tagger
         * @param trainFile the training file
         * @param outDir the output directory
         * @return the configuration
         */
        public static Config defaults(Architecture architecture, Path trainFile, Path outDir) {
            return new Config(architecture, trainFile, outDir, 50, 512, 1e-3f, TaggerSpec.DEFAULT_DROPOUT, 42L,
                DeviceChoice.AUTO, 0.3, true, false, null, line -> { });
        }
    }

    /**
     * What a training run produced.
     *
     * @param model the saved tagger (best epoch)
     * @param training the history and outcome
     * @param parameters the tagger's parameter counts
     * @param kerasParameters the parameter count as Keras reports it for the same architecture
     * @param synthetic whether the training file is the synthetic sample
     * @param trainJets jets used for training
     * @param validationJets jets used for validation
     */
    public record Result(Path model, TrainingResult training, ParameterCount parameters, long kerasParameters,
            boolean synthetic, int trainJets, int validationJets) {
    }

    /**
     * Runs the training.
     *
     * @param config what to train and how
     * @return the result
     * @throws IOException if the file cannot be read or the outputs cannot be written
     * @throws TranslateException if the engine fails on a batch
     */
    public static Result run(Config config) throws IOException, TranslateException {
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(config.architecture()).optDropout(config.dropout())
            .build();
        boolean tracks = config.architecture().usesTracks();
        Files.createDirectories(config.outDir());
        JetDataset.Split split;
        boolean synthetic;
        try (TutorialFile file = TutorialFile.open(config.trainFile())) {
            synthetic = file.isSynthetic();
            JetColumns columns = JetColumns.load(file, FeatureSet.TUTORIAL, tracks);
            JetDataset all = JetDataset.builder().setColumns(columns).setSampling(config.batchSize(), true)
                .optTracks(tracks).optSeed(config.seed()).build();
            split = all.kerasSplit(config.validationSplit());
        }
        if (split.train().size() == 0) {
            throw new IllegalArgumentException(config.trainFile() + ": no training rows left after the validation"
                + " split of " + config.validationSplit());
        }
        Standardizer standardizer = config.standardise() ? Standardizer.fit(split.train()) : null;
        JetDataset train = split.train().withStandardizer(standardizer);
        JetDataset validation = split.validation().size() == 0 ? null
            : split.validation().withStandardizer(standardizer);
        InputSpec inputs = InputSpec.of(FeatureSet.TUTORIAL, standardizer);
        config.log().accept(String.format("%s: %d training jets, %d validation jets%s", config.trainFile(),
            train.size(), validation == null ? 0 : validation.size(), synthetic ? " (" + SyntheticSample.BANNER + ")"
                : ""));
        Device first = config.device().resolve()[0];
        try (Tagger tagger = Tagger.create(spec, inputs, first)) {
            TrainingOptions options = TrainingOptions.builder().optEpochs(config.epochs())
                .optLearningRate(config.learningRate()).optSeed(config.seed()).optDevice(config.device())
                .optCheckpointDir(config.outDir().resolve("checkpoints")).optResume(config.resume())
                .optProgress(config.progress()).optLog(config.log())
                .optListener(record -> writeHistoryFiles(tagger.history(), config.outDir())).build();
            TrainingResult result = new TaggerTrainer(options).fit(tagger, new TrainingData(train, validation));
            Path model = config.outDir().resolve(MODEL_FILE);
            TaggerFile.save(tagger, model);
            writeHistory(result.history(), config.outDir(), config.architecture(), synthetic);
            return new Result(model, result, tagger.parameterCount(), spec.kerasParameterCount(), synthetic,
                (int) train.size(), validation == null ? 0 : (int) validation.size());
        }
    }

    /**
     * Writes {@code history.csv}, {@code history.json} and {@code loss.png} (log y, train and validation loss).
     *
     * @param history the history
     * @param dir the directory
     * @param architecture the tagger, for the plot title
     * @param synthetic whether to mark the plot as made from the synthetic sample
     * @throws IOException if writing fails
     */
    public static void writeHistory(TrainingHistory history, Path dir, Architecture architecture, boolean synthetic)
            throws IOException {
        history.writeCsv(dir.resolve("history.csv"));
        history.writeJson(dir.resolve("history.json"));
        writePlot(history, dir, architecture, synthetic);
    }

    /** After each epoch: the history so far, so that an interrupted run leaves it on disk. */
    private static void writeHistoryFiles(TrainingHistory history, Path dir) {
        try {
            history.writeCsv(dir.resolve("history.csv"));
            history.writeJson(dir.resolve("history.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the training history: " + e.getMessage(), e);
        }
    }

    private static void writePlot(TrainingHistory history, Path dir, Architecture architecture, boolean synthetic)
            throws IOException {
        List<EpochRecord> epochs = history.epochs();
        if (epochs.isEmpty()) {
            return;
        }
        double[] x = new double[epochs.size()];
        double[] loss = new double[epochs.size()];
        double[] valLoss = new double[epochs.size()];
        boolean validated = true;
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch();
            loss[i] = epochs.get(i).loss();
            valLoss[i] = epochs.get(i).valLoss();
            validated &= Double.isFinite(valLoss[i]);
        }
        LinePlot.Builder plot = LinePlot.builder().optTitle("model loss (" + architecture.cliName() + ")")
            .optAxisTitles("epoch", "loss").optLogY(true).addSeries("train", x, loss);
        if (validated) {
            plot.addSeries("validation", x, valLoss);
        }
        if (synthetic) {
            plot.optSubtitle(SyntheticSample.BANNER);
        }
        plot.build().savePng(dir.resolve("loss.png"));
    }
}
