package dev.btag.models.train;

import dev.btag.models.TrainingHistory;

/**
 * The outcome of {@link TaggerTrainer#fit}.
 *
 * @param history every epoch of the run, including those before a resume
 * @param bestEpoch the epoch with the lowest monitored loss (validation loss, or training loss without
 *     validation), whose weights the tagger holds at the end; 0 if no epoch ran
 * @param bestLoss that loss
 * @param stopReason why the run ended
 * @param devices the devices that ran the training, for example {@code [cpu()]}
 * @param resumedFromEpoch the number of epochs restored from a checkpoint, 0 for a fresh run
 */
public record TrainingResult(TrainingHistory history, int bestEpoch, double bestLoss, StopReason stopReason,
        String devices, int resumedFromEpoch) {
}
