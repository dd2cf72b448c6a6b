package dev.btag.models.train;

import dev.btag.models.EpochRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How {@link TaggerTrainer} trains: the tutorial's Keras settings by default (Adam with learning rate 1e-3, 50
 * epochs, seed 42) and the list of {@link TrainingListener}s that take part in the run. Build it with
 * {@link #builder()}.
 *
 * <p>The listeners, in call order:
 * <ol>
 *   <li>the callbacks, by default the tutorial's set ({@link #tutorialCallbacks}): a {@link ProgressListener} (when
 *       a progress stream is set), a {@link LoggingListener}, {@link TerminateOnNaN}, {@link EarlyStopping}
 *       (patience 10, restoring the best weights) and {@link PlateauLearningRate} (factor 0.1, patience 2), shaped
 *       by {@link Builder#optProgress}, {@link Builder#optEarlyStoppingPatience}, {@link Builder#optRestoreBest}
 *       and {@link Builder#optPlateau}; or the list given to {@link Builder#optListeners}, which replaces them;</li>
 *   <li>the listeners added with {@link Builder#addListener}, in the order added;</li>
 *   <li>a {@link CheckpointListener} when {@link Builder#optCheckpointDir} is set (after the others, so checkpoints
 *       hold their end-of-epoch state);</li>
 *   <li>the {@link EpochListener} of {@link Builder#optListener}, if any (after the checkpoint is written).</li>
 * </ol>
 *
 * <p>The options themselves are immutable, but the listeners they hold keep the state of the run they take part in
 * (each resets it when a run begins): the same options may serve consecutive runs, not concurrent ones.
 */
public final class TrainingOptions {

    private final int epochs;
    private final float learningRate;
    private final long seed;
    private final DeviceChoice device;
    private final Path checkpointDir;
    private final boolean resume;
    private final Consumer<String> log;
    private final List<TrainingListener> listeners;

    private TrainingOptions(Builder b, List<TrainingListener> listeners) {
        epochs = b.epochs;
        learningRate = b.learningRate;
        seed = b.seed;
        device = b.device;
        checkpointDir = b.checkpointDir;
        resume = b.resume;
        log = b.log;
        this.listeners = List.copyOf(listeners);
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
     * Returns the tutorial's callbacks as new instances: a {@link ProgressListener} on {@code progress} (if not
     * {@code null}), a {@link LoggingListener}, {@link TerminateOnNaN}, {@link EarlyStopping} (patience 10, best
     * weights restored) and {@link PlateauLearningRate} (factor 0.1, patience 2). This is the default of
     * {@link Builder#optListeners}; start from it to replace or reconfigure one of them.
     *
     * @param progress the progress stream ({@link ProgressMode#AUTO}), or {@code null} for no progress
     * @return a new modifiable list
     */
    public static List<TrainingListener> tutorialCallbacks(PrintStream progress) {
        return new ArrayList<>(builder().optProgress(progress).build().listeners());
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
     * Returns where log lines go (the {@link LoggingListener}'s lines and the callbacks' messages).
     *
     * @return the consumer
     */
    public Consumer<String> log() {
        return log;
    }

    /**
     * Returns the listeners of a run, in call order (see the class description).
     *
     * @return an unmodifiable list
     */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    /**
     * Finds the first listener of a type, for example the {@link EarlyStopping} in use.
     *
     * @param <T> the type
     * @param type the class
     * @return the listener, or {@code null} if the run has none of that type
     */
    public <T extends TrainingListener> T listener(Class<T> type) {
        for (TrainingListener l : listeners) {
            if (type.isInstance(l)) {
                return type.cast(l);
            }
        }
        return null;
    }

    /** Builds {@link TrainingOptions}; every setting is optional. Not thread-safe. */
    public static final class Builder {
        private int epochs = TrainingSettings.EPOCHS;
        private float learningRate = TrainingSettings.LEARNING_RATE;
        private long seed = TrainingSettings.SEED;
        private DeviceChoice device = DeviceChoice.AUTO;
        private Integer earlyStoppingPatience;
        private Boolean restoreBest;
        private Integer plateauPatience;
        private Float plateauFactor;
        private PrintStream progress;
        private ProgressMode progressMode = ProgressMode.AUTO;
        private boolean callbacksShaped;
        private Path checkpointDir;
        private boolean resume;
        private Consumer<String> log = line -> { };
        private EpochListener epochListener;
        private List<TrainingListener> callbacks;
        private final List<TrainingListener> added = new ArrayList<>();

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
         * Sets the patience of the default {@link EarlyStopping} (default 10).
         *
         * @param patience at least 1
         * @return this builder
         */
        public Builder optEarlyStoppingPatience(int patience) {
            this.earlyStoppingPatience = patience;
            callbacksShaped = true;
            return this;
        }

        /**
         * Chooses the weights the default {@link EarlyStopping} leaves in the tagger (default {@code true}: the
         * best epoch's; {@code false}: the last epoch's, as the notebooks' Keras {@code EarlyStopping}).
         *
         * @param restoreBest whether to restore the best epoch's weights at the end
         * @return this builder
         */
        public Builder optRestoreBest(boolean restoreBest) {
            this.restoreBest = restoreBest;
            callbacksShaped = true;
            return this;
        }

        /**
         * Sets the default {@link PlateauLearningRate}'s schedule (default factor 0.1, patience 2).
         *
         * @param factor in (0, 1)
         * @param patience at least 1
         * @return this builder
         */
        public Builder optPlateau(float factor, int patience) {
            this.plateauFactor = factor;
            this.plateauPatience = patience;
            callbacksShaped = true;
            return this;
        }

        /**
         * Shows the progress of each epoch on the given stream, as a bar on a terminal and one line per epoch
         * otherwise ({@link ProgressMode#AUTO}; default no progress).
         *
         * @param stream for example {@code System.err}, or {@code null} for none
         * @return this builder
         */
        public Builder optProgress(PrintStream stream) {
            return optProgress(stream, ProgressMode.AUTO);
        }

        /**
         * Shows the progress of each epoch on the given stream in the given form.
         *
         * @param stream for example {@code System.err}, or {@code null} for none
         * @param mode bar, one line per epoch, or {@link ProgressMode#AUTO}
         * @return this builder
         */
        public Builder optProgress(PrintStream stream, ProgressMode mode) {
            this.progress = stream;
            this.progressMode = Objects.requireNonNull(mode, "mode");
            callbacksShaped |= stream != null;
            return this;
        }

        /**
         * Replaces the tutorial's callbacks ({@link TrainingOptions#tutorialCallbacks}) with the given listeners;
         * the settings that shape the default callbacks ({@link #optEarlyStoppingPatience}, {@link #optRestoreBest},
         * {@link #optPlateau}, {@link #optProgress}) cannot be combined with it.
         *
         * @param listeners the callbacks, in call order; may be empty (training then runs every epoch with a fixed
         *     learning rate and no output)
         * @return this builder
         */
        public Builder optListeners(List<? extends TrainingListener> listeners) {
            this.callbacks = new ArrayList<>(listeners);
            this.callbacks.forEach(l -> Objects.requireNonNull(l, "listener"));
            return this;
        }

        /**
         * Adds a listener after the callbacks (and before the checkpoint listener).
         *
         * @param listener the listener; its {@link TrainingListener#name()} must differ from the others'
         * @return this builder
         */
        public Builder addListener(TrainingListener listener) {
            added.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets the directory for the {@code best} and {@code last} checkpoints (default none), which adds a
         * {@link CheckpointListener}.
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
         * Sets a listener called after each epoch, once the epoch's checkpoints are written (the last listener).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder optListener(EpochListener listener) {
            this.epochListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Validates and builds the options, with new instances of the default callbacks.
         *
         * @return the options
         * @throws IllegalArgumentException if a value is out of range, resuming lacks a checkpoint directory,
         *     {@link #optListeners} is combined with a setting of the default callbacks, or two listeners share a
         *     name
         */
        public TrainingOptions build() {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
            if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
            }
            if (resume && checkpointDir == null) {
                throw new IllegalArgumentException("resuming needs a checkpoint directory");
            }
            if (callbacks != null && callbacksShaped) {
                throw new IllegalArgumentException("optListeners replaces the default callbacks; configure the"
                    + " listeners you pass instead of optEarlyStoppingPatience, optRestoreBest, optPlateau and"
                    + " optProgress");
            }
            List<TrainingListener> all = new ArrayList<>(callbacks != null ? callbacks : defaultCallbacks());
            all.addAll(added);
            if (checkpointDir != null) {
                all.add(new CheckpointListener(checkpointDir));
            }
            if (epochListener != null) {
                all.add(new EpochListenerAdapter(epochListener));
            }
            Set<String> names = new HashSet<>();
            for (TrainingListener l : all) {
                if (!names.add(l.name())) {
                    throw new IllegalArgumentException("two training listeners are named '" + l.name()
                        + "'; give one another name() (checkpoints store listener state by name)");
                }
            }
            return new TrainingOptions(this, all);
        }

        private List<TrainingListener> defaultCallbacks() {
            List<TrainingListener> list = new ArrayList<>();
            if (progress != null) {
                list.add(new ProgressListener(progress, progressMode));
            }
            list.add(new LoggingListener());
            list.add(new TerminateOnNaN());
            EarlyStopping.Builder early = EarlyStopping.builder();
            if (earlyStoppingPatience != null) {
                early.optPatience(earlyStoppingPatience);
            }
            if (restoreBest != null) {
                early.optRestoreBest(restoreBest);
            }
            list.add(early.build());
            PlateauLearningRate.Builder plateau = PlateauLearningRate.builder();
            if (plateauFactor != null) {
                plateau.optFactor(plateauFactor).optPatience(plateauPatience);
            }
            list.add(plateau.build());
            return list;
        }
    }

    /** Calls an {@link EpochListener} at the end of each epoch. */
    private static final class EpochListenerAdapter implements TrainingListener {
        private final EpochListener listener;

        EpochListenerAdapter(EpochListener listener) {
            this.listener = listener;
        }

        @Override
        public String name() {
            return "EpochListener";
        }

        @Override
        public void onEpochEnd(TrainingContext context, EpochRecord record) {
            listener.onEpochEnd(record);
        }
    }
}
