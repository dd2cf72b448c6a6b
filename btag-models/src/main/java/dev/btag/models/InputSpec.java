package dev.btag.models;

import com.google.gson.JsonArray;
import dev.btag.data.dataset.Standardizer;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a tagger reads: the names of its jet-level features in column order, the standardisation applied to them
 * before the block, and the shape of the per-jet track array (for a tagger that reads several collections, the
 * shape of the first; {@link TaggerSpec#collectionShapes()} has them all). A saved tagger stores this so that
 * prediction applies the same transformation and refuses inputs that do not match. This record copies its arrays in and
 * out.
 *
 * <p>Standardisation: feature {@code j} enters the block as {@code (x - means[j]) / scales[j]} (see
 * {@link #standardiseInPlace(float[])} for the exact float32 arithmetic). Empty arrays mean
 * the features enter unchanged. Tracks always enter unchanged.
 *
 * @param featureNames the feature names, for example the tutorial's 15 columns {@code jet_pt, jet_eta, ...}
 * @param means per-feature offsets (length F), or empty for no standardisation
 * @param scales per-feature divisors (length F, each positive and finite), or empty for no standardisation
 * @param trackCount tracks per jet (10 in the tutorial)
 * @param trackVariables variables per track (21 in the tutorial)
 */
public record InputSpec(List<String> featureNames, double[] means, double[] scales, int trackCount,
        int trackVariables) {

    /**
     * Validates and copies the arguments.
     *
     * @param featureNames the featureNames component
     * @param means the means component
     * @param scales the scales component
     * @param trackCount the trackCount component
     * @param trackVariables the trackVariables component
     * @throws IllegalArgumentException if there are no features, names repeat, the arrays have the wrong length,
     *     a scale is not positive and finite, or a track size is below 1
     */
    public InputSpec {
        featureNames = List.copyOf(featureNames);
        means = means.clone();
        scales = scales.clone();
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("a tagger needs at least one feature");
        }
        if (featureNames.stream().distinct().count() != featureNames.size()) {
            throw new IllegalArgumentException("feature names repeat: " + featureNames);
        }
        if (means.length != scales.length || (means.length != 0 && means.length != featureNames.size())) {
            throw new IllegalArgumentException("standardisation needs one mean and one scale per feature ("
                + featureNames.size() + "), got " + means.length + " means and " + scales.length + " scales");
        }
        for (int j = 0; j < scales.length; j++) {
            if (!(scales[j] > 0) || !Double.isFinite(scales[j]) || !Double.isFinite(means[j])) {
                throw new IllegalArgumentException("standardisation of feature '" + featureNames.get(j)
                    + "' has mean " + means[j] + " and scale " + scales[j] + "; the scale must be positive and"
                    + " both finite");
            }
        }
        if (trackCount < 1 || trackVariables < 1) {
            throw new IllegalArgumentException("track array shape must be positive, got " + trackCount + " x "
                + trackVariables);
        }
    }

    /**
     * Returns an input description without standardisation.
     *
     * @param featureNames the feature names in column order
     * @param trackCount tracks per jet
     * @param trackVariables variables per track
     * @return the description
     */
    public static InputSpec unstandardised(List<String> featureNames, int trackCount, int trackVariables) {
        return new InputSpec(featureNames, new double[0], new double[0], trackCount, trackVariables);
    }

    /**
     * Describes the inputs of a tutorial-layout file: the columns of a feature set, standardised by a
     * {@code Standardizer} fitted on the training rows (or not standardised), and the 10 x 21 seeding tracks.
     *
     * @param featureSet the features, in order
     * @param standardizer the fitted standardisation of those features, or {@code null} for none
     * @return the description
     * @throws IllegalArgumentException if the standardizer's feature names differ from the feature set's
     */
    public static InputSpec of(FeatureSet featureSet, Standardizer standardizer) {
        int tracks = JetArray.SEEDING_TRACKS.capacity();
        int variables = JetArray.SEEDING_TRACKS.variableCount();
        if (standardizer == null) {
            return unstandardised(featureSet.columnNames(), tracks, variables);
        }
        if (!standardizer.featureNames().equals(featureSet.columnNames())) {
            throw new IllegalArgumentException("the standardizer is fitted on " + standardizer.featureNames()
                + ", not on the feature set " + featureSet.columnNames());
        }
        return new InputSpec(featureSet.columnNames(), standardizer.mean(), standardizer.std(), tracks, variables);
    }

    /**
     * Returns the feature set of a tutorial-layout file that these features name.
     *
     * @return the feature set (named {@code "tagger"})
     * @throws IllegalArgumentException if a feature is not a column of the tutorial's jet table; the message names it
     */
    public FeatureSet featureSet() {
        return FeatureSet.ofNames("tagger", featureNames.toArray(new String[0]));
    }

    /**
     * Returns the standardisation as btag-data's {@code Standardizer}.
     *
     * @return the standardizer, or {@code null} when the features are not standardised
     */
    public Standardizer standardizer() {
        return standardised() ? new Standardizer(featureNames, means, scales) : null;
    }

    /**
     * Returns the per-feature offsets.
     *
     * @return a copy; empty when the features are not standardised
     */
    @Override
    public double[] means() {
        return means.clone();
    }

    /**
     * Returns the per-feature divisors.
     *
     * @return a copy; empty when the features are not standardised
     */
    @Override
    public double[] scales() {
        return scales.clone();
    }

    /**
     * Returns the number of features F.
     *
     * @return {@code featureNames().size()}
     */
    public int featureCount() {
        return featureNames.size();
    }

    /**
     * Tells whether features are standardised before the block.
     *
     * @return {@code true} when means and scales are present
     */
    public boolean standardised() {
        return means.length > 0;
    }

    /**
     * Standardises a block of feature rows in place.
     *
     * @param rows row-major (N, F) features; replaced by {@code (x - mean) * (1 / scale)} per column, computed in
     *     float32 by btag-data's {@link Standardizer#standardise(float[], int, double[], double[])}, the one
     *     implementation that datasets use too, so training and prediction see identical values
     * @throws IllegalArgumentException if the length is not a multiple of F
     */
    public void standardiseInPlace(float[] rows) {
        int f = featureCount();
        if (rows.length % f != 0) {
            throw new IllegalArgumentException("feature rows hold " + rows.length + " values, not a multiple of the "
                + f + " features");
        }
        standardiseInPlace(rows, rows.length / f);
    }

    /**
     * Standardises the first rows of a block in place (the rest of the array is left as it is), with the arithmetic
     * of {@link #standardiseInPlace(float[])}. Lets a caller reuse one buffer for blocks of different sizes.
     *
     * @param rows row-major features, at least {@code count} x F values
     * @param count the number of leading rows to standardise (0 or more); nothing is copied or allocated per row
     * @throws IllegalArgumentException if {@code count} is negative or the array holds fewer than {@code count} rows
     */
    public void standardiseInPlace(float[] rows, int count) {
        int f = featureCount();
        if (count < 0 || (long) count * f > rows.length) {
            throw new IllegalArgumentException("cannot standardise " + count + " rows of " + f + " features in "
                + rows.length + " values");
        }
        if (standardised()) {
            Standardizer.standardise(rows, count, means, scales);
        }
    }

    /**
     * Checks that a tagger specification reads inputs of this shape.
     *
     * @param spec the tagger
     * @throws IllegalArgumentException if the feature count or the shape of the (first) object array differs; the
     *     message gives both
     */
    public void checkMatches(TaggerSpec spec) {
        if (spec.featureCount() != featureCount()) {
            throw new IllegalArgumentException("the " + spec.architecture().cliName() + " tagger reads "
                + spec.featureCount() + " features but the inputs name " + featureCount() + ": " + featureNames);
        }
        if (spec.architecture().usesTracks()) {
            ai.djl.ndarray.types.Shape first = spec.collectionShapes().get(0);
            if (first.get(0) != trackCount || first.get(1) != trackVariables) {
                throw new IllegalArgumentException("the " + spec.architecture().cliName() + " tagger reads "
                    + (spec.branches().isEmpty() ? "tracks" : "'" + spec.branches().get(0).collection() + "'")
                    + " of " + first.get(0) + " x " + first.get(1) + " but the inputs have " + trackCount + " x "
                    + trackVariables);
            }
        }
    }

    /**
     * Serialises as JSON ({@code featureNames}, {@code means}, {@code scales}, {@code trackCount},
     * {@code trackVariables}).
     *
     * @return a new JSON object
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray names = new JsonArray();
        featureNames.forEach(names::add);
        o.add("featureNames", names);
        o.add("means", floats(means));
        o.add("scales", floats(scales));
        o.addProperty("trackCount", trackCount);
        o.addProperty("trackVariables", trackVariables);
        return o;
    }

    /**
     * Reads a description written by {@link #toJson()}.
     *
     * @param o the JSON object
     * @return the description
     * @throws IllegalArgumentException if a field is missing or invalid
     */
    public static InputSpec fromJson(JsonObject o) {
        for (String field : new String[] {"featureNames", "means", "scales", "trackCount", "trackVariables"}) {
            if (!o.has(field)) {
                throw new IllegalArgumentException("inputs field '" + field + "' is missing");
            }
        }
        List<String> names = new ArrayList<>();
        o.getAsJsonArray("featureNames").forEach(e -> names.add(e.getAsString()));
        return new InputSpec(names, floats(o.getAsJsonArray("means")), floats(o.getAsJsonArray("scales")),
            o.get("trackCount").getAsInt(), o.get("trackVariables").getAsInt());
    }

    private static JsonArray floats(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static double[] floats(JsonArray a) {
        double[] values = new double[a.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = a.get(i).getAsDouble();
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof InputSpec)) {
            return false;
        }
        InputSpec s = (InputSpec) other;
        return featureNames.equals(s.featureNames) && Arrays.equals(means, s.means) && Arrays.equals(scales, s.scales)
            && trackCount == s.trackCount && trackVariables == s.trackVariables;
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureNames, Arrays.hashCode(means), Arrays.hashCode(scales), trackCount,
            trackVariables);
    }

    @Override
    public String toString() {
        return "InputSpec" + toJson();
    }
}
