package dev.btag.models.train;

/**
 * Keras' {@code EarlyStopping(monitor='val_loss', patience=10, min_delta=0, restore_best_weights=True)} as a state
 * machine: feed it the monitored value after each epoch; it says whether the value is a new best (the trainer then
 * keeps a copy of the weights) and whether to stop. Unlike DJL's {@code EarlyStoppingListener}, it compares with the
 * best value so far, not with the previous epoch. Not thread-safe.
 *
 * <p>Rule: a value below {@code best - minDelta} is an improvement (best := value, wait := 0); otherwise
 * {@code wait} grows by one, and training stops once {@code wait >= patience}. A NaN value never improves.
 */
public final class EarlyStopping {

    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int wait;

    /**
     * Creates the callback.
     *
     * @param patience epochs without improvement before stopping (Keras' 10 in the tutorial), at least 1
     * @param minDelta the smallest decrease that counts as an improvement (Keras' default 0), non-negative
     * @throws IllegalArgumentException for a patience below 1 or a negative minDelta
     */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("early stopping needs patience >= 1 and minDelta >= 0, got " + patience
                + " and " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /**
     * Records the monitored value of an epoch.
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
     * @return the lowest monitored value, or +Infinity before the first update
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
     * Restores the state saved in a checkpoint.
     *
     * @param best the best value
     * @param bestEpoch its epoch (0 for none)
     * @param wait the wait counter
     */
    public void restore(double best, int bestEpoch, int wait) {
        this.best = best;
        this.bestEpoch = bestEpoch;
        this.wait = wait;
    }
}
