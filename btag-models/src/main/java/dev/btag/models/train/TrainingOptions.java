package dev.btag.models.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How {@link TaggerTrainer} trains: the tutorial's Keras settings by default (Adam with learning rate 1e-3,
 * EarlyStopping on the validation loss with patience 10 restoring the best weights, ReduceLROnPlateau with factor 0.1
 * and patience 2, TerminateOnNaN). This class is immutable; build it with {@link #builder()}.
 */
public final class TrainingOptions {

    private final int epochs;
    private final float learningRate;
    private final long seed;
    private final DeviceChoice device;
    private final int earlyStoppingPatience;
    private final int plateauPatience;
    private final float plateauFactor;
    private final Path checkpointDir;
    private final boolean resume;
    private final PrintStream progress;
    private final Consumer<String> log;
    private final EpochListener listener;

    private TrainingOptions(Builder b) {
        epochs = b.epochs;
        learningRate = b.learningRate;
        seed = b.seed;
        device = b.device;
        earlyStoppingPatience = b.earlyStoppingPatience;
        plateauPatience = b.plateauPatience;
        plateauFactor = b.plateauFactor;
        checkpointDir = b.checkpointDir;
        resume = b.resume;
        progress = b.progress;
        log = b.log;
        listener = b.listener;
    }

    /**
     * Starts a builder with the tutorial's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the total number of epochs (a resumed run counts the restored ones).
     *
     * @return the epoch count
     */
    public int epochs() {
        return epochs;
    }

    /**
     * Returns Adam's initial learning rate.
     *
     * @return the rate
     */
    public float learningRate() {
        return learningRate;
    }

    /**
     * Returns the seed of weight initialisation, shuffling and dropout.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns where training runs.
     *
     * @return the device choice
     */
    public DeviceChoice device() {
        return device;
    }

    /**
     * Returns the early-stopping patience in epochs.
     *
     * @return the patience
     */
    public int earlyStoppingPatience() {
        return earlyStoppingPatience;
    }

    /**
     * Returns the plateau patience in epochs.
     *
     * @return the patience
     */
    public int plateauPatience() {
        return plateauPatience;
    }

    /**
     * Returns the plateau reduction factor.
     *
     * @return the factor
     */
    public float plateauFactor() {
        return plateauFactor;
    }

    /**
     * Returns the checkpoint directory.
     *
     * @return the directory, or {@code null} when no checkpoints are written
     */
    public Path checkpointDir() {
        return checkpointDir;
    }

    /**
     * Tells whether to resume from the last checkpoint in {@link #checkpointDir()} when there is one.
     *
     * @return {@code true} to resume
     */
    public boolean resume() {
        return resume;
    }

    /**
     * Returns the stream of the per-epoch progress bar.
     *
     * @return the stream, or {@code null} for no bar
     */
    public PrintStream progress() {
        return progress;
    }

    /**
     * Returns where log lines go (device, epoch summaries, callbacks).
     *
     * @return the consumer
     */
    public Consumer<String> log() {
        return log;
    }

    /**
     * Returns the per-epoch listener.
     *
     * @return the listener (a no-op by default)
     */
    public EpochListener listener() {
        return listener;
    }

    /** Builds {@link TrainingOptions}; every setting is optional. */
    public static final class Builder {
        private int epochs = 50;
        private float learningRate = 1e-3f;
        private long seed = 42L;
        private DeviceChoice device = DeviceChoice.AUTO;
        private int earlyStoppingPatience = 10;
        private int plateauPatience = 2;
        private float plateauFactor = 0.1f;
        private Path checkpointDir;
        private boolean resume;
        private PrintStream progress;
        private Consumer<String> log = line -> { };
        private EpochListener listener = record -> { };

        private Builder() {
        }

        /**
         * Sets the total number of epochs (default 50).
         *
         * @param epochs at least 1
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets Adam's initial learning rate (default 1e-3).
         *
         * @param learningRate positive
         * @return this builder
         */
        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the seed (default 42). The same seed on the CPU gives identical weights and metrics.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets where training runs (default {@link DeviceChoice#AUTO}).
         *
         * @param device the choice
         * @return this builder
         */
        public Builder optDevice(DeviceChoice device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /**
         * Sets the early-stopping patience (default 10).
         *
         * @param patience at least 1
         * @return this builder
         */
        public Builder optEarlyStoppingPatience(int patience) {
            this.earlyStoppingPatience = patience;
            return this;
        }

        /**
         * Sets the plateau schedule (default factor 0.1, patience 2).
         *
         * @param factor in (0, 1)
         * @param patience at least 1
         * @return this builder
         */
        public Builder optPlateau(float factor, int patience) {
            this.plateauFactor = factor;
            this.plateauPatience = patience;
            return this;
        }

        /**
         * Sets the directory for the {@code best} and {@code last} checkpoints (default none).
         *
         * @param dir an existing or creatable directory
         * @return this builder
         */
        public Builder optCheckpointDir(Path dir) {
            this.checkpointDir = dir;
            return this;
        }

        /**
         * Resumes from the last checkpoint when one exists (default false); needs a checkpoint directory.
         *
         * @param resume whether to resume
         * @return this builder
         */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Shows a progress bar per epoch on the given stream (default none).
         *
         * @param stream for example {@code System.err}, or {@code null} for none
         * @return this builder
         */
        public Builder optProgress(PrintStream stream) {
            this.progress = stream;
            return this;
        }

        /**
         * Sets where log lines go (default nowhere).
         *
         * @param log the consumer
         * @return this builder
         */
        public Builder optLog(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Sets a listener called after each epoch.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder optListener(EpochListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if a value is out of range or resuming lacks a checkpoint directory
         */
        public TrainingOptions build() {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
            }
            if (earlyStoppingPatience < 1 || plateauPatience < 1 || !(plateauFactor > 0 && plateauFactor < 1)) {
                throw new IllegalArgumentException("callbacks need patiences >= 1 and a plateau factor in (0, 1), got "
                    + earlyStoppingPatience + ", " + plateauPatience + ", " + plateauFactor);
            }
            if (resume && checkpointDir == null) {
                throw new IllegalArgumentException("resuming needs a checkpoint directory");
            }
            return new TrainingOptions(this);
        }
    }
}
