package dev.btag.models.train;

import dev.btag.models.TrainingHistory;

/**
 * The outcome of {@link TaggerTrainer#fit}.
 *
 * @param history every epoch of the run, including those before a resume
 * @param bestEpoch the epoch with the lowest monitored loss (validation loss, or training loss without
 *     validation; the first of equal ones; NaN epochs never count); 0 if no epoch has a finite loss
 * @param bestLoss that loss, or +Infinity when {@code bestEpoch} is 0
 * @param stopReason why the run ended
 * @param devices the devices that ran the training, for example {@code [cpu()]}
 * @param resumedFromEpoch the number of epochs restored from a checkpoint, 0 for a fresh run
 * @param weightsEpoch the epoch whose weights the tagger holds at the end: {@code bestEpoch} when
 *     {@link EarlyStopping} restored the best weights, otherwise the last epoch of the history; 0 if none ran
 * @param finalWeights which weights these are: {@link FinalWeights#BEST_EPOCH} when {@code weightsEpoch} is the best
 *     epoch (restored, or the last epoch happened to be the best), {@link FinalWeights#LAST_EPOCH} when the tagger
 *     holds a last epoch that is not the best
 */
public record TrainingResult(TrainingHistory history, int bestEpoch, double bestLoss, StopReason stopReason,
        String devices, int resumedFromEpoch, int weightsEpoch, FinalWeights finalWeights) {
}
