package dev.btag.examples.tutorial;

import ai.djl.translate.TranslateException;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.examples.evaluate.EvaluationResult;
import dev.btag.examples.evaluate.TaggerEvaluation;
import dev.btag.examples.inputs.InputPlots;
import dev.btag.examples.train.TrainingRun;
import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import dev.btag.models.train.DeviceChoice;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The whole CMS b-tagging hands-on in one call, as {@code btag tutorial} runs it: generate the synthetic sample (or
 * take the user's two files), plot the inputs per flavour (notebooks 1 and 2), train the DNN, 1x1-CNN, LSTM and GRU
 * on the first file (notebooks 3 to 5 and the lecture), evaluate each on the second with
 * {@link TaggerEvaluation} (exactly what {@code btag evaluate} does), compare them with the best single input
 * variable, and write {@code report.html} and {@code summary.json}.
 *
 * <p>Output layout under the output directory: {@code data/} (generated files), {@code inputs/} (input plots and
 * their {@code index.html}), {@code models/<tagger>/} (model, history, loss plot, checkpoints) with
 * {@code models/<tagger>/eval/} (metrics.json, predictions.npz, ROC and confusion plots), {@code plots/} (the
 * comparisons of all taggers), {@code report.html}, {@code summary.json}.
 */
public final class Tutorial {

    /** The three ROC comparisons in report order, as keys of {@link EvaluationResult#auc(String)}. */
    static final List<String> KEYS = List.of("bVsAll", "bVsC", "bVsLightGluon");

    private Tutorial() {
    }

    /**
     * What to run; {@link #defaults(Path)} gives the settings of {@code btag tutorial} without options.
     *
     * @param outDir the output directory (created if missing; existing outputs are overwritten)
     * @param jets jets per generated file (ignored when files are given)
     * @param epochs the maximum number of epochs per tagger (early stopping may end sooner)
     * @param trainFile the user's training file, or {@code null} to generate the synthetic sample
     * @param testFile the user's test file; given exactly when {@code trainFile} is
     * @param models the taggers to train, in order
     * @param seed the seed of generation, initialisation, shuffling and dropout
     * @param batchSize the training batch size
     * @param device where to train
     * @param progress where per-epoch progress bars go, or {@code null} for none
     * @param log where step and log lines go
     */
    public record Config(Path outDir, int jets, int epochs, Path trainFile, Path testFile, List<Architecture> models,
            long seed, int batchSize, DeviceChoice device, PrintStream progress, Consumer<String> log) {

        /**
         * Validates the settings.
         *
         * @param outDir the output directory
         * @param jets jets per generated file, at least 100
         * @param epochs maximum epochs, at least 1
         * @param trainFile the training file or {@code null}
         * @param testFile the test file or {@code null}
         * @param models at least one tagger
         * @param seed the seed
         * @param batchSize at least 1
         * @param device the device choice
         * @param progress the progress stream or {@code null}
         * @param log the log sink
         * @throws IllegalArgumentException for out-of-range numbers, no models, or only one of the two files
         */
        public Config {
            Objects.requireNonNull(outDir, "outDir");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(log, "log");
            models = List.copyOf(models);
            if (models.isEmpty()) {
                throw new IllegalArgumentException("no tagger to train");
            }
            if (jets < 100) {
                throw new IllegalArgumentException("--jets must be at least 100, got " + jets);
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
            }
            if ((trainFile == null) != (testFile == null)) {
                throw new IllegalArgumentException("give both --train and --test, or neither (then the synthetic"
                    + " sample is generated)");
            }
        }

        /**
         * The defaults: 20,000 jets per synthetic file (the tutorial's file size), at most 50 epochs (as
         * {@code btag train}), all four taggers, seed 42, batch 512, automatic device, no progress bars, no log.
         *
         * @param outDir the output directory
         * @return the configuration
         */
        public static Config defaults(Path outDir) {
            return new Config(outDir, SyntheticSample.DEFAULT_JETS_PER_FILE, 50, null, null,
                List.of(Architecture.values()), 42L, 512, DeviceChoice.AUTO, null, line -> { });
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
        Files.createDirectories(out);
        int steps = 3 + 2 * config.models().size();
        Steps step = new Steps(steps, config.log());

        Path train = config.trainFile();
        Path test = config.testFile();
        if (train == null) {
            step.next("generate the synthetic sample (" + config.jets() + " jets per file)");
            SyntheticSample.Files files = SyntheticSample.write(out.resolve("data"), config.jets(), config.seed());
            train = files.train();
            test = files.test();
        } else {
            step.next("check " + train + " (training) and " + test + " (test)");
            for (Path given : List.of(train, test)) {
                try (TutorialFile file = TutorialFile.open(given)) {
                    config.log().accept("  " + given + ": " + file.jetCount() + " jets"
                        + (file.isSynthetic() ? " (" + SyntheticSample.BANNER + ")" : ""));
                }
            }
        }

        step.next("plot the inputs per flavour (notebooks 1 and 2)");
        InputPlots.Result inputs = InputPlots.write(train, out.resolve("inputs"));

        int[] truth;
        float[] pt;
        SingleVariable single;
        boolean synthetic;
        try (TutorialFile file = TutorialFile.open(test)) {
            synthetic = file.isSynthetic();
            truth = file.truthCodes();
            pt = file.features(FeatureSet.of("pt", JetColumn.JET_PT), 0, file.jetCount());
            single = SingleVariable.best(file, truth);
        }

        List<TutorialResult.ModelRun> runs = new ArrayList<>();
        List<ModelScores> scores = new ArrayList<>();
        String device = "";
        for (Architecture architecture : config.models()) {
            Path dir = out.resolve("models").resolve(architecture.cliName());
            step.next("train the " + architecture.cliName() + " tagger");
            TrainingRun.Config trainConfig = new TrainingRun.Config(architecture, train, dir, config.epochs(),
                config.batchSize(), 1e-3f, TaggerSpec.DEFAULT_DROPOUT, config.seed(), config.device(), 0.3, true,
                false, config.progress(), config.log());
            long t0 = System.nanoTime();
            TrainingRun.Result trained = TrainingRun.run(trainConfig);
            double seconds = (System.nanoTime() - t0) / 1e9;
            device = trained.training().devices();

            step.next("evaluate the " + architecture.cliName() + " tagger on " + test.getFileName());
            EvaluationResult evaluation = TaggerEvaluation.evaluate(trained.model(), test, dir.resolve("eval"));
            TaggerEvaluation.summary(evaluation).forEach(line -> config.log().accept("  " + line));
            ModelScores score = ModelScores.read(dir.resolve("eval").resolve(TaggerEvaluation.PREDICTIONS_FILE));
            scores.add(score);
            runs.add(new TutorialResult.ModelRun(architecture, trained.parameters(), trained.kerasParameters(),
                seconds, trained.training().history().size(), trained.training().bestEpoch(),
                trained.training().stopReason(), evaluation,
                score.aucErrors(truth), dir));
        }

        step.next("compare the taggers and write the report");
        Map<String, Double> singleAucs = new LinkedHashMap<>();
        for (int k = 0; k < KEYS.size(); k++) {
            singleAucs.put(KEYS.get(k), single.roc(SingleVariable.SELECTIONS.get(k), truth).auc());
        }
        TutorialResult.SingleVariableResult singleResult =
            new TutorialResult.SingleVariableResult(single.label().replace(" (best single variable)", ""),
                singleAucs);
        ComparisonPlots plots = ComparisonPlots.write(out.resolve("plots"), runs, scores, single, truth, pt, synthetic);
        TutorialResult result = new TutorialResult(out, out.resolve("report.html"), out.resolve("summary.json"),
            train, test, synthetic, device, inputs, singleResult, runs, (System.nanoTime() - start) / 1e9);
        TutorialReport.write(result, plots, config);
        config.log().accept(String.format("done in %.0f s: %s", result.seconds(), result.report()));
        return result;
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
            String previous = done == 0 ? "" : String.format(" (previous step %.1f s)", (now - last) / 1e9);
            last = now;
            log.accept(String.format("[%d/%d] %s%s", ++done, total, what, previous));
        }
    }
}
