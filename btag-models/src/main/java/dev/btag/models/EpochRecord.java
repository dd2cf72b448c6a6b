package dev.btag.models;

/**
 * What one training epoch gave, as Keras' {@code history.history} records it.
 *
 * @param epoch the epoch number, counting from 1
 * @param loss the mean categorical cross-entropy over the training jets of the epoch, dropout active, each batch
 *     weighted by its size (all-zero "undefined" label rows contribute 0 but count in the mean, as in Keras)
 * @param valLoss the same on the validation jets with dropout off; {@code NaN} when there is no validation set
 * @param accuracy the fraction of training jets whose highest-probability class is the label's (Keras'
 *     categorical accuracy: an all-zero label row counts as class 0, b)
 * @param valAccuracy the same on the validation jets; {@code NaN} without a validation set
 * @param learningRate the learning rate used during this epoch
 * @param seconds the wall-clock time of the epoch including validation, in seconds
 */
public record EpochRecord(int epoch, double loss, double valLoss, double accuracy, double valAccuracy,
        double learningRate, double seconds) {

    /**
     * Validates the record.
     *
     * @param epoch the epoch component
     * @param loss the loss component
     * @param valLoss the valLoss component
     * @param accuracy the accuracy component
     * @param valAccuracy the valAccuracy component
     * @param learningRate the learningRate component
     * @param seconds the seconds component
     * @throws IllegalArgumentException if {@code epoch} is below 1 or {@code learningRate} or {@code seconds}
     *     negative
     */
    public EpochRecord {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch counts from 1, got " + epoch);
        }
        if (!(learningRate >= 0) || !(seconds >= 0)) {
            throw new IllegalArgumentException("learning rate and seconds must be non-negative, got "
                + learningRate + " and " + seconds);
        }
    }
}
