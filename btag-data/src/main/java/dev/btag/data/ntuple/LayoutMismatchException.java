package dev.btag.data.ntuple;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that does not hold what its layout declares: a missing array or field, an array of the wrong shape or kind,
 * arrays of different lengths, a label code no class covers. The message is one line naming the file, the layout
 * key and the problem, for example
 * {@code run2.h5: jets.features[3]: no field 'sv_mass' in array 'jets' (fields: pt, eta, ...)}.
 */
public class LayoutMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The layout key, for example {@code collections[0].variables[2]}. */
    private final String key;

    /**
     * Creates the exception.
     *
     * @param file the file
     * @param key the layout key the problem concerns
     * @param problem what is wrong
     */
    public LayoutMismatchException(Path file, String key, String problem) {
        super(file + ": " + key + ": " + problem);
        this.key = key;
    }

    /**
     * The layout key the problem concerns.
     *
     * @return for example {@code label.field}
     */
    public String key() {
        return key;
    }
}
