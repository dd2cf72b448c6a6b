package dev.btag.models.onnx;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An ONNX file that btag cannot use as a tagger: not an ONNX model, or a model whose inputs or output cannot be
 * matched to btag's (the message lists both sides). The message is one line and starts with the file name.
 */
public final class OnnxModelException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the model file
     * @param problem what is wrong, one line
     */
    public OnnxModelException(Path file, String problem) {
        super(file + ": " + problem);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the model file
     * @param problem what is wrong, one line
     * @param cause the underlying error (for example ONNX Runtime's)
     */
    public OnnxModelException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
