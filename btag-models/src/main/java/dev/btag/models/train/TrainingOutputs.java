package dev.btag.models.train;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.plot.LinePlot;
import dev.btag.models.Architecture;
import dev.btag.models.EpochRecord;
import dev.btag.models.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The files a training run leaves in its output directory besides the model: {@value #HISTORY_CSV} and
 * {@value #HISTORY_JSON} (one row per epoch: loss, validation loss, accuracies, learning rate, seconds) and
 * {@value #LOSS_PLOT} (training and validation loss per epoch on a log axis, as notebook 3 plots it; marked as made
 * from the synthetic sample when it was).
 */
public final class TrainingOutputs {

    /** The history as CSV. */
    public static final String HISTORY_CSV = "history.csv";
    /** The history as JSON. */
    public static final String HISTORY_JSON = "history.json";
    /** The loss plot. */
    public static final String LOSS_PLOT = "loss.png";

    private TrainingOutputs() {
    }

    /**
     * Writes the history files (called after every epoch, so an interrupted run leaves them on disk).
     *
     * @param history the history so far
     * @param dir the output directory, existing
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static void writeHistory(TrainingHistory history, Path dir) throws IOException {
        history.writeCsv(dir.resolve(HISTORY_CSV));
        history.writeJson(dir.resolve(HISTORY_JSON));
    }

    /**
     * Writes the history files and the loss plot; an empty history writes no plot.
     *
     * @param history the history
     * @param dir the output directory, existing
     * @param architecture the tagger, for the plot title
     * @param synthetic whether to mark the plot as made from the synthetic sample
     * @throws IOException if a file cannot be written
     */
    public static void writeAll(TrainingHistory history, Path dir, Architecture architecture, boolean synthetic)
            throws IOException {
        writeHistory(history, dir);
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
        plot.build().savePng(dir.resolve(LOSS_PLOT));
    }

    /**
     * Resolves a model argument: a saved tagger file, or a training output directory holding
     * {@value TrainingRun#MODEL_FILE}.
     *
     * @param fileOrDirectory the file or directory
     * @return the tagger file
     * @throws NoSuchFileException if neither exists (the message names the path and what was expected)
     */
    public static Path modelFile(Path fileOrDirectory) throws NoSuchFileException {
        boolean directory = Files.isDirectory(fileOrDirectory);
        Path file = directory ? fileOrDirectory.resolve(TrainingRun.MODEL_FILE) : fileOrDirectory;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no saved tagger"
                + (directory ? " in this directory (expected " + TrainingRun.MODEL_FILE + ")" : ""));
        }
        return file;
    }
}
