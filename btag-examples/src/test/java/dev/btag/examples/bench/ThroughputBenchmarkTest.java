package dev.btag.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import org.junit.jupiter.api.Test;

class ThroughputBenchmarkTest {

    @Test
    void measuresTheDeepJetStyleTaggerWithOneArrayPerBranch() throws Exception {
        ThroughputResult r = ThroughputBenchmark.run(TaggerSpec.tutorial(Architecture.DEEPJET), 100, 50, 1, 0);
        assertEquals("deepjet", r.model());
        assertEquals(263_306, r.parameters());
        assertTrue(r.trainJetsPerSecond() > 0 && Double.isFinite(r.trainJetsPerSecond()), r.toString());
    }

    @Test
    void measuresTrainingAndInferenceThroughTheRealTrainingPath() throws Exception {
        ThroughputResult r = ThroughputBenchmark.run(TaggerSpec.tutorial(Architecture.CNN1X1), 300, 64, 1, 0);
        assertEquals("cnn1x1", r.model());
        assertEquals(85114, r.parameters());
        assertTrue(r.trainJetsPerSecond() > 0 && Double.isFinite(r.trainJetsPerSecond()), r.toString());
        assertTrue(r.predictJetsPerSecond() > 0 && Double.isFinite(r.predictJetsPerSecond()), r.toString());
    }

    @Test
    void comparesBatchSizesInOneProcessAndRefusesEmptyOrNonPositiveInput() throws Exception {
        TaggerSpec dnn = TaggerSpec.tutorial(Architecture.DNN);
        double[] medians = ThroughputBenchmark.compareBatchSizes(dnn, 200, new int[] {16, 64}, 3);
        assertEquals(2, medians.length);
        for (double m : medians) {
            assertTrue(m > 0 && Double.isFinite(m), java.util.Arrays.toString(medians));
        }
        assertThrows(IllegalArgumentException.class, () -> ThroughputBenchmark.compareBatchSizes(dnn, 200,
            new int[0], 3));
        assertThrows(IllegalArgumentException.class, () -> ThroughputBenchmark.compareBatchSizes(dnn, 200,
            new int[] {16}, 0));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
            () -> ThroughputBenchmark.compareBatchSizes(dnn, 200, new int[] {16, 0}, 1));
        assertTrue(zero.getMessage().contains("batch size must be at least 1, got 0"), zero.getMessage());
    }

    @Test
    void refusesATrackShapeTheSchemaDoesNotHave() {
        for (int[] shape : new int[][] {{5, 21}, {21, 10}}) {
            TaggerSpec odd = TaggerSpec.builder().setArchitecture(Architecture.LSTM)
                .optTrackShape(shape[0], shape[1]).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ThroughputBenchmark.run(odd, 100, 32, 1, 0));
            assertTrue(e.getMessage().contains("shape [10, 21]"), e.getMessage());
        }
    }
}
