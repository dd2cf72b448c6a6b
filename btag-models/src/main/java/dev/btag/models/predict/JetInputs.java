package dev.btag.models.predict;

/**
 * A block of jets to tag, as raw (unstandardised) row-major arrays: {@code features} (N, F) in the tagger's feature
 * order and, for the track taggers, {@code tracks} (N, T, V). This record copies nothing: it is a view on the
 * caller's arrays, which must not change while a prediction runs.
 *
 * @param jets the number of jets N (at least 0)
 * @param features N x F values, jet-major
 * @param tracks N x T x V values, jet-major; may be empty for the DNN
 */
public record JetInputs(int jets, float[] features, float[] tracks) {

    /**
     * Validates the sizes that do not depend on a tagger.
     *
     * @param jets the jets component
     * @param features the features component
     * @param tracks the tracks component
     * @throws IllegalArgumentException if {@code jets} is negative or the features are null
     */
    public JetInputs {
        if (jets < 0) {
            throw new IllegalArgumentException("jet count must not be negative, got " + jets);
        }
        if (features == null) {
            throw new IllegalArgumentException("features are required");
        }
        if (tracks == null) {
            tracks = new float[0];
        }
    }
}
