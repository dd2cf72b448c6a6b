package dev.btag.data.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JetSchemaTest {

    @Test
    void fiftyTwoColumnsInIndexOrderWithUniqueNames() {
        assertEquals(JetColumn.COUNT, JetColumn.values().length);
        Set<String> names = new HashSet<>();
        for (JetColumn column : JetColumn.values()) {
            assertEquals(column.ordinal(), column.index());
            assertTrue(names.add(column.columnName()), column.columnName());
            assertEquals(column, JetColumn.byName(column.columnName()).orElseThrow());
            assertEquals(column, JetColumn.fromIndex(column.index()));
        }
        assertEquals("jet_pt", JetColumn.fromIndex(0).columnName());
        assertEquals("TagVarCSV_trackSip2dSigAboveCharm", JetColumn.fromIndex(11).columnName());
        assertEquals("isPhysUndefined", JetColumn.fromIndex(42).columnName());
        assertEquals("GeV", JetColumn.JET_MASS.unit());
        assertEquals("cm", JetColumn.TRACK_SIP3D_VAL_ABOVE_CHARM.unit());
        assertEquals("", JetColumn.TRACK_SIP3D_SIG_ABOVE_CHARM.unit());
        assertThrows(IllegalArgumentException.class, () -> JetColumn.fromIndex(52));
    }

    @Test
    void tutorialFeaturesAreColumnsZeroToFifteenWithoutSix() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15}, FeatureSet.TUTORIAL.indices());
        assertEquals(15, FeatureSet.TUTORIAL.size());
    }

    @Test
    void featureSetsRejectTruthDuplicatesAndUnknownNames() {
        IllegalArgumentException truth = assertThrows(IllegalArgumentException.class,
            () -> FeatureSet.of("leak", JetColumn.JET_PT, JetColumn.TRUTH));
        assertTrue(truth.getMessage().contains("truth"), truth.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureSet.of("dup", JetColumn.JET_PT, JetColumn.JET_PT));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> FeatureSet.ofNames("x", "jet_pt", "jet_ptt"));
        assertTrue(unknown.getMessage().contains("jet_ptt"), unknown.getMessage());
        assertArrayEquals(new int[] {0, 11},
            FeatureSet.ofNames("two", "jet_pt", "TagVarCSV_trackSip2dSigAboveCharm").indices());
        assertEquals(JetColumn.JET_PT, JetColumn.byName("JET_PT").orElseThrow());
    }

    @Test
    void trainingClassesAreColumns43To48InOrder() {
        for (TrainingClass c : TrainingClass.values()) {
            assertEquals(43 + c.ordinal(), c.column().index());
        }
        assertEquals(Flavour.B, TrainingClass.LEPTONIC_B.flavour());
        assertEquals(Flavour.LIGHT, TrainingClass.UDS.flavour());
    }

    @Test
    void detailedFlagsSitInColumns19And31() {
        assertEquals(19, TruthFlag.B.column(false).index());
        assertEquals(30, TruthFlag.UNDEFINED.column(false).index());
        assertEquals(31, TruthFlag.B.column(true).index());
        assertEquals("isPhysLeptonicB_C", TruthFlag.LEPTONIC_B_C.column(true).columnName());
        assertEquals(TrainingClass.BB, TruthFlag.GBB.trainingClass());
    }

    @Test
    void arrayLayoutsMatchTheTutorial() {
        assertArrayEquals(new long[] {7, 52}, JetArray.JETS.shape(7));
        assertArrayEquals(new long[] {7, 10, 21}, JetArray.SEEDING_TRACKS.shape(7));
        assertArrayEquals(new long[] {7, 25, 6}, JetArray.NEUTRAL_CANDIDATES.shape(7));
        assertArrayEquals(new long[] {7, 25, 16}, JetArray.CHARGED_CANDIDATES.shape(7));
        assertArrayEquals(new long[] {7, 4, 12}, JetArray.SECONDARY_VERTICES.shape(7));
        assertArrayEquals(new long[] {7, 720, 10}, JetArray.DEEP_VERTEX_INPUTS.shape(7));
        assertEquals("track_var_07", JetArray.SEEDING_TRACKS.variableNames().get(7));
        assertEquals(36, JetArray.DEEP_VERTEX_INPUTS.variableNames().size());
        assertEquals(JetArray.SECONDARY_VERTICES, JetArray.fromEntryName("arr_4"));
        assertThrows(IllegalArgumentException.class, () -> JetArray.fromEntryName("arr_6"));
    }

    @Test
    void candidateAndVertexArraysCarryDeepJetsVariablesInItsOrder() {
        for (JetArray array : JetArray.values()) {
            assertEquals(array.variableCount(), array.variableNames().size(), array.entryName());
            assertEquals(array.variableCount(), new java.util.HashSet<>(array.variableNames()).size(), "unique");
        }
        assertEquals(java.util.List.of("Npfcan_ptrel", "Npfcan_deltaR", "Npfcan_isGamma", "Npfcan_HadFrac",
            "Npfcan_drminsv", "Npfcan_puppiw"), JetArray.NEUTRAL_CANDIDATES.variableNames());
        assertEquals("Cpfcan_BtagPf_trackEtaRel", JetArray.CHARGED_CANDIDATES.variableNames().get(0));
        assertEquals(8, JetArray.CHARGED_CANDIDATES.variableIndex("Cpfcan_BtagPf_trackSip3dSig"));
        assertEquals(15, JetArray.CHARGED_CANDIDATES.variableIndex("Cpfcan_quality"));
        assertEquals(2, JetArray.SECONDARY_VERTICES.variableIndex("sv_mass"));
        assertEquals("sv_enratio", JetArray.SECONDARY_VERTICES.variableNames().get(11));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> JetArray.SECONDARY_VERTICES.variableIndex("sv_var_03"));
        assertTrue(e.getMessage().contains("arr_4"), e.getMessage());
        // the lists are constants: a caller's copy does not change them
        JetArray.SECONDARY_VERTICES.variableNames().set(0, "changed");
        assertEquals("sv_pt", JetArray.SECONDARY_VERTICES.variableNames().get(0));
    }

    @Test
    void docsSchemaTableListsEveryColumn() throws java.io.IOException {
        java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "schema.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(doc), "run from the module directory");
        String text = java.nio.file.Files.readString(doc);
        for (JetColumn column : JetColumn.values()) {
            String row = "| " + column.index() + " | `" + column.columnName() + "` |";
            assertTrue(text.contains(row), "docs/schema.md lacks the row of column " + column.index());
        }
    }

    @Test
    void masksSelectByTruthCode() {
        float[] truth = {5, 4, 1, 21, 0, 5, 3};
        var masks = Flavour.masks(truth);
        assertArrayEquals(new boolean[] {true, false, false, false, false, true, false}, masks.get(Flavour.B));
        assertArrayEquals(new boolean[] {false, false, false, true, false, false, false}, masks.get(Flavour.GLUON));
        assertArrayEquals(new boolean[] {false, false, false, false, true, false, false}, masks.get(Flavour.UNDEFINED));
    }
}
