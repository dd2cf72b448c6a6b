package dev.btag.data.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LayoutTest {

    /** The HDF5 example, with a one-hot alternative left out. */
    static final String EXAMPLE = """
        format: hdf5
        jets:
          array: jets
          features: [pt, eta, d0sum]
        label:
          field: flavour
          classes: {b: [5], c: [4], light: [0, 1, 2, 3], tau: [15]}
        groups: {b: [b], c: [c], light: [light]}
        weight: weight
        kinematics: {pt: pt, eta: eta}
        collections:
          - name: tracks
            array: tracks
            variables: [d0sig, z0sig, ptfrac, dr]
            valid: valid
        """;

    @Test
    void tutorialLayoutFollowsTheSchema() {
        Layout tutorial = Layout.tutorial();
        assertEquals("arr_0", tutorial.jets().array());
        assertEquals(JetColumn.COUNT, tutorial.jets().columns().size());
        assertEquals(FeatureSet.TUTORIAL.columnNames(), tutorial.jets().features());
        assertEquals(List.of("b", "bb", "leptonic_b", "c", "uds", "g"), tutorial.label().names());
        assertEquals("class_b", tutorial.label().classes().get(0).column());
        assertEquals(new FlavourGroups(List.of("b", "bb", "leptonic_b"), List.of("c"), List.of("uds", "g")),
            tutorial.groups());
        assertEquals("tracks", tutorial.collections().get(0).name());
        assertEquals(JetArray.SEEDING_TRACKS.entryName(), tutorial.collections().get(0).array());
        assertEquals(JetArray.SEEDING_TRACKS.variableCount(), tutorial.collections().get(0).variables().size());
        assertFalse(tutorial.collections().get(0).standardise());
        assertEquals(4, tutorial.collections().size());
        assertTrue(tutorial.isTutorial());
    }

    @Test
    void printedLayoutsParseBackEqual() {
        Layout tutorial = Layout.tutorial();
        Layout reparsed = Layout.parse(tutorial.toYaml(), "printed");
        assertEquals(tutorial, reparsed);
        assertTrue(reparsed.isTutorial());
        Layout example = Layout.parse(EXAMPLE, "example.yaml");
        assertEquals(example, Layout.parse(example.toYaml(), "again"));
        assertFalse(example.isTutorial());
    }

    @Test
    void exampleIsReadAsDeclared() {
        Layout layout = Layout.parse(EXAMPLE, "example.yaml");
        assertEquals(FileFormat.HDF5, layout.format().orElseThrow());
        assertFalse(layout.jets().numeric());
        assertEquals(List.of("b", "c", "light", "tau"), layout.label().names());
        assertEquals(2, layout.label().classOfCode(3));
        assertEquals(-2, layout.label().classOfCode(21));
        assertEquals("weight", layout.weight().orElseThrow());
        assertEquals("valid", layout.collection("tracks").valid());
        assertTrue(layout.collection("tracks").standardise());
    }

    @Test
    void jsonIsAValidLayout() {
        Layout layout = Layout.parse("{\"jets\": {\"array\": \"t\", \"columns\": [\"a\", \"b\", \"y\"],"
            + " \"features\": [\"a\", \"b\"]}, \"label\": {\"field\": \"y\", \"classes\": {\"b\": 1, \"l\": 0}},"
            + " \"groups\": {\"b\": \"b\", \"light\": \"l\"}}", "layout.json");
        assertEquals(List.of("b", "l"), layout.label().names());
        assertTrue(layout.groups().c().isEmpty());
    }

    @Test
    void formatFollowsTheExtensionWhenNotDeclared() {
        Layout layout = Layout.parse(EXAMPLE.replace("format: hdf5\n", ""), "x.yaml");
        assertEquals(FileFormat.NPZ, layout.formatOf(Path.of("a.npz")));
        assertEquals(FileFormat.HDF5, layout.formatOf(Path.of("dir/a.H5")));
        LayoutException e = assertThrows(LayoutException.class, () -> layout.formatOf(Path.of("a.root")));
        assertEquals("format", e.key());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing label|label|missing (required)",
        "field and onehot|label|has both 'field' and 'onehot'",
        "weight not a column|weight|'weight' is not one of jets.columns",
        "feature not a column|jets.features[1]|'eta' is not one of jets.columns",
        "code in two classes|label.classes.c|code 5 is already a code of class 'b'",
        "group member not a class|groups.light|'light' is not a class",
        "misspelt key|collections[0].vlid|unknown key",
        "unknown format|format|'root' is not a format",
        "variable twice|collections[0].variables[1]|'d0sig' is listed twice",
        "jets not a mapping|jets|must be a mapping",
        "array not a name|jets.array|must be a name, got a list",
        "class in two groups|groups.c|class 'b' is already in group b",
        "code not an integer|label.classes.tau|codes must be integers, got 'x'",
    })
    void badLayoutsNameTheKey(String id, String key, String problem) {
        String yaml = switch (id) {
            case "missing label" -> EXAMPLE.replaceAll("(?s)label:.*?groups:", "label:\ngroups:");
            case "field and onehot" -> EXAMPLE.replace("  field: flavour", "  onehot: [isB, isC]\n  field: flavour");
            case "weight not a column" -> EXAMPLE.replace("  features: [pt, eta, d0sum]",
                "  columns: [pt, eta, d0sum, flavour]\n  features: [pt, eta, d0sum]");
            case "feature not a column" -> EXAMPLE.replace("  features: [pt, eta, d0sum]",
                "  columns: [pt, d0sum]\n  features: [pt, eta, d0sum]");
            case "code in two classes" -> EXAMPLE.replace("c: [4]", "c: [4, 5]");
            case "group member not a class" -> EXAMPLE.replace("light: [0, 1, 2, 3]", "udsg: [0, 1, 2, 3]");
            case "misspelt key" -> EXAMPLE.replace("    valid: valid", "    vlid: valid");
            case "unknown format" -> EXAMPLE.replace("format: hdf5", "format: root");
            case "variable twice" -> EXAMPLE.replace("[d0sig, z0sig, ptfrac, dr]", "[d0sig, d0sig]");
            case "jets not a mapping" -> EXAMPLE.replaceAll(
                "(?s)jets:\n  array: jets\n  features: \\[pt, eta, d0sum\\]", "jets: [pt]");
            case "array not a name" -> EXAMPLE.replace("  array: jets", "  array: [jets]");
            case "class in two groups" -> EXAMPLE.replace("groups: {b: [b], c: [c]", "groups: {b: [b], c: [c, b]");
            case "code not an integer" -> EXAMPLE.replace("tau: [15]", "tau: x");
            default -> throw new IllegalArgumentException(id);
        };
        LayoutException e = assertThrows(LayoutException.class, () -> Layout.parse(yaml, "bad.yaml"), yaml);
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.yaml: " + key + ": "), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void malformedYamlNamesTheLine() {
        LayoutException e = assertThrows(LayoutException.class, () -> Layout.parse("jets: [a\nlabel: x", "m.yaml"));
        assertTrue(e.getMessage().startsWith("m.yaml: not valid YAML: line "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(LayoutException.class, () -> Layout.parse("", "empty.yaml"));
    }

    @Test
    void oneHotLabelsNeedTwoDistinctColumnsAndNoCodes() {
        String base = "jets: {array: t, features: [a]}\ngroups: {b: [b]}\n";
        LayoutException one = assertThrows(LayoutException.class,
            () -> Layout.parse(base + "label: {onehot: [b]}", "x"));
        assertEquals("label.onehot", one.key());
        LayoutException codes = assertThrows(LayoutException.class,
            () -> Layout.parse(base + "label: {onehot: [b, l], classes: {b: 1}}", "x"));
        assertEquals("label.classes", codes.key());
        Layout ok = Layout.parse(base + "label: {onehot: {b: isB, l: isL}}", "x");
        assertEquals("isL", ok.label().classes().get(1).column());
    }

    @Test
    void unknownCollectionIsNamed() {
        LayoutException e = assertThrows(LayoutException.class, () -> Layout.tutorial().collection("pfcands"));
        assertTrue(e.getMessage().contains("tracks, neutral, charged, vertices"), e.getMessage());
    }
}
