package dev.btag.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.dataset.CollectionStandardizer;
import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.metrics.comparison.ClassGroups;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a tagger reads files: the {@link Layout} it was trained with, the collections it reads after the features, in
 * input order (the 1x1-CNN, LSTM and GRU read one, a DeepJet-style tagger one per branch, a DNN none), and each
 * collection's standardisation. A saved tagger stores it (entries {@value #LAYOUT_ENTRY} and {@value #INPUTS_ENTRY}),
 * so that prediction reads a file the same way and refuses one whose layout declares other inputs. This record is
 * immutable.
 *
 * <p>{@value #INPUTS_ENTRY} holds {@code collection} and {@code collectionStandardisation} for a tagger that reads one
 * collection (the form saved taggers have had since layouts came, kept byte for byte), and {@code collections} and
 * {@code collectionStandardisations} (an array with {@code null} for a raw collection) for one that reads several.
 *
 * @param layout the training layout
 * @param collections the collections' names in input order (empty for none)
 * @param collectionStandardizers one entry per collection, {@code null} where its objects enter raw
 */
public record LayoutInputs(Layout layout, List<String> collections,
                           List<CollectionStandardizer> collectionStandardizers) {

    /** The saved tagger's entry holding the layout (YAML). */
    public static final String LAYOUT_ENTRY = "layout.yaml";
    /** The saved tagger's entry holding the collections and their standardisation (JSON). */
    public static final String INPUTS_ENTRY = "layout-inputs.json";

    /**
     * Validates and copies.
     *
     * @param layout the layout
     * @param collections the collections (no repeats)
     * @param collectionStandardizers their standardisations, one entry per collection ({@code null} entries allowed)
     * @throws dev.btag.data.layout.LayoutException when the layout has no such collection
     * @throws IllegalArgumentException when a collection repeats or the two lists differ in length
     */
    public LayoutInputs {
        Objects.requireNonNull(layout, "layout");
        collections = List.copyOf(collections);
        collectionStandardizers = Collections.unmodifiableList(new ArrayList<>(collectionStandardizers));
        if (collections.size() != collectionStandardizers.size()) {
            throw new IllegalArgumentException(collections.size() + " collections but " + collectionStandardizers
                .size() + " standardisations");
        }
        if (collections.stream().distinct().count() != collections.size()) {
            throw new IllegalArgumentException("a collection is read twice: " + collections);
        }
        collections.forEach(layout::collection);
    }

    /**
     * A description with one collection or none.
     *
     * @param layout the layout
     * @param collection the collection or {@code null}
     * @param collectionStandardizer its standardisation or {@code null}
     * @throws dev.btag.data.layout.LayoutException when the layout has no such collection
     */
    public LayoutInputs(Layout layout, String collection, CollectionStandardizer collectionStandardizer) {
        this(layout, collection == null ? List.of() : List.of(collection),
            collection == null ? List.of() : Collections.singletonList(collectionStandardizer));
    }

    /**
     * The (first) collection read.
     *
     * @return its name, or {@code null} for a tagger that reads none
     */
    public String collection() {
        return collections.isEmpty() ? null : collections.get(0);
    }

    /**
     * The standardisation of the (first) collection.
     *
     * @return it, or {@code null} when there is none or its objects enter raw
     */
    public CollectionStandardizer collectionStandardizer() {
        return collectionStandardizers.isEmpty() ? null : collectionStandardizers.get(0);
    }

    /**
     * The (first) collection's declaration.
     *
     * @return it, or empty for a tagger that reads no collection
     */
    public Optional<ObjectCollection> collectionSpec() {
        return collections.isEmpty() ? Optional.empty() : Optional.of(layout.collection(collections.get(0)));
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
            int i = firstDifference(got, want);
            int common = Math.min(want.size(), got.size());
            throw new IllegalArgumentException(source + ": input 'features': " + (i < common ? "feature " + i
                + " is '" + got.get(i) + "', the tagger reads '" + want.get(i) + "'" : "the layout lists "
                + got.size() + " features, the tagger reads " + want.size()) + " (tagger features: " + want + ")");
        }
        for (String collection : collections) {
            checkCollection(other, source, collection);
        }
        if (other.label().size() != layout.label().size()) {
            throw new IllegalArgumentException(source + ": label: the layout declares " + other.label().size()
                + " classes " + other.label().names() + ", the tagger outputs " + layout.label().size() + " "
                + layout.label().names());
        }
    }

    /**
     * Finds where two lists of variable names first differ: the names a layout gives an input and the names a model
     * reads from it, compared position by position (exactly, case-sensitive).
     *
     * @param layoutNames the names the layout gives, in order
     * @param readNames the names the model reads, in order
     * @return the first position (0-based) whose names differ, or where one list ends before the other; -1 when the
     *     lists are equal
     */
    public static int firstDifference(List<String> layoutNames, List<String> readNames) {
        int common = Math.min(layoutNames.size(), readNames.size());
        for (int i = 0; i < common; i++) {
            if (!layoutNames.get(i).equals(readNames.get(i))) {
                return i;
            }
        }
        return layoutNames.size() == readNames.size() ? -1 : common;
    }

    private void checkCollection(Layout other, Path source, String collection) {
        ObjectCollection mine = layout.collection(collection);
        ObjectCollection theirs = other.collections().stream().filter(c -> c.name().equals(collection))
            .findFirst().orElseThrow(() -> new IllegalArgumentException(source + ": input '" + collection
                + "': the layout declares no collection of that name (the tagger reads " + mine.variables()
                + ")"));
        int i = firstDifference(theirs.variables(), mine.variables());
        if (i >= 0 && i < mine.variables().size()) {
            throw new IllegalArgumentException(source + ": input '" + collection + "': variable " + i + " is "
                + (i >= theirs.variables().size() ? "missing" : "'" + theirs.variables().get(i) + "'")
                + ", the tagger reads '" + mine.variables().get(i) + "'");
        }
        if (theirs.variables().size() != mine.variables().size()) {
            throw new IllegalArgumentException(source + ": input '" + collection + "': the layout lists "
                + theirs.variables().size() + " variables, the tagger reads " + mine.variables().size());
        }
    }

    /**
     * The saved tagger's entries of this description.
     *
     * @return {@value #LAYOUT_ENTRY} and {@value #INPUTS_ENTRY} with their bytes
     */
    public Map<String, byte[]> toEntries() {
        JsonObject o = new JsonObject();
        if (collections.size() == 1) {
            o.addProperty("collection", collections.get(0));
            if (collectionStandardizers.get(0) != null) {
                o.add("collectionStandardisation", JsonParser.parseString(collectionStandardizers.get(0).toJson()));
            }
        } else if (collections.size() > 1) {
            JsonArray names = new JsonArray();
            JsonArray standardisations = new JsonArray();
            for (int i = 0; i < collections.size(); i++) {
                names.add(collections.get(i));
                CollectionStandardizer cs = collectionStandardizers.get(i);
                standardisations.add(cs == null ? JsonNull.INSTANCE : JsonParser.parseString(cs.toJson()));
            }
            o.add("collections", names);
            o.add("collectionStandardisations", standardisations);
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
        if (o.has("collections")) {
            List<String> names = new ArrayList<>();
            List<CollectionStandardizer> standardisers = new ArrayList<>();
            o.getAsJsonArray("collections").forEach(e -> names.add(e.getAsString()));
            JsonArray cs = o.has("collectionStandardisations") ? o.getAsJsonArray("collectionStandardisations")
                : new JsonArray();
            for (int i = 0; i < names.size(); i++) {
                standardisers.add(i >= cs.size() || cs.get(i).isJsonNull() ? null
                    : CollectionStandardizer.fromJson(cs.get(i).toString()));
            }
            return Optional.of(new LayoutInputs(layout, names, standardisers));
        }
        String collection = o.has("collection") ? o.get("collection").getAsString() : null;
        CollectionStandardizer cs = o.has("collectionStandardisation")
            ? CollectionStandardizer.fromJson(o.get("collectionStandardisation").toString()) : null;
        return Optional.of(new LayoutInputs(layout, collection, cs));
    }
}
