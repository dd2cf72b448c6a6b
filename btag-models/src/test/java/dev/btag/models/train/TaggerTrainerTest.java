package dev.btag.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.btag.models.Architecture;
import dev.btag.models.EpochRecord;
import dev.btag.models.LearnableJets;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.JetInputs;
import dev.btag.models.predict.TaggerPredictor;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaggerTrainerTest {

    private static final LearnableJets JETS = new LearnableJets(1400, 7);
    private static final int TRAIN = 1000;

    private static TrainingData data(NDManager manager, int batchSize) {
        return new TrainingData(JETS.dataset(manager, 0, TRAIN, batchSize, true),
            JETS.dataset(manager, TRAIN, JETS.jets, 256, false));
    }

    private static TaggerSpec small(Architecture architecture) {
        TaggerSpec.Builder b = TaggerSpec.builder().setArchitecture(architecture);
        return architecture == Architecture.DNN ? b.build() : b.optHeadWidths(32, 16).optRecurrentUnits(16).build();
    }

    private static List<float[]> weights(Tagger tagger) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : tagger.block().getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    @Test
    void trainingLowersValidationLossAndSeparatesB() throws Exception {
        for (Architecture architecture : new Architecture[] {Architecture.DNN, Architecture.GRU}) {
            try (NDManager manager = NDManager.newBaseManager();
                 Tagger tagger = Tagger.create(small(architecture), LearnableJets.inputSpec(), Device.cpu())) {
                TrainingResult result = new TaggerTrainer(TrainingOptions.builder().optEpochs(3)
                    .optLearningRate(3e-3f).optDevice(DeviceChoice.CPU).build()).fit(tagger, data(manager, 32));
                List<EpochRecord> epochs = result.history().epochs();
                assertEquals(3, epochs.size());
                assertTrue(epochs.get(2).valLoss() < epochs.get(0).valLoss() - 0.02, architecture + ": " + epochs);
                assertEquals(StopReason.COMPLETED, result.stopReason());
                assertTrue(result.devices().contains("cpu"), result.devices());

                int n = JETS.jets - TRAIN;
                JetInputs inputs = new JetInputs(n, slice(JETS.features, TRAIN, n, LearnableJets.FEATURES),
                    slice(JETS.tracks, TRAIN, n, LearnableJets.TRACKS * LearnableJets.VARIABLES));
                float[] p;
                try (TaggerPredictor predictor = new TaggerPredictor(tagger, 100)) {
                    p = predictor.predict(inputs);
                }
                List<Double> score = new ArrayList<>();
                List<Boolean> signal = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int c = JETS.truth[TRAIN + i];
                    if (c < 0) {
                        continue;
                    }
                    score.add((double) p[i * 6] + p[i * 6 + 1] + p[i * 6 + 2]);
                    signal.add(c <= 2);
                }
                double auc = LearnableJets.auc(score.stream().mapToDouble(Double::doubleValue).toArray(),
                    toArray(signal));
                assertTrue(auc > 0.7, architecture + " AUC(b-like vs rest) = " + auc);
            }
        }
    }

    private static boolean[] toArray(List<Boolean> list) {
        boolean[] a = new boolean[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    private static float[] slice(float[] values, int fromJet, int jets, int perJet) {
        float[] out = new float[jets * perJet];
        System.arraycopy(values, fromJet * perJet, out, 0, out.length);
        return out;
    }

    private static List<float[]> train(TaggerSpec spec, TrainingOptions options) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
             Tagger tagger = Tagger.create(spec, LearnableJets.inputSpec(), Device.cpu())) {
            new TaggerTrainer(options).fit(tagger, data(manager, 64));
            List<float[]> w = weights(tagger);
            w.add(toFloats(tagger.history().epochs()));
            return w;
        }
    }

    private static float[] toFloats(List<EpochRecord> epochs) {
        float[] f = new float[epochs.size() * 5];
        for (int i = 0; i < epochs.size(); i++) {
            EpochRecord r = epochs.get(i);
            f[i * 5] = (float) r.loss();
            f[i * 5 + 1] = (float) r.valLoss();
            f[i * 5 + 2] = (float) r.accuracy();
            f[i * 5 + 3] = (float) r.valAccuracy();
            f[i * 5 + 4] = (float) r.learningRate();
        }
        return f;
    }

    private static void assertSameWeights(List<float[]> a, List<float[]> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "array " + i);
        }
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndMetrics() throws Exception {
        TaggerSpec spec = small(Architecture.LSTM);
        TrainingOptions options = TrainingOptions.builder().optEpochs(2).optSeed(11).optDevice(DeviceChoice.CPU)
            .build();
        List<float[]> first = train(spec, options);
        List<float[]> second = train(spec, options);
        assertSameWeights(first, second);
        List<float[]> other = train(spec, TrainingOptions.builder().optEpochs(2).optSeed(12)
            .optDevice(DeviceChoice.CPU).build());
        assertFalse(java.util.Arrays.equals(first.get(0), other.get(0)), "another seed gives other weights");
    }

    /** A user listener with state: the number of training batches and the sum of their losses so far. */
    private static final class BatchCounter implements TrainingListener {
        long batches;
        double lossSum;

        @Override
        public void onTrainingBegin(TrainingContext context) {
            batches = 0;
            lossSum = 0;
        }

        @Override
        public void onTrainingBatch(TrainingContext context, BatchRecord batch) {
            batches++;
            lossSum += batch.loss();
        }

        @Override
        public JsonObject exportState() {
            JsonObject o = new JsonObject();
            o.addProperty("batches", batches);
            o.addProperty("lossSum", lossSum);
            return o;
        }

        @Override
        public void restoreState(TrainingContext context, JsonObject state) {
            batches = state.get("batches").getAsLong();
            lossSum = state.get("lossSum").getAsDouble();
        }
    }

    @Test
    void resumeAfterInterruptionContinuesWhereItStopped(@TempDir Path dir) throws Exception {
        TaggerSpec spec = small(Architecture.CNN1X1);
        BatchCounter counter = new BatchCounter();
        List<float[]> uninterrupted = train(spec, TrainingOptions.builder().optEpochs(4).optSeed(5)
            .optPlateau(0.1f, 1).optDevice(DeviceChoice.CPU).addListener(counter).build());
        long batches = counter.batches;
        double lossSum = counter.lossSum;
        assertEquals(4 * 16, batches, "1000 jets in batches of 64, four epochs");

        Path checkpoints = dir.resolve("checkpoints");
        TrainingOptions.Builder interrupted = TrainingOptions.builder().optEpochs(4).optSeed(5).optPlateau(0.1f, 1)
            .optDevice(DeviceChoice.CPU).optCheckpointDir(checkpoints).optResume(true).addListener(counter);
        RuntimeException crash = assertThrows(RuntimeException.class, () -> train(spec, interrupted
            .optListener(record -> {
                if (record.epoch() == 2) {
                    throw new IllegalStateException("simulated crash after epoch 2");
                }
            }).build()));
        assertEquals("simulated crash after epoch 2", crash.getMessage());
        assertTrue(Files.exists(checkpoints.resolve(TaggerTrainer.LAST_CHECKPOINT)));
        assertEquals(2, TaggerFile.readMetadata(checkpoints.resolve(TaggerTrainer.LAST_CHECKPOINT))
            .getAsJsonObject("history").getAsJsonArray("epoch").size());

        List<String> log = new ArrayList<>();
        List<float[]> resumed = train(spec, interrupted.optListener(record -> { }).optLog(log::add).build());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("resumed from") && l.contains("after epoch 2")), log
            .toString());
        assertSameWeights(uninterrupted, resumed);
        assertEquals(batches, counter.batches, "a user listener's state is checkpointed and restored");
        assertEquals(lossSum, counter.lossSum);
        try (Stream<Path> files = Files.list(checkpoints)) {
            assertEquals(List.of("best.btag", "last.btag"), files.map(p -> p.getFileName().toString()).sorted()
                .toList(), "no temporary files are left behind");
        }
    }

    @Test
    void nanLossTerminatesNamingEpochAndBatch() throws Exception {
        LearnableJets jets = new LearnableJets(200, 3);
        jets.features[(2 * 32 + 5) * LearnableJets.FEATURES + 4] = Float.NaN;
        try (NDManager manager = NDManager.newBaseManager();
             Tagger tagger = Tagger.create(small(Architecture.DNN), LearnableJets.inputSpec(), Device.cpu())) {
            TrainingData data = new TrainingData(jets.dataset(manager, 0, 200, 32, false), null);
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> new TaggerTrainer(
                TrainingOptions.builder().optEpochs(2).optDevice(DeviceChoice.CPU).build()).fit(tagger, data));
            assertEquals(1, e.epoch());
            assertEquals(3, e.batch());
            assertTrue(e.getMessage().contains("epoch 1, batch 3"), e.getMessage());
        }
    }

    @Test
    void finalWeightsAreTheBestEpochsAndMatchTheBestCheckpoint(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
             Tagger tagger = Tagger.create(small(Architecture.DNN), LearnableJets.inputSpec(), Device.cpu())) {
            TrainingResult result = new TaggerTrainer(TrainingOptions.builder().optEpochs(4).optLearningRate(0.3f)
                .optDevice(DeviceChoice.CPU).optCheckpointDir(dir).build()).fit(tagger, data(manager, 32));
            double best = result.history().epochs().stream().mapToDouble(EpochRecord::valLoss).min().orElseThrow();
            assertEquals(best, result.bestLoss());
            assertEquals(FinalWeights.BEST_EPOCH, result.finalWeights());
            assertEquals(result.bestEpoch(), result.weightsEpoch());
            assertEquals(best, result.history().epochs().get(result.bestEpoch() - 1).valLoss());
            try (Tagger saved = TaggerFile.load(dir.resolve(TaggerTrainer.BEST_CHECKPOINT))) {
                assertSameWeights(weights(saved), weights(tagger));
                assertEquals(result.bestEpoch(), saved.history().size());
            }
            if (result.bestEpoch() != 4) {
                try (Tagger last = TaggerFile.load(dir.resolve(TaggerTrainer.LAST_CHECKPOINT))) {
                    assertNotEquals(weights(last).get(1)[0], weights(tagger).get(1)[0]);
                }
            }
        }
    }

    @Test
    void restoreBestOffKeepsTheLastEpochsWeightsAsTheNotebooksDo(@TempDir Path dir) throws Exception {
        List<List<float[]>> ends = new ArrayList<>();
        List<TrainingResult> results = new ArrayList<>();
        for (boolean restoreBest : new boolean[] {true, false}) {
            Path checkpoints = dir.resolve("restore-" + restoreBest);
            try (NDManager manager = NDManager.newBaseManager();
                 Tagger tagger = Tagger.create(small(Architecture.DNN), LearnableJets.inputSpec(), Device.cpu())) {
                TrainingResult result = new TaggerTrainer(TrainingOptions.builder().optEpochs(3)
                    .optLearningRate(0.3f).optDevice(DeviceChoice.CPU).optRestoreBest(restoreBest)
                    .optCheckpointDir(checkpoints).build()).fit(tagger, data(manager, 32));
                results.add(result);
                ends.add(weights(tagger));
                String expected = restoreBest ? TaggerTrainer.BEST_CHECKPOINT : TaggerTrainer.LAST_CHECKPOINT;
                try (Tagger saved = TaggerFile.load(checkpoints.resolve(expected))) {
                    assertSameWeights(weights(saved), weights(tagger));
                }
            }
        }
        TrainingResult best = results.get(0);
        TrainingResult last = results.get(1);
        assertArrayEquals(toFloats(best.history().epochs()), toFloats(last.history().epochs()),
            "the option changes only the weights kept at the end");
        assertNotEquals(3, best.bestEpoch(), "precondition: the last epoch is not the best at this learning rate");
        assertEquals(FinalWeights.BEST_EPOCH, best.finalWeights());
        assertEquals(best.bestEpoch(), best.weightsEpoch());
        assertEquals(FinalWeights.LAST_EPOCH, last.finalWeights());
        assertEquals(3, last.weightsEpoch());
        assertFalse(java.util.Arrays.equals(ends.get(0).get(1), ends.get(1).get(1)));
    }

    @Test
    void aUserListenerSeesEveryHookInOrderAndCanStopTheRun() throws Exception {
        List<String> events = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onTrainingBegin(TrainingContext context) {
                events.add("begin " + context.epochs());
            }

            @Override
            public void onEpochBegin(TrainingContext context, int epoch) {
                events.add("epoch " + epoch);
            }

            @Override
            public void onTrainingBatch(TrainingContext context, BatchRecord batch) {
                events.add("batch " + batch.batch() + " of " + batch.jets());
            }

            @Override
            public void onEpochEnd(TrainingContext context, EpochRecord record) {
                events.add("end " + record.epoch());
                if (record.epoch() == 2) {
                    context.requestStop(StopReason.LISTENER_REQUEST);
                }
            }

            @Override
            public void onTrainingEnd(TrainingContext context) {
                events.add("finish " + context.stopReason());
            }
        };
        LearnableJets jets = new LearnableJets(100, 2);
        try (NDManager manager = NDManager.newBaseManager();
             Tagger tagger = Tagger.create(small(Architecture.DNN), LearnableJets.inputSpec(), Device.cpu())) {
            TrainingResult result = new TaggerTrainer(TrainingOptions.builder().optEpochs(5)
                .optDevice(DeviceChoice.CPU).optListeners(List.of()).addListener(recorder).build())
                .fit(tagger, new TrainingData(jets.dataset(manager, 0, 100, 40, false), null));
            assertEquals(List.of("begin 5", "epoch 1", "batch 1 of 40", "batch 2 of 40", "batch 3 of 20", "end 1",
                "epoch 2", "batch 1 of 40", "batch 2 of 40", "batch 3 of 20", "end 2", "finish LISTENER_REQUEST"),
                events);
            assertEquals(StopReason.LISTENER_REQUEST, result.stopReason());
            assertEquals(2, result.history().size());
        }
    }

    @Test
    void progressIsOneLinePerEpochUnlessABarIsAsked() throws Exception {
        LearnableJets jets = new LearnableJets(100, 2);
        for (ProgressMode mode : new ProgressMode[] {ProgressMode.LINES, ProgressMode.BAR}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (NDManager manager = NDManager.newBaseManager();
                 PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
                 Tagger tagger = Tagger.create(small(Architecture.DNN), LearnableJets.inputSpec(), Device.cpu())) {
                new TaggerTrainer(TrainingOptions.builder().optEpochs(2).optDevice(DeviceChoice.CPU)
                    .optProgress(stream, mode).build())
                    .fit(tagger, new TrainingData(jets.dataset(manager, 0, 100, 25, false), null));
            }
            String out = bytes.toString(StandardCharsets.UTF_8);
            if (mode == ProgressMode.LINES) {
                assertFalse(out.contains("\r"), out);
                List<String> lines = out.lines().toList();
                assertEquals(2, lines.size(), out);
                assertTrue(lines.get(0).startsWith("epoch 1/2: 100 training jets, loss "), lines.get(0));
                assertTrue(lines.get(1).startsWith("epoch 2/2: 100 training jets, loss "), lines.get(1));
            } else {
                assertTrue(out.contains("\r") && out.contains("epoch 2/2"), out);
            }
        }
        if (System.console() == null) {
            assertEquals(ProgressMode.LINES, ProgressMode.AUTO.resolve(), "no console: one line per epoch");
        }
    }

    @Test
    void listenerSettingsAreValidated() {
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> TrainingOptions
            .builder().optListeners(TrainingOptions.tutorialCallbacks(null)).optEarlyStoppingPatience(3).build());
        assertTrue(mixed.getMessage().contains("optListeners"), mixed.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> TrainingOptions
            .builder().addListener(new TerminateOnNaN()).build());
        assertTrue(twice.getMessage().contains("TerminateOnNaN"), twice.getMessage());
        TrainingOptions options = TrainingOptions.builder().optRestoreBest(false).optEarlyStoppingPatience(4)
            .optCheckpointDir(Path.of("unused")).build();
        assertFalse(options.listener(EarlyStopping.class).restoreBest());
        assertEquals(4, options.listener(EarlyStopping.class).patience());
        List<String> names = options.listeners().stream().map(TrainingListener::name).toList();
        assertEquals(List.of("LoggingListener", "TerminateOnNaN", "EarlyStopping", "PlateauLearningRate",
            "CheckpointListener"), names);
    }

    @Test
    void resumingARunThatStoppedEarlyRunsNoEpochAndEndsWithTheSameBestWeights(@TempDir Path dir) throws Exception {
        TrainingOptions options = TrainingOptions.builder().optEpochs(8).optLearningRate(0.3f)
            .optEarlyStoppingPatience(1).optDevice(DeviceChoice.CPU).optCheckpointDir(dir).optResume(true).build();
        List<float[]> first;
        TrainingResult stopped;
        try (NDManager manager = NDManager.newBaseManager();
             Tagger tagger = Tagger.create(small(Architecture.DNN), LearnableJets.inputSpec(), Device.cpu())) {
            stopped = new TaggerTrainer(options).fit(tagger, data(manager, 32));
            first = weights(tagger);
        }
        assertEquals(StopReason.EARLY_STOPPING, stopped.stopReason(), "precondition: patience 1 stops early");
        List<String> log = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
             Tagger tagger = Tagger.create(small(Architecture.DNN), LearnableJets.inputSpec(), Device.cpu())) {
            TrainingResult resumed = new TaggerTrainer(TrainingOptions.builder().optEpochs(8).optLearningRate(0.3f)
                .optEarlyStoppingPatience(1).optDevice(DeviceChoice.CPU).optCheckpointDir(dir).optResume(true)
                .optLog(log::add).build()).fit(tagger, data(manager, 32));
            assertEquals(StopReason.EARLY_STOPPING, resumed.stopReason());
            assertEquals(stopped.history().size(), resumed.resumedFromEpoch());
            assertEquals(stopped.history().size(), resumed.history().size(), "no further epoch ran");
            assertEquals(stopped.bestEpoch(), resumed.weightsEpoch());
            assertSameWeights(first, weights(tagger));
            assertTrue(log.contains("restored the weights of the best epoch " + stopped.bestEpoch()), log.toString());
        }
    }
}
