package dev.btag.models.onnx;

/**
 * An export whose graph, run in ONNX Runtime, does not give the PyTorch engine's probabilities within the tolerance;
 * nothing was written. The message says by how much, for which jet and class, and on which jets.
 */
public final class AgreementException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The failed comparison (records are serialisable when their components are). */
    private final transient Agreement agreement;

    /**
     * Creates the exception.
     *
     * @param target the file that was not written
     * @param agreement the failed comparison
     */
    public AgreementException(String target, Agreement agreement) {
        super(target + ": not written: " + agreement.summary());
        this.agreement = agreement;
    }

    /**
     * Returns the failed comparison.
     *
     * @return the agreement, or {@code null} after deserialisation
     */
    public Agreement agreement() {
        return agreement;
    }
}
