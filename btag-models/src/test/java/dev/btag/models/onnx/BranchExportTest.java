package dev.btag.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.ObjectBranch;
import dev.btag.models.PaddingPolicy;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.predict.JetInputs;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The branch taggers ({@code deepjet}, {@code deepvertex}) export to ONNX with one input per collection, pass the
 * agreement check, and score in ONNX Runtime as on the PyTorch engine, including the masking properties.
 */
class BranchExportTest {

    @TempDir
    static Path dir;

    private static SyntheticSample.Files data;

    /** Narrow DeepJet branches over the tutorial's charged, neutral and vertex collections. */
    private static final List<ObjectBranch> NARROW = List.of(
        new ObjectBranch("charged", 25, 16, new int[] {8, 4}, 6, -1),
        new ObjectBranch("neutral", 25, 6, new int[] {4}, 4, -1),
        new ObjectBranch("vertices", 4, 12, new int[] {4}, 3, -1));

    @BeforeAll
    static void writeData() throws Exception {
        data = SyntheticSample.write(dir.resolve("data"), 300, 13, 1);
    }

    /** A DeepJet-style tagger with the narrow branches trained for one epoch, saved and loaded back on the CPU. */
    private static Tagger trainedDeepJet(String name, Consumer<TaggerSpec.Builder> more) throws Exception {
        Path out = dir.resolve(name);
        try (TrainedTagger t = TrainingRun.builder().setArchitecture(Architecture.DEEPJET).setTrainFile(data.train())
                .optCollections(List.of("charged", "neutral", "vertices"))
                .optSpecCustomiser(b -> {
                    b.optBranches(NARROW).optHeadWidths(16, 8);
                    more.accept(b);
                })
                .optOutputDir(out).optEpochs(1).optBatchSize(64).build().run()) {
            return TaggerFile.load(t.modelFile().orElseThrow(), Device.cpu());
        }
    }

    /** Exports, checks on the training file, and compares ONNX Runtime with the PyTorch engine on the test file. */
    private static void roundTrip(Tagger tagger, String name) throws Exception {
        Path onnx = dir.resolve(name + ".onnx");
        OnnxExport.Result result = OnnxExport.builder().setTagger(tagger).build().write(onnx);
        assertTrue(result.agreement().passed(), result.agreement().summary());
        assertEquals("300 jets of " + data.train().getFileName(), result.agreement().source());
        assertTrue(Files.size(onnx) == result.bytes());
        try (OnnxTagger runtime = OnnxTagger.open(onnx); TaggerPredictor predictor = new TaggerPredictor(tagger);
             JetFile test = JetFile.open(data.test(), Layout.tutorial());
             TutorialFile tutorial = TutorialFile.open(data.test())) {
            assertEquals(List.of("charged", "neutral", "vertices"), runtime.collectionNames());
            assertFalse(runtime.readsTracks());
            assertEquals("deepjet", runtime.metadata().get(OnnxNames.ARCHITECTURE));
            assertTrue(runtime.metadata().get(OnnxNames.INPUTS).contains("\"vertices\":[\"sv_pt\""),
                runtime.metadata().get(OnnxNames.INPUTS));
            float[] pytorch = predictor.predict(test).probabilities();
            float[] fromOnnx = runtime.predict(test, 0, 300).probabilities();
            assertEquals(pytorch.length, fromOnnx.length);
            assertArrayEquals(pytorch, fromOnnx, (float) OnnxExport.TOLERANCE, name);
            assertArrayEquals(fromOnnx, runtime.predict(tutorial).probabilities(),
                "a tutorial file is read through the layout");
        }
    }

    @Test
    void deepJetWithMaskedPaddingRoundTrips() throws Exception {
        try (Tagger tagger = trainedDeepJet("deepjet-mask", b -> { })) {
            assertEquals(PaddingPolicy.MASK, tagger.spec().padding());
            roundTrip(tagger, "deepjet-mask");
        }
    }

    @Test
    void deepJetWithKeptPaddingRoundTrips() throws Exception {
        try (Tagger tagger = trainedDeepJet("deepjet-keep", b -> b.optPadding(PaddingPolicy.KEEP))) {
            assertEquals(PaddingPolicy.KEEP, tagger.spec().padding());
            roundTrip(tagger, "deepjet-keep");
        }
    }

    @Test
    void deepJetWithASortVariableRoundTrips() throws Exception {
        try (Tagger tagger = trainedDeepJet("deepjet-sort", b -> b.optSortBy("charged", 1).optSortBy("neutral",
                0).optPadding(PaddingPolicy.KEEP))) {
            assertEquals(1, tagger.spec().branches().get(0).sortVariable());
            roundTrip(tagger, "deepjet-sort");
        }
    }

    @Test
    void deepVertexRoundTrips() throws Exception {
        Layout layout = Layout.load(Path.of("..", "docs", "layouts", "tutorial-deepvertex.yaml"));
        Path out = dir.resolve("deepvertex");
        Path onnx = dir.resolve("deepvertex.onnx");
        try (TrainedTagger t = TrainingRun.builder().setArchitecture(Architecture.DEEPVERTEX)
                .setTrainFile(data.train()).optLayout(layout).optCollections(List.of("seeds"))
                .optSpecCustomiser(b -> b.optBranches(List.of(new ObjectBranch("seeds", 720, 10, new int[] {6, 4}, 5,
                    -1))).optHeadWidths(16, 8))
                .optOutputDir(out).optEpochs(1).optBatchSize(64).build().run();
             Tagger tagger = TaggerFile.load(t.modelFile().orElseThrow(), Device.cpu())) {
            OnnxExport.Result result = OnnxExport.builder().setTagger(tagger).build().write(onnx);
            assertTrue(result.agreement().passed(), result.agreement().summary());
            assertEquals("300 jets of " + data.train().getFileName(), result.agreement().source());
            try (OnnxTagger runtime = OnnxTagger.open(onnx, OnnxTagger.options().optLayout(layout).build());
                 TaggerPredictor predictor = new TaggerPredictor(tagger);
                 JetFile test = JetFile.open(data.test(), layout)) {
                assertEquals(List.of("seeds"), runtime.collectionNames());
                assertArrayEquals(predictor.predict(test).probabilities(), runtime.predict(test, 0, 300)
                    .probabilities(), (float) OnnxExport.TOLERANCE);
            }
            OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxTagger.open(onnx));
            assertEquals(onnx + ": the model's inputs do not match btag's: the model reads features float32 (N, 15),"
                + " seeds float32 (N, 720, 10); btag provides features float32 (N, 15), tracks float32 (N, 10, 21),"
                + " neutral float32 (N, 25, 6), charged float32 (N, 25, 16), vertices float32 (N, 4, 12) (inputs are"
                + " matched by name)", e.getMessage());
        }
    }

    /**
     * A model whose collection input has another shape than the layout's collection is refused in one line naming
     * the file, the input and both shapes; a layout without the collection is refused listing what btag provides.
     */
    @Test
    void aMultiInputModelThatDoesNotMatchTheLayoutIsRefused() throws Exception {
        Path onnx = dir.resolve("mismatch.onnx");
        try (Tagger tagger = trainedDeepJet("deepjet-mismatch", b -> { })) {
            OnnxExport.builder().setTagger(tagger).build().write(onnx);
        }
        String yaml = Layout.tutorial().toYaml();
        assertTrue(yaml.contains(", Cpfcan_quality]"), "the tutorial layout lists Cpfcan_quality last");
        Path narrow = dir.resolve("narrow-charged.yaml");
        // the charged array keeps its 16 columns; the layout reads 15 of them
        String charged = yaml.lines().filter(l -> l.contains("Cpfcan_quality]")).findFirst().orElseThrow();
        Files.writeString(narrow, yaml.replace(charged, charged.replace("variables:", "columns:") + "\n"
            + charged.replace(", Cpfcan_quality]", "]")));
        Layout layout = Layout.load(narrow);
        OnnxModelException e = assertThrows(OnnxModelException.class,
            () -> OnnxTagger.open(onnx, OnnxTagger.options().optLayout(layout).build()));
        assertEquals(onnx + ": input 'charged' is float32 (N, 25, 16); the layout " + layout.source() + " gives"
            + " float32 (N, ?, 15) (collection 'charged')", e.getMessage());
        try (OnnxTagger runtime = OnnxTagger.open(onnx); JetFile narrowFile = JetFile.open(data.test(), layout)) {
            IllegalArgumentException read = assertThrows(IllegalArgumentException.class,
                () -> runtime.predict(narrowFile, 0, 10));
            assertEquals(data.test() + ": input 'charged': the model reads float32 (N, 25, 16), the file's collection"
                + " 'charged' is (N, 25, 15)", read.getMessage());
        }
        Path noVertices = dir.resolve("no-vertices.yaml");
        Files.writeString(noVertices, yaml.replace("  - name: vertices", "  - name: secondary"));
        Layout other = Layout.load(noVertices);
        e = assertThrows(OnnxModelException.class,
            () -> OnnxTagger.open(onnx, OnnxTagger.options().optLayout(other).build()));
        assertTrue(e.getMessage().startsWith(onnx + ": the model's inputs do not match btag's: the model reads"
            + " features float32 (N, 15), charged float32 (N, 25, 16), neutral float32 (N, 25, 6), vertices float32"
            + " (N, 4, 12); btag provides features float32 (N, 15), tracks float32 (N, 10, 21), neutral"),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /**
     * Random parameters of order one and random jets (every fourth without any object, padding between real objects
     * elsewhere) for every padding policy and sort: the check must pass, jets without real objects included.
     */
    @Test
    void randomTaggersAgreeOnRandomJetsWithEmptyBranches() throws Exception {
        for (PaddingPolicy padding : PaddingPolicy.values()) {
            for (int sort : new int[] {-1, 2}) {
                try (Tagger tagger = randomDeepJet(padding, sort)) {
                    Agreement a = OnnxExport.builder().setTagger(tagger).optCheckJets(200).build()
                        .check(Path.of("random.onnx"), OnnxExport.builder().setTagger(tagger).build().toBytes());
                    assertTrue(a.passed(), padding + " sort " + sort + ": " + a.summary());
                    assertTrue(a.source().startsWith("200 random jets"), a.source());
                }
            }
        }
    }

    /**
     * Collections may carry the names the graph gives its constants ({@code zero}, {@code k}, {@code axis}): the
     * inputs are declared first and keep their names; a collection named as the output is refused.
     */
    @Test
    void collectionsNamedAsGraphConstantsExportAndTheOutputNameIsRefused() throws Exception {
        try (Tagger tagger = namedDeepJet("zero", "k")) {
            Agreement a = OnnxExport.builder().setTagger(tagger).optCheckJets(50).build()
                .check(Path.of("named.onnx"), OnnxExport.builder().setTagger(tagger).build().toBytes());
            assertTrue(a.passed(), a.summary());
        }
        try (Tagger tagger = namedDeepJet("axis", "probabilities")) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> OnnxExport.builder().setTagger(tagger).build().toBytes());
            assertEquals("cannot export the deepjet tagger: its collection 'probabilities' has the name of the"
                + " probabilities output", e.getMessage());
        }
    }

    private static Tagger namedDeepJet(String first, String second) {
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DEEPJET).optFeatureCount(3)
            .optBranches(List.of(new ObjectBranch(first, 6, 3, new int[] {5}, 4, -1),
                new ObjectBranch(second, 3, 2, new int[] {3}, 2, 1)))
            .optHeadWidths(6).build();
        Tagger tagger = Tagger.create(spec, InputSpec.unstandardised(List.of("f0", "f1", "f2"), 6, 3), Device.cpu())
            .initialize();
        OnnxExportTest.randomise(tagger, 5);
        return tagger;
    }

    /** Masked padding: moving padded slots between the real objects leaves the ONNX output unchanged. */
    @Test
    void paddingMovedBetweenRealObjectsGivesTheSameOnnxOutput() throws Exception {
        try (Tagger tagger = randomDeepJet(PaddingPolicy.MASK, -1);
             OnnxTagger runtime = OnnxTagger.open(Path.of("mask.onnx"), OnnxExport.builder().setTagger(tagger)
                 .build().toBytes(), OnnxTagger.options().optInputsAsExported().build())) {
            Random random = new Random(3);
            int n = 16;
            JetInputs compact = randomJets(random, n, true);
            JetInputs spread = new JetInputs(n, compact.features(), List.of(spread(random, compact.collection(0), n,
                6, 3), spread(random, compact.collection(1), n, 3, 2)));
            float[] a = runtime.predict(compact);
            float[] b = runtime.predict(spread);
            assertArrayEquals(a, b, 1e-6f);
            try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
                assertArrayEquals(predictor.predict(spread), b, (float) OnnxExport.TOLERANCE);
            }
            float[] empty = runtime.predict(new JetInputs(1, java.util.Arrays.copyOf(compact.features(), 3),
                List.of(new float[6 * 3], new float[3 * 2])));
            try (TaggerPredictor predictor = new TaggerPredictor(tagger)) {
                assertArrayEquals(predictor.predict(new JetInputs(1, java.util.Arrays.copyOf(compact.features(), 3),
                    List.of(new float[6 * 3], new float[3 * 2]))), empty, (float) OnnxExport.TOLERANCE,
                    "a jet without real objects");
            }
        }
    }

    /**
     * A sort variable with many ties (integers 1 to 3 over 25 slots, beyond the 16 up to which PyTorch's CPU sort
     * happens to be an insertion sort): both engines keep tied objects in stored order, so ONNX Runtime agrees with
     * the PyTorch engine, for both padding policies.
     */
    @Test
    void aSortVariableWithManyTiesGivesTheSameOrderInBothEngines() throws Exception {
        for (PaddingPolicy padding : PaddingPolicy.values()) {
            TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DEEPJET).optFeatureCount(3)
                .optBranches(List.of(new ObjectBranch("a", 25, 3, new int[] {5}, 4, 1),
                    new ObjectBranch("b", 3, 2, new int[] {3}, 2, -1)))
                .optHeadWidths(6).optPadding(padding).build();
            try (Tagger tagger = Tagger.create(spec, InputSpec.unstandardised(List.of("f0", "f1", "f2"), 25, 3),
                    Device.cpu()).initialize();
                 OnnxTagger runtime = OnnxTagger.open(Path.of("ties.onnx"), exportRandomised(tagger),
                     OnnxTagger.options().optInputsAsExported().build());
                 TaggerPredictor predictor = new TaggerPredictor(tagger)) {
                Random random = new Random(17);
                int n = 64;
                float[] objects = new float[n * 25 * 3];
                int ties = 0;
                for (int jet = 0; jet < n; jet++) {
                    int real = 2 + random.nextInt(24);
                    for (int o = 0; o < real; o++) {
                        int at = (jet * 25 + o) * 3;
                        objects[at] = (float) random.nextGaussian();
                        objects[at + 1] = 1 + random.nextInt(3);
                        objects[at + 2] = (float) random.nextGaussian();
                    }
                    ties += real > 3 ? 1 : 0;
                }
                assertTrue(ties > n / 2, "most jets have tied sort values");
                JetInputs jets = new JetInputs(n, randomJets(random, n, true).features(), List.of(objects,
                    randomJets(random, n, true).collection(1)));
                assertArrayEquals(predictor.predict(jets), runtime.predict(jets), (float) OnnxExport.TOLERANCE,
                    padding.toString());
            }
        }
    }

    /** Order-one random parameters, then the ONNX export (without the agreement check). */
    private static byte[] exportRandomised(Tagger tagger) {
        OnnxExportTest.randomise(tagger, 11);
        return OnnxExport.builder().setTagger(tagger).build().toBytes();
    }

    /** A two-branch DeepJet-style tagger on 3 features with order-one random parameters. */
    private static Tagger randomDeepJet(PaddingPolicy padding, int sort) {
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DEEPJET).optFeatureCount(3)
            .optBranches(List.of(new ObjectBranch("a", 6, 3, new int[] {5}, 4, sort),
                new ObjectBranch("b", 3, 2, new int[] {3}, 2, -1)))
            .optHeadWidths(6).optPadding(padding).build();
        Tagger tagger = Tagger.create(spec, InputSpec.unstandardised(List.of("f0", "f1", "f2"), 6, 3), Device.cpu())
            .initialize();
        OnnxExportTest.randomise(tagger, 11);
        return tagger;
    }

    /** Jets whose real objects (when {@code compact}) fill the first slots of each branch. */
    private static JetInputs randomJets(Random random, int n, boolean compact) {
        float[] features = new float[n * 3];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        List<float[]> collections = new ArrayList<>();
        for (int[] shape : new int[][] {{6, 3}, {3, 2}}) {
            float[] values = new float[n * shape[0] * shape[1]];
            for (int jet = 0; jet < n; jet++) {
                int real = jet % 4 == 0 ? 0 : random.nextInt(shape[0] + 1);
                for (int o = 0; o < real; o++) {
                    for (int v = 0; v < shape[1]; v++) {
                        values[(jet * shape[0] + o) * shape[1] + v] = (float) random.nextGaussian() + 0.1f;
                    }
                }
            }
            collections.add(values);
        }
        return new JetInputs(n, features, collections);
    }

    /** Each jet's real objects (first slots) moved to random slots in their order, padding in the others. */
    private static float[] spread(Random random, float[] compact, int n, int objects, int variables) {
        float[] out = new float[compact.length];
        for (int jet = 0; jet < n; jet++) {
            int real = 0;
            while (real < objects && compact[(jet * objects + real) * variables] != 0) {
                real++;
            }
            List<Integer> slots = new ArrayList<>(IntStream.range(0, objects).boxed().toList());
            java.util.Collections.shuffle(slots, random);
            List<Integer> chosen = new ArrayList<>(slots.subList(0, real));
            java.util.Collections.sort(chosen);
            for (int o = 0; o < real; o++) {
                System.arraycopy(compact, (jet * objects + o) * variables, out,
                    (jet * objects + chosen.get(o)) * variables, variables);
            }
        }
        return out;
    }
}
