package dev.btag.examples.tutorial;

import dev.btag.models.inputs.InputPlots;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.models.Architecture;
import dev.btag.models.ParameterCount;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.train.StopReason;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link Tutorial#run} did and measured. Every figure here is also in {@code summary.json} and in the report.
 *
 * @param outDir the output directory
 * @param report the HTML report ({@code report.html})
 * @param summary the JSON summary ({@code summary.json})
 * @param trainFiles the training files (generated or given)
 * @param testFiles the test files
 * @param layout the layout the files were read with ({@code tutorial}, or the layout file's name)
 * @param synthetic whether the files are the synthetic sample (then every output says so)
 * @param device the device that trained, as DJL names it (for example {@code cpu()})
 * @param inputs the input plots of notebooks 1 and 2
 * @param singleVariable the best single input variable and its AUCs on the test file
 * @param models one entry per trained tagger, in the order trained
 * @param seconds wall-clock time of the whole run
 */
public record TutorialResult(Path outDir, Path report, Path summary, List<Path> trainFiles, List<Path> testFiles,
        String layout, boolean synthetic, String device, InputPlots.Result inputs, SingleVariableResult singleVariable,
        List<ModelRun> models, double seconds) {

    /**
     * Copies the list.
     *
     * @param outDir the output directory
     * @param report the report file
     * @param summary the summary file
     * @param trainFiles the training files
     * @param testFiles the test files
     * @param layout the layout
     * @param synthetic whether the sample is synthetic
     * @param device the training device
     * @param inputs the input plots
     * @param singleVariable the single-variable baseline
     * @param models the trained taggers
     * @param seconds the wall-clock time
     */
    public TutorialResult {
        models = List.copyOf(models);
        trainFiles = List.copyOf(trainFiles);
        testFiles = List.copyOf(testFiles);
    }

    /**
     * The first training file.
     *
     * @return {@code trainFiles().get(0)}
     */
    public Path trainFile() {
        return trainFiles.get(0);
    }

    /**
     * The first test file.
     *
     * @return {@code testFiles().get(0)}
     */
    public Path testFile() {
        return testFiles.get(0);
    }

    /**
     * The baseline: the best of the 15 input variables (chosen on the training file) used directly as a b-tagging
     * score on the test file.
     *
     * @param name the variable's column name, with a leading minus sign when it is used flipped
     * @param aucs its AUC on the test file for each comparison of {@link FlavourComparison#B_TAGGING}
     */
    public record SingleVariableResult(String name, Map<FlavourComparison, Double> aucs) {
        /**
         * Copies the map.
         *
         * @param name the variable
         * @param aucs its AUCs
         */
        public SingleVariableResult {
            aucs = Map.copyOf(aucs);
        }
    }

    /**
     * One tagger of the tutorial: how it was trained and how it performed on the test file.
     *
     * @param architecture the tagger
     * @param parameters its parameter count in btag (PyTorch counts two bias vectors per LSTM/GRU gate)
     * @param kerasParameters the same architecture's count as Keras reports it (the notebooks' figure)
     * @param trainSeconds wall-clock training time, validation included
     * @param epochs epochs run
     * @param bestEpoch the epoch with the lowest validation loss
     * @param stopReason why training ended
     * @param evaluation the test-file measurements, identical to what {@code btag evaluate} gives
     * @param directory where its model, history, plots and evaluation ({@code eval/}) are
     */
    public record ModelRun(Architecture architecture, ParameterCount parameters, long kerasParameters,
            double trainSeconds, int epochs, int bestEpoch, StopReason stopReason, Evaluation evaluation,
            Path directory) {

        /**
         * The directory of the tagger's evaluation outputs.
         *
         * @return {@code directory/eval}
         */
        public Path evaluationDirectory() {
            return directory.resolve("eval");
        }
    }
}
