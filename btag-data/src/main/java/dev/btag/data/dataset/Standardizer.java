package dev.btag.data.dataset;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.btag.io.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-feature standardisation {@code (x - mean) / std}, fitted on training rows only and stored with a model. A
 * feature whose standard deviation is 0 (or not finite) gets {@code std = 1}, so it is only shifted. Default values
 * such as -999 are ordinary values here; they widen the spread of their feature. This class is immutable.
 *
 * <p>Serialised as a small JSON object: {@code {"features":["jet_pt",...],"mean":[...],"std":[...]}}.
 *
 * @param featureNames the feature names, in feature order
 * @param mean the mean of each feature over the fitting rows
 * @param std the population standard deviation of each feature (1 where it would be 0)
 */
public record Standardizer(List<String> featureNames, double[] mean, double[] std) {

    private static final Gson GSON = new Gson();

    /**
     * Validates lengths and copies the arrays.
     *
     * @param featureNames the feature names, in feature order
     * @param mean the mean of each feature
     * @param std the standard deviation of each feature, positive
     * @throws IllegalArgumentException when the lengths disagree or a value is not finite or a std not positive
     */
    public Standardizer {
        featureNames = List.copyOf(featureNames);
        mean = mean.clone();
        std = std.clone();
        if (mean.length != featureNames.size() || std.length != featureNames.size()) {
            throw new IllegalArgumentException("standardizer for " + featureNames.size() + " features has "
                + mean.length + " means and " + std.length + " standard deviations");
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i]) || !(std[i] > 0) || !Double.isFinite(std[i])) {
                throw new IllegalArgumentException("feature " + i + " (" + featureNames.get(i) + "): mean "
                    + mean[i] + " and std " + std[i] + " must be finite and std positive");
            }
        }
    }

    /**
     * Fits on the rows of a dataset (its training rows: fit on the training split only).
     *
     * @param dataset the rows to fit on, at least one
     * @return the fitted standardizer
     * @throws IllegalArgumentException for an empty dataset or non-finite feature values
     */
    public static Standardizer fit(JetDataset dataset) {
        return fit(dataset.columns(), dataset.rowIndices());
    }

    static Standardizer fit(JetColumns columns, int[] rows) {
        int f = columns.featureCount();
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on no rows");
        }
        double[] mean = new double[f];
        double[] m2 = new double[f];
        long n = 0;
        for (int row : rows) {
            n++;
            int base = row * f;
            for (int j = 0; j < f; j++) {
                double x = columns.features[base + j];
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("feature '" + columns.featureSet().columnNames().get(j)
                        + "' is " + x + " in row " + row + "; standardisation needs finite features");
                }
                double delta = x - mean[j];
                mean[j] += delta / n;
                m2[j] += delta * (x - mean[j]);
            }
        }
        double[] std = new double[f];
        for (int j = 0; j < f; j++) {
            double s = Math.sqrt(m2[j] / n);
            std[j] = s > 0 && Double.isFinite(s) ? s : 1.0;
        }
        return new Standardizer(columns.featureNames(), mean, std);
    }

    /**
     * The number of features.
     *
     * @return F
     */
    public int size() {
        return mean.length;
    }

    /**
     * The means.
     *
     * @return a copy of the per-feature means
     */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * The standard deviations.
     *
     * @return a copy of the per-feature standard deviations
     */
    @Override
    public double[] std() {
        return std.clone();
    }

    /**
     * Standardises row-major feature rows in place, with the arithmetic of
     * {@link #standardise(float[], int, double[], double[])}.
     *
     * @param rows rows of {@link #size()} features each
     * @throws IllegalArgumentException when the length is not a multiple of {@link #size()}
     */
    public void applyInPlace(float[] rows) {
        int f = mean.length;
        if (rows.length % f != 0) {
            throw new IllegalArgumentException(rows.length + " values are not whole rows of " + f + " features");
        }
        standardise(rows, rows.length / f, mean, std);
    }

    /**
     * Standardises the first {@code count} rows of a row-major float32 block in place: value {@code j} of each row
     * becomes {@code (x - (float) mean[j]) * (float) (1.0 / std[j])}, computed in float32. This is the one
     * implementation of btag's standardisation: datasets ({@link #applyInPlace(float[])}) and the models module's
     * predictor call it, so training and prediction see bit-identical inputs. It allocates two arrays of F floats
     * and nothing per row; values after the first {@code count} rows are left as they are. Stateless and
     * thread-safe as long as no other thread writes the same rows.
     *
     * @param rows row-major values, at least {@code count * mean.length} of them
     * @param count the number of leading rows to standardise; 0 does nothing
     * @param mean the per-feature offsets (length F, at least 1); not checked for finiteness here
     * @param std the per-feature divisors (length F); a value of 0 gives infinite results, so callers validate
     * @throws IllegalArgumentException when {@code mean} is empty or its length differs from {@code std}'s, when
     *     {@code count} is negative, or when {@code rows} holds fewer than {@code count} rows
     */
    public static void standardise(float[] rows, int count, double[] mean, double[] std) {
        int f = mean.length;
        if (f == 0 || std.length != f) {
            throw new IllegalArgumentException("standardisation needs as many standard deviations as means (at least"
                + " one), got " + f + " means and " + std.length + " standard deviations");
        }
        if (count < 0 || (long) count * f > rows.length) {
            throw new IllegalArgumentException("cannot standardise " + count + " rows of " + f + " features in "
                + rows.length + " values");
        }
        float[] m = new float[f];
        float[] inv = new float[f];
        coefficients(mean, std, m, inv);
        int end = count * f;
        for (int i = 0; i < end; i += f) {
            standardiseRow(rows, i, m, inv);
        }
    }

    /** The float32 offsets and factors of {@link #standardise}: {@code (float) mean} and {@code (float) (1 / std)}. */
    static void coefficients(double[] mean, double[] std, float[] m, float[] inv) {
        for (int j = 0; j < mean.length; j++) {
            m[j] = (float) mean[j];
            inv[j] = (float) (1.0 / std[j]);
        }
    }

    /** Standardises the {@code m.length} values from {@code offset}: the one formula of btag's standardisation. */
    static void standardiseRow(float[] values, int offset, float[] m, float[] inv) {
        for (int j = 0; j < m.length; j++) {
            values[offset + j] = (values[offset + j] - m[j]) * inv[j];
        }
    }

    /**
     * The JSON form.
     *
     * @return {@code {"features":[...],"mean":[...],"std":[...]}}
     */
    public String toJson() {
        return GSON.toJson(new Json(featureNames.toArray(new String[0]), mean, std));
    }

    /**
     * Parses the JSON form.
     *
     * @param json text made by {@link #toJson()}
     * @return the standardizer
     * @throws IllegalArgumentException when the text is not such JSON, saying what is missing
     */
    public static Standardizer fromJson(String json) {
        Json parsed;
        try {
            parsed = GSON.fromJson(json, Json.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a standardizer JSON object: " + e.getMessage(), e);
        }
        if (parsed == null || parsed.features == null || parsed.mean == null || parsed.std == null) {
            throw new IllegalArgumentException("standardizer JSON needs \"features\", \"mean\" and \"std\"");
        }
        return new Standardizer(Arrays.asList(parsed.features), parsed.mean, parsed.std);
    }

    /**
     * Writes the JSON form to a file.
     *
     * @param file the file
     * @throws IOException when writing fails
     */
    public void save(Path file) throws IOException {
        AtomicOutput.writeString(file, toJson());
    }

    /**
     * Reads a file written by {@link #save(Path)}.
     *
     * @param file the file
     * @return the standardizer
     * @throws IOException when reading fails
     * @throws IllegalArgumentException when the content is not a standardizer, naming the file
     */
    public static Standardizer load(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && featureNames.equals(s.featureNames) && Arrays.equals(mean, s.mean)
            && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureNames, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "Standardizer" + featureNames + " mean=" + Arrays.toString(mean) + " std=" + Arrays.toString(std);
    }

    /** The JSON shape. */
    private static final class Json {
        String[] features;
        double[] mean;
        double[] std;

        Json() {
        }

        Json(String[] features, double[] mean, double[] std) {
            this.features = features;
            this.mean = mean;
            this.std = std;
        }
    }
}
