package dev.btag.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateBenchmarkTest {

    @Test
    void timesTheEvaluationAgainstOneRocAndWritesTheOutputs(@TempDir Path dir) throws IOException {
        EvaluateBenchmark.Result r = EvaluateBenchmark.generate(5000, 3).run(0, 1, true, dir);
        assertEquals(5000, r.n());
        assertTrue(r.rocSeconds() > 0 && r.evaluateSeconds() > 0 && r.writeSeconds() > 0, r.toString());
        assertTrue(r.comparisonRocSeconds() > 0, r.toString());
        assertEquals(r.evaluateSeconds() / r.rocSeconds(), r.ratio(), 1e-12);
        assertTrue(r.auc() > 0.8, "the raised true class separates b from light: " + r.auc());
        assertTrue(Files.exists(dir.resolve("metrics.json")) && Files.exists(dir.resolve("efficiency_map.json")));
        assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"synthetic\": true"));
    }

    @Test
    void refusesTooFewJetsOrRounds() {
        assertThrows(IllegalArgumentException.class, () -> EvaluateBenchmark.generate(10, 1));
        assertThrows(IllegalArgumentException.class, () -> EvaluateBenchmark.generate(2000, 1).run(0, 0, false,
            null));
    }
}
