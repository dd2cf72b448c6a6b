package dev.btag.models;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.dataset.CollectionStandardizer;
import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.metrics.comparison.ClassGroups;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a tagger reads files: the {@link Layout} it was trained with, the collection it reads as its second input
 * (the four taggers take one; {@code null} for a tagger that reads none) and that collection's standardisation. A
 * saved tagger stores it (entries {@value #LAYOUT_ENTRY} and {@value #INPUTS_ENTRY}), so that prediction reads a file
 * the same way and refuses one whose layout declares other inputs. This record is immutable.
 *
 * @param layout the training layout
 * @param collection the collection's name, or {@code null}
 * @param collectionStandardizer the collection's standardisation, or {@code null} when its objects enter raw
 */
public record LayoutInputs(Layout layout, String collection, CollectionStandardizer collectionStandardizer) {

    /** The saved tagger's entry holding the layout (YAML). */
    public static final String LAYOUT_ENTRY = "layout.yaml";
    /** The saved tagger's entry holding the collection and its standardisation (JSON). */
    public static final String INPUTS_ENTRY = "layout-inputs.json";

    /**
     * Validates.
     *
     * @param layout the layout
     * @param collection the collection or {@code null}
     * @param collectionStandardizer its standardisation or {@code null}
     * @throws dev.btag.data.layout.LayoutException when the layout has no such collection
     */
    public LayoutInputs {
        Objects.requireNonNull(layout, "layout");
        if (collection != null) {
            layout.collection(collection);
        }
    }

    /**
     * The collection's declaration.
     *
     * @return it, or empty for a tagger that reads no collection
     */
    public Optional<ObjectCollection> collectionSpec() {
        return collection == null ? Optional.empty() : Optional.of(layout.collection(collection));
    }

    /**
     * The class groups of the layout, for the metrics.
     *
     * @return the layout's classes with their b, c and light groups
     */
    public ClassGroups classGroups() {
        return groups(layout);
    }

    /**
     * The class groups of a layout, for the metrics.
     *
     * @param layout the layout
     * @return its classes with their b, c and light groups
     */
    public static ClassGroups groups(Layout layout) {
        List<String> names = layout.label().names();
        return new ClassGroups(names, indices(names, layout.groups().b()), indices(names, layout.groups().c()),
            indices(names, layout.groups().light()));
    }

    private static int[] indices(List<String> names, List<String> members) {
        return members.stream().mapToInt(names::indexOf).toArray();
    }

    /**
     * Checks that a file's layout declares the inputs this tagger reads, in the same order.
     *
     * @param other the layout a file is read with
     * @param source the file, for the message
     * @throws IllegalArgumentException naming the input and the field that differ
     */
    public void checkReads(Layout other, Path source) {
        List<String> want = layout.jets().features();
        List<String> got = other.jets().features();
        if (!want.equals(got)) {
            int i = 0;
            int common = Math.min(want.size(), got.size());
            while (i < common && want.get(i).equals(got.get(i))) {
                i++;
            }
            throw new IllegalArgumentException(source + ": input 'features': " + (i < common ? "feature " + i
                + " is '" + got.get(i) + "', the tagger reads '" + want.get(i) + "'" : "the layout lists "
                + got.size() + " features, the tagger reads " + want.size()) + " (tagger features: " + want + ")");
        }
        if (collection != null) {
            ObjectCollection mine = layout.collection(collection);
            ObjectCollection theirs = other.collections().stream().filter(c -> c.name().equals(collection))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(source + ": input '" + collection
                    + "': the layout declares no collection of that name (the tagger reads " + mine.variables()
                    + ")"));
            for (int i = 0; i < mine.variables().size(); i++) {
                if (i >= theirs.variables().size() || !mine.variables().get(i).equals(theirs.variables().get(i))) {
                    throw new IllegalArgumentException(source + ": input '" + collection + "': variable " + i + " is "
                        + (i >= theirs.variables().size() ? "missing" : "'" + theirs.variables().get(i) + "'")
                        + ", the tagger reads '" + mine.variables().get(i) + "'");
                }
            }
            if (theirs.variables().size() != mine.variables().size()) {
                throw new IllegalArgumentException(source + ": input '" + collection + "': the layout lists "
                    + theirs.variables().size() + " variables, the tagger reads " + mine.variables().size());
            }
        }
        if (other.label().size() != layout.label().size()) {
            throw new IllegalArgumentException(source + ": label: the layout declares " + other.label().size()
                + " classes " + other.label().names() + ", the tagger outputs " + layout.label().size() + " "
                + layout.label().names());
        }
    }

    /**
     * The saved tagger's entries of this description.
     *
     * @return {@value #LAYOUT_ENTRY} and {@value #INPUTS_ENTRY} with their bytes
     */
    public Map<String, byte[]> toEntries() {
        JsonObject o = new JsonObject();
        if (collection != null) {
            o.addProperty("collection", collection);
        }
        if (collectionStandardizer != null) {
            o.add("collectionStandardisation", JsonParser.parseString(collectionStandardizer.toJson()));
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(LAYOUT_ENTRY, layout.toYaml().getBytes(StandardCharsets.UTF_8));
        entries.put(INPUTS_ENTRY, o.toString().getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    /**
     * Reads the description back from a saved tagger's entries.
     *
     * @param entries the entries (from {@link #toEntries()})
     * @param source the saved tagger, for messages
     * @return the description, or empty when the entries hold none (a tagger saved before layouts)
     * @throws IllegalArgumentException when an entry is malformed
     */
    public static Optional<LayoutInputs> fromEntries(Map<String, byte[]> entries, String source) {
        byte[] yaml = entries.get(LAYOUT_ENTRY);
        if (yaml == null) {
            return Optional.empty();
        }
        Layout layout = Layout.parse(new String(yaml, StandardCharsets.UTF_8), source + " (" + LAYOUT_ENTRY + ")");
        byte[] json = entries.get(INPUTS_ENTRY);
        JsonObject o = json == null ? new JsonObject()
            : JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
        String collection = o.has("collection") ? o.get("collection").getAsString() : null;
        CollectionStandardizer cs = o.has("collectionStandardisation")
            ? CollectionStandardizer.fromJson(o.get("collectionStandardisation").toString()) : null;
        return Optional.of(new LayoutInputs(layout, collection, cs));
    }
}
