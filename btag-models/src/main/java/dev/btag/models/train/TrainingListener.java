package dev.btag.models.train;

import com.google.gson.JsonObject;
import dev.btag.models.EpochRecord;

/**
 * Something that takes part in a training run, called by {@link TaggerTrainer} at fixed points, modelled on DJL's
 * {@code TrainingListener} and Keras' callbacks. The tutorial's callbacks are listeners ({@link TerminateOnNaN},
 * {@link EarlyStopping}, {@link PlateauLearningRate}) and so are the run's output ({@link ProgressListener},
 * {@link LoggingListener}) and its checkpoints ({@link CheckpointListener}); {@link TrainingOptions} holds the list,
 * and a user adds their own with {@link TrainingOptions.Builder#addListener(TrainingListener)}. Every method has a
 * no-op default, so a listener implements only the hooks it needs.
 *
 * <p>Order of calls in a run: {@link #onTrainingBegin} once, where a listener resets the state of an earlier run;
 * {@link #restoreState} when the run resumes from a checkpoint; then per epoch {@link #onEpochBegin},
 * {@link #onTrainingBatch} for each training batch, {@link #onEpochEnd} once the epoch's validation is done; finally
 * {@link #onTrainingEnd}, also when the run ends with an exception. At each point the listeners are called in list
 * order. An exception thrown by a hook ends training and propagates to the caller of {@code fit} (the checkpoints
 * already written stay, so the run can be resumed).
 *
 * <p>State for resuming: a listener that keeps state across epochs (counters, a best value) returns it from
 * {@link #exportState()}; the checkpoint stores it under the listener's {@link #name()}, and a resumed run hands it
 * back through {@link #restoreState(TrainingContext, JsonObject)} after {@link #onTrainingBegin}, so the resumed run
 * repeats what an uninterrupted one would do. Names must be unique within a run.
 *
 * <p>The trainer calls a listener from one thread at a time. A listener instance keeps the state of the run it is
 * in: the same instances (and so the same {@link TrainingOptions}) may serve consecutive runs, not concurrent ones.
 */
public interface TrainingListener {

    /**
     * Returns the name under which the checkpoint stores this listener's state.
     *
     * @return a name unique within the run; by default the class's simple name
     */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Called once when the run begins, before a resume restores the state of the tagger, the optimiser and the
     * listeners. A listener with state resets it here, so that an instance can serve consecutive runs.
     *
     * @param context the run
     */
    default void onTrainingBegin(TrainingContext context) {
    }

    /**
     * Called at the start of each epoch, after the engine and dropout have been reseeded for it.
     *
     * @param context the run
     * @param epoch the epoch about to run, from 1
     */
    default void onEpochBegin(TrainingContext context, int epoch) {
    }

    /**
     * Called after each training batch's forward and backward pass, before the optimiser updates the weights with
     * its gradients: a listener that throws here (as {@link TerminateOnNaN} does) keeps the batch from changing the
     * weights.
     *
     * @param context the run
     * @param batch the batch's number, size and loss
     */
    default void onTrainingBatch(TrainingContext context, BatchRecord batch) {
    }

    /**
     * Called at the end of each epoch, after validation; the tagger's history already holds {@code record}.
     *
     * @param context the run
     * @param record the epoch's losses, accuracies, learning rate and time
     */
    default void onEpochEnd(TrainingContext context, EpochRecord record) {
    }

    /**
     * Called once when the run ends: after the last epoch, after a stop request, or when an exception ends it
     * ({@link TrainingContext#failure()} is then that exception, and the listener should only release what it
     * holds). An exception thrown here while another one is propagating is added to it as suppressed.
     *
     * @param context the run
     */
    default void onTrainingEnd(TrainingContext context) {
    }

    /**
     * Returns the state this listener needs to continue a run exactly, for a checkpoint.
     *
     * @return a new JSON object, or {@code null} (the default) for a listener without state
     */
    default JsonObject exportState() {
        return null;
    }

    /**
     * Restores the state returned by {@link #exportState()} in an earlier, interrupted run; called after
     * {@link #onTrainingBegin} of the resumed run (the tagger, the optimiser and the learning rate are restored by
     * then), only when the checkpoint holds state under {@link #name()}.
     *
     * @param context the resumed run ({@link TrainingContext#resumedEpochs()} is the checkpoint's epoch)
     * @param state the saved state
     * @throws RuntimeException if the state is not this listener's; the trainer reports it as a damaged checkpoint
     */
    default void restoreState(TrainingContext context, JsonObject state) {
    }
}
