package dev.btag.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingHistoryTest {

    private static TrainingHistory history() {
        return TrainingHistory.empty()
            .plus(new EpochRecord(1, 1.5, 1.4, 0.3, 0.35, 1e-3, 2.5))
            .plus(new EpochRecord(2, 1.2, Double.NaN, 0.4, Double.NaN, 1e-4, 2.25));
    }

    @Test
    void jsonAndCsvKeepEveryEpochIncludingMissingValidation(@TempDir Path dir) throws Exception {
        TrainingHistory h = history();
        h.writeJson(dir.resolve("h.json"));
        assertEquals(h, TrainingHistory.readJson(dir.resolve("h.json")));
        assertTrue(h.toJson().getAsJsonArray("val_loss").get(1).isJsonNull(), "missing validation is null in JSON");
        h.writeCsv(dir.resolve("h.csv"));
        List<String> lines = Files.readAllLines(dir.resolve("h.csv"));
        assertEquals("epoch,loss,val_loss,accuracy,val_accuracy,lr,seconds", lines.get(0));
        assertEquals("2,1.2,NaN,0.4,NaN,1.0E-4,2.25", lines.get(2));
        assertEquals(1, h.firstEpochs(1).size());
    }

    @Test
    void epochsMustBeConsecutiveAndDamagedFilesAreNamed(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class,
            () -> TrainingHistory.empty().plus(new EpochRecord(2, 1, 1, 0, 0, 1e-3, 1)));
        assertThrows(IllegalArgumentException.class, () -> new EpochRecord(0, 1, 1, 0, 0, 1e-3, 1));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"epoch\":[1],\"loss\":[1.0]}");
        Exception e = assertThrows(java.io.IOException.class, () -> TrainingHistory.readJson(bad));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("val_loss"), e.getMessage());
    }
}
