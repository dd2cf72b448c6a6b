package dev.btag.examples.tutorial;

import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.io.FileChecks;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.models.Architecture;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.EvaluationSummary;
import dev.btag.models.evaluate.EvaluationWeights;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.inputs.InputPlots;
import dev.btag.models.train.DeviceChoice;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingResult;
import dev.btag.models.train.TrainingRun;
import dev.btag.models.train.TrainingSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The whole CMS b-tagging hands-on in one call, as {@code btag tutorial} runs it: generate the synthetic sample (or
 * take the user's training and test files, of the tutorial layout or of any {@link Layout} whose groups declare b, c
 * and light classes), plot the inputs per flavour (notebooks 1 and 2), train the DNN, 1x1-CNN, LSTM and GRU
 * on the first file (notebooks 3 to 5 and the lecture) with {@link TrainingRun}, evaluate each on the second with
 * {@link TaggerEvaluation} and write its outputs with {@link EvaluationOutputs} (exactly what {@code btag evaluate}
 * does), compare them with the best single input variable (chosen on the training file), and write
 * {@code report.html} and {@code summary.json}. The evaluations stay in memory: nothing is read back.
 *
 * <p>Output layout under the output directory: {@code data/} (generated files), {@code inputs/} (input plots and
 * their {@code index.html}), {@code models/<tagger>/} (model, history, loss plot, checkpoints) with
 * {@code models/<tagger>/eval/} (metrics.json, predictions.npz, ROC and confusion plots), {@code plots/} (the
 * comparisons of all taggers), {@code report.html}, {@code summary.json}.
 */
public final class Tutorial {

    /**
     * The taggers of a default run: the four of the notebooks and the lecture, and the DeepJet-style tagger (the
     * DeepVertex-style tagger needs a layout that declares {@code arr_5} and is not part of the tutorial).
     */
    public static final List<Architecture> DEFAULT_MODELS = List.of(Architecture.DNN, Architecture.CNN1X1,
        Architecture.LSTM, Architecture.GRU, Architecture.DEEPJET);

    private Tutorial() {
    }

    /**
     * What to run; {@link #defaults(Path)} gives the settings of {@code btag tutorial} without options.
     *
     * @param outDir the output directory (created if missing; existing outputs are overwritten)
     * @param jets jets per generated file (ignored when files are given)
     * @param epochs the maximum number of epochs per tagger (early stopping may end sooner)
     * @param trainFiles the user's training files, or an empty list to generate the synthetic sample
     * @param testFiles the user's test files; given exactly when {@code trainFiles} are
     * @param layout how to read the user's files ({@link Layout#tutorial()} for the generated sample)
     * @param models the taggers to train, in order
     * @param seed the seed of generation, initialisation, shuffling and dropout
     * @param batchSize the training batch size
     * @param device where to train
     * @param progress where per-epoch progress bars go, or {@code null} for none
     * @param log where step and log lines go
     */
    public record Config(Path outDir, int jets, int epochs, List<Path> trainFiles, List<Path> testFiles, Layout layout,
            List<Architecture> models, long seed, int batchSize, DeviceChoice device, PrintStream progress,
            Consumer<String> log) {

        /**
         * Validates the settings.
         *
         * @param outDir the output directory
         * @param jets jets per generated file, at least 100
         * @param epochs maximum epochs, at least 1
         * @param trainFiles the training files, or none
         * @param testFiles the test files, or none
         * @param layout how to read the files
         * @param models at least one tagger
         * @param seed the seed
         * @param batchSize at least 1
         * @param device the device choice
         * @param progress the progress stream or {@code null}
         * @param log the log sink
         * @throws IllegalArgumentException for out-of-range numbers, no models, training files without test files
         *     (or the reverse), another layout than the tutorial's without files, or a layout whose groups lack c or
         *     light classes (the tutorial compares b with c and with light)
         */
        public Config {
            Objects.requireNonNull(outDir, "outDir");
            Objects.requireNonNull(layout, "layout");
            trainFiles = List.copyOf(trainFiles);
            testFiles = List.copyOf(testFiles);
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(log, "log");
            models = List.copyOf(models);
            if (models.isEmpty()) {
                throw new IllegalArgumentException("no tagger to train");
            }
            if (jets < 100) {
                throw new IllegalArgumentException("--jets must be at least 100, got " + jets);
            }
            TrainingSettings.requireEpochs(epochs);
            TrainingSettings.requireBatchSize(batchSize);
            if (trainFiles.isEmpty() != testFiles.isEmpty()) {
                throw new IllegalArgumentException("give both --train and --test, or neither (then the synthetic"
                    + " sample is generated)");
            }
            if (trainFiles.isEmpty() && !layout.isTutorial()) {
                throw new IllegalArgumentException("--layout " + layout.source() + " needs --train and --test files"
                    + " (the generated sample has the tutorial layout)");
            }
            if (layout.groups().c().isEmpty() || layout.groups().light().isEmpty()) {
                throw new IllegalArgumentException(layout.source() + ": groups: the tutorial compares b with c and"
                    + " with light jets; declare c and light groups");
            }
        }

        /**
         * The defaults: 20,000 jets per synthetic file (the tutorial's file size), at most 50 epochs (as
         * {@code btag train}), the taggers of {@link #DEFAULT_MODELS}, seed 42, batch 512, automatic device, no
         * progress bars, no log.
         *
         * @param outDir the output directory
         * @return the configuration
         */
        public static Config defaults(Path outDir) {
            return new Config(outDir, SyntheticSample.DEFAULT_JETS_PER_FILE, TrainingSettings.EPOCHS, List.of(),
                List.of(), Layout.tutorial(), DEFAULT_MODELS, TrainingSettings.SEED, TrainingSettings.BATCH_SIZE,
                DeviceChoice.AUTO,
                null, line -> { });
        }
    }

    /**
     * Runs the tutorial.
     *
     * @param config what to run
     * @return what was done and measured
     * @throws IOException if a file cannot be read or written (the message names it)
     * @throws TranslateException if the engine fails on a batch
     */
    public static TutorialResult run(Config config) throws IOException, TranslateException {
        long start = System.nanoTime();
        Path out = config.outDir();
        FileChecks.createDirectories(out);
        Steps step = new Steps(3 + 2 * config.models().size(), config.log());
        Layout layout = config.layout();
        SampleFiles files = files(config, step);

        step.next("plot the inputs per " + (layout.isTutorial() ? "flavour" : "class") + " (notebooks 1 and 2)");
        InputPlots.Result inputs = InputPlots.write(files.train(), layout, out.resolve("inputs"));
        SingleVariable single = SingleVariable.choose(SingleVariable.read(files.train(), layout));

        List<TutorialResult.ModelRun> runs = new ArrayList<>();
        String device = "";
        for (Architecture architecture : config.models()) {
            Trained trained = trainAndEvaluate(architecture, config, files, step);
            device = trained.device();
            runs.add(trained.result());
        }

        step.next("compare the taggers and write the report");
        Map<FlavourComparison, RocCurve> singleRocs = new LinkedHashMap<>();
        Map<FlavourComparison, Double> singleAucs = new LinkedHashMap<>();
        boolean synthetic = inputs.synthetic() || runs.get(0).evaluation().synthetic();
        SingleVariable.Sample testSample = SingleVariable.read(files.test(), layout);
        double[] score = single.scores(testSample);
        for (FlavourComparison comparison : FlavourComparison.B_TAGGING) {
            RocCurve roc = comparison.roc(score, testSample.truth());
            singleRocs.put(comparison, roc);
            singleAucs.put(comparison, roc.auc());
        }
        ComparisonPlots plots = ComparisonPlots.write(out.resolve("plots"), runs, singleRocs, single.label(),
            synthetic);
        TutorialResult result = new TutorialResult(out, out.resolve("report.html"), out.resolve("summary.json"),
            files.train(), files.test(), layout.source(), synthetic, device, inputs,
            new TutorialResult.SingleVariableResult(single.name(), singleAucs), runs,
            (System.nanoTime() - start) / 1e9);
        TutorialReport.write(result, plots, config);
        config.log().accept(String.format(Locale.ROOT, "done in %.0f s: %s", result.seconds(), result.report()));
        return result;
    }

    /** The training and test files of a run. */
    private record SampleFiles(List<Path> train, List<Path> test) {
    }

    /** The user's files (checked against the layout), or the synthetic sample generated into {@code OUT/data}. */
    private static SampleFiles files(Config config, Steps step) throws IOException {
        if (config.trainFiles().isEmpty()) {
            step.next("generate the synthetic sample (" + config.jets() + " jets per file)");
            SyntheticSample.Files generated = SyntheticSample.write(config.outDir().resolve("data"), config.jets(),
                config.seed());
            return new SampleFiles(List.of(generated.train()), List.of(generated.test()));
        }
        step.next("check " + describe(config.trainFiles()) + " (training) and " + describe(config.testFiles())
            + " (test)" + (config.layout().isTutorial() ? "" : " with layout " + config.layout().source()));
        List<Path> given = new ArrayList<>(config.trainFiles());
        given.addAll(config.testFiles());
        for (Path path : given) {
            try (JetFile file = JetFile.open(path, config.layout())) {
                config.log().accept("  " + path + ": " + file.jetCount() + " jets"
                    + (file.isSynthetic() ? " (" + SyntheticSample.BANNER + ")" : ""));
            }
        }
        return new SampleFiles(config.trainFiles(), config.testFiles());
    }

    private static String describe(List<Path> files) {
        return files.size() == 1 ? files.get(0).toString() : files.size() + " files (" + files.get(0) + " ...)";
    }

    /** A trained and evaluated tagger, and the device it trained on. */
    private record Trained(TutorialResult.ModelRun result, String device) {
    }

    private static Trained trainAndEvaluate(Architecture architecture, Config config, SampleFiles files,
            Steps step) throws IOException, TranslateException {
        Path dir = config.outDir().resolve("models").resolve(architecture.cliName());
        step.next("train the " + architecture.cliName() + " tagger");
        TrainingRun run = TrainingRun.builder().setArchitecture(architecture).setTrainFiles(files.train())
            .optLayout(config.layout()).optOutputDir(dir).optEpochs(config.epochs()).optBatchSize(config.batchSize())
            .optSeed(config.seed())
            .optDevice(config.device()).optProgress(config.progress()).optLog(config.log()).build();
        try (TrainedTagger trained = run.run()) {
            step.next("evaluate the " + architecture.cliName() + " tagger on " + (files.test().size() == 1
                ? files.test().get(0).getFileName() : files.test().size() + " files"));
            Evaluation evaluation = TaggerEvaluation.standard().evaluate(trained.tagger(), files.test(),
                config.layout());
            JsonObject metrics = EvaluationJson.toJson(evaluation, trained.modelFile().orElse(null));
            EvaluationWeights.fromLayout().describe(metrics, config.layout());
            EvaluationOutputs.writeAll(evaluation, dir.resolve("eval"), metrics);
            EvaluationSummary.lines(evaluation).forEach(line -> config.log().accept("  " + line));
            TrainingResult t = trained.training();
            return new Trained(new TutorialResult.ModelRun(architecture, trained.parameters(),
                trained.kerasParameters(), trained.seconds(), t.history().size(), t.bestEpoch(), t.stopReason(),
                evaluation, dir), t.devices());
        }
    }

    /** Numbered step lines: {@code [3/11] train the dnn tagger}, with the time since the previous step. */
    private static final class Steps {
        private final int total;
        private final Consumer<String> log;
        private int done;
        private long last = System.nanoTime();

        Steps(int total, Consumer<String> log) {
            this.total = total;
            this.log = log;
        }

        void next(String what) {
            long now = System.nanoTime();
            String previous = done == 0 ? ""
                : String.format(Locale.ROOT, " (previous step %.1f s)", (now - last) / 1e9);
            last = now;
            log.accept(String.format(Locale.ROOT, "[%d/%d] %s%s", ++done, total, what, previous));
        }
    }
}
