package dev.btag.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.dataset.CollectionStandardizer;
import dev.btag.data.layout.Layout;
import dev.btag.metrics.comparison.ClassGroups;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutInputsTest {

    static final Layout LAYOUT = Layout.parse("""
        jets: {array: jets, features: [pt, eta, mass]}
        label: {field: flavour, classes: {light: [0], b: [5], c: [4], tau: [15]}}
        groups: {b: [b], c: [c], light: [light]}
        collections:
          - {name: tracks, array: tracks, variables: [d0, z0, dr]}
          - {name: vertices, array: sv, variables: [mass, lxy]}
        """, "inputs.yaml");

    @Test
    void savedEntriesReadBackEqual() {
        CollectionStandardizer cs = new CollectionStandardizer("tracks", List.of("d0", "z0", "dr"),
            new double[] {0.5, -1, 0}, new double[] {2, 1, 0.25});
        LayoutInputs inputs = new LayoutInputs(LAYOUT, "tracks", cs);
        LayoutInputs back = LayoutInputs.fromEntries(inputs.toEntries(), "model.btag").orElseThrow();
        assertEquals(inputs, back);
        assertTrue(LayoutInputs.fromEntries(java.util.Map.of(), "old.btag").isEmpty());
    }

    @Test
    void groupsFollowTheLayoutWhateverTheClassOrder() {
        ClassGroups groups = LayoutInputs.groups(LAYOUT);
        assertEquals(List.of("light", "b", "c", "tau"), groups.classes());
        assertArrayEquals(new int[] {1}, groups.b());
        assertArrayEquals(new int[] {2}, groups.c());
        assertArrayEquals(new int[] {0}, groups.light());
    }

    @Test
    void mismatchesNameTheInputAndTheField() {
        LayoutInputs inputs = new LayoutInputs(LAYOUT, "tracks", null);
        Path file = Path.of("test.h5");
        inputs.checkReads(LAYOUT, file);
        IllegalArgumentException features = assertThrows(IllegalArgumentException.class, () -> inputs.checkReads(
            Layout.parse(LAYOUT.toYaml().replace("[pt, eta, mass]", "[pt, abseta, mass]"), "x"), file));
        assertTrue(features.getMessage().startsWith("test.h5: input 'features': feature 1 is 'abseta', the tagger"
            + " reads 'eta'"), features.getMessage());
        IllegalArgumentException variable = assertThrows(IllegalArgumentException.class, () -> inputs.checkReads(
            Layout.parse(LAYOUT.toYaml().replace("[d0, z0, dr]", "[d0, dz, dr]"), "x"), file));
        assertEquals("test.h5: input 'tracks': variable 1 is 'dz', the tagger reads 'z0'", variable.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> inputs.checkReads(
            Layout.parse(LAYOUT.toYaml().replace("name: tracks", "name: trk"), "x"), file));
        assertTrue(missing.getMessage().startsWith("test.h5: input 'tracks': the layout declares no collection"),
            missing.getMessage());
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class, () -> inputs.checkReads(
            Layout.parse(LAYOUT.toYaml().replace(", tau: [15]", ""), "x"), file));
        assertTrue(classes.getMessage().startsWith("test.h5: label: the layout declares 3 classes"),
            classes.getMessage());
    }
}
