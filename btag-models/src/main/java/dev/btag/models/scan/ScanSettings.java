package dev.btag.models.scan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What every point of a scan directory must share for its finished points to be reused: the architecture, the
 * training settings, the files, the layout and the comparison. The grid (depths, widths, seeds) is not part of it:
 * a scan may be extended with more depths, widths or seeds in the same directory, and the points it already holds
 * are reused. Stored as {@value #FILE} in the scan directory. This record is immutable.
 *
 * @param architecture the tagger's command-line name ({@code dnn}, {@code lstm}, ...)
 * @param epochs the maximum epochs per point
 * @param batchSize the training batch size
 * @param layout the layout's source ({@code tutorial} or its file)
 * @param trainFiles the training files, as given
 * @param testFiles the test files, as given
 * @param comparison the key of the comparison whose AUC is scanned ({@code bVsLightGluon})
 */
public record ScanSettings(String architecture, int epochs, int batchSize, String layout, List<String> trainFiles,
        List<String> testFiles, String comparison) {

    /** The settings file's name in the scan directory. */
    public static final String FILE = "scan-settings.json";

    /**
     * Copies the lists.
     *
     * @param architecture the architecture's name
     * @param epochs the maximum epochs
     * @param batchSize the batch size
     * @param layout the layout's source
     * @param trainFiles the training files
     * @param testFiles the test files
     * @param comparison the comparison's key
     */
    public ScanSettings {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(comparison, "comparison");
        trainFiles = List.copyOf(trainFiles);
        testFiles = List.copyOf(testFiles);
    }

    static List<String> names(List<Path> files) {
        return files.stream().map(Path::toString).toList();
    }

    /**
     * The JSON object: one field per component, the file lists as arrays of strings.
     *
     * @return a new JSON object
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("architecture", architecture);
        o.addProperty("epochs", epochs);
        o.addProperty("batchSize", batchSize);
        o.addProperty("layout", layout);
        o.add("trainFiles", array(trainFiles));
        o.add("testFiles", array(testFiles));
        o.addProperty("comparison", comparison);
        return o;
    }

    /**
     * Checks that settings stored by an earlier run of a scan directory are these.
     *
     * @param stored the stored JSON object ({@link #toJson()} of the earlier run)
     * @param source the stored file, for the message
     * @throws IllegalArgumentException naming the file and the first field that differs, with both values
     */
    public void requireSame(JsonObject stored, Path source) {
        JsonObject now = toJson();
        for (String key : now.keySet()) {
            JsonElement before = stored.get(key);
            if (!now.get(key).equals(before)) {
                throw new IllegalArgumentException(source + ": field '" + key + "' was " + before
                    + " in the earlier run of this scan, now " + now.get(key) + "; its finished points cannot be"
                    + " reused (choose another output directory, or delete this one)");
            }
        }
    }

    private static JsonArray array(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
