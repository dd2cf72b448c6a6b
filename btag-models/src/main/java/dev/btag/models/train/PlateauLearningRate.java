package dev.btag.models.train;

import ai.djl.training.tracker.Tracker;

/**
 * Keras' {@code ReduceLROnPlateau(monitor='val_loss', factor=0.1, patience=2, min_delta=1e-4, cooldown=0,
 * min_lr=0)} as a DJL {@link Tracker}: the optimiser asks it for the learning rate at every update, and the trainer
 * reports the monitored value after each epoch through {@link #onEpochEnd(double)}. DJL has no such schedule. Not
 * thread-safe against concurrent {@code onEpochEnd} calls (the optimiser may read it from several threads).
 *
 * <p>Rule: a value below {@code best - minDelta} is an improvement (best := value, wait := 0); otherwise, outside a
 * cooldown, {@code wait} grows by one, and once {@code wait >= patience} the rate becomes
 * {@code max(rate * factor, minRate)} (if it is above {@code minRate}), {@code wait} returns to 0 and a cooldown of
 * {@code cooldown} epochs starts.
 */
public final class PlateauLearningRate implements Tracker {

    private final float factor;
    private final int patience;
    private final double minDelta;
    private final int cooldown;
    private final float minRate;
    private volatile float rate;
    private double best = Double.POSITIVE_INFINITY;
    private int wait;
    private int cooldownLeft;

    /**
     * Creates the schedule.
     *
     * @param initialRate the starting learning rate (Adam's 1e-3), positive
     * @param factor the reduction factor in (0, 1) (0.1 in the tutorial)
     * @param patience epochs without improvement before a reduction (2 in the tutorial), at least 1
     * @param minDelta the smallest decrease that counts as an improvement (Keras' 1e-4), non-negative
     * @param cooldown epochs after a reduction during which bad epochs are not counted (Keras' 0), non-negative
     * @param minRate the floor of the rate (Keras' 0), non-negative
     * @throws IllegalArgumentException if a value is out of range
     */
    public PlateauLearningRate(float initialRate, float factor, int patience, double minDelta, int cooldown,
            float minRate) {
        if (!(initialRate > 0) || !(factor > 0 && factor < 1) || patience < 1 || !(minDelta >= 0) || cooldown < 0
                || !(minRate >= 0)) {
            throw new IllegalArgumentException("invalid plateau schedule: rate " + initialRate + ", factor " + factor
                + ", patience " + patience + ", minDelta " + minDelta + ", cooldown " + cooldown + ", minRate "
                + minRate);
        }
        this.rate = initialRate;
        this.factor = factor;
        this.patience = patience;
        this.minDelta = minDelta;
        this.cooldown = cooldown;
        this.minRate = minRate;
    }

    /**
     * Returns the current learning rate, whatever the update number.
     *
     * @param numUpdate the optimiser's update count (ignored)
     * @return the current rate
     */
    @Override
    public float getNewValue(int numUpdate) {
        return rate;
    }

    /**
     * Returns the current learning rate.
     *
     * @return the rate
     */
    public float rate() {
        return rate;
    }

    /**
     * Reports the monitored value of the epoch that just ended.
     *
     * @param value the monitored value (validation loss)
     * @return {@code true} if the rate was reduced
     */
    public boolean onEpochEnd(double value) {
        if (cooldownLeft > 0) {
            cooldownLeft--;
            wait = 0;
        }
        if (value < best - minDelta) {
            best = value;
            wait = 0;
            return false;
        }
        if (cooldownLeft > 0) {
            return false;
        }
        wait++;
        if (wait >= patience && rate > minRate) {
            rate = Math.max(rate * factor, minRate);
            cooldownLeft = cooldown;
            wait = 0;
            return true;
        }
        return false;
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

    /**
     * Restores the state saved in a checkpoint.
     *
     * @param rate the learning rate
     * @param best the best value
     * @param wait the wait counter
     * @param cooldownLeft the cooldown counter
     */
    public void restore(float rate, double best, int wait, int cooldownLeft) {
        this.rate = rate;
        this.best = best;
        this.wait = wait;
        this.cooldownLeft = cooldownLeft;
    }
}
