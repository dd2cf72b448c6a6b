package dev.btag.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.models.Architecture;
import dev.btag.models.TaggerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    /** The branch taggers are exported (check included) and timed with one input per collection. */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"DEEPJET", "DEEPVERTEX"})
    void measuresTheBranchTaggers(Architecture architecture) throws Exception {
        TaggerSpec spec = TaggerSpec.tutorial(architecture);
        OnnxBenchmarkResult r = OnnxBenchmark.run(spec, 100, 64, 100, 1);
        assertEquals(architecture.cliName(), r.model());
        assertTrue(r.parameters() > spec.kerasParameterCount(), r.toString());
        assertTrue(r.onnxJetsPerSecond() > 0 && r.pytorchJetsPerSecond() > 0 && r.onnxP50Micros() > 0, r.toString());
    }

    @Test
    void refusesTooFewLatencyCalls() {
        assertThrows(IllegalArgumentException.class,
            () -> OnnxBenchmark.run(TaggerSpec.tutorial(Architecture.DNN), 10, 8, 99, 1));
    }
}
