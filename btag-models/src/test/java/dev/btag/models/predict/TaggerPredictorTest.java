package dev.btag.models.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.LearnableJets;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class TaggerPredictorTest {

    private static final LearnableJets JETS = new LearnableJets(500, 2);

    private static Tagger tagger() {
        Engine.getInstance().setRandomSeed(3);
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.GRU).optRecurrentUnits(8)
            .optHeadWidths(16).build();
        return Tagger.create(spec, LearnableJets.inputSpec(), Device.cpu()).initialize();
    }

    @Test
    void rowsAreProbabilitiesAndBatchingDoesNotChangeThem() throws Exception {
        JetInputs inputs = new JetInputs(JETS.jets, JETS.features, JETS.tracks);
        try (Tagger tagger = tagger(); TaggerPredictor whole = new TaggerPredictor(tagger);
             TaggerPredictor small = new TaggerPredictor(tagger, 7)) {
            float[] p = whole.predict(inputs);
            assertEquals(JETS.jets * 6, p.length);
            for (int i = 0; i < JETS.jets; i++) {
                double sum = 0;
                for (int c = 0; c < 6; c++) {
                    sum += p[i * 6 + c];
                }
                assertEquals(1.0, sum, 1e-5);
            }
            assertArrayEquals(p, small.predict(inputs), 1e-6f);
            assertEquals(0, whole.predict(new JetInputs(0, new float[0], new float[0])).length);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"DNN", "LSTM"})
    void equalsTheBlocksOwnSoftmaxOnStandardisedInputsAcrossPartialBatches(Architecture architecture)
            throws Exception {
        int n = 37;
        float[] features = Arrays.copyOf(JETS.features, n * LearnableJets.FEATURES);
        float[] tracks = Arrays.copyOf(JETS.tracks, n * LearnableJets.TRACKS * LearnableJets.VARIABLES);
        double[] means = new double[LearnableJets.FEATURES];
        double[] scales = new double[LearnableJets.FEATURES];
        for (int j = 0; j < means.length; j++) {
            means[j] = 0.1 * j - 0.5;
            scales[j] = 0.5 + 0.25 * j;
        }
        InputSpec standardising = new InputSpec(LearnableJets.inputSpec().featureNames(), means, scales,
            LearnableJets.TRACKS, LearnableJets.VARIABLES);
        Engine.getInstance().setRandomSeed(3);
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(architecture).optRecurrentUnits(8)
            .optHeadWidths(16).build();
        try (Tagger tagger = Tagger.create(spec, standardising, Device.cpu()).initialize();
             TaggerPredictor predictor = new TaggerPredictor(tagger, 8);
             NDManager manager = NDManager.newBaseManager()) {
            float[] standardised = features.clone();
            tagger.inputs().standardiseInPlace(standardised);
            NDList in = new NDList(manager.create(standardised, new Shape(n, LearnableJets.FEATURES)));
            if (architecture.usesTracks()) {
                in.add(manager.create(tracks, new Shape(n, LearnableJets.TRACKS, LearnableJets.VARIABLES)));
            }
            float[] expected = tagger.model().getBlock().forward(new ParameterStore(manager, false), in, false)
                .singletonOrThrow().softmax(1).toFloatArray();
            float[] once = predictor.predict(new JetInputs(n, features, architecture.usesTracks() ? tracks : null));
            assertArrayEquals(expected, once, 1e-6f);
            assertArrayEquals(once, predictor.predict(new JetInputs(n, features, tracks)));
            float[] firstJets = predictor.predict(new JetInputs(3, Arrays.copyOf(features,
                3 * LearnableJets.FEATURES), Arrays.copyOf(tracks, 3 * LearnableJets.TRACKS
                * LearnableJets.VARIABLES)));
            assertArrayEquals(Arrays.copyOf(expected, 3 * 6), firstJets, 1e-6f);
        }
    }

    @Test
    void aFileReadInChunksGivesTheRowsOfTheWholeBlock(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("jets.npz");
        SyntheticSample.writeFile(path, SyntheticSample.generate(4, 0, 23, 1), 4, 0);
        InputSpec inputs = InputSpec.unstandardised(FeatureSet.TUTORIAL.columnNames(), LearnableJets.TRACKS,
            LearnableJets.VARIABLES);
        Engine.getInstance().setRandomSeed(3);
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.CNN1X1).optHeadWidths(16).build();
        try (Tagger tagger = Tagger.create(spec, inputs, Device.cpu()).initialize();
             TaggerPredictor chunked = new TaggerPredictor(tagger, 3, 7);
             TaggerPredictor whole = new TaggerPredictor(tagger);
             TutorialFile file = TutorialFile.open(path)) {
            float[] expected = whole.predict(new JetInputs(23, file.features(FeatureSet.TUTORIAL, 0, 23),
                file.tracks(0, 23)));
            Predictions fromFile = chunked.predict(file);
            assertEquals(23, fromFile.jets());
            assertArrayEquals(expected, fromFile.probabilities(), 1e-6f);
        }
    }

    @Test
    void manyThreadsGetTheSameAnswer() throws Exception {
        JetInputs inputs = new JetInputs(JETS.jets, JETS.features, JETS.tracks);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Tagger tagger = tagger(); TaggerPredictor predictor = new TaggerPredictor(tagger, 64)) {
            float[] expected = predictor.predict(inputs);
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> predictor.predict(inputs)));
            }
            for (Future<float[]> f : results) {
                assertArrayEquals(expected, f.get(), 1e-6f);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void predictionsRoundTripThroughNpz(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("predictions.npz");
        JetInputs inputs = new JetInputs(JETS.jets, JETS.features, JETS.tracks);
        try (Tagger tagger = tagger(); TaggerPredictor predictor = new TaggerPredictor(tagger)) {
            Predictions predictions = predictor.predictAll(inputs);
            predictions.writeNpz(file);
            try (NpzFile npz = NpzFile.open(file)) {
                assertArrayEquals(new long[] {JETS.jets, 6}, npz.get(Predictions.NPZ_ENTRY).shape());
                assertArrayEquals(predictions.probabilities(), npz.get(Predictions.NPZ_ENTRY).toFloatArray());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Predictions(2, 6, new float[11]));
    }
}
