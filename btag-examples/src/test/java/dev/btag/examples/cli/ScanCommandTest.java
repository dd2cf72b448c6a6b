package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.synthetic.SyntheticSample;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {

    @TempDir
    Path dir;

    private static void assertOneLineUsageError(BtagCommandTest.Run run, String expected) {
        assertEquals(BtagCommand.EXIT_USAGE, run.exitCode(), run.err());
        String err = run.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("btag scan: ") && err.contains(expected), err);
    }

    @Test
    void badListsAndOptionsAreOneLineUsageErrorsBeforeAnythingIsWritten() {
        Path out = dir.resolve("never");
        assertOneLineUsageError(BtagCommandTest.run("scan", "--model", "dnn", "--depths", "", "--widths", "16",
            "--out", out.toString()), "--depths");
        assertOneLineUsageError(BtagCommandTest.run("scan", "--model", "dnn", "--depths", "1,2", "--widths", "16,0",
            "--out", out.toString()), "width must be positive, got 0");
        assertOneLineUsageError(BtagCommandTest.run("scan", "--model", "dnn", "--depths", "-1", "--widths", "16",
            "--out", out.toString()), "depth must be positive, got -1");
        assertOneLineUsageError(BtagCommandTest.run("scan", "--model", "dnn", "--depths", "1", "--widths", "8",
            "--seeds", "0", "--out", out.toString()), "seeds must be at least 1");
        assertOneLineUsageError(BtagCommandTest.run("scan", "--model", "dnn", "--depths", "1", "--widths", "8",
            "--train", "a.npz", "--out", out.toString()), "--test");
        assertOneLineUsageError(BtagCommandTest.run("scan", "--model", "mlp", "--depths", "1", "--widths", "8",
            "--out", out.toString()), "mlp");
        assertFalse(Files.exists(out));
    }

    @Test
    void aSyntheticScanWritesItsOutputsAndARerunReusesEveryPoint() throws Exception {
        Path out = dir.resolve("scan");
        String[] args = {"scan", "--model", "dnn", "--depths", "1", "--widths", "4,8", "--epochs", "1",
            "--batch-size", "64", "--jets", "300", "--workers", "1", "--out", out.toString()};
        BtagCommandTest.Run first = BtagCommandTest.run(args);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().startsWith(SyntheticSample.BANNER), first.out());
        assertTrue(first.out().contains("| 1 | 4 |") && first.out().contains("| 1 | 8 |"), first.out());
        assertTrue(first.out().contains("2 points (2 trained, 0 reused)"), first.out());
        JsonObject scan = JsonParser.parseString(Files.readString(out.resolve("scan.json"))).getAsJsonObject();
        assertEquals(2, scan.getAsJsonArray("points").size());
        assertEquals("dnn", scan.get("architecture").getAsString());
        assertTrue(scan.get("synthetic").getAsBoolean());
        assertTrue(Files.isRegularFile(out.resolve("auc_heatmap.png")));

        BtagCommandTest.Run again = BtagCommandTest.run(args);
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("2 points (0 trained, 2 reused)"), again.out());
    }
}
