package dev.btag.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.layout.Layout;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.evaluate.ComparisonResult;
import dev.btag.models.evaluate.EfficiencyMapJson;
import dev.btag.models.evaluate.EfficiencyMapOutputs;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationJson;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.EvaluationPlots;
import dev.btag.models.evaluate.EvaluationWeights;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.evaluate.TestSample;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.onnx.ModelFiles;
import dev.btag.models.onnx.OutputKind;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.PredictionsFile;
import dev.btag.data.schema.JetColumn;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.metrics.roc.RocBin;
import dev.btag.models.evaluate.BinnedPerformance;
import dev.btag.spark.cli.SparkCommand;
import dev.btag.spark.evaluate.SparkEvaluation;
import dev.btag.spark.score.ScoredJets;
import dev.btag.spark.score.ScoredOutputs;
import dev.btag.spark.score.SparkScoring;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Spark in local mode with two threads and two attempts per task ({@code local[2,2]}): four synthetic files of
 * uneven sizes, scored in ranges of 1,024 jets (several partitions per file), compared with the single-machine
 * prediction and evaluation.
 */
class SparkScoringTest {

    private static final int[] JETS = {2500, 1800, 3100, 700};
    private static final AtomicInteger INJECTED = new AtomicInteger();

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Path model;
    private static List<Path> files;

    @BeforeAll
    static void setUp() throws Exception {
        files = new ArrayList<>();
        for (int f = 0; f < JETS.length; f++) {
            Path file = dir.resolve("test_" + f + ".npz");
            SyntheticSample.writeFile(file, SyntheticSample.generate(90 + f, f, JETS[f], 1), 90 + f, f);
            files.add(file);
        }
        model = dir.resolve("dnn.btag");
        try (Tagger tagger = standardisedDnn(files.get(0))) {
            TaggerFile.save(tagger, model);
        }
        spark = SparkSession.builder().master("local[2,2]").appName("btag-test")
            .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** An untrained DNN whose inputs are standardised with the first file's means and deviations. */
    private static Tagger standardisedDnn(Path file) throws Exception {
        List<String> names = FeatureSet.TUTORIAL.columnNames();
        int f = names.size();
        double[] mean = new double[f];
        double[] scale = new double[f];
        try (TutorialFile t = TutorialFile.open(file)) {
            int n = t.jetCountAsInt();
            float[] x = t.features(FeatureSet.TUTORIAL, 0, n);
            for (int j = 0; j < f; j++) {
                double s = 0;
                double s2 = 0;
                for (int i = 0; i < n; i++) {
                    s += x[i * f + j];
                    s2 += (double) x[i * f + j] * x[i * f + j];
                }
                mean[j] = s / n;
                scale[j] = Math.max(1e-3, Math.sqrt(Math.max(0, s2 / n - mean[j] * mean[j])));
            }
        }
        Engine.getInstance().setRandomSeed(5);
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DNN).optHeadWidths(16, 8).build();
        return Tagger.create(spec, new InputSpec(names, mean, scale, 10, 21), Device.cpu()).initialize();
    }

    private static SparkScoring scoring() {
        return SparkScoring.builder().setModelFile(model).optRowsPerPartition(1024).build();
    }

    /** The rows of one file, in row order. */
    private static List<Row> rowsOf(Dataset<Row> scored, Path file) {
        return scored.filter(scored.col(ScoredJets.FILE).equalTo(file.toString())).orderBy(ScoredJets.ROW)
            .collectAsList();
    }

    @Test
    void scoresEveryJetOnceBitForBitAsBtagPredict() throws Exception {
        SparkScoring scoring = scoring();
        assertEquals(3 + 2 + 4 + 1, scoring.plan(files).size(), "ranges of 1024 jets per file");
        Dataset<Row> scored = ScoredOutputs.writeParquet(scoring.score(spark, files), dir.resolve("predict"));
        List<Path> npz = ScoredOutputs.writeNpz(scored, files, dir.resolve("predict"));
        try (JetScorer scorer = ModelFiles.open(model, OutputKind.PROBABILITIES)) {
            for (int f = 0; f < files.size(); f++) {
                Predictions expected;
                int[] truth;
                try (TutorialFile file = TutorialFile.open(files.get(f))) {
                    expected = scorer.predict(file);
                    truth = file.truthCodes();
                }
                List<Row> rows = rowsOf(scored, files.get(f));
                assertEquals(JETS[f], rows.size(), files.get(f) + ": one row per jet");
                float[] probabilities = new float[rows.size() * 6];
                int[] sparkTruth = new int[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    Row r = rows.get(i);
                    assertEquals(i, r.getLong(r.fieldIndex(ScoredJets.ROW)));
                    List<Float> p = r.getList(r.fieldIndex(ScoredJets.PROBABILITIES));
                    for (int j = 0; j < 6; j++) {
                        probabilities[i * 6 + j] = p.get(j);
                    }
                    sparkTruth[i] = r.getInt(r.fieldIndex(ScoredJets.TRUTH));
                }
                assertArrayEquals(expected.probabilities(), probabilities, "bit for bit: " + files.get(f));
                assertArrayEquals(truth, sparkTruth);
                double[] bvsl = Discriminants.compute(Discriminant.B_VS_L, expected.probabilities());
                assertEquals(bvsl[rows.size() / 2], rows.get(rows.size() / 2).getDouble(
                    rows.get(0).fieldIndex(Discriminant.B_VS_L.cmsName())));
                // btag predict's file, byte for byte
                Path single = dir.resolve("single_" + f + ".npz");
                PredictionsFile.write(expected, truth, single);
                assertArrayEquals(Files.readAllBytes(single), Files.readAllBytes(npz.get(f)), npz.get(f).toString());
            }
        }
    }

    @Test
    void scoresADataFrameWhoseColumnsTheLayoutNames() throws Exception {
        Path path = files.get(1);
        Layout layout = Layout.tutorial();
        List<String> features = layout.jets().features();
        List<Row> input = new ArrayList<>();
        Predictions expected;
        try (TutorialFile file = TutorialFile.open(path); JetScorer scorer = ModelFiles.open(model,
                OutputKind.PROBABILITIES)) {
            int n = file.jetCountAsInt();
            float[] x = file.features(FeatureSet.TUTORIAL, 0, n);
            float[] pt = file.column(JetColumn.JET_PT);
            for (int i = 0; i < n; i++) {
                Object[] v = new Object[features.size() + 2];
                for (int j = 0; j < features.size(); j++) {
                    v[j] = x[i * features.size() + j];
                }
                v[features.size()] = (long) i;
                v[features.size() + 1] = (double) pt[i];
                input.add(org.apache.spark.sql.RowFactory.create(v));
            }
            expected = scorer.predict(file);
        }
        List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>();
        for (String f : features) {
            fields.add(org.apache.spark.sql.types.DataTypes.createStructField(f,
                org.apache.spark.sql.types.DataTypes.FloatType, false));
        }
        fields.add(org.apache.spark.sql.types.DataTypes.createStructField(ScoredJets.ROW,
            org.apache.spark.sql.types.DataTypes.LongType, false));
        fields.add(org.apache.spark.sql.types.DataTypes.createStructField(ScoredJets.PT,
            org.apache.spark.sql.types.DataTypes.DoubleType, false));
        Dataset<Row> frame = spark.createDataFrame(input,
            org.apache.spark.sql.types.DataTypes.createStructType(fields)).coalesce(1);
        List<Row> rows = scoring().score(frame).orderBy(ScoredJets.ROW).collectAsList();
        float[] probabilities = new float[rows.size() * 6];
        for (int i = 0; i < rows.size(); i++) {
            List<Float> p = rows.get(i).getList(rows.get(i).fieldIndex(ScoredJets.PROBABILITIES));
            for (int j = 0; j < 6; j++) {
                probabilities[i * 6 + j] = p.get(j);
            }
            assertEquals(input.get(i).getDouble(features.size() + 1), rows.get(i).getDouble(rows.get(i)
                .fieldIndex(ScoredJets.PT)), "pt carried over");
        }
        assertArrayEquals(expected.probabilities(), probabilities, "bit for bit as the file's prediction");

        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> scoring().score(frame.drop("nsv")));
        assertTrue(missing.getMessage().startsWith("DataFrame: no column 'nsv'"), missing.getMessage());
    }

    /**
     * What {@code btag evaluate} computes for tutorial-layout files: the library's evaluation of the concatenated
     * predictions ({@code btag predict}'s) against the files' truth, pT and |eta|.
     */
    private static Evaluation singleMachine() throws Exception {
        List<Predictions> parts = new ArrayList<>();
        List<int[]> truth = new ArrayList<>();
        List<float[]> oneHot = new ArrayList<>();
        List<float[]> pt = new ArrayList<>();
        List<float[]> eta = new ArrayList<>();
        try (JetScorer scorer = ModelFiles.open(model, OutputKind.PROBABILITIES)) {
            for (Path path : files) {
                try (TutorialFile file = TutorialFile.open(path)) {
                    parts.add(scorer.predict(file));
                    truth.add(file.truthCodes());
                    oneHot.add(file.oneHotLabels(0, file.jetCount()));
                    pt.add(file.column(JetColumn.JET_PT));
                    eta.add(file.column(JetColumn.JET_ETA));
                }
            }
        }
        int n = java.util.Arrays.stream(JETS).sum();
        float[] probabilities = new float[n * 6];
        int[] codes = new int[n];
        float[] labels = new float[n * 6];
        double[] jetPt = new double[n];
        double[] absEta = new double[n];
        int at = 0;
        for (int f = 0; f < files.size(); f++) {
            System.arraycopy(parts.get(f).probabilities(), 0, probabilities, at * 6, JETS[f] * 6);
            System.arraycopy(truth.get(f), 0, codes, at, JETS[f]);
            System.arraycopy(oneHot.get(f), 0, labels, at * 6, JETS[f] * 6);
            for (int i = 0; i < JETS[f]; i++) {
                jetPt[at + i] = pt.get(f)[i];
                absEta[at + i] = Math.abs(eta.get(f)[i]);
            }
            at += JETS[f];
        }
        return TaggerEvaluation.standard().evaluate("dnn", probabilities,
            new TestSample(null, codes, labels, jetPt, absEta, null, true));
    }

    @Test
    void evaluatesExactlyAsBtagEvaluate() throws Exception {
        Evaluation single = singleMachine();
        Dataset<Row> scored = scoring().score(spark, files);
        SparkEvaluation.Result spread = SparkEvaluation.standard().evaluate("dnn", scored, Layout.tutorial());
        assertEquals(single.jets(), spread.jets());
        assertEquals(single.comparisons().size(), spread.comparisons().size());
        for (int c = 0; c < single.comparisons().size(); c++) {
            ComparisonResult a = single.comparisons().get(c);
            ComparisonResult b = spread.comparisons().get(c);
            String name = a.comparison().name();
            assertEquals(a.comparison(), b.comparison());
            assertEquals(a.auc().auc(), b.auc().auc(), 1e-12, name);
            assertEquals(a.auc().standardError(), b.auc().standardError(), 1e-12, name);
            assertEquals(a.roc().signal(), b.roc().signal(), name);
            assertEquals(a.roc().background(), b.roc().background(), name);
            assertArrayEquals(a.roc().thresholds(), b.roc().thresholds(), name);
            assertArrayEquals(a.roc().tpr(), b.roc().tpr(), name);
            assertArrayEquals(a.roc().fpr(), b.roc().fpr(), name);
            assertEquals(a.allWorkingPoints(), b.allWorkingPoints(), name);
            assertArrayEquals(a.efficiencyVsPt().total(), b.efficiencyVsPt().total(), name);
            assertArrayEquals(a.efficiencyVsPt().passed(), b.efficiencyVsPt().passed(), name);
            assertArrayEquals(a.mistagVsPt().total(), b.mistagVsPt().total(), name);
            assertArrayEquals(a.mistagVsPt().passed(), b.mistagVsPt().passed(), name);
            assertArrayEquals(a.mistagVsPt().upper(), b.mistagVsPt().upper(), name);
            assertSameBins(a.binned(TaggerEvaluation.PT), b.binned(TaggerEvaluation.PT), name + " per pT bin");
            assertSameBins(a.binned(TaggerEvaluation.ABS_ETA), b.binned(TaggerEvaluation.ABS_ETA),
                name + " per |eta| bin");
        }
        assertEquals(single.confusion().classNames(), spread.confusion().classNames());
        assertArrayEquals(single.confusion().counts(), spread.confusion().counts());
        assertEquals(single.efficiencyMaps(), spread.efficiencyMaps());
        assertEquals(single.calibration().size(), spread.calibration().size());
        for (int c = 0; c < single.calibration().size(); c++) {
            var a = single.calibration().get(c);
            var b = spread.calibration().get(c);
            assertEquals(a.name(), b.name());
            assertArrayEquals(a.count(), b.count(), a.name());
            assertArrayEquals(a.observed(), b.observed(), a.name());
            assertArrayEquals(a.meanPredicted(), b.meanPredicted(), 1e-12, a.name());
            assertEquals(a.expectedCalibrationError(), b.expectedCalibrationError(), 1e-12, a.name());
        }
        assertTrue(spread.efficiencyMaps().cuts().get(0).flavours().get(FlavourGroup.B).total()[2][1] > 0,
            "maps with jets");
    }

    /** Two binned performances agree: counts, AUCs, curves and every working point's rates, bin by bin. */
    private static void assertSameBins(BinnedPerformance a, BinnedPerformance b, String name) {
        assertEquals(a.roc().bins().size(), b.roc().bins().size(), name);
        for (int i = 0; i < a.roc().bins().size(); i++) {
            RocBin x = a.roc().bins().get(i);
            RocBin y = b.roc().bins().get(i);
            assertEquals(x.signal(), y.signal(), name + " " + i);
            assertEquals(x.background(), y.background(), name + " " + i);
            assertEquals(x.upper(), y.upper(), name + " " + i);
            if (Double.isNaN(x.auc().auc())) {
                assertTrue(Double.isNaN(y.auc().auc()), name + " " + i);
            } else {
                assertEquals(x.auc().auc(), y.auc().auc(), 1e-12, name + " " + i);
                assertEquals(x.auc().standardError(), y.auc().standardError(), 1e-12, name + " " + i);
                assertArrayEquals(x.curve().thresholds(), y.curve().thresholds(), name + " " + i);
                assertArrayEquals(x.curve().tpr(), y.curve().tpr(), name + " " + i);
            }
        }
        assertEquals(a.workingPoints().size(), b.workingPoints().size(), name);
        for (int w = 0; w < a.workingPoints().size(); w++) {
            assertEquals(a.workingPoints().get(w).workingPoint(), b.workingPoints().get(w).workingPoint(), name);
            assertArrayEquals(a.workingPoints().get(w).efficiency().passed(),
                b.workingPoints().get(w).efficiency().passed(), name);
            assertArrayEquals(a.workingPoints().get(w).mistag().total(), b.workingPoints().get(w).mistag().total(),
                name);
        }
    }

    @Test
    void aFailedTaskIsRetriedWithoutLostOrDuplicatedRows() throws Exception {
        INJECTED.set(0);
        SparkScoring failing = SparkScoring.builder().setModelFile(model).optRowsPerPartition(1024)
            .optListener((range, attempt) -> {
                if (range.fileIndex() == 2 && range.from() == 1024 && attempt == 0) {
                    INJECTED.incrementAndGet();
                    throw new IllegalStateException("injected failure of " + range);
                }
            }).build();
        Dataset<Row> scored = failing.score(spark, files);
        List<Row> keys = scored.select(ScoredJets.FILE, ScoredJets.ROW, Discriminant.B_VS_L.cmsName()).collectAsList();
        assertEquals(1, INJECTED.get(), "the range failed once, on its first attempt");
        int total = java.util.Arrays.stream(JETS).sum();
        assertEquals(total, keys.size());
        assertEquals(total, keys.stream().map(r -> r.getString(0) + "#" + r.getLong(1)).distinct().count());
        List<Row> clean = scoring().score(spark, files)
            .select(ScoredJets.FILE, ScoredJets.ROW, Discriminant.B_VS_L.cmsName()).collectAsList();
        assertEquals(clean, keys, "the retried range scores as it would have");
    }

    /**
     * The command wrote the plots and efficiency-map files {@code btag evaluate} writes for the same files (its
     * {@link EvaluationOutputs#writeAll} of the single-machine evaluation with the metrics its command completes):
     * the same file names, every plot a PNG image, the map files (exact counts, the weight source) identical.
     */
    private static void assertSameOutputFilesAsBtagEvaluate(Path out) throws Exception {
        Path single = dir.resolve("single-machine");
        Evaluation e = singleMachine();
        JsonObject metrics = EvaluationJson.toJson(e, null);
        EvaluationWeights.fromLayout().describe(metrics, Layout.tutorial());
        EvaluationOutputs.writeAll(e, single, metrics);
        Set<String> perJet = Set.of(EvaluationOutputs.METRICS_FILE, EvaluationOutputs.PREDICTIONS_FILE,
            ScoredOutputs.PARQUET);
        Set<String> expected = fileNames(single, perJet);
        assertTrue(expected.containsAll(EvaluationPlots.FILES) && expected.contains(EfficiencyMapOutputs.CSV),
            "btag evaluate writes every plot and the maps: " + expected);
        assertEquals(expected, fileNames(out, perJet));
        for (String name : expected) {
            if (name.endsWith(".png")) {
                BufferedImage image = ImageIO.read(out.resolve(name).toFile());
                assertTrue(image != null && image.getWidth() > 100 && image.getHeight() > 100, name);
            }
        }
        for (String name : List.of(EfficiencyMapJson.FILE, EfficiencyMapOutputs.CSV, EfficiencyMapOutputs.NPZ)) {
            assertArrayEquals(Files.readAllBytes(single.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
    }

    /** The names of a directory's entries, less some. */
    private static Set<String> fileNames(Path directory, Set<String> except) throws Exception {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> !except.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void commandWritesMetricsAndReportsBadInputInOneLine() throws Exception {
        Path out = dir.resolve("cli");
        StringWriter text = new StringWriter();
        CommandLine cli = SparkCommand.newCommandLine();
        cli.setOut(new PrintWriter(text));
        int code = cli.execute("evaluate", "--master", "local[2,2]", "--model", model.toString(), "--test",
            dir.resolve("test_*.npz").toString(), "--out", out.toString(), "--json", "--rows-per-partition", "1024");
        assertEquals(0, code, text.toString());
        JsonObject printed = JsonParser.parseString(text.toString()).getAsJsonObject();
        JsonObject written = JsonParser.parseString(Files.readString(out.resolve("metrics.json"))).getAsJsonObject();
        assertEquals(printed, written);
        assertEquals(java.util.Arrays.stream(JETS).sum(), written.get("jets").getAsLong());
        assertTrue(written.get("synthetic").getAsBoolean());
        assertTrue(written.getAsJsonObject("auc").has("bVsLightGluon"));
        assertTrue(Files.isDirectory(out.resolve(ScoredOutputs.PARQUET)));
        assertSameOutputFilesAsBtagEvaluate(out);

        StringWriter err = new StringWriter();
        CommandLine bad = SparkCommand.newCommandLine();
        bad.setErr(new PrintWriter(err));
        bad.setOut(new PrintWriter(new StringWriter()));
        Path missing = dir.resolve("missing.npz");
        assertEquals(SparkCommand.EXIT_FAILURE, bad.execute("predict", "--master", "local[2,2]", "--model",
            model.toString(), "--test", missing.toString(), "--out", out.toString()));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("btag spark predict: ") && message.contains(missing.toString()), message);
        assertEquals(SparkCommand.EXIT_USAGE, bad.execute("predict", "--model", model.toString(), "--test",
            missing.toString(), "--out", out.toString(), "--rows-per-partition", "0"), "a usage error, before reading");
    }
}
