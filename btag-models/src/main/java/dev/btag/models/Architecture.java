package dev.btag.models;

import dev.btag.data.layout.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four taggers of the CMS "Btagging in CMS" hands-on and its lecture, and a DeepJet-style tagger that reads several
 * collections.
 *
 * <p>Each constant knows its command-line name ({@link #cliName()}) and whether it reads per-jet object collections
 * (the seeding tracks, the 10 x 21 array {@code arr_1}, or for the DeepJet-style tagger one collection per branch)
 * besides the jet-level features. Everything else that differs between the
 * architectures (the defaults of {@link TaggerSpec}, the block's inputs and layers, the parameter counts) lives in
 * one definition object per constant, so adding an architecture means adding a constant here and its definition
 * class in this package; {@link TaggerBlock} and {@link TaggerSpec} need no change.
 */
public enum Architecture {
    /** Notebook 3: batch normalisation of the features, then Dense 30, 30, 20, 10 and a 6-way output. */
    DNN("dnn", new DnnDefinition()),
    /** Notebook 4: 1x1 convolutions 64, 32, 32, 8 over the tracks, flattened and joined with the features. */
    CNN1X1("cnn1x1", new Cnn1x1Definition()),
    /** Notebook 5: an LSTM(64) over the tracks, its last output joined with the features. */
    LSTM("lstm", RecurrentDefinition.LSTM_CELL),
    /** The lecture's variant of notebook 5 with a GRU(64) cell. */
    GRU("gru", RecurrentDefinition.GRU_CELL),
    /**
     * DeepJet-style (arXiv:2008.10519): per collection the layout declares, 1x1 convolutions and an LSTM over the
     * objects, joined with the batch-normalised features into a dense head of 200 and seven of 100.
     */
    DEEPJET("deepjet", new DeepJetDefinition()),
    /**
     * DeepVertex-style: per seed of the DeepVertex input, 1x1 convolutions over its 20 neighbours and their mean,
     * then an LSTM over the seeds, joined with the batch-normalised features into the DeepJet head.
     */
    DEEPVERTEX("deepvertex", new DeepVertexDefinition());

    private final String cliName;
    private final ArchitectureDefinition definition;

    Architecture(String cliName, ArchitectureDefinition definition) {
        this.cliName = cliName;
        this.definition = definition;
    }

    /** The defaults, layers and counts of this architecture (see {@link ArchitectureDefinition}). */
    ArchitectureDefinition definition() {
        return definition;
    }

    /**
     * Returns the lower-case name used on the command line and in saved models.
     *
     * @return {@code dnn}, {@code cnn1x1}, {@code lstm}, {@code gru}, {@code deepjet} or {@code deepvertex}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Tells whether the tagger reads per-jet object arrays after the features (the seeding tracks, or one
     * collection per branch).
     *
     * @return {@code false} for the DNN, {@code true} for the others
     */
    public boolean usesTracks() {
        return definition.usesTracks();
    }

    /**
     * Tells whether the tagger is built from {@link ObjectBranch}es, one per collection it reads (the DeepJet-style
     * tagger, several; the DeepVertex-style tagger, one); the others read at most the tracks.
     *
     * @return {@code true} for {@link #DEEPJET} and {@link #DEEPVERTEX}
     */
    public boolean usesBranches() {
        return definition.usesBranches();
    }

    /**
     * The collections this tagger reads from a layout when none are named, in input order.
     *
     * @param declared the layout's collections, in layout order
     * @return the DNN and the track taggers: the first (the DNN records its shape only); the DeepJet-style tagger:
     *     all of them; the DeepVertex-style tagger: the one named {@code seeds}
     * @throws IllegalArgumentException when the DeepVertex-style tagger finds no {@code seeds} collection (the
     *     message says how to declare {@code arr_5})
     */
    public List<String> defaultCollections(List<String> declared) {
        return switch (this) {
            case DEEPJET -> List.copyOf(declared);
            case DEEPVERTEX -> {
                if (!declared.contains("seeds")) {
                    throw new IllegalArgumentException("the deepvertex tagger reads the DeepVertex input: the layout"
                        + " declares no collection 'seeds' (name one with --collections, or use the layout"
                        + " docs/layouts/tutorial-deepvertex.yaml, which adds arr_5)");
                }
                yield List.of("seeds");
            }
            default -> declared.isEmpty() ? List.of() : List.of(declared.get(0));
        };
    }

    /**
     * The default branch of this tagger for a collection (the DeepJet paper's widths by name, or the DeepVertex
     * branch).
     *
     * @param collection the collection's name
     * @param objects object slots per jet
     * @param variables variables per object
     * @return the branch
     * @throws IllegalStateException for an architecture without branches
     */
    public ObjectBranch defaultBranch(String collection, int objects, int variables) {
        return switch (this) {
            case DEEPJET -> ObjectBranch.deepJet(collection, objects, variables);
            case DEEPVERTEX -> DeepVertexDefinition.branch(collection, objects, variables);
            default -> throw new IllegalStateException("the " + cliName + " tagger has no branches");
        };
    }

    /**
     * The default branch of this tagger for each collection it reads ({@link #defaultBranch}), in input order.
     *
     * @param layout the layout declaring the collections (their variables)
     * @param collections the collections read, in input order
     * @param objectCounts the object slots per jet of each, in the same order
     * @return one branch per collection
     * @throws IllegalStateException for an architecture without branches
     * @throws IllegalArgumentException when the two lists differ in length
     * @throws dev.btag.data.layout.LayoutException when the layout has no such collection
     */
    public List<ObjectBranch> defaultBranches(Layout layout, List<String> collections, List<Integer> objectCounts) {
        if (collections.size() != objectCounts.size()) {
            throw new IllegalArgumentException(collections.size() + " collections but " + objectCounts.size()
                + " object counts");
        }
        List<ObjectBranch> branches = new ArrayList<>();
        for (int i = 0; i < collections.size(); i++) {
            int variables = layout.collection(collections.get(i)).variables().size();
            branches.add(defaultBranch(collections.get(i), objectCounts.get(i), variables));
        }
        return branches;
    }

    /**
     * Finds an architecture by its command-line name, ignoring case.
     *
     * @param name for example {@code "lstm"}
     * @return the architecture
     * @throws IllegalArgumentException if no architecture has that name; the message lists the valid names
     */
    public static Architecture fromCliName(String name) {
        for (Architecture a : values()) {
            if (a.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown tagger architecture '" + name + "'; expected one of "
            + Arrays.stream(values()).map(Architecture::cliName).collect(Collectors.joining(", ")));
    }
}
