package dev.btag.models.train;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.btag.models.EpochRecord;
import dev.btag.models.InferenceMode;
import dev.btag.models.Tagger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One training run as its {@link TrainingListener}s see it: the tagger being trained, the run's settings, the
 * learning rate (which listeners may change), a stop request, and copies of the weights. Created by
 * {@link TaggerTrainer#fit} for each run; it also owns the run's optimiser ({@link TaggerAdam}, reading
 * {@link #learningRate()} at every update). Listeners are called from one thread; the learning rate may also be read
 * by the optimiser from other threads.
 */
public final class TrainingContext {

    private final Tagger tagger;
    private final TrainingOptions options;
    private final Device[] devices;
    private final boolean validation;
    private final long trainingJets;
    private final List<TrainingListener> listeners;
    private final TaggerAdam optimizer;
    private volatile float learningRate;
    private int resumedEpochs;
    private int weightsEpoch;
    private StopReason stopReason;
    private Throwable failure;

    TrainingContext(Tagger tagger, TrainingOptions options, Device[] devices, boolean validation, long trainingJets) {
        this.tagger = tagger;
        this.options = options;
        this.devices = devices.clone();
        this.validation = validation;
        this.trainingJets = trainingJets;
        this.listeners = options.listeners();
        this.learningRate = options.learningRate();
        this.optimizer = new TaggerAdam(numUpdate -> learningRate);
    }

    /**
     * Returns the tagger being trained.
     *
     * @return the tagger; its weights change with every batch
     */
    public Tagger tagger() {
        return tagger;
    }

    /**
     * Returns the run's settings.
     *
     * @return the options
     */
    public TrainingOptions options() {
        return options;
    }

    /**
     * Returns the total number of epochs of the run (resumed epochs included).
     *
     * @return {@code options().epochs()}
     */
    public int epochs() {
        return options.epochs();
    }

    /**
     * Returns the devices that train.
     *
     * @return a copy, for example {@code [cpu()]}
     */
    public Device[] devices() {
        return devices.clone();
    }

    /**
     * Tells whether the run has a validation set.
     *
     * @return {@code true} when the epochs report a validation loss
     */
    public boolean hasValidation() {
        return validation;
    }

    /**
     * Returns the number of training jets per epoch, when the dataset knows it.
     *
     * @return the count, or -1 when unknown
     */
    public long trainingJets() {
        return trainingJets;
    }

    /**
     * Returns the loss the callbacks monitor, as Keras' {@code monitor='val_loss'} with a fallback: the validation
     * loss when the run has a validation set, the training loss otherwise.
     *
     * @param record an epoch of this run
     * @return the monitored loss; NaN when the epoch diverged
     */
    public double monitoredLoss(EpochRecord record) {
        return validation ? record.valLoss() : record.loss();
    }

    /**
     * Returns the number of epochs restored from a checkpoint.
     *
     * @return 0 for a fresh run
     */
    public int resumedEpochs() {
        return resumedEpochs;
    }

    /**
     * Returns the learning rate Adam uses for its next update.
     *
     * @return the rate, initially {@link TrainingOptions#learningRate()}
     */
    public float learningRate() {
        return learningRate;
    }

    /**
     * Changes the learning rate from the next update on (the rate of an epoch is recorded as it was when the epoch
     * began). The rate is part of the checkpoint.
     *
     * @param rate positive and finite
     * @throws IllegalArgumentException for another value
     */
    public void setLearningRate(float rate) {
        if (!(rate > 0) || !Float.isFinite(rate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + rate);
        }
        this.learningRate = rate;
    }

    /**
     * Asks the trainer to stop after the current epoch (no further epoch begins; the current one still ends and
     * its listeners run). The first request's reason is kept.
     *
     * @param reason why, for {@link TrainingResult#stopReason()}; not {@link StopReason#COMPLETED}
     * @throws IllegalArgumentException for {@link StopReason#COMPLETED}
     */
    public void requestStop(StopReason reason) {
        if (Objects.requireNonNull(reason, "reason") == StopReason.COMPLETED) {
            throw new IllegalArgumentException("a stop request needs a reason other than COMPLETED");
        }
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /**
     * Tells whether a listener asked to stop.
     *
     * @return {@code true} after {@link #requestStop(StopReason)}
     */
    public boolean stopRequested() {
        return stopReason != null;
    }

    /**
     * Returns why the run stops (so far).
     *
     * @return the requested reason, or {@link StopReason#COMPLETED} when no stop was requested
     */
    public StopReason stopReason() {
        return stopReason == null ? StopReason.COMPLETED : stopReason;
    }

    /**
     * Returns the exception that is ending the run, for {@link TrainingListener#onTrainingEnd}.
     *
     * @return the exception, or {@code null} while the run is going well
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * Writes a line to the run's log ({@link TrainingOptions#log()}).
     *
     * @param line the line, without a line break
     */
    public void log(String line) {
        options.log().accept(line);
    }

    /**
     * Copies the tagger's weights to the JVM heap (all parameters, in block order).
     *
     * @return one array per parameter, owned by the caller
     */
    public float[][] copyWeights() {
        return weightsOf(tagger);
    }

    static float[][] weightsOf(Tagger tagger) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : tagger.block().getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values.toArray(new float[0][]);
    }

    /**
     * Replaces the tagger's weights with a copy from {@link #copyWeights()}.
     *
     * @param weights one array per parameter, in block order, as {@link #copyWeights()} gives them
     * @param epoch the epoch those weights come from, for {@link TrainingResult#weightsEpoch()}
     * @throws IllegalArgumentException if the number or the sizes of the arrays do not match the parameters
     */
    public void restoreWeights(float[][] weights, int epoch) {
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> p : tagger.block().getParameters()) {
            parameters.add(p.getValue());
        }
        if (parameters.size() != weights.length) {
            throw new IllegalArgumentException("the tagger has " + parameters.size() + " parameters, got "
                + weights.length + " arrays");
        }
        for (int i = 0; i < weights.length; i++) {
            if (parameters.get(i).getArray().size() != weights[i].length) {
                throw new IllegalArgumentException("parameter " + parameters.get(i).getName() + " holds "
                    + parameters.get(i).getArray().size() + " values, got " + weights[i].length);
            }
        }
        InferenceMode inference = InferenceMode.enter();
        try {
            for (int i = 0; i < weights.length; i++) {
                parameters.get(i).getArray().set(weights[i]);
            }
        } finally {
            inference.close();
        }
        weightsEpoch = epoch;
    }

    /**
     * Returns the epoch whose weights the tagger holds.
     *
     * @return the last epoch that ran, or the epoch given to the last {@link #restoreWeights}; 0 before any
     */
    public int weightsEpoch() {
        return weightsEpoch;
    }

    List<TrainingListener> listeners() {
        return listeners;
    }

    TaggerAdam optimizer() {
        return optimizer;
    }

    void resumed(int epochs) {
        resumedEpochs = epochs;
        weightsEpoch = epochs;
    }

    void epochDone(int epoch) {
        weightsEpoch = epoch;
    }

    void fail(Throwable cause) {
        failure = cause;
    }
}
