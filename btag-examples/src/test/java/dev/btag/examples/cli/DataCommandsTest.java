package dev.btag.examples.cli;

import static dev.btag.examples.cli.BtagCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.schema.TutorialFile;
import dev.btag.examples.cli.BtagCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of generate, plot-inputs and bench dataset, run through {@link BtagCommandTest#run}. */
class DataCommandsTest {

    @Test
    void generateWritesTwoValidSyntheticFiles(@TempDir Path dir) throws IOException {
        Run run = run("generate", "--out", dir.toString(), "--jets", "40", "--seed", "3");
        assertEquals(0, run.exitCode(), run.err());
        Path train = dir.resolve("synthetic_0_40.npz");
        Path test = dir.resolve("synthetic_40_80.npz");
        assertTrue(run.out().contains(train.toString()) && run.out().contains("not CMS data"), run.out());
        for (Path file : new Path[] {train, test}) {
            try (TutorialFile tutorial = TutorialFile.open(file)) {
                assertEquals(40, tutorial.jetCount());
                assertTrue(tutorial.isSynthetic());
                assertTrue(tutorial.report().isClean(), tutorial.report().summary());
            }
        }
    }

    @Test
    void generateRejectsABadJetCountWithTheUsageExitCode(@TempDir Path dir) {
        Run run = run("generate", "--out", dir.toString(), "--jets", "0");
        assertEquals(BtagCommand.EXIT_USAGE, run.exitCode());
        assertTrue(run.err().contains("--jets"), run.err());
    }

    @Test
    void generateRefusesMoreJetsThanItsLimitAsAUsageError(@TempDir Path dir) {
        Run run = run("generate", "--out", dir.toString(), "--jets", "100000001");
        assertEquals(BtagCommand.EXIT_USAGE, run.exitCode());
        assertTrue(run.err().contains("between 1 and 100000000"), run.err());
    }

    @Test
    void plotInputsWritesHistogramsTheRocAndAGallery(@TempDir Path dir) throws IOException {
        assertEquals(0, run("generate", "--out", dir.toString(), "--jets", "300").exitCode());
        Path out = dir.resolve("plots");
        Run run = run("plot-inputs", dir.resolve("synthetic_0_300.npz").toString(), "--out", out.toString(),
            "--arrays", "arr_0,arr_4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("31 variables"), run.out());
        assertTrue(run.out().contains("AUC TagVarCSV_trackSip2dSigAboveCharm (b vs light+gluon)"), run.out());
        assertTrue(Files.exists(out.resolve("jet_pt.png")) && Files.exists(out.resolve("jet_pt_log.png")));
        assertTrue(Files.exists(out.resolve("sv_mass.png")));
        assertTrue(Files.exists(out.resolve("roc_TagVarCSV_trackSip2dSigAboveCharm.png")));
        assertFalse(Files.exists(out.resolve("isB.png")), "truth flags are not plotted");
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("Synthetic sample") && index.contains("jet_pt_log.png"), index);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2 * 31 + 1, files.filter(p -> p.toString().endsWith(".png")).count());
        }
    }

    @Test
    void plotInputsOnAMissingFileIsAOneLineError(@TempDir Path dir) {
        Run run = run("plot-inputs", dir.resolve("nope.npz").toString(), "--out", dir.toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().contains("nope.npz"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void benchDatasetPrintsOneJsonDocument() {
        Run run = run("bench", "dataset", "--jets", "64", "--epochs", "1", "--batch-size", "16", "--threads", "1");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out().strip()).getAsJsonObject();
        assertEquals(64, json.getAsJsonObject("generate").get("jets").getAsInt());
        assertEquals(16, json.getAsJsonObject("batches").get("batchSize").getAsInt());
        assertTrue(json.getAsJsonObject("batches").get("jetsPerSecond").getAsDouble() > 0);
    }
}
