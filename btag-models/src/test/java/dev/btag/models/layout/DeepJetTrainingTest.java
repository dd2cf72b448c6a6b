package dev.btag.models.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.btag.data.dataset.JetColumns;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import dev.btag.models.LayoutInputs;
import dev.btag.models.ObjectBranch;
import dev.btag.models.PaddingPolicy;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.predict.LayoutPredictions;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DeepJet-style tagger through the whole path: several collections loaded, trained, saved, loaded, predicted. */
class DeepJetTrainingTest {

    @TempDir
    static Path dir;
    static SyntheticSample.Files files;

    @BeforeAll
    static void writeSample() throws Exception {
        files = SyntheticSample.write(dir.resolve("npz"), 300, 5, 1);
    }

    @Test
    void batchesCarryOneArrayPerCollectionInTheGivenOrder() throws Exception {
        try (JetFile jets = JetFile.open(files.train(), Layout.tutorial());
             NDManager manager = NDManager.newBaseManager()) {
            int[] order = {jets.collectionIndex("vertices"), jets.collectionIndex("charged")};
            JetColumns columns = JetColumns.load(jets, order);
            assertEquals(List.of("vertices", "charged"), columns.collectionNames());
            JetDataset dataset = JetDataset.builder().setColumns(columns).optTracks(true).setSampling(32, false)
                .build();
            try (Batch batch = dataset.batches(manager, 0).iterator().next()) {
                assertEquals(3, batch.getData().size());
                assertArrayEquals(new long[] {32, 4, 12}, batch.getData().get(1).getShape().getShape());
                assertArrayEquals(new long[] {32, 25, 16}, batch.getData().get(2).getShape().getShape());
                float[] charged = jets.collection(order[1], 0, 32);
                assertArrayEquals(charged, batch.getData().get(2).toFloatArray());
            }
            assertThrows(IllegalArgumentException.class, () -> JetColumns.load(jets, new int[] {order[0], order[0]}));
        }
    }

    @Test
    void trainsSavesLoadsAndPredictsTheSame() throws Exception {
        Path out = dir.resolve("deepjet");
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DEEPJET)
                .setTrainFile(files.train()).optCollections(List.of("charged", "neutral", "vertices"))
                .optSpecCustomiser(b -> b.optPadding(PaddingPolicy.KEEP).optSortBy("neutral", 0))
                .optEpochs(1).optBatchSize(64).optOutputDir(out).build().run()) {
            List<ObjectBranch> branches = trained.tagger().spec().branches();
            assertEquals(List.of("charged", "neutral", "vertices"),
                branches.stream().map(ObjectBranch::collection).toList());
            assertEquals(150, branches.get(0).recurrentUnits());
            assertEquals(0, branches.get(1).sortVariable());
            assertEquals(PaddingPolicy.KEEP, trained.tagger().spec().padding());
        }
        float[] before;
        try (Tagger tagger = TaggerFile.load(out.resolve(TrainingRun.MODEL_FILE));
             TaggerPredictor predictor = new TaggerPredictor(tagger);
             JetFile test = JetFile.open(files.test(), Layout.tutorial())) {
            LayoutInputs reading = tagger.layoutInputs().orElseThrow();
            assertEquals(List.of("charged", "neutral", "vertices"), reading.collections());
            assertEquals(PaddingPolicy.KEEP, tagger.spec().padding());
            before = predictor.predict(test).probabilities();
            assertEquals(300 * 6, before.length);
            for (int i = 0; i < 300; i++) {
                double sum = 0;
                for (int k = 0; k < 6; k++) {
                    sum += before[i * 6 + k];
                }
                assertEquals(1.0, sum, 1e-4);
            }
            try (TutorialFile tutorial = TutorialFile.open(files.test())) {
                assertArrayEquals(before, predictor.predict(tutorial).probabilities(),
                    "a tutorial file is read through the tagger's layout");
            }
        }
    }

    @Test
    void severalCollectionsStreamFromSeveralFilesAndScoreSeveralTestFiles() throws Exception {
        SyntheticSample.Files second = SyntheticSample.write(dir.resolve("npz2"), 200, 6, 1);
        List<Path> tests = List.of(files.test(), second.test());
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DEEPJET)
                .setTrainFiles(List.of(files.train(), second.train())).optEpochs(1).optBatchSize(64)
                .optOutputDir(dir.resolve("deepjet-streamed")).build().run()) {
            Tagger tagger = trained.tagger();
            List<String> read = tagger.layoutInputs().orElseThrow().collections();
            assertEquals(Architecture.DEEPJET.defaultCollections(Layout.tutorial().collections().stream()
                .map(c -> c.name()).toList()), read, "every collection the tagger reads is streamed");
            assertTrue(read.size() > 1, read.toString());
            assertEquals(read, tagger.spec().branches().stream().map(ObjectBranch::collection).toList());
            LayoutPredictions scored = LayoutPredictions.score(tagger, tests, Layout.tutorial());
            float[] p = scored.predictions().probabilities();
            assertEquals(500 * 6, p.length);
            try (TaggerPredictor predictor = new TaggerPredictor(tagger);
                 JetFile first = JetFile.open(files.test(), Layout.tutorial());
                 JetFile other = JetFile.open(second.test(), Layout.tutorial())) {
                float[] a = predictor.predict(first).probabilities();
                float[] b = predictor.predict(other).probabilities();
                assertArrayEquals(a, java.util.Arrays.copyOfRange(p, 0, a.length), "first test file");
                assertArrayEquals(b, java.util.Arrays.copyOfRange(p, a.length, p.length), "second test file");
            }
            Evaluation evaluation = TaggerEvaluation.standard().evaluate(tagger, tests, Layout.tutorial());
            assertEquals(500, evaluation.sample().jets());
            assertTrue(evaluation.comparisons().stream().allMatch(c -> c.auc().auc() >= 0 && c.auc().auc() <= 1));
        }
    }

    @Test
    void aTrackTaggerRefusesSeveralCollections() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.builder()
            .setArchitecture(Architecture.LSTM).setTrainFile(files.train())
            .optCollections(List.of("charged", "neutral")).optEpochs(1).build().run().close());
        assertTrue(e.getMessage().contains("one collection"), e.getMessage());
    }

    @Test
    void deepVertexTrainsOnTheShippedLayoutAndNeedsItsCollection() throws Exception {
        Layout withSeeds = Layout.load(Path.of("..", "docs", "layouts", "tutorial-deepvertex.yaml"));
        assertEquals(Layout.tutorial().collections(), withSeeds.collections().subList(0, 4),
            "the shipped layout is the tutorial's plus arr_5");
        assertEquals("arr_5", withSeeds.collection("seeds").array());
        Path out = dir.resolve("deepvertex");
        float[] before;
        try (TrainedTagger trained = TrainingRun.builder().setArchitecture(Architecture.DEEPVERTEX)
                .setTrainFile(files.train()).optLayout(withSeeds).optEpochs(1).optBatchSize(64).optOutputDir(out)
                .build().run()) {
            assertEquals(List.of("seeds"), trained.tagger().layoutInputs().orElseThrow().collections());
            assertEquals(720, trained.tagger().spec().branches().get(0).objects());
            try (TaggerPredictor predictor = new TaggerPredictor(trained.tagger());
                 JetFile test = JetFile.open(files.test(), withSeeds)) {
                before = predictor.predict(test).probabilities();
            }
        }
        try (Tagger tagger = TaggerFile.load(out.resolve(TrainingRun.MODEL_FILE));
             TaggerPredictor predictor = new TaggerPredictor(tagger);
             JetFile test = JetFile.open(files.test(), withSeeds)) {
            float[] p = predictor.predict(test).probabilities();
            assertEquals(300 * 6, p.length);
            assertArrayEquals(before, p, "saved and loaded");
            assertTrue(Float.isFinite(p[0]) && p[0] > 0 && p[0] < 1);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.builder()
            .setArchitecture(Architecture.DEEPVERTEX).setTrainFile(files.train()).optEpochs(1).build().run().close());
        assertTrue(e.getMessage().contains("seeds") && e.getMessage().contains("tutorial-deepvertex.yaml"),
            e.getMessage());
    }
}
