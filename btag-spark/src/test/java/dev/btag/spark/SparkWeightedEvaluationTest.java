package dev.btag.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.hdf5.Hdf5Writer;
import dev.btag.data.layout.Layout;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.efficiency.EfficiencyMap;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.roc.RocBin;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.evaluate.BinnedPerformance;
import dev.btag.models.evaluate.ComparisonResult;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationWeights;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import dev.btag.spark.cli.SparkCommand;
import dev.btag.spark.evaluate.SparkEvaluation;
import dev.btag.spark.score.ScoredJets;
import dev.btag.spark.score.SparkScoring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Spark evaluation of a weighted 3-class HDF5 layout (features, flavour 5/4/0 and -1 undefined, pT, eta and a
 * weight field) against {@code btag evaluate}'s library path, {@link TaggerEvaluation#evaluate(Tagger, List, Layout,
 * EvaluationWeights)} on the same files: weighted by the layout by default, unweighted with
 * {@link EvaluationWeights#none()}, a negative weight refused naming file, field and row. Counts and thresholds must
 * be equal; AUCs, errors, rates and weighted values equal to 1e-12 (Spark adds the weight sums in another order).
 * The weights are stored as float32 and are at least 0.1, so every weight sum here is exact whatever the order (each
 * weight is a multiple of 2^-27 and the sums stay far below 2^26): the ROC curves' rates and the map efficiencies are
 * asserted bit for bit; the reliability diagrams' mean predictions, sums of weight x probability, round.
 */
class SparkWeightedEvaluationTest {

    private static final int[] JETS = {1300, 900};
    private static final double TOLERANCE = 1e-12;

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Layout layout;
    private static Path layoutFile;
    private static Path model;
    private static List<Path> files;

    @BeforeAll
    static void setUp() throws Exception {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < FeatureSet.TUTORIAL.size(); i++) {
            features.add("f" + i);
        }
        String names = String.join(", ", features);
        String yaml = """
            format: hdf5
            jets:
              array: jets
              columns: [%s, flavour, pt, eta, w]
              features: [%s]
            label:
              field: flavour
              classes: {b: [5], c: [4], light: [0]}
              ignore: [-1]
            groups: {b: [b], c: [c], light: [light]}
            weight: w
            kinematics: {pt: pt, eta: eta}
            """.formatted(names, names);
        layoutFile = Files.writeString(dir.resolve("weighted.yaml"), yaml);
        layout = Layout.parse(yaml, layoutFile.toString());
        files = new ArrayList<>();
        for (int f = 0; f < JETS.length; f++) {
            Path npz = dir.resolve("synthetic_" + f + ".npz");
            SyntheticSample.writeFile(npz, SyntheticSample.generate(70 + f, f, JETS[f], 1), 70 + f, f);
            Path h5 = dir.resolve("weighted_" + f + ".h5");
            toHdf5(npz, h5, -1);
            files.add(h5);
        }
        model = dir.resolve("dnn3.btag");
        Engine.getInstance().setRandomSeed(11);
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DNN).optHeadWidths(16, 8).optClasses(3)
            .build();
        double[] mean = new double[features.size()];
        double[] scale = new double[features.size()];
        java.util.Arrays.fill(scale, 20);
        try (Tagger tagger = Tagger.create(spec, new InputSpec(features, mean, scale, 10, 21), Device.cpu())
                .initialize()) {
            TaggerFile.save(tagger, model);
        }
        spark = SparkSession.builder().master("local[2]").appName("btag-weights-test")
            .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** Uneven weights, some zero, most not multiples of a power of two. */
    private static double weightOf(int fileIndex, int row) {
        return row % 17 == 0 ? 0 : 0.1 + ((row * 7 + fileIndex) % 10) / 3.0;
    }

    /** Writes a synthetic file's jets in the layout; {@code negativeRow} (if not -1) gets weight -0.5. */
    private static void toHdf5(Path npz, Path h5, int negativeRow) throws IOException {
        int fileIndex = Integer.parseInt(npz.getFileName().toString().replaceAll("\\D", ""));
        try (TutorialFile file = TutorialFile.open(npz); Hdf5Writer writer = Hdf5Writer.create(h5)) {
            int n = file.jetCountAsInt();
            int f = FeatureSet.TUTORIAL.size();
            int width = f + 4;
            float[] x = file.features(FeatureSet.TUTORIAL, 0, n);
            int[] codes = file.truthCodes();
            float[] table = new float[n * width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, i * f, table, i * width, f);
                int code = codes[i];
                table[i * width + f] = code == 5 ? 5 : code == 4 ? 4 : code == 1 || code == 21 ? 0 : -1;
                table[i * width + f + 1] = x[i * f];
                table[i * width + f + 2] = x[i * f + 1];
                table[i * width + f + 3] = i == negativeRow ? -0.5f : (float) weightOf(fileIndex, i);
            }
            writer.write("jets", table, n, width);
        }
    }

    private static Dataset<Row> scored() throws IOException {
        return SparkScoring.builder().setModelFile(model).optLayout(layout).optRowsPerPartition(512).build()
            .score(spark, files).cache();
    }

    private static Evaluation singleMachine(EvaluationWeights weights) throws Exception {
        try (Tagger tagger = TaggerFile.load(model)) {
            return TaggerEvaluation.standard().evaluate(tagger, files, layout, weights);
        }
    }

    @Test
    void weightedByTheLayoutAsBtagEvaluate() throws Exception {
        Dataset<Row> scored = scored();
        // the predict frame's weight column holds the layout's weights, row by row
        List<Row> first = scored.filter(scored.col(ScoredJets.FILE).equalTo(files.get(0).toString()))
            .orderBy(ScoredJets.ROW).select(ScoredJets.WEIGHT).collectAsList();
        assertEquals(JETS[0], first.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals((float) weightOf(0, i), first.get(i).getDouble(0), 0.0, "weight of row " + i);
        }
        Evaluation single = singleMachine(EvaluationWeights.fromLayout());
        assertTrue(single.sample().weighted());
        SparkEvaluation.Result spread = SparkEvaluation.standard().evaluate("dnn", scored, layout);
        assertTrue(spread.weighted());
        assertSame(single, spread, true);

        Evaluation unweighted = singleMachine(EvaluationWeights.none());
        SparkEvaluation.Result spreadUnweighted = SparkEvaluation.standard().evaluate("dnn", scored, layout,
            EvaluationWeights.none());
        assertFalse(spreadUnweighted.weighted());
        assertSame(unweighted, spreadUnweighted, false);
        assertNotEquals(spread.comparisons().get(0).auc().auc(), spreadUnweighted.comparisons().get(0).auc().auc(),
            "the weights change the AUC");

        IllegalArgumentException file = assertThrows(IllegalArgumentException.class, () -> SparkEvaluation.standard()
            .evaluate("dnn", scored, layout, EvaluationWeights.fromFile(dir.resolve("w.npz"))));
        assertTrue(file.getMessage().startsWith(dir.resolve("w.npz") + ": a weights file cannot be used on Spark"),
            file.getMessage());
        scored.unpersist();
    }

    /** Everything a comparison, the maps and the calibration hold: counts exactly, weighted values to 1e-12. */
    private static void assertSame(Evaluation single, SparkEvaluation.Result spread, boolean weighted) {
        assertEquals(single.jets(), spread.jets());
        assertEquals(5, single.comparisons().size(), "every comparison: the layout declares b, c and light");
        assertEquals(single.comparisons().size(), spread.comparisons().size());
        for (int c = 0; c < single.comparisons().size(); c++) {
            ComparisonResult a = single.comparisons().get(c);
            ComparisonResult b = spread.comparisons().get(c);
            String name = a.comparison().name() + (weighted ? " weighted" : "");
            assertEquals(a.comparison(), b.comparison());
            assertEquals(a.auc().auc(), b.auc().auc(), TOLERANCE, name);
            assertEquals(a.auc().standardError(), b.auc().standardError(), TOLERANCE, name);
            assertEquals(a.roc().signal().count(), b.roc().signal().count(), name);
            assertEquals(a.roc().background().count(), b.roc().background().count(), name);
            assertEquals(a.roc().signal().weight(), b.roc().signal().weight(), TOLERANCE * a.roc().signal().weight(),
                name);
            assertEquals(a.roc().background().effectiveCount(), b.roc().background().effectiveCount(),
                TOLERANCE * a.roc().background().effectiveCount(), name);
            assertArrayEquals(a.roc().thresholds(), b.roc().thresholds(), name);
            assertArrayEquals(a.roc().tpr(), b.roc().tpr(), name + ": exact weight sums (float32 weights)");
            assertArrayEquals(a.roc().fpr(), b.roc().fpr(), name + ": exact weight sums (float32 weights)");
            assertEquals(a.allWorkingPoints().size(), b.allWorkingPoints().size(), name);
            for (int w = 0; w < a.allWorkingPoints().size(); w++) {
                assertEquals(a.allWorkingPoints().get(w).threshold(), b.allWorkingPoints().get(w).threshold(), name);
                assertEquals(a.allWorkingPoints().get(w).efficiency(), b.allWorkingPoints().get(w).efficiency(),
                    TOLERANCE, name);
            }
            assertSameRates(a.efficiencyVsPt(), b.efficiencyVsPt(), name + " efficiency vs pT");
            assertSameRates(a.mistagVsPt(), b.mistagVsPt(), name + " mistag vs pT");
            assertSameBins(a.binned(TaggerEvaluation.PT), b.binned(TaggerEvaluation.PT), name + " per pT bin");
            assertSameBins(a.binned(TaggerEvaluation.ABS_ETA), b.binned(TaggerEvaluation.ABS_ETA),
                name + " per |eta| bin");
        }
        assertArrayEquals(single.confusion().counts(), spread.confusion().counts(), "the confusion counts jets");
        assertSameMaps(single.efficiencyMaps(), spread.efficiencyMaps(), weighted);
        assertEquals(3, single.calibration().size());
        assertEquals(single.calibration().size(), spread.calibration().size());
        for (int c = 0; c < single.calibration().size(); c++) {
            ReliabilityDiagram a = single.calibration().get(c);
            ReliabilityDiagram b = spread.calibration().get(c);
            assertArrayEquals(a.count(), b.count(), a.name());
            assertArrayEquals(a.weight(), b.weight(), TOLERANCE * 1e3, a.name());
            assertArrayEquals(a.observed(), b.observed(), TOLERANCE, a.name());
            assertArrayEquals(a.meanPredicted(), b.meanPredicted(), TOLERANCE, a.name());
            assertArrayEquals(a.lower(), b.lower(), 1e-9, a.name());
        }
    }

    private static void assertSameRates(BinnedEfficiency a, BinnedEfficiency b, String name) {
        assertArrayEquals(a.total(), b.total(), TOLERANCE * 1e3, name);
        assertArrayEquals(a.passed(), b.passed(), TOLERANCE * 1e3, name);
        assertArrayEquals(a.efficiency(), b.efficiency(), TOLERANCE, name);
        assertArrayEquals(a.lower(), b.lower(), 1e-9, name);
        assertArrayEquals(a.upper(), b.upper(), 1e-9, name);
    }

    private static void assertSameBins(BinnedPerformance a, BinnedPerformance b, String name) {
        assertEquals(a.roc().bins().size(), b.roc().bins().size(), name);
        for (int i = 0; i < a.roc().bins().size(); i++) {
            RocBin x = a.roc().bins().get(i);
            RocBin y = b.roc().bins().get(i);
            assertEquals(x.signal().count(), y.signal().count(), name + " " + i);
            assertEquals(x.background().count(), y.background().count(), name + " " + i);
            assertEquals(x.signal().weight(), y.signal().weight(), TOLERANCE * 1e3, name + " " + i);
            if (Double.isNaN(x.auc().auc())) {
                assertTrue(Double.isNaN(y.auc().auc()), name + " " + i);
            } else {
                assertEquals(x.auc().auc(), y.auc().auc(), TOLERANCE, name + " " + i);
                assertEquals(x.auc().standardError(), y.auc().standardError(), TOLERANCE, name + " " + i);
                assertArrayEquals(x.curve().thresholds(), y.curve().thresholds(), name + " " + i);
                assertArrayEquals(x.curve().tpr(), y.curve().tpr(), TOLERANCE, name + " " + i);
            }
        }
        for (int w = 0; w < a.workingPoints().size(); w++) {
            assertSameRates(a.workingPoints().get(w).efficiency(), b.workingPoints().get(w).efficiency(), name);
            assertSameRates(a.workingPoints().get(w).mistag(), b.workingPoints().get(w).mistag(), name);
        }
    }

    private static void assertSameMaps(EfficiencyMaps a, EfficiencyMaps b, boolean weighted) {
        assertEquals(a.cuts().size(), b.cuts().size());
        for (int c = 0; c < a.cuts().size(); c++) {
            for (FlavourGroup g : FlavourGroup.STANDARD) {
                EfficiencyMap x = a.cuts().get(c).flavours().get(g);
                EfficiencyMap y = b.cuts().get(c).flavours().get(g);
                String name = a.cuts().get(c).cut().name() + " " + g;
                assertEquals(weighted, y.weighted(), name);
                assertArrayEquals(x.total(), y.total(), name);
                assertArrayEquals(x.passed(), y.passed(), name);
                for (int i = 0; i < x.efficiency().length; i++) {
                    assertArrayEquals(x.efficiency()[i], y.efficiency()[i], name + ": exact weight sums");
                    assertArrayEquals(x.upper()[i], y.upper()[i], 1e-9, name);
                }
            }
        }
    }

    @Test
    void commandWeighsByTheLayoutUnlessToldNotToAndRefusesNegativeWeights() throws Exception {
        Path out = dir.resolve("cli");
        JsonObject weighted = evaluate(out, "--json");
        assertTrue(weighted.get("weighted").getAsBoolean());
        assertEquals("layout", weighted.get("weightSource").getAsString());
        assertEquals("w", weighted.get("weightField").getAsString());
        assertWeightKeys(out, "layout", "w");
        double auc = singleMachine(EvaluationWeights.fromLayout()).comparisons().get(0).auc().auc();
        assertEquals(auc, weighted.getAsJsonObject("auc").get("bVsAll").getAsDouble(), TOLERANCE);

        JsonObject unweighted = evaluate(out, "--json", "--no-layout-weights");
        assertFalse(unweighted.get("weighted").getAsBoolean());
        assertEquals("none", unweighted.get("weightSource").getAsString());
        assertNull(unweighted.get("weightField"));
        assertWeightKeys(out, "none", null);
        assertEquals(singleMachine(EvaluationWeights.none()).comparisons().get(0).auc().auc(),
            unweighted.getAsJsonObject("auc").get("bVsAll").getAsDouble(), TOLERANCE);

        Path bad = dir.resolve("negative");
        Files.createDirectories(bad);
        Path badFile = bad.resolve("weighted_1.h5");
        toHdf5(dir.resolve("synthetic_1.npz"), badFile, 777);
        StringWriter err = new StringWriter();
        CommandLine cli = SparkCommand.newCommandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(SparkCommand.EXIT_FAILURE, cli.execute("evaluate", "--master", "local[2]", "--model",
            model.toString(), "--layout", layoutFile.toString(), "--test", badFile.toString(), "--out",
            bad.resolve("out").toString(), "--rows-per-partition", "512"));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("btag spark evaluate: " + badFile + ": weight 'w': row 777 is -0.5"), message);

        StringWriter usage = new StringWriter();
        CommandLine refused = SparkCommand.newCommandLine();
        refused.setErr(new PrintWriter(usage));
        refused.setOut(new PrintWriter(new StringWriter()));
        Path weightsFile = dir.resolve("weights.npz");
        assertEquals(SparkCommand.EXIT_FAILURE, refused.execute("evaluate", "--master", "local[2]", "--model",
            model.toString(), "--layout", layoutFile.toString(), "--test", files.get(0).toString(), "--out",
            bad.resolve("out2").toString(), "--weights", weightsFile.toString()));
        assertTrue(usage.toString().strip().startsWith("btag spark evaluate: " + weightsFile
            + ": a weights file cannot be used on Spark"), usage.toString());
        assertFalse(Files.exists(bad.resolve("out2").resolve("predictions.parquet")), "refused before scoring");
    }

    /** OUT/efficiency_map.json records where its weights came from, as metrics.json does. */
    private static void assertWeightKeys(Path out, String source, String field) throws Exception {
        JsonObject maps = JsonParser.parseString(Files.readString(out.resolve("efficiency_map.json")))
            .getAsJsonObject();
        assertEquals(source, maps.get("weightSource").getAsString());
        assertEquals(field, maps.has("weightField") ? maps.get("weightField").getAsString() : null);
    }

    private static JsonObject evaluate(Path out, String... more) throws Exception {
        StringWriter text = new StringWriter();
        CommandLine cli = SparkCommand.newCommandLine();
        cli.setOut(new PrintWriter(text));
        List<String> args = new ArrayList<>(List.of("evaluate", "--master", "local[2]", "--model", model.toString(),
            "--layout", layoutFile.toString(), "--test", dir.resolve("weighted_*.h5").toString(), "--out",
            out.toString(), "--rows-per-partition", "512"));
        args.addAll(List.of(more));
        assertEquals(0, cli.execute(args.toArray(new String[0])), text.toString());
        JsonObject printed = JsonParser.parseString(text.toString()).getAsJsonObject();
        assertEquals(printed, JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject());
        return printed;
    }
}
