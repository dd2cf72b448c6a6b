package dev.btag.models.train;

import dev.btag.models.EpochRecord;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows the progress of the training epochs on a stream, in one of two forms ({@link ProgressMode}): on a terminal a
 * progress bar per epoch (jets done, rate, running loss; redrawn with carriage returns four times a second), and
 * elsewhere (a log file, a pipe) one line per epoch when it ends:
 * {@code epoch 3/50: 14000 training jets, loss 0.4321, 2.1 s}. {@link ProgressMode#AUTO} picks the bar only when the
 * JVM has a console. Not thread-safe; one run at a time.
 */
public final class ProgressListener implements TrainingListener {

    private final PrintStream stream;
    private final ProgressMode mode;
    private ProgressMode resolved;
    private ProgressBar bar;
    private long jets;

    /**
     * Creates the listener.
     *
     * @param stream where the progress goes, for example {@code System.err}
     * @param mode bar, lines, or {@link ProgressMode#AUTO} to choose when the run begins
     */
    public ProgressListener(PrintStream stream, ProgressMode mode) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * Returns the chosen form.
     *
     * @return the mode given to the constructor (possibly {@link ProgressMode#AUTO})
     */
    public ProgressMode mode() {
        return mode;
    }

    @Override
    public void onTrainingBegin(TrainingContext context) {
        resolved = mode.resolve();
    }

    @Override
    public void onEpochBegin(TrainingContext context, int epoch) {
        jets = 0;
        if (resolved == ProgressMode.BAR) {
            bar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, context.epochs()))
                .setInitialMax(context.trainingJets()).setUnit(" jets", 1).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(stream)).build();
        }
    }

    @Override
    public void onTrainingBatch(TrainingContext context, BatchRecord batch) {
        jets += batch.jets();
        if (bar != null) {
            bar.stepBy(batch.jets());
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", batch.epochLoss()));
        }
    }

    @Override
    public void onEpochEnd(TrainingContext context, EpochRecord record) {
        closeBar();
        if (resolved == ProgressMode.LINES) {
            stream.println(String.format(Locale.ROOT, "epoch %d/%d: %d training jets, loss %.4f, %.1f s",
                record.epoch(), context.epochs(), jets, record.loss(), record.seconds()));
            stream.flush();
        }
    }

    /** Closes an open bar (after a failure in the middle of an epoch). */
    @Override
    public void onTrainingEnd(TrainingContext context) {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
