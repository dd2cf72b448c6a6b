package dev.btag.models.onnx;

import java.util.Locale;

/**
 * The outcome of running an exported graph in ONNX Runtime next to the PyTorch engine on the same jets: the largest
 * absolute difference between their probabilities and where it is. This record is immutable.
 *
 * @param source what the jets are, for example {@code "4096 jets of train.npz"}
 * @param jets the number of jets compared
 * @param maxDifference the largest |p_onnx - p_pytorch| over all jets and classes (0 for no jets)
 * @param worstJet the jet of the largest difference (-1 for no jets)
 * @param worstClass its class index (-1 for no jets)
 * @param tolerance the largest difference allowed
 */
public record Agreement(String source, int jets, double maxDifference, int worstJet, int worstClass,
        double tolerance) {

    /**
     * Compares two probability arrays.
     *
     * @param source what the jets are
     * @param onnx ONNX Runtime's probabilities, N x classes
     * @param pytorch the PyTorch engine's, the same shape
     * @param classes the number of classes
     * @param tolerance the largest difference allowed
     * @return the agreement; NaN anywhere counts as an infinite difference
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Agreement compare(String source, float[] onnx, float[] pytorch, int classes, double tolerance) {
        if (onnx.length != pytorch.length) {
            throw new IllegalArgumentException("ONNX Runtime gave " + onnx.length + " probabilities, the PyTorch"
                + " engine " + pytorch.length);
        }
        double max = 0;
        int worst = -1;
        for (int i = 0; i < onnx.length; i++) {
            double d = Math.abs((double) onnx[i] - pytorch[i]);
            if (Double.isNaN(d)) {
                d = Double.POSITIVE_INFINITY;
            }
            if (d > max || worst < 0) {
                max = d;
                worst = i;
            }
        }
        return new Agreement(source, onnx.length / classes, max, worst < 0 ? -1 : worst / classes,
            worst < 0 ? -1 : worst % classes, tolerance);
    }

    /**
     * Tells whether every probability agrees within the tolerance.
     *
     * @return {@code maxDifference <= tolerance}
     */
    public boolean passed() {
        return maxDifference <= tolerance;
    }

    /**
     * Describes the outcome in one line.
     *
     * @return for example {@code "ONNX Runtime and the PyTorch engine agree on 4096 jets of train.npz: largest
     *     difference 2.4e-08 (jet 17, class 3), tolerance 1e-05"}
     */
    public String summary() {
        return String.format(Locale.ROOT, "ONNX Runtime and the PyTorch engine %s on %s: largest difference %.2g"
            + " (jet %d, class %d), tolerance %.0g", passed() ? "agree" : "DISAGREE", source, maxDifference, worstJet,
            worstClass, tolerance);
    }
}
