package dev.btag.models.train;

/**
 * One training batch as {@link TrainingListener#onTrainingBatch} sees it, after its backward pass and before the
 * optimiser step.
 *
 * @param epoch the epoch, from 1
 * @param batch the batch within the epoch, from 1
 * @param jets the number of jets in the batch
 * @param loss the batch's mean loss (NaN or infinite when the batch diverged)
 * @param epochLoss the mean loss over the epoch's batches so far, this one included, each weighted by its size
 */
public record BatchRecord(int epoch, long batch, long jets, double loss, double epochLoss) {
}
