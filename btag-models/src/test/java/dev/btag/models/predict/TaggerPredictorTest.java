package dev.btag.models.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.btag.data.npy.NpzFile;
import dev.btag.models.Architecture;
import dev.btag.models.LearnableJets;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
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
