package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.npy.NpyWriter;
import dev.btag.data.npy.NpzWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path dir;

    private Path archive() throws IOException {
        Path file = dir.resolve("jets.npz");
        try (NpzWriter writer = NpzWriter.create(file, false)) {
            writer.write("arr_0", new float[] {1, 2, Float.NaN, 4, 5, 6}, 3, 2)
                .write("arr_1", new int[] {-1, 7});
        }
        return file;
    }

    @Test
    void jsonListsEveryArrayWithStatistics() throws IOException {
        Path file = archive();
        BtagCommandTest.Run run = BtagCommandTest.run("inspect", file.toString(), "--stats", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonObject document = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonArray files = document.getAsJsonArray("files");
        assertEquals(1, files.size());
        JsonObject report = files.get(0).getAsJsonObject();
        assertEquals(file.toString(), report.get("path").getAsString());
        JsonArray arrays = report.getAsJsonArray("arrays");
        JsonObject arr0 = arrays.get(0).getAsJsonObject();
        assertEquals("arr_0", arr0.get("name").getAsString());
        assertEquals("<f4", arr0.get("dtype").getAsString());
        assertEquals("[3,2]", arr0.get("shape").toString());
        assertFalse(arr0.get("fortranOrder").getAsBoolean());
        assertFalse(arr0.get("compressed").getAsBoolean());
        JsonObject stats = arr0.getAsJsonObject("stats");
        assertEquals(18.0, stats.get("sum").getAsDouble());
        assertEquals(1.0, stats.get("min").getAsDouble());
        assertEquals(6.0, stats.get("max").getAsDouble());
        assertEquals(3.6, stats.get("mean").getAsDouble(), 1e-12);
        assertEquals(1, stats.get("nan").getAsInt());
        JsonObject arr1 = arrays.get(1).getAsJsonObject();
        assertEquals("<i4", arr1.get("dtype").getAsString());
        assertEquals(6.0, arr1.getAsJsonObject("stats").get("sum").getAsDouble());
    }

    @Test
    void undefinedStatisticsAreNullAndInfiniteOnesStrings() throws IOException {
        Path file = dir.resolve("odd.npz");
        try (NpzWriter writer = NpzWriter.create(file, true)) {
            writer.write("empty", new float[0], 0, 5).write("allnan", new double[] {Double.NaN})
                .write("inf", new double[] {1, Double.POSITIVE_INFINITY});
        }
        BtagCommandTest.Run run = BtagCommandTest.run("inspect", file.toString(), "--stats", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonArray arrays = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("files").get(0)
            .getAsJsonObject().getAsJsonArray("arrays");
        JsonObject empty = arrays.get(0).getAsJsonObject().getAsJsonObject("stats");
        assertEquals("{\"sum\":0.0,\"min\":null,\"max\":null,\"mean\":null,\"nan\":0}", empty.toString());
        JsonObject allNan = arrays.get(1).getAsJsonObject().getAsJsonObject("stats");
        assertTrue(allNan.get("min").isJsonNull());
        assertEquals(1, allNan.get("nan").getAsInt());
        JsonObject inf = arrays.get(2).getAsJsonObject().getAsJsonObject("stats");
        assertEquals("Infinity", inf.get("max").getAsString());
        assertEquals("Infinity", inf.get("sum").getAsString());
        assertEquals(1.0, inf.get("min").getAsDouble());
    }

    @Test
    void withoutStatsThereIsNoStatsObject() throws IOException {
        BtagCommandTest.Run run = BtagCommandTest.run("inspect", archive().toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject arr0 = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("files").get(0)
            .getAsJsonObject().getAsJsonArray("arrays").get(0).getAsJsonObject();
        assertFalse(arr0.has("stats"));
    }

    @Test
    void aBadFileIsOneErrorLineAndTheOthersAreStillReported() throws IOException {
        Path good = archive();
        Path bad = dir.resolve("broken.npz");
        Files.writeString(bad, "not an archive");
        Path missing = dir.resolve("missing.npz");
        Path npy = dir.resolve("weights.npy");
        NpyWriter.write(npy, new double[] {0.5, 1.5});
        BtagCommandTest.Run run = BtagCommandTest.run("inspect", good.toString(), bad.toString(),
            missing.toString(), npy.toString(), "--json");
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode());
        String[] errors = run.err().strip().split("\n");
        assertEquals(2, errors.length, run.err());
        assertTrue(errors[0].startsWith("btag inspect: " + bad), errors[0]);
        assertTrue(errors[0].contains("not a zip archive"), errors[0]);
        assertTrue(errors[1].contains(missing + ": no such file"), errors[1]);
        assertFalse(run.err().contains("\tat "), "no stack trace");
        JsonArray files = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("files");
        assertEquals(2, files.size());
        assertEquals(npy.toString(), files.get(1).getAsJsonObject().get("path").getAsString());
        assertEquals("weights", files.get(1).getAsJsonObject().getAsJsonArray("arrays").get(0).getAsJsonObject()
            .get("name").getAsString());
    }

    @Test
    void textOutputShowsOneLinePerArray() throws IOException {
        Path file = archive();
        BtagCommandTest.Run run = BtagCommandTest.run("inspect", file.toString(), "--stats");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().strip().split("\n");
        assertEquals(3, lines.length, run.out());
        assertTrue(lines[0].startsWith(file + "  (npz, 2 arrays)"), lines[0]);
        assertTrue(lines[1].matches("\\s+arr_0\\s+<f4\\s+\\(3, 2\\)\\s+C\\s+stored\\s+sum=18.*nan=1"), lines[1]);
        assertTrue(lines[2].matches("\\s+arr_1\\s+<i4\\s+\\(2,\\)\\s+C\\s+stored.*"), lines[2]);
    }

    @Test
    void benchReadReportsTheBytesRead() throws IOException {
        Path file = archive();
        BtagCommandTest.Run run = BtagCommandTest.run("bench", "read", file.toString(), "--repeat", "2");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject result = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(6 * 4 + 2 * 4, result.get("bytes").getAsLong());
        assertTrue(result.get("seconds").getAsDouble() > 0);
        assertTrue(result.get("gbPerSecond").getAsDouble() > 0);
        assertTrue(result.get("firstSeconds").getAsDouble() >= result.get("seconds").getAsDouble());
        BtagCommandTest.Run rows = BtagCommandTest.run("bench", "read", file.toString(), "--array", "arr_0",
            "--rows", "1:3");
        assertEquals(0, rows.exitCode(), rows.err());
        assertEquals(2 * 2 * 4, JsonParser.parseString(rows.out()).getAsJsonObject().get("bytes").getAsLong());
        BtagCommandTest.Run bad = BtagCommandTest.run("bench", "read", file.toString(), "--rows", "1:3");
        assertEquals(BtagCommand.EXIT_USAGE, bad.exitCode());
        assertTrue(bad.err().contains("--rows needs --array"), bad.err());
    }
}
