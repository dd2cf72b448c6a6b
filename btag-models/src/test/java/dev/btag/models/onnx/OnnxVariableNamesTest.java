package dev.btag.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.onnx.proto.OnnxMl;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.btag.data.hdf5.Hdf5Writer;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.ObjectBranch;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The variable names of the model's {@code inputs} metadata against the layout it is opened with: the same names in
 * the same order are accepted, another order is refused naming the input and the first differing position, and a
 * model without the metadata is matched by shape only.
 */
class OnnxVariableNamesTest {

    @TempDir
    static Path dir;

    private static SyntheticSample.Files data;
    /** A random DeepJet-style tagger over the tutorial's 15 features and its vertices, exported to ONNX. */
    private static byte[] exported;

    private static final List<String> FEATURES = FeatureSet.TUTORIAL.columnNames();
    private static final List<String> VERTICES = JetArray.SECONDARY_VERTICES.variableNames();

    @BeforeAll
    static void export() throws Exception {
        data = SyntheticSample.write(dir.resolve("data"), 40, 21, 1);
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DEEPJET).optFeatureCount(FEATURES.size())
            .optBranches(List.of(new ObjectBranch("vertices", 4, VERTICES.size(), new int[] {4}, 3, -1)))
            .optHeadWidths(6).build();
        try (Tagger tagger = Tagger.create(spec, InputSpec.unstandardised(FEATURES, 4, VERTICES.size()),
                Device.cpu()).initialize()) {
            OnnxExportTest.randomise(tagger, 5);
            exported = OnnxExport.builder().setTagger(tagger).build().toBytes();
        }
    }

    /** The exported model with its {@code inputs} metadata replaced by these names (none: the key removed). */
    private static Path withInputs(String name, List<String> features, List<String> vertices) throws Exception {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(exported);
        OnnxMl.ModelProto.Builder b = model.toBuilder().clearMetadataProps();
        for (OnnxMl.StringStringEntryProto e : model.getMetadataPropsList()) {
            if (!e.getKey().equals(OnnxNames.INPUTS)) {
                b.addMetadataProps(e);
            }
        }
        if (features != null) {
            Gson gson = new Gson();
            JsonObject inputs = new JsonObject();
            inputs.add(OnnxNames.FEATURES, gson.toJsonTree(features));
            inputs.add("vertices", gson.toJsonTree(vertices));
            b.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(OnnxNames.INPUTS)
                .setValue(gson.toJson(inputs)));
        }
        Path file = dir.resolve(name + ".onnx");
        Files.write(file, b.build().toByteArray());
        return file;
    }

    private static List<String> swapped(List<String> names, int i, int j) {
        List<String> copy = new ArrayList<>(names);
        Collections.swap(copy, i, j);
        return copy;
    }

    /** The tutorial layout with the vertices' (or the features') variables 2 and 3 swapped, as a layout file. */
    private static Layout swappedLayout(String name, List<String> names) throws Exception {
        String yaml = Layout.tutorial().toYaml();
        String line = "[" + String.join(", ", names) + "]";
        String swappedLine = "[" + String.join(", ", swapped(names, 2, 3)) + "]";
        String changed = yaml.replace(line, swappedLine);
        assertFalse(changed.equals(yaml), "the tutorial layout lists " + line);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, changed);
        return Layout.load(file);
    }

    private static float[] scores(OnnxTagger tagger) throws Exception {
        try (TutorialFile file = TutorialFile.open(data.test())) {
            return tagger.predict(file).probabilities();
        }
    }

    @Test
    void theLayoutsNamesInTheModelsOrderAreAccepted() throws Exception {
        Path named = withInputs("named", FEATURES, VERTICES);
        Path bare = withInputs("bare", null, null);
        try (OnnxTagger a = OnnxTagger.open(named); OnnxTagger b = OnnxTagger.open(bare)) {
            assertEquals(List.of("vertices"), a.collectionNames());
            float[] expected = scores(b);
            assertEquals(40 * 6, expected.length);
            assertArrayEquals(expected, scores(a));
        }
    }

    @Test
    void aSwappedPairOfCollectionVariablesIsRefusedAtTheFirstSwappedPosition() throws Exception {
        Path model = withInputs("swapped-vertices", FEATURES, swapped(VERTICES, 2, 3));
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxTagger.open(model));
        assertEquals(model + ": input 'vertices': variable 2 is 'sv_mass' in the layout tutorial, the model reads"
            + " 'sv_ntracks' (the model's 'inputs' metadata; the layout must name the same variables in the same"
            + " order)", e.getMessage());

        // the layout swapped instead: refused at open, and a file read through it refused by a model opened without
        Layout layout = swappedLayout("vertices-swapped", VERTICES);
        Path right = withInputs("right", FEATURES, VERTICES);
        e = assertThrows(OnnxModelException.class,
            () -> OnnxTagger.open(right, OnnxTagger.options().optLayout(layout).build()));
        assertEquals(right + ": input 'vertices': variable 2 is 'sv_ntracks' in the layout " + layout.source()
            + ", the model reads 'sv_mass' (the model's 'inputs' metadata; the layout must name the same variables in"
            + " the same order)", e.getMessage());
        try (OnnxTagger tagger = OnnxTagger.open(right); JetFile file = JetFile.open(data.test(), layout)) {
            IllegalArgumentException read = assertThrows(IllegalArgumentException.class,
                () -> tagger.predict(file, 0, 10));
            assertEquals(data.test() + ": input 'vertices': variable 2 is 'sv_ntracks' in the layout "
                + layout.source() + ", the model reads 'sv_mass' (the model's 'inputs' metadata; the layout must name"
                + " the same variables in the same order)", read.getMessage());
        }
    }

    @Test
    void aSwappedPairOfFeaturesIsRefusedForALayoutOtherThanTheTutorials() throws Exception {
        Layout layout = swappedLayout("features-swapped", FEATURES);
        Path model = withInputs("features", FEATURES, VERTICES);
        OnnxModelException e = assertThrows(OnnxModelException.class,
            () -> OnnxTagger.open(model, OnnxTagger.options().optLayout(layout).build()));
        assertEquals(model + ": input 'features': feature 2 is '" + FEATURES.get(3) + "' in the layout "
            + layout.source() + ", the model reads '" + FEATURES.get(2) + "' (the model's 'inputs' metadata; the"
            + " layout must name the same features in the same order)", e.getMessage());
    }

    @Test
    void aModelWithoutTheMetadataIsMatchedByShapeOnly() throws Exception {
        Layout layout = swappedLayout("vertices-swapped-bare", VERTICES);
        Path bare = withInputs("bare-swapped", null, null);
        try (OnnxTagger tagger = OnnxTagger.open(bare, OnnxTagger.options().optLayout(layout).build());
             JetFile file = JetFile.open(data.test(), layout)) {
            assertEquals(List.of("vertices"), tagger.collectionNames());
            assertEquals(40 * 6, tagger.predict(file, 0, 40).probabilities().length);
        }
    }

    /**
     * An HDF5 layout does not fix a collection's object slots: the model's fixed 4 vertex slots are taken (the file is
     * checked when read), its scores are those of the same jets read from the tutorial file, and a file holding 5
     * slots is refused naming the file and the input.
     */
    @Test
    void aCollectionWhoseSlotsTheLayoutLeavesOpenTakesTheModelsAndEachFileIsChecked() throws Exception {
        String yaml = """
            format: hdf5
            jets:
              array: jets
              columns: [%s, flavour]
              features: [%s]
            label:
              field: flavour
              classes: {b: [5], bb: [6], leptonic_b: [7], c: [4], uds: [1], g: [21]}
            groups: {b: [b, bb, leptonic_b], c: [c], light: [uds, g]}
            collections:
              - {name: vertices, array: vertices, variables: [%s]}
            """.formatted(String.join(", ", FEATURES), String.join(", ", FEATURES), String.join(", ", VERTICES));
        Path layoutFile = Files.writeString(dir.resolve("vertices-h5.yaml"), yaml);
        Layout layout = Layout.load(layoutFile);
        float[] features;
        float[] vertices;
        try (JetFile tutorial = JetFile.open(data.test(), Layout.tutorial())) {
            features = tutorial.features(0, 40);
            vertices = tutorial.collection(tutorial.collectionIndex("vertices"), 0, 40);
        }
        int f = FEATURES.size();
        float[] table = new float[40 * (f + 1)];
        for (int i = 0; i < 40; i++) {
            System.arraycopy(features, i * f, table, i * (f + 1), f);
            table[i * (f + 1) + f] = 5;
        }
        Path four = dir.resolve("four-slots.h5");
        Path five = dir.resolve("five-slots.h5");
        try (Hdf5Writer w = Hdf5Writer.create(four)) {
            w.write("jets", table, 40, f + 1);
            w.write("vertices", vertices, 40, 4, VERTICES.size());
        }
        try (Hdf5Writer w = Hdf5Writer.create(five)) {
            w.write("jets", table, 40, f + 1);
            w.write("vertices", new float[40 * 5 * VERTICES.size()], 40, 5, VERTICES.size());
        }
        Path model = withInputs("h5", FEATURES, VERTICES);
        try (OnnxTagger tagger = OnnxTagger.open(model, OnnxTagger.options().optLayout(layout).build());
             OnnxTagger tutorial = OnnxTagger.open(model)) {
            try (JetFile file = JetFile.open(four, layout)) {
                assertArrayEquals(scores(tutorial), tagger.predict(file, 0, 40).probabilities());
            }
            try (JetFile file = JetFile.open(five, layout)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tagger.predict(file, 0, 40));
                assertEquals(five + ": input 'vertices': the model reads float32 (N, 4, 12), the file's collection"
                    + " 'vertices' is (N, 5, 12)", e.getMessage());
            }
        }
    }
}
