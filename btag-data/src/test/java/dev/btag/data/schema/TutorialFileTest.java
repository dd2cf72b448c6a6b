package dev.btag.data.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.npy.NpyFormatException;
import dev.btag.data.npy.NpzWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TutorialFileTest {

    private static final int JETS = 6;

    @TempDir
    Path dir;

    /** A valid tiny file: truth rows cycling through the flags, other values a simple pattern. */
    private static float[][] validArrays() {
        float[][] arrays = new float[JetArray.values().length][];
        for (JetArray array : JetArray.values()) {
            float[] values = new float[JETS * array.valuesPerJet()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (i % 7) * 0.5f;
            }
            arrays[array.ordinal()] = values;
        }
        float[] jets = arrays[JetArray.JETS.ordinal()];
        for (int row = 0; row < JETS; row++) {
            for (int c = JetColumn.IS_B.index(); c < JetColumn.COUNT; c++) {
                jets[row * JetColumn.COUNT + c] = 0f;
            }
            TruthFlag flag = TruthFlag.values()[row * 2 % TruthFlag.values().length];
            TruthFlag.writeTruthColumns(jets, row, flag, flag);
        }
        return arrays;
    }

    private Path write(String name, float[][] arrays, long[][] shapes, List<String> names) throws IOException {
        Path file = dir.resolve(name);
        try (NpzWriter npz = NpzWriter.create(file, false)) {
            for (int i = 0; i < names.size(); i++) {
                npz.write(names.get(i), arrays[i], shapes[i]);
            }
        }
        return file;
    }

    private Path writeLayout(String name, float[][] arrays) throws IOException {
        long[][] shapes = new long[arrays.length][];
        String[] names = new String[arrays.length];
        for (JetArray array : JetArray.values()) {
            shapes[array.ordinal()] = array.shape(JETS);
            names[array.ordinal()] = array.entryName();
        }
        return write(name, arrays, shapes, List.of(names));
    }

    @Test
    void validFileOpensAndReadsByName() throws IOException {
        float[][] arrays = validArrays();
        Path file = writeLayout("ok.npz", arrays);
        try (TutorialFile tutorial = TutorialFile.open(file)) {
            assertEquals(JETS, tutorial.jetCount());
            assertTrue(tutorial.report().isClean(), tutorial.report().summary());
            assertFalse(tutorial.isSynthetic(), "a real-layout file without the marker is not synthetic");
            assertTrue(tutorial.syntheticNote().isEmpty());
            float[] jets = arrays[JetArray.JETS.ordinal()];
            float[] features = tutorial.features(FeatureSet.TUTORIAL, 2, 4);
            assertEquals(2 * 15, features.length);
            assertEquals(jets[2 * 52 + 7], features[6]);
            assertEquals(jets[3 * 52 + 15], features[15 + 14]);
            float[] labels = tutorial.oneHotLabels(0, JETS);
            for (int row = 0; row < JETS; row++) {
                for (int k = 0; k < 6; k++) {
                    assertEquals(jets[row * 52 + 43 + k], labels[row * 6 + k]);
                }
            }
            int[] truth = tutorial.truthCodes();
            for (int row = 0; row < JETS; row++) {
                assertEquals((int) jets[row * 52 + 50], truth[row]);
            }
            float[] tracks = tutorial.tracks(1, 2);
            float[] expected = new float[210];
            System.arraycopy(arrays[JetArray.SEEDING_TRACKS.ordinal()], 210, expected, 0, 210);
            assertArrayEquals(expected, tracks);
        }
    }

    @Test
    void missingArrayIsNamed() throws IOException {
        float[][] arrays = validArrays();
        long[][] shapes = new long[5][];
        float[][] five = new float[5][];
        String[] names = {"arr_0", "arr_1", "arr_2", "arr_4", "arr_5"};
        for (int i = 0; i < 5; i++) {
            JetArray array = JetArray.fromEntryName(names[i]);
            five[i] = arrays[array.ordinal()];
            shapes[i] = array.shape(JETS);
        }
        Path file = write("missing.npz", five, shapes, List.of(names));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> TutorialFile.open(file));
        assertTrue(e.getMessage().contains("missing.npz") && e.getMessage().contains("missing array arr_3"),
            e.getMessage());
    }

    @Test
    void wrongNamesAreRejected() throws IOException {
        float[][] arrays = validArrays();
        long[][] shapes = new long[6][];
        String[] names = new String[6];
        for (JetArray array : JetArray.values()) {
            shapes[array.ordinal()] = array.shape(JETS);
            names[array.ordinal()] = "jets_" + array.ordinal();
        }
        Path file = write("names.npz", arrays, shapes, List.of(names));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> TutorialFile.open(file));
        assertTrue(e.getMessage().contains("arr_0") && e.getMessage().contains("jets_0"), e.getMessage());
    }

    @Test
    void wrongShapeNamesArrayAndExpectedShape() throws IOException {
        float[][] arrays = validArrays();
        long[][] shapes = new long[6][];
        String[] names = new String[6];
        for (JetArray array : JetArray.values()) {
            shapes[array.ordinal()] = array.shape(JETS);
            names[array.ordinal()] = array.entryName();
        }
        shapes[1] = new long[] {JETS, 21, 10};
        Path file = write("shape.npz", arrays, shapes, List.of(names));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> TutorialFile.open(file));
        assertTrue(e.getMessage().contains("arr_1") && e.getMessage().contains("(N, 10, 21)"), e.getMessage());
    }

    @Test
    void wrongColumnCountIsNamed() throws IOException {
        float[][] arrays = validArrays();
        long[][] shapes = new long[6][];
        String[] names = new String[6];
        for (JetArray array : JetArray.values()) {
            shapes[array.ordinal()] = array.shape(JETS);
            names[array.ordinal()] = array.entryName();
        }
        arrays[0] = new float[JETS * 51];
        shapes[0] = new long[] {JETS, 51};
        Path file = write("columns.npz", arrays, shapes, List.of(names));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> TutorialFile.open(file));
        assertTrue(e.getMessage().contains("arr_0") && e.getMessage().contains("51 columns"), e.getMessage());
    }

    @Test
    void mismatchedJetCountsAreNamed() throws IOException {
        float[][] arrays = validArrays();
        long[][] shapes = new long[6][];
        String[] names = new String[6];
        for (JetArray array : JetArray.values()) {
            shapes[array.ordinal()] = array.shape(JETS);
            names[array.ordinal()] = array.entryName();
        }
        arrays[4] = new float[(JETS - 1) * 48];
        shapes[4] = JetArray.SECONDARY_VERTICES.shape(JETS - 1);
        Path file = write("counts.npz", arrays, shapes, List.of(names));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> TutorialFile.open(file));
        assertTrue(e.getMessage().contains("arr_4") && e.getMessage().contains("has " + (JETS - 1) + " jets"),
            e.getMessage());
    }

    @Test
    void inconsistentTruthAndNonFiniteValuesAreCountedOrRejected() throws IOException {
        float[][] arrays = validArrays();
        float[] jets = arrays[0];
        jets[1 * 52 + 50] = 21f;               // row 1: integer truth contradicts the one-hot
        jets[4 * 52 + 44] = 1f;                // row 4: two one-hot classes
        jets[3 * 52] = Float.NaN;              // row 3: NaN pT
        jets[5 * 52 + 1] = Float.POSITIVE_INFINITY;
        Path file = writeLayout("content.npz", arrays);
        try (TutorialFile tutorial = TutorialFile.open(file)) {
            ValidationReport report = tutorial.report();
            assertEquals(2, report.inconsistentTruthRows());
            assertEquals(List.of(1L, 4L), report.firstInconsistentRows());
            assertEquals(2, report.nonFiniteTotal());
            assertFalse(report.isClean());
            IllegalStateException e = assertThrows(IllegalStateException.class, report::requireClean);
            assertTrue(e.getMessage().contains("content.npz"), e.getMessage());
            assertEquals(2, tutorial.scanAllArrays().nonFinite().get("arr_0"));
            assertEquals(0, tutorial.report().nonFinite().get("arr_5"));
        }
        NpyFormatException e = assertThrows(NpyFormatException.class,
            () -> TutorialFile.open(file, ContentPolicy.REJECT));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("column 50"), e.getMessage());
    }

    @Test
    void extraEntriesAreAllowedAndTheSyntheticMarkerIsDetected() throws IOException {
        float[][] arrays = validArrays();
        Path file = dir.resolve("marked.npz");
        try (NpzWriter npz = NpzWriter.create(file, false)) {
            for (JetArray array : JetArray.values()) {
                npz.write(array.entryName(), arrays[array.ordinal()], array.shape(JETS));
            }
            npz.write(TutorialFile.SYNTHETIC_ENTRY, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), 5);
            npz.write("notes", new float[] {1f}, 1);
        }
        try (TutorialFile tutorial = TutorialFile.open(file)) {
            assertTrue(tutorial.isSynthetic());
            assertEquals("hello", tutorial.syntheticNote().orElseThrow());
            assertEquals(List.of(TutorialFile.SYNTHETIC_ENTRY, "notes"), tutorial.report().extraEntries());
            assertTrue(tutorial.report().isClean());
        }
    }
}
