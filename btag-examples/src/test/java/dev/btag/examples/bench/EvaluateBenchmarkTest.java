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
        assertTrue(r.comparisonRocSeconds() > 0 && r.comparisonRocParallelSeconds() > 0, r.toString());
        assertEquals(r.comparisonRocParallelSeconds() / r.rocSeconds(), r.floorRatio(), 1e-12);
        assertEquals(r.evaluateSeconds() / r.rocSeconds(), r.ratio(), 1e-12);
        assertTrue(r.auc() > 0.8, "the raised true class separates b from light: " + r.auc());
        assertTrue(Files.exists(dir.resolve("metrics.json")) && Files.exists(dir.resolve("efficiency_map.json")));
        assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"synthetic\": true"));
    }

    @Test
    void partsNameEveryStepOfTheEvaluationAndTheDataFileHoldsTheJets(@TempDir Path dir) throws IOException {
        EvaluateBenchmark bench = EvaluateBenchmark.generate(4000, 5);
        java.util.Map<String, double[]> parts = bench.parts(1);
        java.util.List<String> expected = new java.util.ArrayList<>(java.util.List.of("discriminants", "jetBins",
            "confusionAndCalibration"));
        for (var c : dev.btag.metrics.comparison.FlavourComparison.ALL) {
            expected.addAll(java.util.List.of("scan." + c.name(), "rates." + c.name(), "bins." + c.name()));
        }
        expected.addAll(java.util.List.of("maps", "roc"));
        assertEquals(expected, java.util.List.copyOf(parts.keySet()));
        parts.forEach((k, v) -> assertTrue(v[0] >= 0 && v[1] > 0, k + ": " + java.util.Arrays.toString(v)));
        Path file = dir.resolve("jets.npz");
        bench.save(file);
        try (dev.btag.data.npy.NpzFile npz = dev.btag.data.npy.NpzFile.open(file)) {
            assertEquals(java.util.List.of(4000L, 6L), java.util.Arrays.stream(npz.get("probabilities").shape())
                .boxed().toList());
            assertEquals(4000, npz.get("truth").toIntArray().length);
            assertEquals(4000, npz.get("absEta").toDoubleArray().length);
        }
    }

    @Test
    void refusesTooFewJetsOrRounds() {
        assertThrows(IllegalArgumentException.class, () -> EvaluateBenchmark.generate(10, 1));
        assertThrows(IllegalArgumentException.class, () -> EvaluateBenchmark.generate(2000, 1).run(0, 0, false,
            null));
    }
}
