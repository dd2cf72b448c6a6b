package dev.btag.examples.cli;

import static dev.btag.examples.cli.BtagCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.layout.Layout;
import dev.btag.data.synthetic.SyntheticSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code btag layout --print} and {@code btag inspect --layout}. */
class LayoutCommandsTest {

    @TempDir
    static Path dir;

    static Path sample;

    @BeforeAll
    static void writeSample() throws IOException {
        sample = SyntheticSample.write(dir, 300, 5, 1).train();
    }

    @Test
    void printedTutorialLayoutIsTheBuiltInOne() {
        BtagCommandTest.Run run = run("layout", "--print", "tutorial");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Layout.tutorial(), Layout.parse(run.out(), "printed"));
        assertTrue(run.out().contains("onehot: {b: class_b, bb: class_bb"), run.out());
    }

    @Test
    void badLayoutFileIsOneLineNamingTheKey() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Layout.tutorial().toYaml().replace("groups: {b:", "groups: {beauty:"));
        BtagCommandTest.Run run = run("layout", "--print", bad.toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertEquals("btag layout: " + bad + ": groups.beauty: unknown key (known here: b, c, light)",
            run.err().strip());
        BtagCommandTest.Run missing = run("layout", "--print", dir.resolve("none.yaml").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, missing.exitCode());
        assertTrue(missing.err().contains("none.yaml: no such layout file"), missing.err());
    }

    @Test
    void inspectWithTheTutorialLayoutCountsClasses() {
        BtagCommandTest.Run run = run("inspect", "--layout", "tutorial", "--json", sample.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonObject file = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("files").get(0)
            .getAsJsonObject();
        assertEquals(0, file.getAsJsonArray("problems").size());
        assertEquals(300, file.get("jets").getAsLong());
        long total = file.get("unlabelled").getAsLong();
        for (String name : file.getAsJsonObject("classes").keySet()) {
            total += file.getAsJsonObject("classes").get(name).getAsLong();
        }
        assertEquals(300, total);
        assertEquals("tracks", file.getAsJsonArray("inputs").get(1).getAsJsonObject().get("name").getAsString());
        BtagCommandTest.Run text = run("inspect", "--layout", "tutorial", sample.toString());
        assertTrue(text.out().contains("tracks   arr_1 [300, 10, 21] <f4: 210 values per jet"), text.out());
    }

    @Test
    void badLayoutGivenToInspectNamesTheKey() throws IOException {
        Path layout = dir.resolve("typo.yaml");
        Files.writeString(layout, Layout.tutorial().toYaml().replace("features: [jet_pt, jet_eta",
            "features: [jet_ptt, jet_eta"));
        BtagCommandTest.Run run = run("inspect", "--layout", layout.toString(), sample.toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertTrue(run.err().strip().startsWith("btag inspect: " + layout + ": jets.features[0]: 'jet_ptt' is not"
            + " one of jets.columns"), run.err());
    }

    @Test
    void inspectListsEveryMismatchAndFails() throws IOException {
        Path layout = dir.resolve("wrong.yaml");
        Files.writeString(layout, Layout.tutorial().toYaml().replace("array: arr_2", "array: arr_0")
            .replace("array: arr_4", "array: arr_9"));
        BtagCommandTest.Run run = run("inspect", "--layout", layout.toString(), sample.toString());
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        assertTrue(run.out().contains("problem  collections[1].array: array 'arr_0' has shape [300, 52]; a collection"
            + " must be"), run.out());
        assertTrue(run.out().contains("problem  collections[3].array: no array 'arr_9' in the file"), run.out());
    }

    @Test
    void convertWritesTheOutputAndItsLayoutWhichInspectAccepts() throws IOException {
        Path h5 = dir.resolve("sample.h5");
        BtagCommandTest.Run run = run("convert", sample.toString(), h5.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path layout = dir.resolve("sample.layout.yaml");
        assertTrue(run.out().startsWith("wrote " + h5), run.out());
        assertEquals("hdf5", Layout.load(layout).format().orElseThrow().key());
        BtagCommandTest.Run inspect = run("inspect", "--layout", layout.toString(), "--json", h5.toString());
        assertEquals(0, inspect.exitCode(), inspect.err() + inspect.out());
        assertEquals(300, JsonParser.parseString(inspect.out()).getAsJsonObject().getAsJsonArray("files").get(0)
            .getAsJsonObject().get("jets").getAsLong());
        BtagCommandTest.Run listing = run("inspect", h5.toString());
        assertTrue(listing.out().contains("(hdf5, 6 arrays)"), listing.out());
        assertTrue(listing.out().contains("<f4   (300, 10, 21)"), listing.out());
        BtagCommandTest.Run bench = run("bench", "read", h5.toString(), "--array", "arr_1");
        assertEquals(0, bench.exitCode(), bench.err());
        assertEquals(300L * 10 * 21 * 4, JsonParser.parseString(bench.out()).getAsJsonObject().get("bytes")
            .getAsLong());
        BtagCommandTest.Run same = run("convert", h5.toString(), dir.resolve("again.h5").toString(), "--layout",
            layout.toString());
        assertEquals(BtagCommand.EXIT_FAILURE, same.exitCode());
        assertTrue(same.err().contains("are both hdf5"), same.err());
    }

    @Test
    void trainStreamsGlobbedHdf5FilesAndEvaluateReadsWithTheSavedLayout() throws IOException {
        Path data = Files.createDirectories(dir.resolve("h5"));
        for (String part : new String[] {"a", "b"}) {
            BtagCommandTest.Run convert = run("convert", sample.toString(), data.resolve(part + ".h5").toString());
            assertEquals(0, convert.exitCode(), convert.err());
        }
        Path layout = data.resolve("a.layout.yaml");
        Path out = dir.resolve("dnn");
        BtagCommandTest.Run train = run("train", "--model", "dnn", "--train", data + "/*.h5", "--layout",
            layout.toString(), "--epochs", "1", "--batch-size", "128", "--out", out.toString(), "--no-progress",
            "--json");
        assertEquals(0, train.exitCode(), train.err());
        JsonObject trained = JsonParser.parseString(train.out()).getAsJsonObject();
        assertEquals(420, trained.get("trainJets").getAsInt(), "70% of 2 x 300 jets");
        BtagCommandTest.Run evaluate = run("evaluate", "--model", out.toString(), "--test", data + "/a.h5",
            "--out", dir.resolve("eval").toString(), "--json");
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.out().contains("bVsLightGluon"), evaluate.out());
        BtagCommandTest.Run none = run("train", "--model", "dnn", "--train", data + "/*.npz", "--out",
            out.toString());
        assertEquals(BtagCommand.EXIT_FAILURE, none.exitCode());
        assertEquals("btag train: " + data + "/*.npz: no file matches this pattern", none.err().strip());
    }
}
