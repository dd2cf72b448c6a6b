package dev.btag.models.train;

import com.google.gson.JsonObject;
import dev.btag.io.FileChecks;
import dev.btag.models.EpochRecord;
import dev.btag.models.io.TaggerFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes the run's checkpoints after each epoch, atomically ({@link TaggerFile#save}), into one directory:
 * {@value TaggerTrainer#BEST_CHECKPOINT}, a plain saved tagger of the epoch with the lowest monitored loss so far
 * (Keras' {@code ModelCheckpoint(save_best_only=True)}), and {@value TaggerTrainer#LAST_CHECKPOINT}, the latest epoch
 * with everything a resumed run needs: the optimiser's moments, the learning rate and the state of every listener
 * ({@link TrainingListener#exportState()}), in entries {@value TaggerTrainer#STATE_ENTRY} and
 * {@value TaggerTrainer#OPTIMIZER_ENTRY}.
 *
 * <p>{@link TrainingOptions.Builder#optCheckpointDir(Path)} adds it after all other listeners but the
 * {@link EpochListener}, so the checkpoint holds their end-of-epoch state. A write that fails ends the run with the
 * {@link IOException} (wrapped in an {@link UncheckedIOException} inside the hook; {@code fit} unwraps it). Not
 * thread-safe; one run at a time.
 */
public final class CheckpointListener implements TrainingListener {

    private final Path dir;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;

    CheckpointListener(Path dir) {
        this.dir = dir;
    }

    /**
     * Returns the checkpoint directory.
     *
     * @return the directory
     */
    public Path directory() {
        return dir;
    }

    /** Creates the directory and resets the best value for a new run. */
    @Override
    public void onTrainingBegin(TrainingContext context) {
        best = Double.POSITIVE_INFINITY;
        bestEpoch = 0;
        try {
            FileChecks.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code best.btag} when the epoch is a new best (lower monitored loss), then {@code last.btag}. */
    @Override
    public void onEpochEnd(TrainingContext context, EpochRecord record) {
        double value = context.monitoredLoss(record);
        try {
            if (value < best) {
                best = value;
                bestEpoch = record.epoch();
                TaggerFile.save(context.tagger(), dir.resolve(TaggerTrainer.BEST_CHECKPOINT));
            }
            TaggerFile.save(context.tagger(), dir.resolve(TaggerTrainer.LAST_CHECKPOINT),
                CheckpointState.entries(context, record.epoch()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns {@code best} and {@code bestEpoch} of the best checkpoint.
     *
     * @return a new JSON object
     */
    @Override
    public JsonObject exportState() {
        JsonObject state = new JsonObject();
        state.addProperty("best", best);
        state.addProperty("bestEpoch", bestEpoch);
        return state;
    }

    @Override
    public void restoreState(TrainingContext context, JsonObject state) {
        best = state.get("best").getAsDouble();
        bestEpoch = state.get("bestEpoch").getAsInt();
    }
}
