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
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.onnx.ModelFiles;
import dev.btag.models.onnx.OutputKind;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.PredictionsFile;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.data.schema.JetColumn;
import dev.btag.metrics.binning.BinnedVariable;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.efficiency.ClopperPearson;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.roc.BinnedRoc;
import dev.btag.metrics.roc.RocBin;
import dev.btag.metrics.roc.RocScan;
import dev.btag.models.evaluate.BinnedPerformance;
import dev.btag.models.evaluate.WorkingPointRates;
import dev.btag.spark.cli.SparkCommand;
import dev.btag.spark.evaluate.SparkEvaluation;
import dev.btag.spark.score.ScoredJets;
import dev.btag.spark.score.ScoredOutputs;
import dev.btag.spark.score.SparkScoring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void evaluatesExactlyAsBtagEvaluate() throws Exception {
        Evaluation single;
        try (Tagger tagger = TaggerFile.load(model)) {
            single = TaggerEvaluation.standard().evaluate(tagger, files, Layout.tutorial());
        }
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
            List<WorkingPoint> wa = a.allWorkingPoints();
            List<WorkingPoint> wb = b.allWorkingPoints();
            assertEquals(wa, wb, name);
            assertArrayEquals(a.efficiencyVsPt().total(), b.efficiencyVsPt().total(), name);
            assertArrayEquals(a.efficiencyVsPt().passed(), b.efficiencyVsPt().passed(), name);
            assertArrayEquals(a.mistagVsPt().total(), b.mistagVsPt().total(), name);
            assertArrayEquals(a.mistagVsPt().passed(), b.mistagVsPt().passed(), name);
            assertArrayEquals(a.mistagVsPt().upper(), b.mistagVsPt().upper(), name);
            assertSameBins(a.binned(TaggerEvaluation.PT), b.binned(TaggerEvaluation.PT), name + " per pT bin");
        }
        assertEquals(single.confusion().classNames(), spread.confusion().classNames());
        assertArrayEquals(single.confusion().counts(), spread.confusion().counts());
        // the maps btag evaluate draws for one file, on all four: the library's count over every jet's arrays
        double[] absEta = new double[single.jets()];
        int at = 0;
        for (Path file : files) {
            try (TutorialFile t = TutorialFile.open(file)) {
                for (float eta : t.column(JetColumn.JET_ETA)) {
                    absEta[at++] = Math.abs(eta);
                }
            }
        }
        ComparisonResult bvsl = spread.comparisons().stream()
            .filter(r -> r.comparison().equals(FlavourComparison.B_VS_LIGHT_GLUON)).findFirst().orElseThrow();
        EfficiencyMaps expected = EfficiencyMaps.of("BvsL",
            BinnedVariable.of("pt", TaggerEvaluation.DEFAULT_PT_BINS, single.sample().pt()),
            BinnedVariable.of("absEta", TaggerEvaluation.DEFAULT_ABS_ETA_BINS, absEta),
            single.sample().truthCodes(), Discriminants.compute(Discriminant.B_VS_L, single.probabilities()), null,
            bvsl.allWorkingPoints().stream().map(wp -> new EfficiencyMaps.Cut(wp.name(), wp.threshold())).toList(),
            FlavourGroup.STANDARD, ClopperPearson.ONE_SIGMA);
        assertEquals(expected, spread.efficiencyMaps());
        // |eta| bins (btag evaluate's layout path carries no |eta|): the library's scan of the same jets
        double[] bvslScores = Discriminants.compute(Discriminant.B_VS_L, single.probabilities());
        RocScan scan = RocScan.of(bvslScores, single.sample().truthCodes(),
            FlavourComparison.B_VS_LIGHT_GLUON.selection(), null, List.of(
                BinnedVariable.of("pt", TaggerEvaluation.DEFAULT_PT_BINS, single.sample().pt()),
                BinnedVariable.of("absEta", TaggerEvaluation.DEFAULT_ABS_ETA_BINS, absEta)));
        BinnedRoc etaBins = scan.binned(1, Overflow.LAST_BIN, TaggerEvaluation.BIN_CURVE_POINTS);
        BinnedPerformance sparkEta = bvsl.binned(TaggerEvaluation.ABS_ETA);
        for (int b = 0; b < etaBins.bins().size(); b++) {
            RocBin want = etaBins.bins().get(b);
            RocBin got = sparkEta.roc().bins().get(b);
            assertEquals(want.signal(), got.signal(), "|eta| bin " + b);
            assertEquals(want.background(), got.background(), "|eta| bin " + b);
            assertEquals(want.auc().auc(), got.auc().auc(), 1e-12, "|eta| bin " + b);
        }
        WorkingPoint medium = bvsl.workingPoint("medium");
        WorkingPointRates mediumRates = sparkEta.workingPoints().stream()
            .filter(r -> r.workingPoint().name().equals("medium")).findFirst().orElseThrow();
        assertArrayEquals(scan.signalPassing(1, medium.threshold(), Overflow.LAST_BIN, ClopperPearson.ONE_SIGMA)
            .passed(), mediumRates.efficiency().passed());
        assertTrue(etaBins.bins().get(0).signal().count() > 0, "|eta| bins with jets");
        assertTrue(expected.cuts().get(0).flavours().get(FlavourGroup.B).total()[2][1] > 0, "maps with jets");
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
        List<Row> clean = scoring().score(spark, files).select(ScoredJets.FILE, ScoredJets.ROW, Discriminant.B_VS_L.cmsName())
            .collectAsList();
        assertEquals(clean, keys, "the retried range scores as it would have");
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
