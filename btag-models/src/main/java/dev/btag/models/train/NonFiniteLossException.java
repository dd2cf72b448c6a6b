package dev.btag.models.train;

/**
 * Thrown by {@link TerminateOnNaN} when a training batch gives a NaN or infinite loss: training stops before
 * that batch updates the weights. The message names the epoch and the batch; the checkpoints on disk still hold
 * the last completed epoch.
 */
public final class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The epoch of the bad batch, from 1. */
    private final int epoch;
    /** The bad batch within its epoch, from 1. */
    private final long batch;

    /**
     * Creates the exception.
     *
     * @param epoch the epoch, counting from 1
     * @param batch the batch within the epoch, counting from 1
     * @param loss the offending loss value
     */
    public NonFiniteLossException(int epoch, long batch, float loss) {
        super("training terminated: loss is " + loss + " at epoch " + epoch + ", batch " + batch
            + " (TerminateOnNaN); check the inputs for NaN or infinite values or lower the learning rate");
        this.epoch = epoch;
        this.batch = batch;
    }

    /**
     * Returns the epoch of the bad batch.
     *
     * @return the epoch, from 1
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Returns the bad batch.
     *
     * @return the batch within its epoch, from 1
     */
    public long batch() {
        return batch;
    }
}
