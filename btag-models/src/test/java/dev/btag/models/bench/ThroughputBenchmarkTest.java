package dev.btag.models.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import org.junit.jupiter.api.Test;

class ThroughputBenchmarkTest {

    @Test
    void measuresTrainingAndInferenceThroughTheRealTrainingPath() throws Exception {
        ThroughputResult r = ThroughputBenchmark.run(TaggerSpec.tutorial(Architecture.CNN1X1), 300, 64, 1, 0);
        assertEquals("cnn1x1", r.model());
        assertEquals(85114, r.parameters());
        assertTrue(r.trainJetsPerSecond() > 0 && Double.isFinite(r.trainJetsPerSecond()), r.toString());
        assertTrue(r.predictJetsPerSecond() > 0 && Double.isFinite(r.predictJetsPerSecond()), r.toString());
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
