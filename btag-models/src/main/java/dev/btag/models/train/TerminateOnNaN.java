package dev.btag.models.train;

/**
 * Keras' {@code TerminateOnNaN} as a {@link TrainingListener}: a training batch whose loss is NaN or infinite ends
 * the run with a {@link NonFiniteLossException} naming the epoch and the batch, before that batch updates the
 * weights. Stateless and thread-safe.
 */
public final class TerminateOnNaN implements TrainingListener {

    /** Creates the listener. */
    public TerminateOnNaN() {
    }

    /**
     * Checks the batch's loss.
     *
     * @throws NonFiniteLossException if the loss is NaN or infinite
     */
    @Override
    public void onTrainingBatch(TrainingContext context, BatchRecord batch) {
        if (!Double.isFinite(batch.loss())) {
            throw new NonFiniteLossException(batch.epoch(), batch.batch(), (float) batch.loss());
        }
    }
}
