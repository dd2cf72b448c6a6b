package dev.btag.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.hdf5.Hdf5Writer;
import dev.btag.data.layout.Layout;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.LayoutInputs;
import dev.btag.models.ObjectBranch;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.evaluate.ComparisonResult;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationWeights;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.onnx.ModelFiles;
import dev.btag.models.onnx.OnnxExport;
import dev.btag.models.onnx.OutputKind;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.LayoutPredictions;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.spark.cli.SparkCommand;
import dev.btag.spark.score.ScoredJets;
import dev.btag.spark.score.ScoredOutputs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code btag spark predict --layout} with an ONNX model: a random DeepJet-style tagger over a 3-class HDF5 layout
 * with two collections ({@code tracks} 10 x 21 and {@code vertices} 4 x 12; its branches read them in the other
 * order, so they are matched by name), exported to ONNX. Spark scores two files (5,000 and 700 jets, in partitions of
 * 4,096 jets, so the first file has two ranges) through the layout; the probabilities must be bit for bit those of
 * {@code btag predict --layout} of the same .onnx file ({@link LayoutPredictions#score} of the model opened through
 * the layout, what its command runs), and within the export's tolerance of the tagger on the PyTorch engine; with
 * {@code --npz} each file's npz is byte for byte that of {@code btag predict --layout} of the file.
 * {@code btag spark evaluate --layout} gives {@code btag evaluate}'s AUCs of the same .onnx file (1e-12, as the other
 * Spark evaluation tests). Without {@code --layout} the model is refused on the driver in one line naming it.
 */
class SparkOnnxLayoutTest {

    private static final int[] JETS = {5000, 700};
    private static final int ROWS_PER_PARTITION = 4096;

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Layout layout;
    private static Path layoutFile;
    private static Path onnx;
    private static float[] pytorch;
    private static List<Path> files;

    @BeforeAll
    static void setUp() throws Exception {
        List<String> features = names("f", 15);
        String yaml = """
            format: hdf5
            jets:
              array: jets
              columns: [%s, flavour, pt, eta]
              features: [%s]
            label:
              field: flavour
              classes: {b: [5], c: [4], light: [0]}
              ignore: [-1]
            groups: {b: [b], c: [c], light: [light]}
            kinematics: {pt: pt, eta: eta}
            collections:
              - {name: tracks, array: tracks, variables: [%s]}
              - {name: vertices, array: vertices, variables: [%s]}
            """.formatted(String.join(", ", features), String.join(", ", features),
            String.join(", ", names("t", 21)), String.join(", ", names("v", 12)));
        layoutFile = Files.writeString(dir.resolve("three-collections.yaml"), yaml);
        layout = Layout.load(layoutFile);
        files = new ArrayList<>();
        for (int f = 0; f < JETS.length; f++) {
            Path h5 = dir.resolve("jets_" + f + ".h5");
            writeFile(h5, JETS[f], new Random(40 + f));
            files.add(h5);
        }
        Engine.getInstance().setRandomSeed(13);
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DEEPJET).optFeatureCount(features.size())
            .optBranches(List.of(new ObjectBranch("vertices", 4, 12, new int[] {4}, 3, -1),
                new ObjectBranch("tracks", 10, 21, new int[] {5}, 4, -1)))
            .optHeadWidths(8).optClasses(3).build();
        onnx = dir.resolve("deepjet3.onnx");
        try (Tagger tagger = Tagger.create(spec, InputSpec.unstandardised(features, 4, 12), Device.cpu())
                .initialize()) {
            tagger.attachLayout(new LayoutInputs(layout, List.of("vertices", "tracks"),
                java.util.Arrays.asList(null, null)));
            Files.write(onnx, OnnxExport.builder().setTagger(tagger).build().toBytes());
            try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
                pytorch = LayoutPredictions.score(predictor, files, layout).predictions().probabilities();
            }
        }
        spark = SparkSession.builder().master("local[2]").appName("btag-onnx-layout-test")
            .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static List<String> names(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** Random jets in the layout: features, a flavour (5, 4, 0 or -1), pT, eta, and zero-padded objects. */
    private static void writeFile(Path h5, int n, Random random) throws Exception {
        int width = 15 + 3;
        float[] table = new float[n * width];
        float[] tracks = new float[n * 10 * 21];
        float[] vertices = new float[n * 4 * 12];
        int[] flavours = {5, 4, 0, -1};
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 15; j++) {
                table[i * width + j] = (float) random.nextGaussian();
            }
            table[i * width + 15] = flavours[random.nextInt(flavours.length)];
            table[i * width + 16] = 20 + (float) (-50 * Math.log(1 - random.nextDouble()));
            table[i * width + 17] = (float) (5 * random.nextDouble() - 2.5);
            fillObjects(tracks, i, 10, 21, random);
            fillObjects(vertices, i, 4, 12, random);
        }
        try (Hdf5Writer writer = Hdf5Writer.create(h5)) {
            writer.write("jets", table, n, width);
            writer.write("tracks", tracks, n, 10, 21);
            writer.write("vertices", vertices, n, 4, 12);
        }
    }

    /** A random number of filled object slots (the rest zero, as padding is). */
    private static void fillObjects(float[] objects, int jet, int slots, int variables, Random random) {
        int filled = random.nextInt(slots + 1);
        for (int o = 0; o < filled; o++) {
            for (int v = 0; v < variables; v++) {
                objects[(jet * slots + o) * variables + v] = (float) random.nextGaussian();
            }
        }
    }

    private static CommandLine command(StringWriter out, StringWriter err) {
        CommandLine cli = SparkCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli;
    }

    @Test
    void scoresThroughTheLayoutBitForBitAsBtagPredict() throws Exception {
        float[] expected;
        try (JetScorer scorer = ModelFiles.open(onnx, OutputKind.PROBABILITIES, layout)) {
            expected = LayoutPredictions.score(scorer, files, layout).predictions().probabilities();
        }
        assertEquals((JETS[0] + JETS[1]) * 3, expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(pytorch[i], expected[i], OnnxExport.TOLERANCE, "ONNX Runtime = the PyTorch engine, " + i);
        }

        Path out = dir.resolve("predict");
        StringWriter text = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, command(text, err).execute("predict", "--master", "local[2]", "--model", onnx.toString(),
            "--layout", layoutFile.toString(), "--test", dir.resolve("jets_*.h5").toString(), "--out",
            out.toString(), "--rows-per-partition", String.valueOf(ROWS_PER_PARTITION), "--npz"), err.toString());
        assertTrue(text.toString().contains("scored by deepjet3.onnx") && text.toString().contains("(3 partitions"),
            text.toString());
        Dataset<Row> scored = spark.read().parquet(out.resolve(ScoredOutputs.PARQUET).toString());
        float[] spread = new float[expected.length];
        int at = 0;
        for (Path file : files) {
            List<Row> rows = scored.filter(scored.col(ScoredJets.FILE).equalTo(file.toString()))
                .orderBy(ScoredJets.ROW).collectAsList();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                assertEquals(i, r.getLong(r.fieldIndex(ScoredJets.ROW)), file + ": rows in order, each once");
                List<Float> p = r.getList(r.fieldIndex(ScoredJets.PROBABILITIES));
                assertEquals(3, p.size());
                for (int j = 0; j < 3; j++) {
                    spread[at++] = p.get(j);
                }
            }
        }
        assertEquals(expected.length, at, "every jet scored");
        assertArrayEquals(expected, spread, "bit for bit as btag predict --layout of the .onnx file");
        // --npz: per input file, byte for byte what btag predict --layout writes for that file
        try (JetScorer scorer = ModelFiles.open(onnx, OutputKind.PROBABILITIES, layout)) {
            for (Path file : files) {
                String stem = file.getFileName().toString().replace(".h5", "");
                Path single = dir.resolve(stem + "-single.npz");
                LayoutPredictions.score(scorer, List.of(file), layout).write(single);
                assertArrayEquals(Files.readAllBytes(single),
                    Files.readAllBytes(out.resolve(stem + ScoredOutputs.NPZ_SUFFIX)), file.toString());
            }
        }
    }

    @Test
    void evaluatesThroughTheLayoutAsBtagEvaluate() throws Exception {
        Evaluation single;
        try (JetScorer scorer = ModelFiles.open(onnx, OutputKind.PROBABILITIES, layout)) {
            single = TaggerEvaluation.standard().evaluate(scorer, files, layout, EvaluationWeights.fromLayout());
        }
        StringWriter text = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, command(text, err).execute("evaluate", "--master", "local[2]", "--model", onnx.toString(),
            "--layout", layoutFile.toString(), "--test", dir.resolve("jets_*.h5").toString(), "--out",
            dir.resolve("evaluate").toString(), "--rows-per-partition", String.valueOf(ROWS_PER_PARTITION),
            "--json"), err.toString());
        JsonObject metrics = JsonParser.parseString(text.toString()).getAsJsonObject();
        assertEquals(single.jets(), metrics.get("jets").getAsLong());
        JsonObject auc = metrics.getAsJsonObject("auc");
        assertEquals(5, single.comparisons().size(), "the layout declares b, c and light");
        assertEquals(single.comparisons().size(), auc.size());
        for (ComparisonResult c : single.comparisons()) {
            String key = c.comparison().key();
            assertEquals(c.auc().auc(), auc.get(key).getAsDouble(), 1e-12, key);
        }
    }

    @Test
    void aDataFrameCannotFeedTheModelsTwoCollectionsAndIsRefusedOnTheDriver() {
        org.apache.spark.sql.Column[] columns = names("f", 15).stream()
            .map(f -> org.apache.spark.sql.functions.lit(0f).as(f)).toArray(org.apache.spark.sql.Column[]::new);
        Dataset<Row> frame = spark.range(3).select(columns);
        dev.btag.spark.score.SparkScoring scoring = dev.btag.spark.score.SparkScoring.builder().setModelFile(onnx)
            .optLayout(layout).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> scoring.score(frame));
        assertEquals(onnx + ": the model reads the collections [vertices, tracks]; a DataFrame feeds one, the"
            + " layout's first ('tracks'): score files instead", e.getMessage());
    }

    @Test
    void withoutTheLayoutTheModelIsRefusedOnTheDriver() {
        Path out = dir.resolve("refused");
        StringWriter err = new StringWriter();
        assertEquals(SparkCommand.EXIT_FAILURE, command(new StringWriter(), err).execute("predict", "--master",
            "local[2]", "--model", onnx.toString(), "--test", files.get(1).toString(), "--out", out.toString()));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("btag spark predict: " + onnx + ": input 'vertices': variable 0 is 'sv_pt' in the"
            + " layout tutorial, the model reads 'v0'"), message);
        assertFalse(Files.exists(out.resolve(ScoredOutputs.PARQUET)), "refused before scoring");
    }
}
