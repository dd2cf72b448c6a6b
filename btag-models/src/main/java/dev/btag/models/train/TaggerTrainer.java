package dev.btag.models.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
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
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.dataset.JetDataset;
import dev.btag.models.EpochRecord;
import dev.btag.models.InferenceMode;
import dev.btag.models.Tagger;
import dev.btag.models.TrainingHistory;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.io.TaggerFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Trains a {@link Tagger} like the tutorial's {@code model.fit}: Adam ({@link TaggerAdam}), categorical
 * cross-entropy on one-hot labels (DJL's {@code SoftmaxCrossEntropyLoss} on logits with {@code sparseLabel=false},
 * so an all-zero "undefined" row contributes 0 to the batch mean as in Keras), and the callbacks EarlyStopping
 * ({@link EarlyStopping}, restoring the best weights at the end), ReduceLROnPlateau ({@link PlateauLearningRate})
 * and TerminateOnNaN ({@link NonFiniteLossException}, checked on every batch before the update).
 *
 * <p>Each epoch: the engine and the tagger's dropout layers ({@link dev.btag.models.TaggerBlock#reseedDropout}) are
 * reseeded with a value derived from the seed and the epoch number (so dropout masks and a seeded DJL sampler's
 * shuffle are reproducible, and a resumed run repeats exactly what an uninterrupted one would
 * do), every training batch is forwarded, its loss back-propagated and Adam applied, then the validation batches are
 * forwarded without autograd. Batches are closed as soon as they are used, so native memory stays flat.
 *
 * <p>Checkpoints (when a directory is set), written atomically after each epoch: {@value #BEST_CHECKPOINT} (the
 * best epoch so far, a plain saved tagger) and {@value #LAST_CHECKPOINT} (the latest epoch plus the optimiser's
 * moments and update counts, the learning rate, and the callbacks' counters, in entries {@value #STATE_ENTRY} and
 * {@value #OPTIMIZER_ENTRY}). Resuming restores all of that, so the resumed run continues where it stopped.
 *
 * <p>Several devices (GPUs) train data-parallel: each batch is split across them and DJL's parameter server sums
 * the gradients.
 */
public final class TaggerTrainer {

    /** File name of the best-epoch checkpoint in the checkpoint directory. */
    public static final String BEST_CHECKPOINT = "best.btag";
    /** File name of the last-epoch checkpoint in the checkpoint directory. */
    public static final String LAST_CHECKPOINT = "last.btag";
    /** Checkpoint entry holding the trainer state (epoch, learning rate, callback counters). */
    public static final String STATE_ENTRY = "trainer-state.json";
    /** Checkpoint entry holding the optimiser state. */
    public static final String OPTIMIZER_ENTRY = "optimizer.bin";

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final TrainingOptions options;

    /**
     * Creates a trainer.
     *
     * @param options how to train
     */
    public TaggerTrainer(TrainingOptions options) {
        this.options = options;
    }

    /** Loss and accuracy sums over an epoch. */
    private static final class Totals {
        double loss;
        long correct;
        long jets;

        double meanLoss() {
            return jets == 0 ? Double.NaN : loss / jets;
        }

        double accuracy() {
            return jets == 0 ? Double.NaN : (double) correct / jets;
        }
    }

    /**
     * Trains the tagger in place; at the end it holds the weights of the best epoch.
     *
     * @param tagger a tagger from {@link Tagger#create}, not yet initialised (or, when resuming, of the same
     *     specification as the checkpoint)
     * @param data the training and validation batches
     * @return the history and outcome
     * @throws IOException if a checkpoint cannot be written or read
     * @throws TranslateException if the dataset fails to produce a batch
     * @throws NonFiniteLossException if a batch's loss is NaN or infinite
     */
    public TrainingResult fit(Tagger tagger, TrainingData data) throws IOException, TranslateException {
        Device[] devices = options.device().resolve();
        Engine engine = Engine.getInstance();
        options.log().accept("training the " + tagger.spec().architecture().cliName() + " tagger on "
            + Arrays.toString(devices) + " (" + engine.getEngineName() + " " + engine.getVersion() + ")");
        PlateauLearningRate schedule = new PlateauLearningRate(options.learningRate(), options.plateauFactor(),
            options.plateauPatience(), 1e-4, 0, 0f);
        TaggerAdam adam = new TaggerAdam(schedule);
        EarlyStopping early = new EarlyStopping(options.earlyStoppingPatience(), 0.0);
        Loss loss = new SoftmaxCrossEntropyLoss("loss", 1f, -1, false, true);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(adam).optDevices(devices);
        Path dir = options.checkpointDir();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        engine.setRandomSeed(epochSeed(0));
        int start = 0;
        float[][] best = null;
        StopReason reason = StopReason.COMPLETED;
        try (Trainer trainer = tagger.model().newTrainer(config)) {
            trainer.initialize(tagger.spec().inputShapes(1));
            Map<String, String> names = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : tagger.block().getParameters()) {
                names.put(p.getValue().getId(), p.getKey());
            }
            adam.nameParameters(names);
            Path last = dir == null ? null : dir.resolve(LAST_CHECKPOINT);
            if (options.resume() && last != null && Files.exists(last)) {
                start = restore(last, tagger, adam, schedule, early);
                Path bestFile = dir.resolve(BEST_CHECKPOINT);
                if (Files.exists(bestFile)) {
                    try (Tagger saved = TaggerFile.load(bestFile, Device.cpu())) {
                        best = snapshot(saved);
                    }
                }
                options.log().accept("resumed from " + last + " after epoch " + start + ", learning rate "
                    + schedule.rate());
                if (early.shouldStop()) {
                    reason = StopReason.EARLY_STOPPING;
                }
            }
            for (int epoch = start + 1; epoch <= options.epochs() && reason == StopReason.COMPLETED; epoch++) {
                long t0 = System.nanoTime();
                float rate = schedule.rate();
                engine.setRandomSeed(epochSeed(epoch));
                tagger.block().reseedDropout(epochSeed(epoch));
                Totals train = trainEpoch(trainer, loss, data.train(), epoch, devices);
                Totals val = data.validation() == null ? null : validate(trainer, loss, data.validation(), devices);
                double seconds = (System.nanoTime() - t0) / 1e9;
                EpochRecord record = new EpochRecord(epoch, train.meanLoss(),
                    val == null ? Double.NaN : val.meanLoss(), train.accuracy(),
                    val == null ? Double.NaN : val.accuracy(), rate, seconds);
                tagger.recordHistory(tagger.history().firstEpochs(epoch - 1).plus(record));
                double monitored = val == null ? record.loss() : record.valLoss();
                if (early.update(epoch, monitored)) {
                    best = snapshot(tagger);
                    if (dir != null) {
                        TaggerFile.save(tagger, dir.resolve(BEST_CHECKPOINT));
                    }
                }
                if (schedule.onEpochEnd(monitored)) {
                    options.log().accept(String.format(Locale.ROOT,
                        "epoch %d: ReduceLROnPlateau reducing learning rate to %.3g", epoch, schedule.rate()));
                }
                if (early.shouldStop()) {
                    reason = StopReason.EARLY_STOPPING;
                }
                if (last != null) {
                    TaggerFile.save(tagger, last, checkpointEntries(epoch, adam, schedule, early));
                }
                options.log().accept(String.format(Locale.ROOT,
                    "epoch %d/%d: loss %.4f, val_loss %.4f, accuracy %.4f, val_accuracy %.4f, lr %.3g, %.1f s",
                    epoch, options.epochs(), record.loss(), record.valLoss(), record.accuracy(),
                    record.valAccuracy(), rate, seconds));
                if (reason == StopReason.EARLY_STOPPING) {
                    options.log().accept("epoch " + epoch + ": early stopping (no improvement for "
                        + options.earlyStoppingPatience() + " epochs); best epoch " + early.bestEpoch());
                }
                options.listener().onEpochEnd(record);
            }
        }
        if (best != null) {
            restoreWeights(tagger, best);
            options.log().accept("restored the weights of the best epoch " + early.bestEpoch());
        }
        return new TrainingResult(tagger.history(), early.bestEpoch(), early.best(), reason,
            Arrays.toString(devices), start);
    }

    private int epochSeed(int epoch) {
        return (int) (options.seed() * 1_000_003L + epoch * 7919L);
    }

    private Totals trainEpoch(Trainer trainer, Loss loss, Dataset dataset, int epoch, Device[] devices)
            throws IOException, TranslateException {
        Totals totals = new Totals();
        long batchNumber = 0;
        ProgressBar bar = null;
        try {
            for (Batch batch : batches(trainer, dataset, epoch)) {
                try (batch) {
                    batchNumber++;
                    if (bar == null && options.progress() != null) {
                        long jets = dataset instanceof RandomAccessDataset ? ((RandomAccessDataset) dataset).size()
                            : -1;
                        bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch,
                                options.epochs()))
                            .setInitialMax(jets).setUnit(" jets", 1).setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(250)
                            .setConsumer(new ConsoleProgressBarConsumer(options.progress())).build();
                    }
                    Batch[] parts = devices.length == 1 ? new Batch[] {batch} : batch.split(devices, false);
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        for (Batch part : parts) {
                            NDList labels = part.getLabels();
                            NDList predictions = trainer.forward(part.getData(), labels);
                            NDArray value = loss.evaluate(labels, predictions);
                            float lossValue = value.getFloat();
                            if (!Float.isFinite(lossValue)) {
                                throw new NonFiniteLossException(epoch, batchNumber, lossValue);
                            }
                            collector.backward(value);
                            totals.loss += (double) lossValue * part.getSize();
                            totals.correct += correct(predictions.head(), labels.head());
                            totals.jets += part.getSize();
                        }
                    }
                    trainer.step();
                    if (bar != null) {
                        bar.stepBy(batch.getSize());
                        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", totals.meanLoss()));
                    }
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
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
                        totals.loss += (double) loss.evaluate(part.getLabels(), predictions).getFloat()
                            * part.getSize();
                        totals.correct += correct(predictions.head(), part.getLabels().head());
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
     * The batches of an epoch: a {@link JetDataset} gives the seeded order of that epoch explicitly (so a resumed
     * run sees the same order as an uninterrupted one); any other dataset is iterated as DJL does.
     */
    private static Iterable<Batch> batches(Trainer trainer, Dataset dataset, int epoch)
            throws IOException, TranslateException {
        if (dataset instanceof JetDataset) {
            return ((JetDataset) dataset).batches(trainer.getManager(), epoch - 1);
        }
        return trainer.iterateDataset(dataset);
    }

    /** Keras' categorical accuracy: argmax of the prediction equals argmax of the one-hot label. */
    private static long correct(NDArray logits, NDArray oneHot) {
        return logits.argMax(1).eq(oneHot.argMax(1)).countNonzero().getLong();
    }

    private static float[][] snapshot(Tagger tagger) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : tagger.block().getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values.toArray(new float[0][]);
    }

    private static void restoreWeights(Tagger tagger, float[][] values) {
        int i = 0;
        InferenceMode inference = InferenceMode.enter();
        try {
            for (Pair<String, Parameter> p : tagger.block().getParameters()) {
                p.getValue().getArray().set(values[i++]);
            }
        } finally {
            inference.close();
        }
    }

    private Map<String, byte[]> checkpointEntries(int epoch, TaggerAdam adam, PlateauLearningRate schedule,
            EarlyStopping early) {
        JsonObject state = new JsonObject();
        state.addProperty("epoch", epoch);
        state.addProperty("seed", options.seed());
        state.addProperty("learningRate", schedule.rate());
        JsonObject plateau = new JsonObject();
        plateau.addProperty("best", schedule.best());
        plateau.addProperty("wait", schedule.waitCount());
        plateau.addProperty("cooldown", schedule.cooldownLeft());
        state.add("plateau", plateau);
        JsonObject stopping = new JsonObject();
        stopping.addProperty("best", early.best());
        stopping.addProperty("bestEpoch", early.bestEpoch());
        stopping.addProperty("wait", early.waitCount());
        state.add("earlyStopping", stopping);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(STATE_ENTRY, GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
        entries.put(OPTIMIZER_ENTRY, adam.exportState());
        return entries;
    }

    private int restore(Path last, Tagger tagger, TaggerAdam adam, PlateauLearningRate schedule, EarlyStopping early)
            throws IOException {
        JsonObject state;
        try {
            state = JsonParser.parseString(new String(TaggerFile.readEntry(last, STATE_ENTRY),
                StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new TaggerFormatException(last, "damaged trainer state: " + e.getMessage(), e);
        }
        try (Tagger saved = TaggerFile.load(last, Device.cpu())) {
            if (!saved.spec().equals(tagger.spec())) {
                throw new TaggerFormatException(last, "the checkpoint holds a different tagger (" + saved.spec()
                    + ") than the one to train (" + tagger.spec() + "); remove it or train into another directory");
            }
            if (state.get("seed").getAsLong() != options.seed()) {
                options.log().accept("warning: the checkpoint was trained with seed " + state.get("seed")
                    + ", resuming with seed " + options.seed());
            }
            restoreWeights(tagger, snapshot(saved));
            tagger.recordHistory(saved.history());
        }
        adam.importState(TaggerFile.readEntry(last, OPTIMIZER_ENTRY), tagger.model().getNDManager());
        JsonObject plateau = state.getAsJsonObject("plateau");
        schedule.restore(state.get("learningRate").getAsFloat(), plateau.get("best").getAsDouble(),
            plateau.get("wait").getAsInt(), plateau.get("cooldown").getAsInt());
        JsonObject stopping = state.getAsJsonObject("earlyStopping");
        early.restore(stopping.get("best").getAsDouble(), stopping.get("bestEpoch").getAsInt(),
            stopping.get("wait").getAsInt());
        return state.get("epoch").getAsInt();
    }
}
