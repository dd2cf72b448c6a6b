package dev.btag.models;

import java.util.Arrays;
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
    DEEPJET("deepjet", new DeepJetDefinition());

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
     * @return {@code dnn}, {@code cnn1x1}, {@code lstm}, {@code gru} or {@code deepjet}
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
     * Tells whether the tagger reads several collections, one {@link ObjectBranch} each (the DeepJet-style tagger);
     * the others read at most one.
     *
     * @return {@code true} for {@link #DEEPJET}
     */
    public boolean usesBranches() {
        return definition.usesBranches();
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
