package dev.btag.models.train;

/** Why a training run ended normally. (A NaN loss ends it with a {@link NonFiniteLossException} instead.) */
public enum StopReason {
    /** All requested epochs ran. */
    COMPLETED,
    /** Early stopping: the monitored loss did not improve for {@code patience} epochs. */
    EARLY_STOPPING,
    /** Another listener asked to stop ({@link TrainingContext#requestStop(StopReason)}). */
    LISTENER_REQUEST
}
