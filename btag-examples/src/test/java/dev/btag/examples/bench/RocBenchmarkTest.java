package dev.btag.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocBenchmarkTest {

    @Test
    void timesTheCurveOfJetsThatASavedFileReproducesExactly(@TempDir Path dir) throws IOException {
        RocBenchmark bench = RocBenchmark.generate(2000, 5);
        RocBenchmark.Result result = bench.run(0, 3);
        assertEquals(2000, result.n());
        assertTrue(result.seconds() > 0, result.toString());
        // continuous float64 scores: one point per jet plus (0, 0); shifted signal gives an AUC near 0.76
        assertEquals(2001, result.points());
        assertTrue(result.auc() > 0.7 && result.auc() < 0.82, result.toString());
        Path file = dir.resolve("roc.npz");
        bench.save(file);
        RocBenchmark.Result again = RocBenchmark.load(file).run(0, 1);
        assertEquals(result.auc(), again.auc());
        assertEquals(result.points(), again.points());
    }

    @Test
    void refusesTooFewJetsOrRuns() {
        assertThrows(IllegalArgumentException.class, () -> RocBenchmark.generate(1, 1));
        RocBenchmark bench = RocBenchmark.generate(10, 1);
        assertThrows(IllegalArgumentException.class, () -> bench.run(0, 0));
        assertThrows(IllegalArgumentException.class, () -> bench.run(-1, 1));
        assertEquals(10, bench.size());
    }
}
