package dev.btag.models.train;

/** Which weights a tagger holds after {@link TaggerTrainer#fit}; see {@link TrainingResult#weightsEpoch()}. */
public enum FinalWeights {
    /**
     * The weights of the epoch with the lowest monitored loss, restored at the end of the run by
     * {@link EarlyStopping} with {@code restoreBest} on (btag's default; Keras' {@code restore_best_weights=True}).
     */
    BEST_EPOCH,
    /**
     * The weights after the last epoch that ran (Keras' {@code EarlyStopping} default, {@code
     * restore_best_weights=False}, which the notebooks use).
     */
    LAST_EPOCH
}
