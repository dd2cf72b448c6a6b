package dev.btag.models.train;

import ai.djl.engine.Engine;
import dev.btag.models.EpochRecord;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes the run's summary lines to {@link TrainingContext#log}, as Keras' {@code verbose=2} does: when the run
 * begins, the tagger, the devices and the engine ({@code training the lstm tagger on [cpu()] (PyTorch 2.7.1)}); after
 * each epoch, one line with {@code loss}, {@code val_loss}, {@code accuracy}, {@code val_accuracy}, the epoch's
 * learning rate and its time in seconds (NaN validation values when there is no validation set). Stateless and
 * thread-safe.
 */
public final class LoggingListener implements TrainingListener {

    /** Creates the listener. */
    public LoggingListener() {
    }

    @Override
    public void onTrainingBegin(TrainingContext context) {
        Engine engine = Engine.getInstance();
        context.log("training the " + context.tagger().spec().architecture().cliName() + " tagger on "
            + Arrays.toString(context.devices()) + " (" + engine.getEngineName() + " " + engine.getVersion() + ")");
    }

    @Override
    public void onEpochEnd(TrainingContext context, EpochRecord record) {
        context.log(String.format(Locale.ROOT,
            "epoch %d/%d: loss %.4f, val_loss %.4f, accuracy %.4f, val_accuracy %.4f, lr %.3g, %.1f s",
            record.epoch(), context.epochs(), record.loss(), record.valLoss(), record.accuracy(),
            record.valAccuracy(), record.learningRate(), record.seconds()));
    }
}
