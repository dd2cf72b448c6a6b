package dev.btag.data.source;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file btag cannot read as an array file: not of its format, damaged, or holding an array of a type btag does not
 * read. The message names the file, the array (when the problem lies in one) and the problem, for example
 * {@code jets.h5: array 'tracks': unsupported element type variable-length string}.
 */
public class SourceFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the file
     * @param array the array, or {@code null} for the whole file
     * @param problem what is wrong
     * @param cause the low-level exception, or {@code null}
     */
    public SourceFormatException(Path file, String array, String problem, Throwable cause) {
        super(file + ": " + (array == null ? "" : "array '" + array + "': ") + problem, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param file the file
     * @param array the array, or {@code null}
     * @param problem what is wrong
     */
    public SourceFormatException(Path file, String array, String problem) {
        this(file, array, problem, null);
    }
}
