package dev.btag.models.onnx;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.dataset.CollectionStandardizer;
import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.data.schema.Flavour;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.TrainingClass;
import dev.btag.models.InputSpec;
import dev.btag.models.LayoutInputs;
import dev.btag.models.ObjectBranch;
import dev.btag.models.Tagger;
import dev.btag.models.TrainingSource;
import dev.btag.models.io.TaggerFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata an exported tagger carries (ONNX {@code metadata_props}, string to string; JSON where a value is
 * structured), and how btag reads it back. Keys are {@link OnnxNames}' constants:
 * <ul>
 *   <li>{@value OnnxNames#BTAG_VERSION}, {@value OnnxNames#ARCHITECTURE}, {@value OnnxNames#LAYOUT}
 *       ({@code tutorial}, or the file name of the layout the tagger was trained with);</li>
 *   <li>{@value OnnxNames#INPUTS}: {@code {"features":[15 names],"tracks":[21 names]}}, the variables of each
 *       input in input order ({@code tracks} only for taggers that read them; the branch taggers have one entry per
 *       collection instead, for example {@code "charged":[16 names],"neutral":[6 names],"vertices":[12 names]});</li>
 *   <li>{@value OnnxNames#CLASSES}: {@code ["b","bb","leptonic_b","c","uds","g"]}, the output order;
 *       {@value OnnxNames#CLASS_GROUPS}: {@code {"b":["b","bb","leptonic_b"],"c":["c"],"light":["uds"],
 *       "gluon":["g"]}};</li>
 *   <li>{@value OnnxNames#STANDARDISATION}: {@code {"inGraph":true,"means":[...],"scales":[...]}} (the graph
 *       computes {@code (x - mean) * (1 / scale)} itself; feed raw values), or {@code {"inGraph":false}}; a
 *       {@code "collections"} object adds the means and scales of each collection the graph standardises (on its real
 *       objects only);</li>
 *   <li>{@value OnnxNames#SYNTHETIC}: {@code true} when trained on btag's synthetic sample, {@code false}, or
 *       {@code unknown} for a saved tagger that does not record its training file; {@value OnnxNames#TRAINING_SAMPLE}
 *       (file and jet count) when it does.</li>
 * </ul>
 * This class is stateless.
 */
public final class OnnxMetadata {

    private static final Gson GSON = new Gson();

    private OnnxMetadata() {
    }

    /**
     * Describes a tagger for its export.
     *
     * @param tagger the tagger
     * @return the metadata, in a stable key order
     */
    public static Map<String, String> of(Tagger tagger) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(OnnxNames.BTAG_VERSION, TaggerFile.btagVersion());
        m.put(OnnxNames.ARCHITECTURE, tagger.spec().architecture().cliName());
        Optional<LayoutInputs> layoutInputs = tagger.layoutInputs();
        m.put(OnnxNames.LAYOUT, layoutInputs.map(LayoutInputs::layout).filter(l -> !l.isTutorial())
            .map(l -> String.valueOf(Path.of(l.source()).getFileName())).orElse(Layout.TUTORIAL));
        InputSpec inputs = tagger.inputs();
        JsonObject variables = new JsonObject();
        variables.add(OnnxNames.FEATURES, strings(inputs.featureNames()));
        if (tagger.spec().architecture().usesBranches()) {
            for (ObjectBranch b : tagger.spec().branches()) {
                List<String> names = layoutInputs.map(l -> l.layout().collections().stream()
                    .filter(c -> c.name().equals(b.collection())).findFirst().map(ObjectCollection::variables)
                    .orElse(null)).orElse(null);
                variables.add(b.collection(), strings(names != null && names.size() == b.variables() ? names
                    : numbered(b.collection() + "_var_", b.variables())));
            }
        } else if (tagger.spec().architecture().usesTracks()) {
            // the variables of the collection the tagger was trained on, else the tutorial's seeding tracks
            List<String> tracks = layoutInputs.flatMap(LayoutInputs::collectionSpec).map(ObjectCollection::variables)
                .orElse(JetArray.SEEDING_TRACKS.variableNames());
            variables.add(OnnxNames.TRACKS, strings(tracks.size() == inputs.trackVariables() ? tracks
                : numbered("track_var_", inputs.trackVariables())));
        }
        m.put(OnnxNames.INPUTS, GSON.toJson(variables));
        m.put(OnnxNames.CLASSES, GSON.toJson(strings(classNames())));
        m.put(OnnxNames.CLASS_GROUPS, GSON.toJson(classGroups()));
        JsonObject standardisation = new JsonObject();
        standardisation.addProperty("inGraph", inputs.standardised());
        if (inputs.standardised()) {
            standardisation.add("means", GSON.toJsonTree(inputs.means()));
            standardisation.add("scales", GSON.toJsonTree(inputs.scales()));
        }
        JsonObject collections = new JsonObject();
        List<String> names = TaggerGraph.inputNames(tagger);
        for (int i = 1; i < names.size(); i++) {
            CollectionStandardizer cs = BranchGraph.collectionStandardizer(tagger, i - 1);
            if (cs != null) {
                JsonObject c = new JsonObject();
                c.add("means", GSON.toJsonTree(cs.mean()));
                c.add("scales", GSON.toJsonTree(cs.std()));
                collections.add(names.get(i), c);
            }
        }
        if (!collections.isEmpty()) {
            standardisation.add("collections", collections);
        }
        m.put(OnnxNames.STANDARDISATION, GSON.toJson(standardisation));
        Optional<TrainingSource> source = tagger.trainingSource();
        m.put(OnnxNames.SYNTHETIC, source.map(s -> Boolean.toString(s.synthetic())).orElse("unknown"));
        source.ifPresent(s -> m.put(OnnxNames.TRAINING_SAMPLE, GSON.toJson(s.toJson())));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Returns the class names in output order: the tutorial's six training classes, lower case.
     *
     * @return {@code b, bb, leptonic_b, c, uds, g}
     */
    public static List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (TrainingClass c : TrainingClass.values()) {
            names.add(c.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * Reads the variable names of one input from the {@value OnnxNames#INPUTS} metadata.
     *
     * @param metadata the model's metadata
     * @param input an input name, for example {@value OnnxNames#FEATURES}
     * @return the names, or empty when the metadata does not give them
     * @throws IllegalArgumentException if the {@value OnnxNames#INPUTS} value is not the expected JSON
     */
    public static Optional<List<String>> variables(Map<String, String> metadata, String input) {
        String json = metadata.get(OnnxNames.INPUTS);
        if (json == null) {
            return Optional.empty();
        }
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("metadata '" + OnnxNames.INPUTS + "' is not JSON: " + e.getMessage(), e);
        }
        if (!parsed.isJsonObject()) {
            throw new IllegalArgumentException("metadata '" + OnnxNames.INPUTS + "' is not a JSON object");
        }
        JsonElement names = parsed.getAsJsonObject().get(input);
        if (names == null) {
            return Optional.empty();
        }
        if (!names.isJsonArray()) {
            throw new IllegalArgumentException("metadata '" + OnnxNames.INPUTS + "." + input + "' is not a list");
        }
        List<String> list = new ArrayList<>();
        names.getAsJsonArray().forEach(e -> list.add(e.getAsString()));
        return Optional.of(List.copyOf(list));
    }

    private static JsonObject classGroups() {
        JsonObject groups = new JsonObject();
        for (Flavour f : Flavour.values()) {
            JsonArray members = new JsonArray();
            for (TrainingClass c : TrainingClass.values()) {
                if (c.flavour() == f) {
                    members.add(c.name().toLowerCase(Locale.ROOT));
                }
            }
            if (!members.isEmpty()) {
                groups.add(f.label(), members);
            }
        }
        return groups;
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(String.format(Locale.ROOT, "%s%02d", prefix, i));
        }
        return names;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
