package dev.btag.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.hdf5.Hdf5File;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.roc.RocCurve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of a non-tutorial ntuple: a 3-class HDF5 layout ({@link ThreeClassHdf5}) through {@code roc},
 * {@code plot-inputs}, {@code predict} and {@code tutorial}, several files and globs, and {@code convert --gzip}.
 */
class NtupleCommandsTest {

    @TempDir
    static Path dir;
    static Path data;
    static Path layout;

    @BeforeAll
    static void writeSample() throws IOException {
        data = dir.resolve("h5");
        layout = ThreeClassHdf5.write(data, List.of("a.h5", "b.h5", "test.h5"), 300, 11);
    }

    /** A column of the jet table of the files, concatenated. */
    static double[] column(List<Path> files, String name) throws IOException {
        List<String> columns = List.of(ThreeClassHdf5.layoutYaml().lines()
            .filter(l -> l.strip().startsWith("columns:")).findFirst().orElseThrow().strip()
            .replace("columns: [", "").replace("]", "").split(", "));
        List<Double> out = new ArrayList<>();
        for (Path f : files) {
            try (Hdf5File h5 = Hdf5File.open(f)) {
                var jets = h5.array("jets");
                for (double v : jets.readDoubles(0, jets.rows(), columns.indexOf(name))) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static BtagCommandTest.Run ok(String... args) {
        BtagCommandTest.Run run = BtagCommandTest.run(args);
        assertEquals(0, run.exitCode(), run.err() + run.out());
        return run;
    }

    @Test
    void rocReadsFieldsThroughTheLayoutAcrossGlobbedFiles() throws IOException {
        BtagCommandTest.Run run = ok("roc", data + "/?.h5", "--layout", layout.toString(), "--score", "score",
            "--label", "flavour", "--signal", "5", "--background", "0", "--weight", "weight", "--json");
        List<Path> files = List.of(data.resolve("a.h5"), data.resolve("b.h5"));
        double[] score = column(files, "score");
        double[] flavour = column(files, "flavour");
        double[] weight = column(files, "weight");
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < flavour.length; i++) {
            if (flavour[i] == 5 || flavour[i] == 0) {
                kept.add(i);
            }
        }
        double[] s = kept.stream().mapToDouble(i -> score[i]).toArray();
        double[] w = kept.stream().mapToDouble(i -> weight[i]).toArray();
        boolean[] signal = new boolean[kept.size()];
        for (int k = 0; k < signal.length; k++) {
            signal[k] = flavour[kept.get(k)] == 5;
        }
        RocCurve expected = RocCurve.of(s, signal, w);
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(expected.auc(), json.get("auc").getAsDouble(), 1e-12);
        assertEquals(expected.signal().count(), json.get("signal").getAsLong());
        assertEquals(600, score.length, "both files, not test.h5");

        BtagCommandTest.Run missing = BtagCommandTest.run("roc", data + "/?.h5", "--layout", layout.toString(),
            "--score", "nope", "--label", "flavour", "--signal", "5");
        assertEquals(BtagCommand.EXIT_FAILURE, missing.exitCode());
        assertTrue(missing.err().strip().startsWith("btag roc: " + data.resolve("a.h5") + ": score: no column 'nope'"
            + " in array 'jets' (columns: f0, f1,"), missing.err());
    }

    @Test
    void rocOverSeveralNpzFilesNamesTheFileAndRowOfABadEntry() throws IOException {
        Path first = dir.resolve("roc1.npz");
        Path second = dir.resolve("roc2.npz");
        double[] s1 = {0.9, 0.1, 0.8, 0.3};
        double[] s2 = {0.7, 0.2, 0.6, 0.4, 0.5};
        int[] l1 = {1, 0, 1, 0};
        double[] l2 = {1, 0, 0, 1, 0};
        try (NpzWriter w = NpzWriter.create(first, false)) {
            w.write("score", s1, 4);
            w.write("label", l1, 4);
        }
        try (NpzWriter w = NpzWriter.create(second, false)) {
            w.write("score", s2, 5);
            w.write("label", l2, 5);
        }
        BtagCommandTest.Run run = ok("roc", first.toString(), second.toString(), "--score", "score", "--label",
            "label", "--json");
        double[] all = {0.9, 0.1, 0.8, 0.3, 0.7, 0.2, 0.6, 0.4, 0.5};
        boolean[] signal = {true, false, true, false, true, false, false, true, false};
        assertEquals(RocCurve.of(all, signal).auc(),
            JsonParser.parseString(run.out()).getAsJsonObject().get("auc").getAsDouble(), 1e-12);

        l2[3] = Double.NaN;
        try (NpzWriter w = NpzWriter.create(second, false)) {
            w.write("score", s2, 5);
            w.write("label", l2, 5);
        }
        BtagCommandTest.Run bad = BtagCommandTest.run("roc", dir + "/roc?.npz", "--score", "score", "--label",
            "label");
        assertEquals(BtagCommand.EXIT_FAILURE, bad.exitCode());
        assertEquals("btag roc: " + second + ": array 'label' entry 3 is NaN", bad.err().strip());
    }

    @Test
    void plotInputsPlotsTheLayoutsVariablesPerClass() throws IOException {
        Path out = dir.resolve("plots");
        BtagCommandTest.Run run = ok("plot-inputs", data + "/?.h5", "--layout", layout.toString(), "--out",
            out.toString());
        assertTrue(run.out().startsWith("36 variables, 73 images; gallery: " + out.resolve("index.html")), run.out());
        assertTrue(Files.isRegularFile(out.resolve("f0.png"))
            && Files.isRegularFile(out.resolve("tracks_t20_log.png")));
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("600 jets in 2 files") && html.contains("classes b, c, light"), html);
        Matcher m = Pattern.compile("AUC (\u2212?)(f\\d+) \\(b vs light\\): (0\\.\\d{4})").matcher(run.out());
        assertTrue(m.find(), run.out());
        assertTrue(run.out().contains("(b vs all)") && run.out().contains("(b vs c)"), run.out());
        List<Path> files = List.of(data.resolve("a.h5"), data.resolve("b.h5"));
        double[] feature = column(files, m.group(2));
        double[] flavour = column(files, "flavour");
        List<Double> scores = new ArrayList<>();
        List<Boolean> isB = new ArrayList<>();
        for (int i = 0; i < flavour.length; i++) {
            if (flavour[i] == 5 || flavour[i] == 0) {
                scores.add(m.group(1).isEmpty() ? feature[i] : -feature[i]);
                isB.add(flavour[i] == 5);
            }
        }
        boolean[] signal = new boolean[isB.size()];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = isB.get(i);
        }
        double auc = RocCurve.of(scores.stream().mapToDouble(Double::doubleValue).toArray(), signal).auc();
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", auc), m.group(3));
        assertTrue(auc >= 0.5, "the chosen feature is flipped to separate b from light: " + auc);

        Path typo = Files.writeString(dir.resolve("typo.yaml"), ThreeClassHdf5.layoutYaml().replace("array: tracks",
            "array: trk"));
        BtagCommandTest.Run wrong = BtagCommandTest.run("plot-inputs", data + "/test.h5", "--layout", typo.toString(),
            "--out", dir.resolve("wrong").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, wrong.exitCode());
        assertEquals("btag plot-inputs: " + data.resolve("test.h5") + ": collections[0].array: no array 'trk' in the"
            + " file (arrays: jets, tracks)", wrong.err().strip());
    }

    @Test
    void predictWritesTheLayoutsClassProbabilities() throws IOException {
        Path model = dir.resolve("dnn");
        ok("train", "--model", "dnn", "--train", data.resolve("a.h5").toString(), "--layout", layout.toString(),
            "--epochs", "1", "--batch-size", "128", "--out", model.toString(), "--no-progress");
        Path predictions = dir.resolve("predictions.npz");
        BtagCommandTest.Run run = ok("predict", "--model", model.toString(), "--test", data + "/test.h5", data
            + "/a.h5", "--out", predictions.toString());
        assertTrue(run.out().contains("600 jets scored by dnn"), run.out());
        double[] flavour = column(List.of(data.resolve("test.h5"), data.resolve("a.h5")), "flavour");
        try (NpzFile npz = NpzFile.open(predictions)) {
            assertArrayEquals(new long[] {600, 3}, npz.get("probabilities").shape());
            float[] p = npz.get("probabilities").toFloatArray();
            double[] bvsl = npz.get("BvsL").toDoubleArray();
            int[] truth = npz.get("truth").toIntArray();
            for (int i = 0; i < 600; i++) {
                assertEquals(1, p[3 * i] + p[3 * i + 1] + p[3 * i + 2], 1e-5);
                assertEquals(p[3 * i] / ((double) p[3 * i] + p[3 * i + 2]), bvsl[i], 1e-6);
                int code = flavour[i] == 5 ? 5 : flavour[i] == 4 ? 4 : flavour[i] == 0 ? 1 : 0;
                assertEquals(code, truth[i], "truth of jet " + i);
            }
        }
        // evaluate writes the same per-class probabilities for the same file
        Path eval = dir.resolve("eval");
        ok("evaluate", "--model", model.toString(), "--test", data + "/test.h5", "--out", eval.toString());
        try (NpzFile e = NpzFile.open(eval.resolve("predictions.npz")); NpzFile q = NpzFile.open(predictions)) {
            assertArrayEquals(new long[] {300, 3}, e.get("probabilities").shape());
            float[] all = q.get("probabilities").toFloatArray();
            assertArrayEquals(java.util.Arrays.copyOf(all, 900), e.get("probabilities").toFloatArray());
        }
    }

    @Test
    void efficiencyMapReadsTheLayoutFromTheModelOrFromPredictions() throws IOException {
        Path model = dir.resolve("dnn-maps");
        ok("train", "--model", "dnn", "--train", data.resolve("a.h5").toString(), "--layout", layout.toString(),
            "--epochs", "1", "--batch-size", "128", "--out", model.toString(), "--no-progress");
        Path fromModel = dir.resolve("maps-model");
        ok("efficiency-map", "--model", model.toString(), "--test", data + "/test.h5", data + "/b.h5", "--out",
            fromModel.toString());
        JsonObject json = JsonParser.parseString(Files.readString(fromModel.resolve("efficiency_map.json")))
            .getAsJsonObject();
        double[] flavour = column(List.of(data.resolve("test.h5"), data.resolve("b.h5")), "flavour");
        double[] pt = column(List.of(data.resolve("test.h5"), data.resolve("b.h5")), "pt");
        long bJets = 0;
        for (int i = 0; i < flavour.length; i++) {
            bJets += flavour[i] == 5 && pt[i] >= 20 ? 1 : 0;
        }
        double total = 0;
        for (var row : json.getAsJsonArray("workingPoints").get(0).getAsJsonObject().getAsJsonObject("flavours")
                .getAsJsonObject("b").getAsJsonArray("total")) {
            for (var cell : row.getAsJsonArray()) {
                total += cell.getAsDouble();
            }
        }
        assertEquals(bJets, (long) total, "every b jet above the first pT edge is in a cell");

        Path predictions = dir.resolve("maps-predictions.npz");
        ok("predict", "--model", model.toString(), "--test", data + "/test.h5", data + "/b.h5", "--out",
            predictions.toString());
        Path fromScores = dir.resolve("maps-scores");
        ok("efficiency-map", "--scores", predictions.toString(), "--test", data + "/test.h5", data + "/b.h5",
            "--layout", layout.toString(), "--out", fromScores.toString());
        assertEquals(json, JsonParser.parseString(Files.readString(fromScores.resolve("efficiency_map.json"))));
        BtagCommandTest.Run mismatch = BtagCommandTest.run("efficiency-map", "--scores", predictions.toString(),
            "--test", data + "/test.h5", "--layout", layout.toString(), "--out", dir.resolve("x").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, mismatch.exitCode());
        assertTrue(mismatch.err().contains("its truth codes (600 jets) are not those of " + data.resolve("test.h5")
            + " (300 jets)"), mismatch.err());
    }

    @Test
    void reweightReadsTheLayoutsKinematicsClassesAndWeights() throws IOException {
        Path out = dir.resolve("weights.npz");
        BtagCommandTest.Run run = ok("reweight", "--in", data + "/?.h5", "--layout", layout.toString(), "--out",
            out.toString(), "--target", "b", "--json");
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(List.of("b", "c", "light"), List.copyOf(json.getAsJsonObject("classTotalsBefore").keySet()));
        List<Path> files = List.of(data.resolve("a.h5"), data.resolve("b.h5"));
        double[] flavour = column(files, "flavour");
        double[] base = column(files, "weight");
        try (NpzFile npz = NpzFile.open(out)) {
            float[] w = npz.get("weight").toFloatArray();
            assertEquals(600, w.length);
            for (int i = 0; i < w.length; i++) {
                if (flavour[i] == 5) {
                    assertEquals((float) base[i], w[i], "a b jet keeps its base weight (target b): jet " + i);
                } else if (flavour[i] == -1) {
                    assertEquals(0f, w[i], "a jet of no class: jet " + i);
                }
            }
        }
        Path noEta = Files.writeString(dir.resolve("no-eta.yaml"), ThreeClassHdf5.layoutYaml()
            .replace("kinematics: {pt: pt, eta: eta}", "kinematics: {pt: pt}"));
        BtagCommandTest.Run missing = BtagCommandTest.run("reweight", "--in", data + "/a.h5", "--layout",
            noEta.toString(), "--out", dir.resolve("w2.npz").toString());
        assertEquals(BtagCommand.EXIT_FAILURE, missing.exitCode());
        assertEquals("btag reweight: " + data.resolve("a.h5") + ": kinematics.eta: reweighting by abseta needs it;"
            + " the layout " + noEta + " declares none", missing.err().strip());
        BtagCommandTest.Run usage = BtagCommandTest.run("reweight", "--in", data + "/a.h5", "--layout",
            layout.toString(), "--target", "uds", "--out", dir.resolve("w3.npz").toString());
        assertEquals(2, usage.exitCode(), usage.err());
    }

    @Test
    void convertWritesChunkedGzipHdf5ThatReadsBackTheSame() throws IOException {
        Path npz = SyntheticSample.write(dir.resolve("conv"), 200, 4, 1).train();
        Path plain = dir.resolve("conv/plain.h5");
        Path packed = dir.resolve("conv/packed.h5");
        ok("convert", npz.toString(), plain.toString());
        BtagCommandTest.Run run = ok("convert", npz.toString(), packed.toString(), "--gzip", "6", "--chunk-rows",
            "64");
        assertTrue(run.out().startsWith("wrote " + packed), run.out());
        assertTrue(Files.size(packed) < Files.size(plain) / 2, Files.size(packed) + " vs " + Files.size(plain));
        try (Hdf5File a = Hdf5File.open(plain); Hdf5File b = Hdf5File.open(packed)) {
            assertEquals(List.of("shuffle", "deflate"), b.array("arr_1").filters());
            assertEquals(64, b.array("arr_1").chunkRows());
            for (String name : a.arrayNames()) {
                assertArrayEquals(a.array(name).readRaw(0, a.array(name).rows()).array(),
                    b.array(name).readRaw(0, b.array(name).rows()).array(), name);
            }
        }
        BtagCommandTest.Run usage = BtagCommandTest.run("convert", packed.toString(), dir.resolve("x.npz").toString(),
            "--layout", dir.resolve("conv/packed.layout.yaml").toString(), "--gzip", "6");
        assertEquals(2, usage.exitCode(), usage.err());
        assertTrue(usage.err().contains("--gzip and --chunk-rows apply to HDF5 output"), usage.err());
    }

    @Test
    void tutorialRunsOnTheThreeClassLayoutFromGlobs() throws IOException {
        Path out = dir.resolve("tutorial");
        ok("tutorial", "--out", out.toString(), "--train", data + "/?.h5", "--test", data + "/test.h5", "--layout",
            layout.toString(), "--models", "dnn,lstm", "--epochs", "1", "--batch-size", "128", "--no-progress");
        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        assertEquals(layout.toString(), summary.get("layout").getAsString());
        assertEquals(2, summary.getAsJsonArray("trainFiles").size());
        assertEquals(2, summary.getAsJsonArray("models").size());
        assertTrue(summary.getAsJsonObject("singleVariable").get("variable").getAsString().matches("\u2212?f\\d+"),
            summary.getAsJsonObject("singleVariable").toString());
        try (NpzFile npz = NpzFile.open(out.resolve("models/lstm/eval/predictions.npz"))) {
            assertArrayEquals(new long[] {300, 3}, npz.get("probabilities").shape());
        }
        assertTrue(Files.isRegularFile(out.resolve("inputs/tracks_t0.png")));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Layout: " + layout), "the report names it");
        assertTrue(html.contains("Inputs per class") && !html.contains("truth from column 50"), "per class");
        assertTrue(!html.contains("confusion-coarse.png") && html.contains("models/lstm/eval/confusion.png"), html);
    }
}
