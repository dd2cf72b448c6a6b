package dev.btag.models.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.dataset.StreamingJetDataset;
import dev.btag.models.EpochRecord;
import dev.btag.models.InferenceMode;
import dev.btag.models.Tagger;
import dev.btag.models.TrainingHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link Tagger} like the tutorial's {@code model.fit}: Adam ({@link TaggerAdam}) and categorical
 * cross-entropy on one-hot labels (DJL's {@code SoftmaxCrossEntropyLoss} on logits with {@code sparseLabel=false},
 * so an all-zero "undefined" row contributes 0 to the batch mean as in Keras), with the
 * {@link TrainingListener}s of the {@link TrainingOptions} (with per-jet weights when the batches carry them: see
 * {@link JetLoss}): by default the tutorial's callbacks TerminateOnNaN
 * ({@link TerminateOnNaN}, checked on every batch before the update), EarlyStopping ({@link EarlyStopping},
 * restoring the best weights at the end) and ReduceLROnPlateau ({@link PlateauLearningRate}), a progress display
 * and log lines, and checkpoints when a directory is set.
 *
 * <p>Each epoch: the engine and the tagger's dropout layers ({@link dev.btag.models.TaggerBlock#reseedDropout}) are
 * reseeded with a value derived from the seed and the epoch number (so dropout masks and a seeded DJL sampler's
 * shuffle are reproducible, and a resumed run repeats exactly what an uninterrupted one would do), every training
 * batch is forwarded, its loss back-propagated, the listeners see it, and Adam applies it; then the validation
 * batches are forwarded without autograd, the epoch joins the tagger's history and the listeners see it. Batches
 * are closed as soon as they are used, so native memory stays flat.
 *
 * <p>Checkpoints ({@link CheckpointListener}, when a directory is set): {@value #BEST_CHECKPOINT} (the best epoch so
 * far, a plain saved tagger) and {@value #LAST_CHECKPOINT} (the latest epoch plus the optimiser's moments and update
 * counts, the learning rate and every listener's {@link TrainingListener#exportState() state}, in entries
 * {@value #STATE_ENTRY} and {@value #OPTIMIZER_ENTRY}). Resuming ({@link TrainingOptions#resume()}) restores all of
 * that, so the resumed run continues where it stopped.
 *
 * <p>Several devices (GPUs) train data-parallel: each batch is split across them and DJL's parameter server sums
 * the gradients. A trainer may run several fits one after the other, each with its own {@link TrainingContext}; it
 * is not thread-safe. Different trainers may fit different taggers in parallel threads: the engine's seeding and the
 * drawing of the initial weights are done under one process-wide lock, so each fit starts from the weights its seed
 * gives, whatever runs beside it (the engine's thread count is shared, see {@code dev.btag.models.scan.ModelScan}).
 */
public final class TaggerTrainer {

    /** File name of the best-epoch checkpoint in the checkpoint directory. */
    public static final String BEST_CHECKPOINT = "best.btag";
    /** File name of the last-epoch checkpoint in the checkpoint directory. */
    public static final String LAST_CHECKPOINT = "last.btag";
    /** Checkpoint entry holding the trainer state (epoch, learning rate, listener state). */
    public static final String STATE_ENTRY = "trainer-state.json";
    /** Checkpoint entry holding the optimiser state. */
    public static final String OPTIMIZER_ENTRY = "optimizer.bin";

    /**
     * Held while the engine's random seed is set and while the initial weights are drawn from it: the engine's
     * generator is one per process, so trainings in parallel threads (a {@code ModelScan}) would otherwise draw
     * their initial weights from each other's seeds and depend on the timing.
     */
    private static final Object ENGINE_RANDOM = new Object();

    private final TrainingOptions options;

    /**
     * Creates a trainer.
     *
     * @param options how to train
     */
    public TaggerTrainer(TrainingOptions options) {
        this.options = options;
    }

    /** Loss and accuracy sums over an epoch: sums of per-jet values times weights (1 without weights). */
    private static final class Totals {
        double loss;
        double correct;
        double weight;
        long jets;

        double meanLoss() {
            return weight == 0 ? Double.NaN : loss / weight;
        }

        double accuracy() {
            return weight == 0 ? Double.NaN : correct / weight;
        }

        void add(JetLoss.Part part) {
            loss += part.loss() * part.weight();
            correct += part.correct();
            weight += part.weight();
        }
    }

    /**
     * Trains the tagger in place; at the end it holds the weights that {@link TrainingResult#finalWeights()} names
     * (by default those of the best epoch).
     *
     * @param tagger a tagger from {@link Tagger#create}, not yet initialised (or, when resuming, of the same
     *     specification as the checkpoint)
     * @param data the training and validation batches
     * @return the history and outcome
     * @throws IOException if a checkpoint cannot be written or read
     * @throws TranslateException if the dataset fails to produce a batch
     * @throws NonFiniteLossException if a batch's loss is NaN or infinite (with {@link TerminateOnNaN})
     */
    public TrainingResult fit(Tagger tagger, TrainingData data) throws IOException, TranslateException {
        Device[] devices = options.device().resolve();
        long jets = data.train() instanceof RandomAccessDataset ? ((RandomAccessDataset) data.train()).size() : -1;
        TrainingContext context = new TrainingContext(tagger, options, devices, data.validation() != null, jets);
        Loss loss = new SoftmaxCrossEntropyLoss("loss", 1f, -1, false, true);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(context.optimizer())
            .optDevices(devices);
        try {
            try (Trainer trainer = tagger.model().newTrainer(config)) {
                synchronized (ENGINE_RANDOM) {
                    Engine.getInstance().setRandomSeed(epochSeed(0));
                    trainer.initialize(tagger.spec().inputShapes(1));
                }
                nameParameters(tagger, context.optimizer());
                begin(context);
                for (int epoch = context.resumedEpochs() + 1; epoch <= options.epochs() && !context.stopRequested();
                        epoch++) {
                    runEpoch(trainer, loss, data, context, epoch);
                }
            }
        } catch (UncheckedIOException e) {
            fail(context, e.getCause());
            throw e.getCause();
        } catch (IOException | TranslateException | RuntimeException | Error e) {
            fail(context, e);
            throw e;
        }
        for (TrainingListener l : context.listeners()) {
            l.onTrainingEnd(context);
        }
        return result(context, tagger.history(), devices);
    }

    /** Begins the run: the listeners' {@code onTrainingBegin}, then the resume from the last checkpoint, if any. */
    private void begin(TrainingContext context) throws IOException {
        for (TrainingListener l : context.listeners()) {
            l.onTrainingBegin(context);
        }
        Path dir = options.checkpointDir();
        Path last = dir == null ? null : dir.resolve(LAST_CHECKPOINT);
        if (options.resume() && last != null && Files.exists(last)) {
            int epoch = CheckpointState.restore(last, context);
            context.log("resumed from " + last + " after epoch " + epoch + ", learning rate "
                + context.learningRate());
        }
    }

    /** Tells the listeners that the run fails; their own exceptions join the failure as suppressed. */
    private static void fail(TrainingContext context, Throwable cause) {
        context.fail(cause);
        for (TrainingListener l : context.listeners()) {
            try {
                l.onTrainingEnd(context);
            } catch (RuntimeException | Error e) {
                cause.addSuppressed(e);
            }
        }
    }

    private void runEpoch(Trainer trainer, Loss loss, TrainingData data, TrainingContext context, int epoch)
            throws IOException, TranslateException {
        long t0 = System.nanoTime();
        float rate = context.learningRate();
        Tagger tagger = context.tagger();
        synchronized (ENGINE_RANDOM) {
            Engine.getInstance().setRandomSeed(epochSeed(epoch));
        }
        tagger.block().reseedDropout(epochSeed(epoch));
        for (TrainingListener l : context.listeners()) {
            l.onEpochBegin(context, epoch);
        }
        Totals train = trainEpoch(trainer, loss, data.train(), context, epoch);
        Totals val = data.validation() == null ? null
            : validate(trainer, loss, data.validation(), context.devices());
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochRecord record = new EpochRecord(epoch, train.meanLoss(), val == null ? Double.NaN : val.meanLoss(),
            train.accuracy(), val == null ? Double.NaN : val.accuracy(), rate, seconds);
        tagger.recordHistory(tagger.history().firstEpochs(epoch - 1).plus(record));
        context.epochDone(epoch);
        for (TrainingListener l : context.listeners()) {
            l.onEpochEnd(context, record);
        }
    }

    private int epochSeed(int epoch) {
        return (int) (options.seed() * 1_000_003L + epoch * 7919L);
    }

    private static Totals trainEpoch(Trainer trainer, Loss loss, Dataset dataset, TrainingContext context,
            int epoch) throws IOException, TranslateException {
        Device[] devices = context.devices();
        List<TrainingListener> listeners = context.listeners();
        Totals totals = new Totals();
        long batchNumber = 0;
        for (Batch batch : batches(trainer, dataset, epoch)) {
            try (batch) {
                batchNumber++;
                Batch[] parts = devices.length == 1 ? new Batch[] {batch} : batch.split(devices, false);
                Totals batchTotals = new Totals();
                try (GradientCollector collector = ThreadGradientCollector.open(trainer)) {
                    for (Batch part : parts) {
                        NDList labels = part.getLabels();
                        NDList predictions = trainer.forward(part.getData(), labels);
                        JetLoss.Part value = JetLoss.evaluate(loss, labels, predictions);
                        batchTotals.add(value);
                        batchTotals.jets += part.getSize();
                        collector.backward(value.value());
                    }
                }
                totals.loss += batchTotals.loss;
                totals.correct += batchTotals.correct;
                totals.weight += batchTotals.weight;
                totals.jets += batchTotals.jets;
                BatchRecord record = new BatchRecord(epoch, batchNumber, batchTotals.jets, batchTotals.meanLoss(),
                    totals.meanLoss());
                for (TrainingListener l : listeners) {
                    l.onTrainingBatch(context, record);
                }
                trainer.step();
            }
        }
        if (totals.jets == 0) {
            throw new IllegalArgumentException("the training dataset produced no batches");
        }
        return totals;
    }

    private static Totals validate(Trainer trainer, Loss loss, Dataset dataset, Device[] devices)
            throws IOException, TranslateException {
        Totals totals = new Totals();
        InferenceMode inference = InferenceMode.enter();
        try {
            for (Batch batch : batches(trainer, dataset, 1)) {
                try (batch) {
                    Batch[] parts = devices.length == 1 ? new Batch[] {batch} : batch.split(devices, false);
                    for (Batch part : parts) {
                        NDList predictions = trainer.evaluate(part.getData());
                        totals.add(JetLoss.evaluate(loss, part.getLabels(), predictions));
                        totals.jets += part.getSize();
                    }
                }
            }
        } finally {
            inference.close();
        }
        return totals;
    }

    /**
     * The batches of an epoch: a {@link JetDataset} or {@link StreamingJetDataset} gives the seeded order of that
     * epoch explicitly (so a resumed run sees the same order as an uninterrupted one); any other dataset is iterated
     * as DJL does.
     */
    private static Iterable<Batch> batches(Trainer trainer, Dataset dataset, int epoch)
            throws IOException, TranslateException {
        if (dataset instanceof JetDataset) {
            return ((JetDataset) dataset).batches(trainer.getManager(), epoch - 1);
        }
        if (dataset instanceof StreamingJetDataset streaming) {
            return streaming.batches(trainer.getManager(), epoch - 1);
        }
        return trainer.iterateDataset(dataset);
    }

    private static void nameParameters(Tagger tagger, TaggerAdam adam) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : tagger.block().getParameters()) {
            names.put(p.getValue().getId(), p.getKey());
        }
        adam.nameParameters(names);
    }

    /** The outcome: the best epoch from the history, and which weights the tagger holds. */
    private static TrainingResult result(TrainingContext context, TrainingHistory history, Device[] devices) {
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (EpochRecord r : history.epochs()) {
            double value = context.monitoredLoss(r);
            if (value < bestLoss) {
                bestLoss = value;
                bestEpoch = r.epoch();
            }
        }
        int weights = context.weightsEpoch();
        FinalWeights which = weights == bestEpoch && bestEpoch > 0 ? FinalWeights.BEST_EPOCH
            : FinalWeights.LAST_EPOCH;
        return new TrainingResult(history, bestEpoch, bestLoss, context.stopReason(), Arrays.toString(devices),
            context.resumedEpochs(), weights, which);
    }
}
