package dev.btag.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * The loss and accuracy of one batch, with or without per-jet weights: the trainer's single place for both, used for
 * training and validation batches alike.
 *
 * <p>Labels {@code NDList[oneHot (B, classes)]}: the loss is the given {@link Loss} (the trainer's categorical
 * cross-entropy on logits, mean over the B jets, an all-zero "undefined" row contributing 0 but counting in B, as
 * Keras does), the accuracy counts the jets whose arg-max prediction equals the arg-max label, and the batch's weight
 * is B.
 *
 * <p>Labels {@code NDList[oneHot (B, classes), weight (B)]} (a {@link dev.btag.data.dataset.JetDataset} over weighted
 * columns): the loss is the weighted mean of the per-jet categorical cross-entropies,
 * {@code Σ w_i CE_i / Σ w_i}, the accuracy sums the weights of the correct jets, and the batch's weight is
 * {@code Σ w_i}. Epoch figures are then {@code Σ over batches (loss × weight) / Σ weight}: the weighted mean over all
 * jets of the epoch, so that the validation loss that early stopping and the learning-rate plateau watch is
 * weighted too. With every weight 1 this equals the unweighted loss (to float rounding), and with integer weights it
 * equals the loss of a sample in which each jet appears as many times as its weight. A batch whose weights are all
 * 0 has loss 0 and no gradient. (Keras' {@code sample_weight} divides by B instead of {@code Σ w_i}; the two differ
 * by the batch's mean weight, a factor that changes the step size but not the direction, and that Adam largely
 * absorbs. Dividing by {@code Σ w_i} makes the loss independent of the weights' overall scale.)
 */
public final class JetLoss {

    private JetLoss() {
    }

    /**
     * A batch's (or a device's part of a batch's) loss.
     *
     * @param value the scalar loss to back-propagate
     * @param loss its value
     * @param weight the batch's weight: its jet count, or its summed weights
     * @param correct the number (or summed weight) of correctly classified jets
     */
    public record Part(NDArray value, double loss, double weight, double correct) {
    }

    /**
     * Evaluates a batch.
     *
     * @param loss the unweighted loss (categorical cross-entropy on logits, as the trainer builds it)
     * @param labels the batch's labels: one-hot, and optionally the per-jet weights
     * @param predictions the batch's logits
     * @return the loss, weight and correct count
     */
    public static Part evaluate(Loss loss, NDList labels, NDList predictions) {
        NDArray logits = predictions.head();
        NDArray oneHot = labels.head();
        NDArray hits = logits.argMax(1).eq(oneHot.argMax(1));
        if (labels.size() < 2) {
            NDArray value = loss.evaluate(labels, predictions);
            long jets = logits.getShape().get(0);
            return new Part(value, value.getFloat(), jets, hits.countNonzero().getLong());
        }
        NDArray weights = labels.get(1);
        float total = weights.sum().getFloat();
        NDArray perJet = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
        NDArray value = perJet.mul(weights).sum().div(Math.max(total, Float.MIN_NORMAL));
        double correct = hits.toType(DataType.FLOAT32, false).mul(weights).sum().getFloat();
        return new Part(value, value.getFloat(), total, correct);
    }
}
