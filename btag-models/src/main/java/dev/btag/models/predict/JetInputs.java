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

    /**
     * Returns the jets [from, to) as a new block (copies).
     *
     * @param from the first jet
     * @param to one past the last jet
     * @param featureCount F
     * @param trackValues T x V per jet (0 when there are no tracks)
     * @return the slice
     */
    JetInputs slice(int from, int to, int featureCount, int trackValues) {
        float[] f = new float[(to - from) * featureCount];
        System.arraycopy(features, from * featureCount, f, 0, f.length);
        float[] t = new float[trackValues == 0 ? 0 : (to - from) * trackValues];
        if (t.length > 0) {
            System.arraycopy(tracks, from * trackValues, t, 0, t.length);
        }
        return new JetInputs(to - from, f, t);
    }
}
