package dev.btag.models.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.btag.models.EpochRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Locale;

/**
 * Keras' {@code EarlyStopping(monitor='val_loss', patience=10, min_delta=0)} as a {@link TrainingListener}: after
 * each epoch it feeds the monitored loss ({@link TrainingContext#monitoredLoss}) to a state machine, asks the trainer
 * to stop ({@link StopReason#EARLY_STOPPING}) once {@code patience} epochs in a row brought no improvement, and, with
 * {@code restoreBest} on (btag's default, Keras' {@code restore_best_weights=True}), keeps a copy of the best epoch's
 * weights and puts them back when the run ends. With {@code restoreBest} off (Keras' default, which the notebooks
 * use) the tagger keeps the last epoch's weights. Unlike DJL's {@code EarlyStoppingListener}, it compares with the
 * best value so far, not with the previous epoch, and does not throw.
 *
 * <p>Rule: a value below {@code best - minDelta} is an improvement (best := value, wait := 0); otherwise
 * {@code wait} grows by one, and training stops once {@code wait >= patience}. A NaN value never improves.
 *
 * <p>State: the counters and, with {@code restoreBest}, the best weights are reset when a run begins and are part
 * of the checkpoint (the weights as base64 float32), so a resumed run restores the same weights at its end. Not
 * thread-safe; one run at a time. Build it with {@link #builder()}.
 */
public final class EarlyStopping implements TrainingListener {

    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int wait;
    private float[][] bestWeights;

    private EarlyStopping(Builder b) {
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.restoreBest = b.restoreBest;
    }

    /**
     * Starts a builder with the tutorial's settings: patience 10, minDelta 0, restoring the best weights.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records the monitored value of an epoch (the state machine alone; {@link #onEpochEnd} calls it).
     *
     * @param epoch the epoch number (from 1)
     * @param value the monitored value (validation loss)
     * @return {@code true} if the value is a new best
     */
    public boolean update(int epoch, double value) {
        if (value < best - minDelta) {
            best = value;
            bestEpoch = epoch;
            wait = 0;
            return true;
        }
        wait++;
        return false;
    }

    /**
     * Tells whether training should stop now.
     *
     * @return {@code true} once {@code patience} epochs in a row brought no improvement
     */
    public boolean shouldStop() {
        return wait >= patience;
    }

    /**
     * Returns the best value so far.
     *
     * @return the lowest monitored value, or +Infinity before the first improvement
     */
    public double best() {
        return best;
    }

    /**
     * Returns the epoch of the best value.
     *
     * @return the epoch number, or 0 before the first improvement
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * Returns the epochs since the last improvement.
     *
     * @return the wait counter
     */
    public int waitCount() {
        return wait;
    }

    /**
     * Returns the patience.
     *
     * @return epochs without improvement before stopping
     */
    public int patience() {
        return patience;
    }

    /**
     * Tells whether the best weights are restored at the end of the run.
     *
     * @return {@code true} to end with the best epoch's weights, {@code false} to keep the last epoch's
     */
    public boolean restoreBest() {
        return restoreBest;
    }

    /** Resets the state for a new run. */
    @Override
    public void onTrainingBegin(TrainingContext context) {
        best = Double.POSITIVE_INFINITY;
        bestEpoch = 0;
        wait = 0;
        bestWeights = null;
    }

    /** Updates the state with the epoch's monitored loss; copies the weights of a new best; requests a stop. */
    @Override
    public void onEpochEnd(TrainingContext context, EpochRecord record) {
        if (update(record.epoch(), context.monitoredLoss(record)) && restoreBest) {
            bestWeights = context.copyWeights();
        }
        if (shouldStop()) {
            context.requestStop(StopReason.EARLY_STOPPING);
            context.log(String.format(Locale.ROOT, "epoch %d: early stopping (no improvement for %d epochs); best"
                + " epoch %d", record.epoch(), patience, bestEpoch));
        }
    }

    /** Restores the best epoch's weights when {@code restoreBest} is on and the run did not fail. */
    @Override
    public void onTrainingEnd(TrainingContext context) {
        if (context.failure() == null && restoreBest && bestWeights != null) {
            context.restoreWeights(bestWeights, bestEpoch);
            context.log("restored the weights of the best epoch " + bestEpoch);
        }
        bestWeights = null;
    }

    /**
     * Returns {@code best}, {@code bestEpoch}, {@code wait} and, when kept, {@code bestWeights} (one base64 string
     * of little-endian float32 values per parameter).
     *
     * @return a new JSON object
     */
    @Override
    public JsonObject exportState() {
        JsonObject state = new JsonObject();
        state.addProperty("best", best);
        state.addProperty("bestEpoch", bestEpoch);
        state.addProperty("wait", wait);
        if (bestWeights != null) {
            JsonArray weights = new JsonArray();
            for (float[] w : bestWeights) {
                ByteBuffer bytes = ByteBuffer.allocate(4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(w);
                weights.add(Base64.getEncoder().encodeToString(bytes.array()));
            }
            state.add("bestWeights", weights);
        }
        return state;
    }

    /** Restores the counters and best weights, and requests a stop if the interrupted run had already stopped. */
    @Override
    public void restoreState(TrainingContext context, JsonObject state) {
        best = state.get("best").getAsDouble();
        bestEpoch = state.get("bestEpoch").getAsInt();
        wait = state.get("wait").getAsInt();
        bestWeights = null;
        if (state.has("bestWeights")) {
            JsonArray weights = state.getAsJsonArray("bestWeights");
            bestWeights = new float[weights.size()][];
            int i = 0;
            for (JsonElement e : weights) {
                ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(e.getAsString()))
                    .order(ByteOrder.LITTLE_ENDIAN);
                bestWeights[i] = new float[bytes.remaining() / 4];
                bytes.asFloatBuffer().get(bestWeights[i++]);
            }
        }
        if (shouldStop()) {
            context.requestStop(StopReason.EARLY_STOPPING);
        }
    }

    @Override
    public String toString() {
        return "EarlyStopping(patience=" + patience + ", minDelta=" + minDelta + ", restoreBest=" + restoreBest + ")";
    }

    /** Builds an {@link EarlyStopping}; every setting is optional. Not thread-safe. */
    public static final class Builder {
        private int patience = 10;
        private double minDelta;
        private boolean restoreBest = true;

        private Builder() {
        }

        /**
         * Sets the epochs without improvement before stopping (default 10, the tutorial's).
         *
         * @param patience at least 1
         * @return this builder
         */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * Sets the smallest decrease of the monitored loss that counts as an improvement (default 0, Keras').
         *
         * @param minDelta non-negative
         * @return this builder
         */
        public Builder optMinDelta(double minDelta) {
            this.minDelta = minDelta;
            return this;
        }

        /**
         * Chooses the weights the tagger ends with (default {@code true}: the best epoch's, Keras'
         * {@code restore_best_weights=True}; {@code false}: the last epoch's, as the notebooks'
         * {@code EarlyStopping(monitor='val_loss', patience=10)}).
         *
         * @param restoreBest whether to restore the best epoch's weights at the end
         * @return this builder
         */
        public Builder optRestoreBest(boolean restoreBest) {
            this.restoreBest = restoreBest;
            return this;
        }

        /**
         * Validates and builds the listener.
         *
         * @return a new listener
         * @throws IllegalArgumentException for a patience below 1 or a negative (or NaN) minDelta
         */
        public EarlyStopping build() {
            if (patience < 1 || !(minDelta >= 0)) {
                throw new IllegalArgumentException("early stopping needs patience >= 1 and minDelta >= 0, got "
                    + patience + " and " + minDelta);
            }
            return new EarlyStopping(this);
        }
    }
}
