package dev.btag.models.io;

import java.io.IOException;
import java.nio.file.Path;

/** A saved-tagger file that cannot be read: not a btag tagger, an unsupported format version, or damaged content. */
public final class TaggerFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the file
     * @param problem what is wrong, for example {@code "entry 'btag-model.json' is missing"}
     */
    public TaggerFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the file
     * @param problem what is wrong
     * @param cause the underlying error
     */
    public TaggerFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
