package dev.btag.models.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.hdf5.Hdf5Writer;
import dev.btag.data.layout.Layout;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.ntuple.LayoutMismatchException;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.models.Architecture;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.LayoutPredictions;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layout's {@code weight} field in the library's evaluation: a 3-class HDF5 table (features, integer flavour 5/4/0,
 * -1 undefined, pT, eta, weight) whose weighted AUC must equal a direct pairwise computation with the file's
 * weights, {@link EvaluationWeights#none()} the unweighted one, a weights file replacing (not multiplying) them, and a
 * negative weight refused naming the file, field and row.
 */
class LayoutWeightsEvaluationTest {

    static final int JETS = 400;

    @TempDir
    static Path dir;
    static Layout layout;
    static Path test;
    static int[] flavour;
    static double[] weights;
    static Tagger tagger;

    @BeforeAll
    static void trainOnALayoutWithWeights() throws Exception {
        SyntheticSample.Files files = SyntheticSample.write(dir.resolve("npz"), JETS, 23, 1);
        Path train = dir.resolve("train.h5");
        write(files.train(), train, -1);
        test = dir.resolve("test.h5");
        write(files.test(), test, -1);
        try (TutorialFile file = TutorialFile.open(files.test())) {
            int[] codes = file.truthCodes();
            flavour = new int[JETS];
            weights = new double[JETS];
            for (int i = 0; i < JETS; i++) {
                flavour[i] = flavourOf(codes[i]);
                weights[i] = weightOf(i);
            }
        }
        List<String> features = new ArrayList<>();
        for (int i = 0; i < FeatureSet.TUTORIAL.size(); i++) {
            features.add("f" + i);
        }
        String names = String.join(", ", features);
        layout = Layout.parse("""
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
            """.formatted(names, names), "weighted.yaml");
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
                .setTrainFiles(List.of(train)).optLayout(layout).optEpochs(1).optBatchSize(128).optSeed(5)
                .optOutputDir(dir.resolve("dnn")).build().run()) {
            assertEquals(3, trained.tagger().spec().classes());
        }
        tagger = TaggerFile.load(dir.resolve("dnn").resolve(TrainingRun.MODEL_FILE));
    }

    @AfterAll
    static void closeTagger() {
        if (tagger != null) {
            tagger.close();
        }
    }

    private static int flavourOf(int code) {
        return code == 5 ? 5 : code == 4 ? 4 : code == 1 || code == 21 ? 0 : -1;
    }

    /** Uneven weights, some zero. */
    private static double weightOf(int row) {
        return (row * 7 % 10) / 4.0;
    }

    /** Writes the table of a synthetic file; {@code negativeRow} (if not -1) gets weight -0.25. */
    private static void write(Path npz, Path h5, int negativeRow) throws IOException {
        try (TutorialFile file = TutorialFile.open(npz); Hdf5Writer writer = Hdf5Writer.create(h5)) {
            int n = file.jetCountAsInt();
            int f = FeatureSet.TUTORIAL.size();
            int width = f + 4;
            float[] features = file.features(FeatureSet.TUTORIAL, 0, n);
            int[] codes = file.truthCodes();
            float[] table = new float[n * width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(features, i * f, table, i * width, f);
                table[i * width + f] = flavourOf(codes[i]);
                table[i * width + f + 1] = features[i * f];
                table[i * width + f + 2] = features[i * f + 1];
                table[i * width + f + 3] = i == negativeRow ? -0.25f : (float) weightOf(i);
            }
            writer.write("jets", table, n, width);
        }
    }

    /** The weighted AUC of signal flavour against background flavour, pair by pair (ties count one half). */
    static double pairwiseAuc(double[] score, int[] flavours, double[] w, int signal, int background) {
        double pairs = 0;
        double above = 0;
        for (int i = 0; i < score.length; i++) {
            if (flavours[i] != signal) {
                continue;
            }
            for (int j = 0; j < score.length; j++) {
                if (flavours[j] != background) {
                    continue;
                }
                double ww = (w == null ? 1 : w[i]) * (w == null ? 1 : w[j]);
                pairs += ww;
                above += score[i] > score[j] ? ww : score[i] == score[j] ? ww / 2 : 0;
            }
        }
        return above / pairs;
    }

    private static double[] bvsl() throws Exception {
        return LayoutPredictions.score(tagger, List.of(test), layout).discriminant(Discriminant.B_VS_L);
    }

    @Test
    void theLayoutsWeightsWeighTheAucAsADirectComputation() throws Exception {
        Evaluation e = TaggerEvaluation.standard().evaluate(tagger, List.of(test), layout);
        assertTrue(e.sample().weighted());
        assertEquals(weights.length, e.sample().weights().length);
        for (int i = 0; i < JETS; i++) {
            assertEquals((float) weights[i], e.sample().weights()[i], "weight of row " + i);
        }
        double auc = e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc();
        double direct = pairwiseAuc(bvsl(), flavour, weights, 5, 0);
        assertEquals(direct, auc, 1e-12);
        assertNotEquals(pairwiseAuc(bvsl(), flavour, null, 5, 0), auc, 1e-6, "the weights change the AUC");
        JsonObject metrics = new JsonObject();
        EvaluationWeights.fromLayout().describe(metrics, layout);
        assertEquals("layout", metrics.get("weightSource").getAsString());
        assertEquals("w", metrics.get("weightField").getAsString());
        assertFalse(metrics.has("weights"));

        // efficiency_map.json takes the two keys of the metrics document, nothing else of it
        Path out = dir.resolve("eval-layout");
        EvaluationOutputs.writeAll(e, out, metrics);
        JsonObject maps = JsonParser.parseString(Files.readString(out.resolve(EfficiencyMapJson.FILE)))
            .getAsJsonObject();
        assertEquals("layout", maps.get("weightSource").getAsString());
        assertEquals("w", maps.get("weightField").getAsString());
        assertFalse(maps.has("weighted") || maps.has("auc") || maps.has("model"), maps.keySet().toString());
        assertFalse(EfficiencyMapJson.toJson(e.efficiencyMaps(), false).has("weightSource"),
            "without a weight source the document has no weight keys");
    }

    @Test
    void noneGivesTheUnweightedNumbers() throws Exception {
        Evaluation e = TaggerEvaluation.standard().evaluate(tagger, List.of(test), layout, EvaluationWeights.none());
        assertFalse(e.sample().weighted());
        assertEquals(pairwiseAuc(bvsl(), flavour, null, 5, 0),
            e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc(), 1e-12);
        JsonObject metrics = new JsonObject();
        EvaluationWeights.none().describe(metrics, layout);
        assertEquals("none", metrics.get("weightSource").getAsString());
        assertFalse(metrics.has("weightField"));
    }

    @Test
    void aWeightsFileReplacesTheLayoutsWeights() throws Exception {
        float[] replacement = new float[JETS];
        double[] asDouble = new double[JETS];
        for (int i = 0; i < JETS; i++) {
            replacement[i] = 1 + i % 3;
            asDouble[i] = replacement[i];
        }
        Path npz = dir.resolve("replacement.npz");
        NpzWriter.write(npz, false, w -> w.write("weight", replacement, JETS));
        EvaluationWeights fromFile = EvaluationWeights.fromFile(npz);
        Evaluation e = TaggerEvaluation.standard().evaluate(tagger, List.of(test), layout, fromFile);
        assertEquals(pairwiseAuc(bvsl(), flavour, asDouble, 5, 0),
            e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc(), 1e-12);
        assertNull(fromFile.field(layout), "the layout's field is not read");
        JsonObject metrics = new JsonObject();
        fromFile.describe(metrics, layout);
        assertEquals("file", metrics.get("weightSource").getAsString());
        assertEquals(npz.toString(), metrics.get("weights").getAsString());
        JsonObject maps = EfficiencyMapJson.toJson(e.efficiencyMaps(), false, metrics);
        assertEquals("file", maps.get("weightSource").getAsString());
        assertFalse(maps.has("weightField") || maps.has("weights"), maps.keySet().toString());
    }

    @Test
    void aNegativeWeightIsRefusedNamingTheFileFieldAndRow() throws Exception {
        Path bad = dir.resolve("negative.h5");
        write(SyntheticSample.write(dir.resolve("npz-neg"), 100, 29, 1).train(), bad, 17);
        LayoutMismatchException e = assertThrows(LayoutMismatchException.class,
            () -> TaggerEvaluation.standard().evaluate(tagger, List.of(test, bad), layout));
        assertEquals(bad + ": weight 'w': row 17 is -0.25 (1 of 100 weights are negative or not finite); an"
            + " evaluation needs finite, non-negative weights (evaluate without these weights, or give finite"
            + " non-negative ones in a weights file)", e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals("weight 'w'", e.key());
        // ignoring the layout's weights evaluates the same file
        Evaluation unweighted = TaggerEvaluation.standard().evaluate(tagger, List.of(bad), layout,
            EvaluationWeights.none());
        assertEquals(100, unweighted.jets());
    }
}
