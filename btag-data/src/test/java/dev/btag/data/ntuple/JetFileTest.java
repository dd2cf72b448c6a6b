package dev.btag.data.ntuple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.layout.Layout;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JetFileTest {

    @TempDir
    static Path dir;

    static Path tutorialFile;

    /** The layout of {@code npy/structured.npz} (made by {@code make_structured.py}). */
    static final String STRUCTURED = """
        jets: {array: jets, features: [pt, eta]}
        label:
          field: flavour
          classes: {b: [5], c: [4], light: [0, 21]}
        groups: {b: [b], c: [c], light: [light]}
        weight: weight
        kinematics: {pt: pt, eta: eta}
        collections:
          - {name: tracks, array: tracks, variables: [z0, d0], valid: valid}
        """;

    @BeforeAll
    static void writeSample() throws IOException {
        tutorialFile = SyntheticSample.write(dir, 700, 11, 1).train();
    }

    static Path structured() {
        try {
            return Path.of(JetFileTest.class.getResource("/npy/structured.npz").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anyJetColumnReadsByNameAndAMissingOneNamesTheKey() throws IOException {
        try (TutorialFile tutorial = TutorialFile.open(tutorialFile);
             JetFile file = JetFile.open(tutorialFile, Layout.tutorial())) {
            assertEquals(52, file.jetColumns().size());
            float[] truth = tutorial.column(dev.btag.data.schema.JetColumn.TRUTH);
            double[] read = file.jetValues("truth", "label", 0, 700);
            for (int i = 0; i < 700; i++) {
                assertEquals(truth[i], (float) read[i], "jet " + i);
            }
            LayoutMismatchException e = assertThrows(LayoutMismatchException.class,
                () -> file.jetValues("DL1r_pb", "--score", 0, 700));
            assertEquals(tutorialFile + ": --score: no column 'DL1r_pb' in array 'arr_0' (columns: jet_pt, jet_eta,"
                + " nCpfcand, nNpfcand, nsv, npv, n_seeds, TagVarCSV_trackSumJetEtRatio, ... 52 in all)",
                e.getMessage());
        }
    }

    @Test
    void tutorialLayoutReadsExactlyWhatTutorialFileReads() throws IOException {
        try (TutorialFile tutorial = TutorialFile.open(tutorialFile);
             JetFile file = JetFile.open(tutorialFile, Layout.tutorial())) {
            assertEquals(700, file.jetCount());
            assertTrue(file.isSynthetic());
            assertArrayEquals(tutorial.features(FeatureSet.TUTORIAL, 100, 613), file.features(100, 613));
            assertArrayEquals(tutorial.oneHotLabels(0, 700), file.oneHot(0, 700));
            assertArrayEquals(tutorial.tracks(5, 400), file.collection(0, 5, 400));
            assertEquals(10, file.objectCount(0));
            assertEquals(21, file.variableCount(0));
            assertEquals(25, file.objectCount(file.collectionIndex("charged")));
            float[] column0 = tutorial.features(FeatureSet.TUTORIAL, 0, 700);
            double[] pt = file.pt(0, 700);
            for (int i = 0; i < 700; i++) {
                assertEquals(column0[i * 15], (float) pt[i]);
            }
            int[] truth = tutorial.truthCodes();
            int[] classes = file.classes(0, 700);
            for (int i = 0; i < 700; i++) {
                assertEquals(truth[i] == 0, classes[i] < 0, "jet " + i);
            }
        }
    }

    @Test
    void structuredNpzIsReadByField() throws IOException {
        Layout layout = Layout.parse(STRUCTURED, "structured.yaml");
        try (JetFile file = JetFile.open(structured(), layout)) {
            assertEquals(5, file.jetCount());
            assertArrayEquals(new float[] {25.5f, (float) -2.1, 40.25f, 0.5f}, file.features(0, 2));
            assertArrayEquals(new int[] {0, 1, 2, 0, 2}, file.classes(0, 5));
            assertArrayEquals(new float[] {0, 1, 0, 0, 0, 1}, file.oneHot(1, 3));
            assertArrayEquals(new double[] {1.0, 0.5, 2.0, 1.5, 0.25}, file.weights(0, 5));
            assertEquals(3, file.objectCount(0));
            float[] tracks = file.collection(0, 1, 2);
            assertArrayEquals(new float[] {-3, 0.75f, -4, 1f, -5, 1.25f}, tracks);
            boolean[] real = file.realObjects(0, 1, 2, tracks);
            assertArrayEquals(new boolean[] {true, true, false}, real);
            assertFalse(file.isSynthetic());
        }
    }

    @Test
    void codesThatNoClassCoversAreNamedWithTheirRow() throws IOException {
        Layout layout = Layout.parse(STRUCTURED.replace("light: [0, 21]", "light: [0]"), "narrow.yaml");
        try (JetFile file = JetFile.open(structured(), layout)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> file.classes(0, 5));
            LayoutMismatchException cause = assertInstanceOf(LayoutMismatchException.class, e.getCause());
            assertEquals("label.classes", cause.key());
            assertTrue(cause.getMessage().contains("structured.npz: label.classes: code 21 (row 4) is in no class"),
                cause.getMessage());
        }
        LayoutReport report = LayoutReport.of(structured(), layout);
        assertEquals(List.of(new LayoutProblem("label.classes",
            "code 21 (1 jets) is in no class and not in label.ignore")), report.problems());
        Layout ignoring = Layout.parse(STRUCTURED.replace("light: [0, 21]}", "light: [0]}\n  ignore: [21]"),
            "ignoring.yaml");
        try (JetFile file = JetFile.open(structured(), ignoring)) {
            assertArrayEquals(new int[] {0, 1, 2, 0, -1}, file.classes(0, 5));
        }
    }

    @Test
    void mismatchesNameTheFileTheKeyAndTheField() throws IOException {
        Layout unknownField = Layout.parse(STRUCTURED.replace("[pt, eta]", "[pt, mass]"), "x.yaml");
        LayoutMismatchException e = assertThrows(LayoutMismatchException.class,
            () -> JetFile.open(structured(), unknownField));
        assertEquals("jets.features[1]", e.key());
        assertTrue(e.getMessage().startsWith(structured() + ": jets.features[1]: no field 'mass' in array 'jets'"
            + " (fields: pt, eta, flavour, weight, valid)"), e.getMessage());

        Layout wrongShape = Layout.parse(STRUCTURED.replace("array: tracks", "array: jets"), "x.yaml");
        LayoutMismatchException shape = assertThrows(LayoutMismatchException.class,
            () -> JetFile.open(structured(), wrongShape));
        assertEquals("collections[0].array", shape.key());
        assertTrue(shape.getMessage().contains("a collection must be (N, objects) compound"), shape.getMessage());

        LayoutMismatchException missing = assertThrows(LayoutMismatchException.class,
            () -> JetFile.open(tutorialFile, Layout.parse(STRUCTURED, "x.yaml")));
        assertEquals("jets.array", missing.key());
        assertTrue(missing.getMessage().contains("no array 'jets' in the file (arrays: arr_0"), missing.getMessage());

        List<LayoutProblem> all = JetFile.check(structured(), Layout.parse(STRUCTURED.replace("[pt, eta]",
            "[pt, mass, phi]").replace("weight: weight", "weight: w"), "x.yaml"));
        assertEquals(List.of("jets.features[1]", "jets.features[2]", "weight"),
            all.stream().map(LayoutProblem::key).toList());
    }

    /** The h5py fixture read two ways: its compound datasets, and the same values as numeric datasets. */
    static final String HDF5_COMPOUND = """
        format: hdf5
        jets: {array: jets, features: [eta, pt]}
        label: {field: flavour, classes: {b: [5], c: [4], light: [0]}}
        groups: {b: [b], c: [c], light: [light]}
        weight: weight
        collections:
          - {name: tracks, array: tracks, variables: [d0, z0], valid: valid}
        """;
    static final String HDF5_NUMERIC = """
        jets: {array: numeric/table, columns: [pt, eta, flavour, weight], features: [eta, pt]}
        label: {field: flavour, classes: {b: [5], c: [4], light: [0]}}
        groups: {b: [b], c: [c], light: [light]}
        weight: weight
        collections:
          - {name: tracks, array: numeric/tracks, variables: [d0, z0]}
        """;

    @Test
    void hdf5CompoundAndNumericDatasetsReadTheSame() throws IOException {
        Path h5 = Path.of(structured().getParent().getParent().resolve("hdf5").resolve("compound.h5").toString());
        try (JetFile compound = JetFile.open(h5, Layout.parse(HDF5_COMPOUND, "c.yaml"));
             JetFile numeric = JetFile.open(h5, Layout.parse(HDF5_NUMERIC, "n.yaml"))) {
            assertEquals(50, compound.jetCount());
            assertArrayEquals(compound.features(7, 45), numeric.features(7, 45));
            assertArrayEquals(compound.classes(0, 50), numeric.classes(0, 50));
            assertArrayEquals(new int[] {0, 1, 2, 0}, compound.classes(0, 4));
            assertArrayEquals(compound.weights(0, 50), numeric.weights(0, 50));
            float[] a = compound.collection(0, 3, 30);
            assertArrayEquals(a, numeric.collection(0, 3, 30));
            boolean[] byField = compound.realObjects(0, 3, 30, a);
            boolean[] byZeros = numeric.realObjects(0, 3, 30, a);
            for (int i = 3; i < 30; i++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(k < 1 + i % 4, byField[(i - 3) * 4 + k], "valid field " + i + "," + k);
                    assertEquals(i > 0 && k < 1 + i % 4, byZeros[(i - 3) * 4 + k], "zero rule " + i + "," + k);
                }
            }
        }
        LayoutMismatchException e = assertThrows(LayoutMismatchException.class,
            () -> JetFile.open(h5, Layout.parse(HDF5_COMPOUND.replace("[d0, z0]", "[d0, dz]"), "c.yaml")));
        assertEquals(h5 + ": collections[0].variables[1]: no field 'dz' in array 'tracks' (fields: d0, z0, valid)",
            e.getMessage());
    }

    @Test
    void numericTablesNeedTheirColumnsNamed() throws IOException {
        String yaml = Layout.tutorial().toYaml().replaceAll("  columns: \\[[^\\]]*\\]\n", "");
        Layout noColumns = Layout.parse(yaml.replaceAll("  features: .*\n", "  features: [jet_pt]\n")
            .replaceAll("  onehot: .*\n", "  field: jet_eta\n  classes: {b: [1], c: [2]}\n")
            .replaceAll("groups: .*\n", "groups: {b: [b], c: [c]}\n").replaceAll("kinematics: .*\n", ""), "n.yaml");
        LayoutMismatchException e = assertThrows(LayoutMismatchException.class,
            () -> JetFile.open(tutorialFile, noColumns));
        assertEquals("jets.columns", e.key());
        assertTrue(e.getMessage().contains("array 'arr_0' is numeric with 52 columns; name them"), e.getMessage());
    }

    @Test
    void reportCountsClassesAndNonFiniteValues() throws IOException {
        LayoutReport report = LayoutReport.of(structured(), Layout.parse(STRUCTURED, "s.yaml"));
        assertTrue(report.problems().isEmpty());
        assertEquals(5, report.jets());
        assertEquals(List.of(2L, 1L, 2L), List.copyOf(report.classCounts().values()));
        assertEquals(5.25, report.weights().sum(), 1e-12);
        LayoutReport.Input tracks = report.inputs().get(1);
        assertEquals("tracks", tracks.name());
        assertEquals(6, tracks.values());
        assertEquals(10.0 / 15, tracks.realFraction(), 1e-12);
        LayoutReport tutorial = LayoutReport.of(tutorialFile, Layout.tutorial());
        assertEquals(5, tutorial.inputs().size());
        assertEquals(700, tutorial.classCounts().values().stream().mapToLong(Long::longValue).sum()
            + tutorial.unlabelled());
    }
}
