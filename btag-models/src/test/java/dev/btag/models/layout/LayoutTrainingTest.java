package dev.btag.models.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.hdf5.Hdf5Writer;
import dev.btag.data.layout.Layout;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.models.Architecture;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.PredictionsNpz;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.LayoutPredictions;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-class HDF5 sample with tracks, as an analysis would have it: the synthetic jets rewritten with an integer
 * flavour field (5, 4, 0; undefined jets -1, ignored) and the tracks as (N, 10, 21) with named variables.
 */
class LayoutTrainingTest {

    static final String LAYOUT = """
        format: hdf5
        jets:
          array: jets
          columns: [%s, flavour, pt]
          features: [%s]
        label:
          field: flavour
          classes: {b: [5], c: [4], light: [0]}
          ignore: [-1]
        groups: {b: [b], c: [c], light: [light]}
        kinematics: {pt: pt}
        collections:
          - {name: tracks, array: tracks, variables: [%s]}
        """;

    @TempDir
    static Path dir;
    static Path train;
    static Path test;
    static Layout layout;

    @BeforeAll
    static void writeSample() throws IOException {
        SyntheticSample.Files files = SyntheticSample.write(dir.resolve("npz"), 3000, 17, 1);
        train = toHdf5(files.train(), dir.resolve("train.h5"));
        test = toHdf5(files.test(), dir.resolve("test.h5"));
        List<String> features = new ArrayList<>();
        for (int i = 0; i < FeatureSet.TUTORIAL.size(); i++) {
            features.add("f" + i);
        }
        List<String> variables = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            variables.add("t" + i);
        }
        layout = Layout.parse(String.format(LAYOUT, String.join(", ", features), String.join(", ", features),
            String.join(", ", variables)), "three-class.yaml");
    }

    static Path toHdf5(Path npz, Path h5) throws IOException {
        try (TutorialFile file = TutorialFile.open(npz); Hdf5Writer writer = Hdf5Writer.create(h5)) {
            int n = file.jetCountAsInt();
            int f = FeatureSet.TUTORIAL.size();
            float[] features = file.features(FeatureSet.TUTORIAL, 0, n);
            int[] truth = file.truthCodes();
            float[] table = new float[n * (f + 2)];
            for (int i = 0; i < n; i++) {
                System.arraycopy(features, i * f, table, i * (f + 2), f);
                int code = truth[i];
                table[i * (f + 2) + f] = code == 5 ? 5 : code == 4 ? 4 : code == 1 || code == 21 ? 0 : -1;
                table[i * (f + 2) + f + 1] = features[i * f];
            }
            writer.write("jets", table, n, f + 2).write("tracks", file.tracks(0, n), n, 10, 21);
        }
        return h5;
    }

    @Test
    void lstmTrainsOnThreeClassHdf5AndSeparatesBFromLight() throws Exception {
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.LSTM)
                .setTrainFiles(List.of(train)).optLayout(layout).optEpochs(4).optBatchSize(128).optSeed(3)
                .optOutputDir(dir.resolve("lstm")).build().run()) {
            assertEquals(3, trained.tagger().spec().classes());
            assertEquals(15, trained.tagger().spec().featureCount());
        }
        try (Tagger tagger = TaggerFile.load(dir.resolve("lstm").resolve(TrainingRun.MODEL_FILE))) {
            LayoutInputs inputs = tagger.layoutInputs().orElseThrow();
            assertEquals(layout, inputs.layout());
            assertEquals("tracks", inputs.collection());
            assertNotNull(inputs.collectionStandardizer(), "the layout asks for standardised tracks");
            Evaluation e = TaggerEvaluation.standard().evaluate(tagger, List.of(test), layout);
            double auc = e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc();
            assertTrue(auc > 0.7, "AUC(b vs light) = " + auc);
            assertEquals(List.of("b", "c", "light"), e.confusion().classNames());
            assertEquals(5, e.comparisons().size());
            predictionsHoldTheClassProbabilities(tagger, e);

            Layout swapped = Layout.parse(layout.toYaml().replace("features: [f0, f1,", "features: [f1, f0,"), "s");
            IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> TaggerEvaluation.standard().evaluate(tagger, List.of(test), swapped));
            assertTrue(mismatch.getMessage().contains(test + ": input 'features': feature 0 is 'f1', the tagger"
                + " reads 'f0'"), mismatch.getMessage());
        }
    }

    /** predictions.npz of a 3-class layout: (N, 3) probabilities as the tagger gave them, discriminants of sums. */
    private static void predictionsHoldTheClassProbabilities(Tagger tagger, Evaluation e) throws Exception {
        LayoutPredictions scored = LayoutPredictions.score(tagger, List.of(test), layout);
        float[] expected = scored.predictions().probabilities();
        assertArrayEquals(expected, e.classProbabilities());
        assertEquals(3, e.classes());
        Path file = dir.resolve("predictions.npz");
        PredictionsNpz.write(e, file);
        try (NpzFile npz = NpzFile.open(file)) {
            assertArrayEquals(new long[] {3000, 3}, npz.get("probabilities").shape());
            assertEquals("<f4", npz.get("probabilities").dtype().descr());
            float[] p = npz.get("probabilities").toFloatArray();
            assertArrayEquals(expected, p);
            double[] bvsl = npz.get("BvsL").toDoubleArray();
            double[] cvsb = npz.get("CvsB").toDoubleArray();
            int[] truth = npz.get("truth").toIntArray();
            int[] classes = scored.classIndices();
            for (int i = 0; i < 3000; i++) {
                assertEquals(1.0, p[3 * i] + p[3 * i + 1] + p[3 * i + 2], 1e-5, "row " + i + " is a softmax");
                assertEquals(p[3 * i] / ((double) p[3 * i] + p[3 * i + 2]), bvsl[i], 1e-6, "BvsL of jet " + i);
                assertEquals(p[3 * i + 1] / ((double) p[3 * i + 1] + p[3 * i]), cvsb[i], 1e-6, "CvsB of jet " + i);
                int code = classes[i] == 0 ? 5 : classes[i] == 1 ? 4 : classes[i] == 2 ? 1 : 0;
                assertEquals(code, truth[i], "truth of jet " + i);
            }
        }
    }

    @Test
    void severalFilesStreamAndHeldOutFilesValidate() throws Exception {
        Layout twoClasses = Layout.parse(layout.toYaml().replace("classes: {b: [5], c: [4], light: [0]}",
            "classes: {b: [5], other: [4, 0]}").replace("groups: {b: [b], c: [c], light: [light]}",
            "groups: {b: [b], light: [other]}"), "two.yaml");
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DNN)
                .setTrainFiles(List.of(train, train)).optValidationFiles(List.of(test)).optLayout(twoClasses)
                .optEpochs(2).optBatchSize(256).build().run()) {
            assertEquals(6000, trained.trainJets());
            assertEquals(3000, trained.validationJets());
            assertEquals(2, trained.tagger().spec().classes());
            Evaluation e = TaggerEvaluation.standard().evaluate(trained.tagger(), List.of(test, test), twoClasses);
            assertEquals(2, e.comparisons().size(), "b vs all and b vs light: no c group");
            assertEquals(6000, e.jets());
        }
    }
}
