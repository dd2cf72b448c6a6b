package dev.btag.models.predict;

import java.util.List;

/**
 * A block of jets to tag, as raw (unstandardised) row-major arrays: {@code features} (N, F) in the tagger's feature
 * order and one array per collection the tagger reads, in its input order: the tracks (N, T, V) for the track
 * taggers, one (N, O, V) array per branch for a DeepJet-style tagger, none for the DNN. This record copies nothing: it
 * is a view on the caller's arrays, which must not change while a prediction runs.
 *
 * @param jets the number of jets N (at least 0)
 * @param features N x F values, jet-major
 * @param collections per collection N x O x V values, jet-major; may be empty for the DNN
 */
public record JetInputs(int jets, float[] features, List<float[]> collections) {

    /**
     * Validates the sizes that do not depend on a tagger.
     *
     * @param jets the jets component
     * @param features the features component
     * @param collections the collections component (copied as a list; the arrays are not copied)
     * @throws IllegalArgumentException if {@code jets} is negative, or the features or a collection are null
     */
    public JetInputs {
        if (jets < 0) {
            throw new IllegalArgumentException("jet count must not be negative, got " + jets);
        }
        if (features == null) {
            throw new IllegalArgumentException("features are required");
        }
        if (collections == null || collections.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("collections must be given, each as an array");
        }
        collections = List.copyOf(collections);
    }

    /**
     * Jets with the features and at most one collection (the tracks).
     *
     * @param jets the number of jets N
     * @param features N x F values
     * @param tracks N x T x V values; {@code null} or empty for none
     * @throws IllegalArgumentException if {@code jets} is negative or the features are null
     */
    public JetInputs(int jets, float[] features, float[] tracks) {
        this(jets, features, tracks == null || tracks.length == 0 ? List.of() : List.of(tracks));
    }

    /**
     * The first collection's values (the tracks of a track tagger).
     *
     * @return the array, or an empty one when no collection is given
     */
    public float[] tracks() {
        return collection(0);
    }

    /**
     * One collection's values.
     *
     * @param index the collection's position in input order
     * @return the array, or an empty one when fewer collections are given
     */
    public float[] collection(int index) {
        return index < collections.size() ? collections.get(index) : new float[0];
    }
}
