package dev.btag.models.onnx;

/**
 * What an ONNX model's output holds, and so what btag does with it before evaluating.
 */
public enum OutputKind {
    /**
     * Class probabilities (each row non-negative and summing to one, as btag's exports give): used as they are. A
     * model whose rows are not probabilities is refused with a message suggesting {@link #LOGITS}.
     */
    PROBABILITIES,
    /** Unnormalised scores (logits): btag applies a softmax over the classes of each row ({@code --logits}). */
    LOGITS
}
