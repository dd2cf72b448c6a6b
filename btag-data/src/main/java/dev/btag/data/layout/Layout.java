package dev.btag.data.layout;

import dev.btag.data.schema.Flavour;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How btag reads a jet ntuple: which array holds one row per jet and which of its fields are the tagger's features,
 * how each jet's class is given, which classes are b, c and light for the discriminants, an optional per-jet weight
 * and kinematic fields, and any number of per-jet object collections. A layout is written as YAML (JSON is valid
 * YAML); {@code docs/data-format.md} documents every key, and {@link #tutorial()} is the built-in layout of the
 * tutorial's files. This class is immutable and thread-safe.
 *
 * <pre>{@code
 * Layout layout = Layout.load(Path.of("atlas.yaml"));   // or Layout.tutorial()
 * System.out.println(layout.label().names());           // [b, c, light]
 * }</pre>
 *
 * <p>Parsing checks everything that can be checked without a file and fails with a {@link LayoutException} naming the
 * key: unknown keys, missing required keys, values of the wrong kind, names that refer to nothing (a feature that is
 * not a declared column, a group member that is not a class), codes listed twice. What needs the file (that the
 * arrays and fields exist, shapes, label codes) is checked when a file is opened with it.
 */
public final class Layout {

    /** The name of the built-in tutorial layout. */
    public static final String TUTORIAL = "tutorial";

    private final String source;
    private final FileFormat format;
    private final JetTable jets;
    private final ClassLabel label;
    private final FlavourGroups groups;
    private final String weight;
    private final Kinematics kinematics;
    private final List<ObjectCollection> collections;

    Layout(String source, FileFormat format, JetTable jets, ClassLabel label, FlavourGroups groups, String weight,
           Kinematics kinematics, List<ObjectCollection> collections) {
        this.source = Objects.requireNonNull(source, "source");
        this.format = format;
        this.jets = Objects.requireNonNull(jets, "jets");
        this.label = Objects.requireNonNull(label, "label");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.weight = weight;
        this.kinematics = Objects.requireNonNull(kinematics, "kinematics");
        this.collections = List.copyOf(collections);
    }

    /**
     * The built-in layout of the tutorial's files ({@code arr_0} … {@code arr_4}): the 15 features of the notebooks,
     * the six one-hot training classes (columns 43 to 48; undefined jets have none), b = b + bb + leptonic b,
     * c, light = uds + g, pT and η from columns 0 and 1, and four collections: the 10 × 21 seeding tracks (first, so
     * the default of the track taggers), 25 × 6 neutral and 25 × 16 charged candidates and 4 × 12 secondary
     * vertices, all fed raw (not standardised) as in the notebooks. {@code arr_5}, the DeepVertex input, is not an
     * object collection and is not listed.
     *
     * @return the layout (the same instance every time)
     */
    public static Layout tutorial() {
        return TutorialLayout.LAYOUT;
    }

    /**
     * Parses a layout.
     *
     * @param yaml the YAML (or JSON) text
     * @param source where the text came from, for error messages (a file name)
     * @return the layout
     * @throws LayoutException when the text is not a valid layout, naming the source and the key
     */
    public static Layout parse(String yaml, String source) {
        return LayoutParser.parse(yaml, source);
    }

    /**
     * Reads a layout file.
     *
     * @param file a YAML or JSON file
     * @return the layout
     * @throws IOException when the file cannot be read
     * @throws LayoutException when it is not a valid layout, naming the file and the key
     */
    public static Layout load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such layout file (or give 'tutorial')");
        }
        return parse(text, file.toString());
    }

    /**
     * A layout by name or file: {@value #TUTORIAL} is the built-in one, anything else is read as a file.
     *
     * @param nameOrFile {@value #TUTORIAL} or a path
     * @return the layout
     * @throws IOException when the file cannot be read
     * @throws LayoutException when it is not a valid layout
     */
    public static Layout resolve(String nameOrFile) throws IOException {
        if (TUTORIAL.equals(nameOrFile)) {
            return tutorial();
        }
        return load(Path.of(nameOrFile));
    }

    /**
     * Where this layout came from.
     *
     * @return a file name, or {@value #TUTORIAL} for the built-in layout
     */
    public String source() {
        return source;
    }

    /**
     * The declared container format.
     *
     * @return the format, or empty when it follows each file's extension
     */
    public Optional<FileFormat> format() {
        return Optional.ofNullable(format);
    }

    /**
     * The format to read a file with: the declared one, else the file extension's.
     *
     * @param file the file
     * @return the format
     * @throws LayoutException when no format is declared and the extension is none of {@code .npz}, {@code .npy},
     *     {@code .h5}, {@code .hdf5}
     */
    public FileFormat formatOf(Path file) {
        if (format != null) {
            return format;
        }
        return FileFormat.fromPath(file).orElseThrow(() -> new LayoutException(source, "format",
            "not declared, and the extension of " + file + " is none of .npz, .npy, .h5, .hdf5"));
    }

    /**
     * The per-jet table.
     *
     * @return its description
     */
    public JetTable jets() {
        return jets;
    }

    /**
     * The class label.
     *
     * @return its description, with the classes in output order
     */
    public ClassLabel label() {
        return label;
    }

    /**
     * The b, c and light groups of classes.
     *
     * @return the groups
     */
    public FlavourGroups groups() {
        return groups;
    }

    /**
     * The per-jet weight field.
     *
     * @return the field, or empty when none is declared
     */
    public Optional<String> weight() {
        return Optional.ofNullable(weight);
    }

    /**
     * The kinematic fields.
     *
     * @return the pT and η fields (each possibly absent)
     */
    public Kinematics kinematics() {
        return kinematics;
    }

    /**
     * The object collections, in declaration order.
     *
     * @return the collections (possibly none)
     */
    public List<ObjectCollection> collections() {
        return collections;
    }

    /**
     * A collection by name.
     *
     * @param name the collection's name
     * @return the collection
     * @throws LayoutException when there is none of that name (the message lists the collections)
     */
    public ObjectCollection collection(String name) {
        for (ObjectCollection c : collections) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new LayoutException(source, "collections", "no collection named '" + name + "' (declared: "
            + (collections.isEmpty() ? "none" : String.join(", ", collections.stream().map(ObjectCollection::name)
            .toList())) + ")");
    }

    /**
     * This layout with another declared format.
     *
     * @param newFormat the format, or {@code null} to follow each file's extension
     * @param newSource where the new layout comes from, for messages
     * @return the new layout
     */
    public Layout withFormat(FileFormat newFormat, String newSource) {
        return checked(new Layout(newSource, newFormat, jets, label, groups, weight, kinematics, collections));
    }

    /**
     * This layout reading the jet table, or one collection, as a numeric array whose last axis holds the given
     * columns (what a compound array becomes when it is stored as numbers).
     *
     * @param array the array's name ({@code jets.array} or a collection's {@code array})
     * @param columns the names of the numeric array's last axis
     * @return the new layout
     * @throws LayoutException when the result is inconsistent (a field it reads is not among the columns)
     */
    public Layout withNumericColumns(String array, List<String> columns) {
        JetTable newJets = jets.array().equals(array) ? new JetTable(array, columns, jets.features()) : jets;
        List<ObjectCollection> newCollections = collections.stream().map(c -> c.array().equals(array)
            ? new ObjectCollection(c.name(), c.array(), columns, c.variables(), c.valid(), c.standardise()) : c)
            .toList();
        return checked(new Layout(source, format, newJets, label, groups, weight, kinematics, newCollections));
    }

    private static Layout checked(Layout layout) {
        LayoutRules.check(layout);
        return layout;
    }

    /**
     * The truth code (b = 5, c = 4, light = 1, undefined = 0, as {@code dev.btag.data.schema.Flavour} numbers them)
     * of each class, from the groups: classes of the b group are 5, of the c group 4, of the light group 1, and
     * classes in no group 0. Metrics select jets by these codes.
     *
     * @return K codes in class order
     */
    public int[] classTruthCodes() {
        int[] codes = new int[label.size()];
        for (int k = 0; k < codes.length; k++) {
            String name = label.classes().get(k).name();
            codes[k] = groups.b().contains(name) ? Flavour.B.truthCode() : groups.c().contains(name)
                ? Flavour.C.truthCode() : groups.light().contains(name) ? Flavour.LIGHT.truthCode()
                : Flavour.UNDEFINED.truthCode();
        }
        return codes;
    }

    /**
     * Whether this layout reads files exactly as the built-in tutorial layout does (its source may differ).
     *
     * @return {@code true} when equal to {@link #tutorial()}
     */
    public boolean isTutorial() {
        return equals(tutorial());
    }

    /**
     * The YAML text of this layout; {@link #parse(String, String)} of it gives an equal layout.
     *
     * @return the text, ending with a newline
     */
    public String toYaml() {
        return LayoutYaml.write(this);
    }

    /**
     * Two layouts are equal when they read files the same way; their sources may differ.
     *
     * @param o the other object
     * @return whether every key agrees
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Layout l && Objects.equals(format, l.format) && jets.equals(l.jets)
            && label.equals(l.label) && groups.equals(l.groups) && Objects.equals(weight, l.weight)
            && kinematics.equals(l.kinematics) && collections.equals(l.collections);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, jets, label, groups, weight, kinematics, collections);
    }

    /**
     * A one-line description.
     *
     * @return for example {@code layout tutorial: arr_0 15 features, 6 classes, 4 collections}
     */
    @Override
    public String toString() {
        return "layout " + source + ": " + jets.array() + " " + jets.features().size() + " features, "
            + label.size() + " classes, " + collections.size() + " collections";
    }
}
