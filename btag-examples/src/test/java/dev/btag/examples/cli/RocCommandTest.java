package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.npy.NpzWriter;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.metrics.workingpoint.WorkingPoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocCommandTest {

    @TempDir
    static Path dir;

    static final int N = 2000;
    static double[] scores = new double[N];
    static int[] truth = new int[N];
    static double[] weights = new double[N];
    static Path file;

    @BeforeAll
    static void writeFile() throws IOException {
        Random random = new Random(3);
        int[] codes = {5, 4, 1, 21, 0};
        for (int i = 0; i < N; i++) {
            truth[i] = codes[random.nextInt(codes.length)];
            scores[i] = Math.round((random.nextGaussian() + (truth[i] == 5 ? 1.5 : truth[i] == 4 ? 0.5 : 0)) * 100)
                / 100.0; // ties on purpose
            weights[i] = 0.5 + random.nextDouble();
        }
        boolean[] isB = new boolean[N];
        for (int i = 0; i < N; i++) {
            isB[i] = truth[i] == 5;
        }
        file = dir.resolve("scores.npz");
        try (NpzWriter writer = NpzWriter.create(file, true)) {
            writer.write("score", scores, N);
            writer.write("truth", truth, N);
            writer.write("isB", isB, N);
            writer.write("w", weights, N);
            writer.write("probs", new float[N * 6], N, 6);
            writer.write("short", new double[N - 1], N - 1);
        }
    }

    private static boolean[] signal(int code) {
        boolean[] s = new boolean[N];
        for (int i = 0; i < N; i++) {
            s[i] = truth[i] == code;
        }
        return s;
    }

    @Test
    void jsonMatchesTheLibraryAndTheContract() {
        BtagCommandTest.Run run = BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label", "truth",
            "--signal", "5", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(List.of("auc", "signal", "background", "workingPoints"), List.copyOf(json.keySet()));
        RocCurve roc = RocCurve.of(scores, signal(5));
        assertEquals(roc.auc(), json.get("auc").getAsDouble(), 1e-12);
        assertEquals(roc.signal().count(), json.get("signal").getAsLong());
        assertEquals(N - roc.signal().count(), json.get("background").getAsLong());
        JsonArray points = json.getAsJsonArray("workingPoints");
        double[] targets = {0.1, 0.01, 0.001};
        assertEquals(3, points.size());
        for (int k = 0; k < 3; k++) {
            JsonObject p = points.get(k).getAsJsonObject();
            assertEquals(List.of("mistag", "threshold", "efficiency"), List.copyOf(p.keySet()));
            WorkingPoint expected = WorkingPoints.atMistag(roc, targets[k]);
            assertEquals(targets[k], p.get("mistag").getAsDouble());
            if (Double.isInfinite(expected.threshold())) {
                assertTrue(p.get("threshold").isJsonNull());
            } else {
                assertEquals(expected.threshold(), p.get("threshold").getAsDouble());
            }
            assertEquals(expected.efficiency(), p.get("efficiency").getAsDouble());
        }
    }

    @Test
    void boolLabelsDefaultToSignalOneAndBackgroundCanBeRestricted() {
        BtagCommandTest.Run bool = BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label", "isB",
            "--json");
        BtagCommandTest.Run codes = BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label", "truth",
            "--signal", "5", "--json");
        assertEquals(codes.out(), bool.out());

        BtagCommandTest.Run bVsLight = BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label",
            "truth", "--signal", "5", "--background", "1", "21", "--json");
        assertEquals(0, bVsLight.exitCode(), bVsLight.err());
        JsonObject json = JsonParser.parseString(bVsLight.out()).getAsJsonObject();
        long light = java.util.Arrays.stream(truth).filter(t -> t == 1 || t == 21).count();
        assertEquals(light, json.get("background").getAsLong());
    }

    @Test
    void weightsAreUsed() {
        BtagCommandTest.Run run = BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label", "truth",
            "--signal", "5", "--weight", "w", "--json");
        assertEquals(0, run.exitCode(), run.err());
        double auc = JsonParser.parseString(run.out()).getAsJsonObject().get("auc").getAsDouble();
        assertEquals(RocCurve.of(scores, signal(5), weights).auc(), auc, 1e-12);
    }

    @Test
    void curveOutWritesOneRowPerDistinctScore() throws IOException {
        Path csv = dir.resolve("curve.csv");
        BtagCommandTest.Run run = BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label", "truth",
            "--signal", "5", "--curve-out", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("AUC"), run.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("threshold,tpr,fpr", lines.get(0));
        assertEquals("Infinity,0.0,0.0", lines.get(1));
        long distinct = java.util.Arrays.stream(scores).distinct().count();
        assertEquals(distinct + 2, lines.size());
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 2; i < lines.size(); i++) {
            double t = Double.parseDouble(lines.get(i).split(",")[0]);
            assertTrue(t < previous, "descending thresholds");
            previous = t;
        }
        assertEquals("1.0,1.0", lines.get(lines.size() - 1).substring(lines.get(lines.size() - 1).indexOf(',') + 1));
    }

    @Test
    void textOutputReportsDelong() {
        BtagCommandTest.Run run = BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label", "truth",
            "--signal", "5");
        AucEstimate e = AucEstimate.delong(scores, signal(5));
        assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "AUC %.6f +- %.6f", e.auc(),
            e.standardError())), run.out());
    }

    private static void assertOneLineError(BtagCommandTest.Run run, String... fragments) {
        assertEquals(BtagCommand.EXIT_FAILURE, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "'" + f + "' in " + run.err());
        }
    }

    @Test
    void errorsNameTheFileAndTheProblem() {
        assertOneLineError(BtagCommandTest.run("roc", dir.resolve("nope.npz").toString(), "--score", "score",
            "--label", "truth"), "nope.npz");
        assertOneLineError(BtagCommandTest.run("roc", file.toString(), "--score", "nothere", "--label", "truth"),
            "scores.npz", "nothere", "available");
        assertOneLineError(BtagCommandTest.run("roc", file.toString(), "--score", "probs", "--label", "truth"),
            "scores.npz", "'probs'", "shape");
        assertOneLineError(BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label", "short"),
            "scores.npz", "'short'", "1999");
        assertOneLineError(BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label", "truth",
            "--signal", "7"), "scores.npz", "0 signal");
        assertOneLineError(BtagCommandTest.run("roc", file.toString(), "--score", "score", "--label", "truth",
            "--signal", "5", "--weight", "probs"), "'probs'");
    }

    @Test
    void nonFiniteScoreIsReportedWithItsEntry() throws IOException {
        Path bad = dir.resolve("bad.npz");
        double[] s = {0.1, 0.2, Double.NaN, 0.4};
        try (NpzWriter writer = NpzWriter.create(bad, false)) {
            writer.write("s", s, 4);
            writer.write("y", new int[] {9, 1, 1, 0}, 4);
        }
        // entry 0 is left out (label 9 is neither signal nor background): the index is that of the file
        assertOneLineError(BtagCommandTest.run("roc", bad.toString(), "--score", "s", "--label", "y",
            "--background", "0"), "bad.npz", "array 's' entry 2 is NaN");
    }

    @Test
    void theCurveIsNeverWrittenOverTheInput() throws IOException {
        Path copy = Files.copy(file, dir.resolve("own-input.npz"));
        byte[] before = Files.readAllBytes(copy);
        assertOneLineError(BtagCommandTest.run("roc", copy.toString(), "--score", "score", "--label", "truth",
            "--signal", "5", "--curve-out", dir.resolve(".").resolve("own-input.npz").toString()), "own-input.npz",
            "is also an input");
        assertArrayEquals(before, Files.readAllBytes(copy), "the input is untouched");
    }

    @Test
    void missingOptionIsAUsageError() {
        BtagCommandTest.Run run = BtagCommandTest.run("roc", file.toString(), "--label", "truth");
        assertEquals(BtagCommand.EXIT_USAGE, run.exitCode());
        assertTrue(run.err().contains("--score"), run.err());
    }

    @Test
    void benchRocPrintsJson() throws IOException {
        Path data = dir.resolve("bench.npz");
        BtagCommandTest.Run run = BtagCommandTest.run("bench", "roc", "--n", "5000", "--warmup", "0", "--repeat", "1",
            "--save-data", data.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(List.of("n", "seconds"), List.copyOf(json.keySet()));
        assertEquals(5000, json.get("n").getAsInt());
        assertTrue(json.get("seconds").getAsDouble() > 0);
        BtagCommandTest.Run again = BtagCommandTest.run("bench", "roc", "--data", data.toString(), "--warmup", "0",
            "--repeat", "1");
        assertEquals(5000, JsonParser.parseString(again.out()).getAsJsonObject().get("n").getAsInt());
        BtagCommandTest.Run cpu = BtagCommandTest.run("bench", "roc", "--n", "3000", "--warmup", "0", "--repeat", "1",
            "--cpu");
        JsonObject withCpu = JsonParser.parseString(cpu.out()).getAsJsonObject();
        assertEquals(List.of("n", "seconds", "cpuSeconds"), List.copyOf(withCpu.keySet()));
        assertTrue(withCpu.get("cpuSeconds").getAsDouble() >= 0);
    }
}
