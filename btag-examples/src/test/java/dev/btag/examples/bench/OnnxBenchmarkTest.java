package dev.btag.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import org.junit.jupiter.api.Test;

class OnnxBenchmarkTest {

    @Test
    void measuresBothEnginesThroughputAndOrderedLatencyPercentiles() throws Exception {
        OnnxBenchmarkResult r = OnnxBenchmark.run(TaggerSpec.tutorial(Architecture.DNN), 200, 64, 100, 1);
        assertEquals("dnn", r.model());
        assertEquals(2366, r.parameters());
        assertEquals(1, r.onnxThreads());
        for (double v : new double[] {r.onnxJetsPerSecond(), r.pytorchJetsPerSecond(), r.onnxP50Micros(),
            r.pytorchP50Micros()}) {
            assertTrue(v > 0 && Double.isFinite(v), r.toString());
        }
        assertTrue(r.onnxP99Micros() >= r.onnxP50Micros() && r.pytorchP99Micros() >= r.pytorchP50Micros(),
            r.toString());
    }

    @Test
    void refusesTooFewLatencyCalls() {
        assertThrows(IllegalArgumentException.class,
            () -> OnnxBenchmark.run(TaggerSpec.tutorial(Architecture.DNN), 10, 8, 99, 1));
    }
}
