package dev.btag.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.layout.Layout;
import dev.btag.examples.cli.BtagCommand;
import dev.btag.examples.report.ReportBrowserCheck;
import dev.btag.models.Architecture;
import dev.btag.models.train.DeviceChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole tutorial with tiny settings: every output exists and agrees with {@code btag evaluate}. */
class TutorialTest {

    @TempDir
    Path dir;

    @Test
    void wholeTutorialWithTinySettingsWritesAConsistentReport() throws Exception {
        Tutorial.Config config = new Tutorial.Config(dir.resolve("out"), 400, 1, List.of(), List.of(),
            Layout.tutorial(), Tutorial.DEFAULT_MODELS, 7L, 128, DeviceChoice.CPU, null, line -> { });
        TutorialResult result = Tutorial.run(config);

        assertTrue(result.synthetic());
        assertEquals(5, result.models().size());
        String html = Files.readString(result.report());
        assertTrue(html.contains("Synthetic sample \u2014 not CMS data"), "banner");
        for (Architecture a : Tutorial.DEFAULT_MODELS) {
            assertTrue(html.contains("<td>" + a.cliName() + "</td>"), a.cliName() + " in the tables");
        }
        // Every image the report references exists.
        java.util.regex.Matcher img = java.util.regex.Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            images++;
            assertTrue(Files.isRegularFile(result.outDir().resolve(img.group(1))), "missing " + img.group(1));
        }
        assertTrue(images >= 4 * 3 + 3 + 2, "images in the report: " + images);
        for (String section : List.of("AUC per jet-pT bin", "AUC per jet-|\u03b7| bin",
                "ROC comparisons with ratio panels", "Efficiency maps of the best tagger",
                "Calibration of the class probabilities", "fixed b-jet efficiency")) {
            assertTrue(html.contains(section), "the report shows: " + section);
        }
        for (String image : List.of("plots/roc_ratio_bVsLightGluon.png", "plots/auc_bVsLightGluon_vs_pt.png",
                "plots/auc_bVsLightGluon_vs_abseta.png", "eval/efficiency_map_b_medium.png",
                "eval/efficiency_map_light_medium.png", "eval/reliability.png")) {
            assertTrue(html.contains(image), "the report shows " + image);
        }

        // The figures of summary.json are exactly those of btag evaluate on the same model and test file.
        JsonObject summary = JsonParser.parseString(Files.readString(result.summary())).getAsJsonObject();
        assertTrue(summary.get("synthetic").getAsBoolean());
        JsonObject lstm = summary.getAsJsonArray("models").get(2).getAsJsonObject();
        assertEquals("lstm", lstm.get("model").getAsString());
        Path evalOut = dir.resolve("evaluate-lstm");
        int exit = BtagCommand.execute("evaluate", "--model", result.models().get(2).directory().toString(),
            "--test", result.testFile().toString(), "--out", evalOut.toString());
        assertEquals(0, exit);
        JsonObject metrics = JsonParser.parseString(Files.readString(evalOut.resolve("metrics.json")))
            .getAsJsonObject();
        assertEquals(metrics.get("auc"), lstm.get("auc"));
        assertEquals(metrics.get("rocs"), lstm.get("rocs"));
        assertEquals(metrics.get("calibration"), lstm.get("calibration"));
        JsonObject binnedPt = lstm.getAsJsonArray("rocs").get(2).getAsJsonObject().getAsJsonArray("binnedPerformance")
            .get(0).getAsJsonObject();
        assertEquals("pt", binnedPt.get("variable").getAsString());
        assertEquals(binnedPt.getAsJsonArray("edges").size() - 1, binnedPt.getAsJsonArray("auc").size(),
            "summary.json carries the binned AUCs");
        assertTrue(summary.has("bestTagger"));

        Optional<Path> browser = ReportBrowserCheck.browserRequiredInCi(); // fails under CI=true without one
        if (browser.isPresent()) {
            ReportBrowserCheck.Result rendered = new ReportBrowserCheck(browser.get()).check(result.report());
            assertEquals(images, rendered.images());
            assertEquals(0, rendered.broken(), "images the browser could not show");
        }
    }

    @Test
    void deepJetTrainsFromTwoStreamedFiles() throws Exception {
        dev.btag.data.synthetic.SyntheticSample.Files a =
            dev.btag.data.synthetic.SyntheticSample.write(dir.resolve("a"), 200, 11, 1);
        dev.btag.data.synthetic.SyntheticSample.Files b =
            dev.btag.data.synthetic.SyntheticSample.write(dir.resolve("b"), 150, 12, 1);
        Tutorial.Config config = new Tutorial.Config(dir.resolve("out2"), 400, 1, List.of(a.train(), b.train()),
            List.of(a.test()), Layout.tutorial(), List.of(Architecture.DEEPJET), 7L, 64, DeviceChoice.CPU, null,
            line -> { });
        TutorialResult result = Tutorial.run(config);
        assertEquals(1, result.models().size());
        JsonObject summary = JsonParser.parseString(Files.readString(result.summary())).getAsJsonObject();
        assertEquals(2, summary.getAsJsonArray("trainFiles").size());
        assertTrue(Files.readString(result.report()).contains("<td>deepjet</td>"), "deepjet in the tables");
    }

    @Test
    void refusesOnlyOneOfTrainAndTest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tutorial.Config(dir, 400,
            1, List.of(dir.resolve("train.npz")), List.of(), Layout.tutorial(), List.of(Architecture.DNN), 1L, 64,
            DeviceChoice.CPU, null, s -> { }));
        assertTrue(e.getMessage().contains("--train and --test"), e.getMessage());
    }

    @Test
    void missingTrainingFileIsOneLineErrorNamingIt() {
        Path missing = dir.resolve("nope.npz");
        int exit = BtagCommand.execute("tutorial", "--out", dir.resolve("o").toString(), "--train", missing.toString(),
            "--test", missing.toString(), "--no-progress");
        assertEquals(BtagCommand.EXIT_FAILURE, exit);
    }
}
