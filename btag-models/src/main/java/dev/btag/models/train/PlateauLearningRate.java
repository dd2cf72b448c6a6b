package dev.btag.models.train;

import com.google.gson.JsonObject;
import dev.btag.models.EpochRecord;
import java.util.Locale;

/**
 * Keras' {@code ReduceLROnPlateau(monitor='val_loss', factor=0.1, patience=2, min_delta=1e-4, cooldown=0,
 * min_lr=0)} as a {@link TrainingListener}: after each epoch it feeds the monitored loss
 * ({@link TrainingContext#monitoredLoss}) to a state machine and lowers the run's learning rate
 * ({@link TrainingContext#setLearningRate}) on a plateau. DJL has no such schedule.
 *
 * <p>Rule ({@link #update(double, float)}): a value below {@code best - minDelta} is an improvement (best := value,
 * wait := 0); otherwise, outside a cooldown, {@code wait} grows by one, and once {@code wait >= patience} the rate
 * becomes {@code max(rate * factor, minRate)} (if it is above {@code minRate}), {@code wait} returns to 0 and a
 * cooldown of {@code cooldown} epochs starts.
 *
 * <p>State: the counters are reset when a run begins and are part of the checkpoint (the learning rate itself is
 * the trainer's). Not thread-safe; one run at a time. Build it with {@link #builder()}.
 */
public final class PlateauLearningRate implements TrainingListener {

    private final float factor;
    private final int patience;
    private final double minDelta;
    private final int cooldown;
    private final float minRate;
    private double best = Double.POSITIVE_INFINITY;
    private int wait;
    private int cooldownLeft;

    private PlateauLearningRate(Builder b) {
        this.factor = b.factor;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.cooldown = b.cooldown;
        this.minRate = b.minRate;
    }

    /**
     * Starts a builder with the tutorial's settings: factor 0.1, patience 2, minDelta 1e-4, no cooldown, no floor.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reports the monitored value of the epoch that just ended (the state machine alone; {@link #onEpochEnd} calls
     * it).
     *
     * @param value the monitored value (validation loss)
     * @param rate the current learning rate
     * @return the learning rate for the next epoch: {@code rate}, or the reduced rate on a plateau
     */
    public float update(double value, float rate) {
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (value < best - minDelta) {
            best = value;
            wait = 0;
            return rate;
        }
        if (cooldownLeft > 0) {
            return rate;
        }
        wait++;
        if (wait >= patience && rate > minRate) {
            cooldownLeft = cooldown;
            wait = 0;
            return Math.max(rate * factor, minRate);
        }
        return rate;
    }

    /**
     * Returns the best value so far.
     *
     * @return the lowest monitored value, or +Infinity before the first epoch
     */
    public double best() {
        return best;
    }

    /**
     * Returns the bad epochs counted since the last improvement or reduction.
     *
     * @return the wait counter
     */
    public int waitCount() {
        return wait;
    }

    /**
     * Returns the epochs left in the current cooldown.
     *
     * @return the cooldown counter
     */
    public int cooldownLeft() {
        return cooldownLeft;
    }

    /** Resets the counters for a new run. */
    @Override
    public void onTrainingBegin(TrainingContext context) {
        best = Double.POSITIVE_INFINITY;
        wait = 0;
        cooldownLeft = 0;
    }

    /** Updates the counters and lowers the run's learning rate on a plateau, logging the new rate. */
    @Override
    public void onEpochEnd(TrainingContext context, EpochRecord record) {
        float rate = context.learningRate();
        float next = update(context.monitoredLoss(record), rate);
        if (next != rate) {
            context.setLearningRate(next);
            context.log(String.format(Locale.ROOT, "epoch %d: ReduceLROnPlateau reducing learning rate to %.3g",
                record.epoch(), next));
        }
    }

    /**
     * Returns {@code best}, {@code wait} and {@code cooldown} (the epochs left in the cooldown).
     *
     * @return a new JSON object
     */
    @Override
    public JsonObject exportState() {
        JsonObject state = new JsonObject();
        state.addProperty("best", best);
        state.addProperty("wait", wait);
        state.addProperty("cooldown", cooldownLeft);
        return state;
    }

    @Override
    public void restoreState(TrainingContext context, JsonObject state) {
        best = state.get("best").getAsDouble();
        wait = state.get("wait").getAsInt();
        cooldownLeft = state.get("cooldown").getAsInt();
    }

    @Override
    public String toString() {
        return "PlateauLearningRate(factor=" + factor + ", patience=" + patience + ", minDelta=" + minDelta
            + ", cooldown=" + cooldown + ", minRate=" + minRate + ")";
    }

    /** Builds a {@link PlateauLearningRate}; every setting is optional. Not thread-safe. */
    public static final class Builder {
        private float factor = 0.1f;
        private int patience = 2;
        private double minDelta = 1e-4;
        private int cooldown;
        private float minRate;

        private Builder() {
        }

        /**
         * Sets the reduction factor (default 0.1, the tutorial's).
         *
         * @param factor in (0, 1)
         * @return this builder
         */
        public Builder optFactor(float factor) {
            this.factor = factor;
            return this;
        }

        /**
         * Sets the epochs without improvement before a reduction (default 2, the tutorial's).
         *
         * @param patience at least 1
         * @return this builder
         */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * Sets the smallest decrease that counts as an improvement (default 1e-4, Keras').
         *
         * @param minDelta non-negative
         * @return this builder
         */
        public Builder optMinDelta(double minDelta) {
            this.minDelta = minDelta;
            return this;
        }

        /**
         * Sets the epochs after a reduction during which bad epochs are not counted (default 0, Keras').
         *
         * @param cooldown non-negative
         * @return this builder
         */
        public Builder optCooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /**
         * Sets the floor of the learning rate (default 0, Keras').
         *
         * @param minRate non-negative
         * @return this builder
         */
        public Builder optMinRate(float minRate) {
            this.minRate = minRate;
            return this;
        }

        /**
         * Validates and builds the listener.
         *
         * @return a new listener
         * @throws IllegalArgumentException if a value is out of range; the message gives all of them
         */
        public PlateauLearningRate build() {
            if (!(factor > 0 && factor < 1) || patience < 1 || !(minDelta >= 0) || cooldown < 0 || !(minRate >= 0)) {
                throw new IllegalArgumentException("invalid plateau schedule: factor " + factor + ", patience "
                    + patience + ", minDelta " + minDelta + ", cooldown " + cooldown + ", minRate " + minRate);
            }
            return new PlateauLearningRate(this);
        }
    }
}
