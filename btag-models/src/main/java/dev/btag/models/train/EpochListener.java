package dev.btag.models.train;

import dev.btag.models.EpochRecord;

/**
 * Called by the trainer after each epoch, once the epoch's checkpoints are written. An exception thrown here ends
 * training and propagates to the caller (the checkpoints stay, so training can be resumed).
 */
@FunctionalInterface
public interface EpochListener {

    /**
     * Receives the record of the epoch that just ended.
     *
     * @param record the epoch's loss, accuracy, learning rate and time
     */
    void onEpochEnd(EpochRecord record);
}
