package dev.btag.data.dataset;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-variable standardisation of an object collection, {@code (x - mean) / std}, fitted over the real objects of the
 * training jets only and applied to real objects only: padding slots stay exactly zero, so a tagger still sees which
 * slots are empty. The arithmetic per value is {@link Standardizer}'s. A variable whose standard deviation is 0 (or
 * not finite, or that has no real object) gets {@code std = 1}. This record is immutable.
 *
 * <p>Serialised as {@code {"collection":"tracks","variables":[...],"mean":[...],"std":[...]}}.
 *
 * @param collection the collection's name
 * @param variables the variable names, in input order
 * @param mean the mean of each variable over real objects
 * @param std the population standard deviation of each variable (1 where it would be 0)
 */
public record CollectionStandardizer(String collection, List<String> variables, double[] mean, double[] std) {

    private static final Gson GSON = new Gson();

    /**
     * Validates and copies.
     *
     * @param collection the collection
     * @param variables the variable names
     * @param mean the means
     * @param std the standard deviations
     * @throws IllegalArgumentException when lengths differ or a value is not finite or a std not positive
     */
    public CollectionStandardizer {
        Objects.requireNonNull(collection, "collection");
        variables = List.copyOf(variables);
        new Standardizer(variables, mean, std);
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * Fits on real objects.
     *
     * @param collection the collection's name
     * @param variables the variable names (V)
     * @param values objects × V values, row-major
     * @param real one flag per object: {@code true} for a real object
     * @return the fitted standardisation
     * @throws IllegalArgumentException when the lengths disagree
     */
    public static CollectionStandardizer fit(String collection, List<String> variables, float[] values,
                                             boolean[] real) {
        Accumulator acc = new Accumulator(variables.size());
        acc.add(values, real, real.length);
        return acc.result(collection, variables);
    }

    /** Streams values into the per-variable mean and variance (Welford); not thread-safe. */
    public static final class Accumulator {
        private final double[] mean;
        private final double[] m2;
        private final long[] n;

        /**
         * Starts empty.
         *
         * @param variables V
         */
        public Accumulator(int variables) {
            mean = new double[variables];
            m2 = new double[variables];
            n = new long[variables];
        }

        /**
         * Adds the real objects among the first {@code objects} of a block.
         *
         * @param values objects × V values
         * @param real one flag per object
         * @param objects how many objects of the block to use
         * @throws IllegalArgumentException when the block is shorter than that
         */
        public void add(float[] values, boolean[] real, int objects) {
            int v = mean.length;
            if (real.length < objects || values.length < (long) objects * v) {
                throw new IllegalArgumentException(objects + " objects of " + v + " variables need " + objects * v
                    + " values and " + objects + " flags, got " + values.length + " and " + real.length);
            }
            for (int o = 0; o < objects; o++) {
                if (!real[o]) {
                    continue;
                }
                for (int j = 0; j < v; j++) {
                    double x = values[o * v + j];
                    n[j]++;
                    double delta = x - mean[j];
                    mean[j] += delta / n[j];
                    m2[j] += delta * (x - mean[j]);
                }
            }
        }

        /**
         * The standardisation fitted so far.
         *
         * @param collection the collection's name
         * @param variables the variable names
         * @return the result
         */
        public CollectionStandardizer result(String collection, List<String> variables) {
            double[] std = new double[mean.length];
            double[] m = new double[mean.length];
            for (int j = 0; j < std.length; j++) {
                double s = n[j] == 0 ? 0 : Math.sqrt(m2[j] / n[j]);
                std[j] = s > 0 && Double.isFinite(s) ? s : 1.0;
                m[j] = Double.isFinite(mean[j]) ? mean[j] : 0;
            }
            return new CollectionStandardizer(collection, variables, m, std);
        }
    }

    /**
     * Standardises the real objects of a block in place; padding is left as it is.
     *
     * @param values objects × V values
     * @param real one flag per object
     * @throws IllegalArgumentException when the lengths disagree
     */
    public void applyInPlace(float[] values, boolean[] real) {
        int v = mean.length;
        if (values.length != (long) real.length * v) {
            throw new IllegalArgumentException(values.length + " values are not " + real.length + " objects of " + v
                + " variables");
        }
        float[] m = new float[v];
        float[] inv = new float[v];
        Standardizer.coefficients(mean, std, m, inv);
        for (int o = 0; o < real.length; o++) {
            if (real[o]) {
                Standardizer.standardiseRow(values, o * v, m, inv);
            }
        }
    }

    /**
     * The means.
     *
     * @return a copy
     */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * The standard deviations.
     *
     * @return a copy
     */
    @Override
    public double[] std() {
        return std.clone();
    }

    /**
     * The JSON form.
     *
     * @return {@code {"collection":…,"variables":[…],"mean":[…],"std":[…]}}
     */
    public String toJson() {
        return GSON.toJson(new Json(collection, variables.toArray(new String[0]), mean, std));
    }

    /**
     * Parses the JSON form.
     *
     * @param json text made by {@link #toJson()}
     * @return the standardisation
     * @throws IllegalArgumentException when the text is not such JSON, saying what is missing
     */
    public static CollectionStandardizer fromJson(String json) {
        Json parsed;
        try {
            parsed = GSON.fromJson(json, Json.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a collection standardisation JSON object: " + e.getMessage(), e);
        }
        if (parsed == null || parsed.collection == null || parsed.variables == null || parsed.mean == null
            || parsed.std == null) {
            throw new IllegalArgumentException("collection standardisation JSON needs \"collection\", \"variables\","
                + " \"mean\" and \"std\"");
        }
        return new CollectionStandardizer(parsed.collection, Arrays.asList(parsed.variables), parsed.mean,
            parsed.std);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CollectionStandardizer s && collection.equals(s.collection)
            && variables.equals(s.variables) && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(collection, variables, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "CollectionStandardizer[" + collection + "]" + variables + " mean=" + Arrays.toString(mean) + " std="
            + Arrays.toString(std);
    }

    /** The JSON shape. */
    private static final class Json {
        String collection;
        String[] variables;
        double[] mean;
        double[] std;

        Json() {
        }

        Json(String collection, String[] variables, double[] mean, double[] std) {
            this.collection = collection;
            this.variables = variables;
            this.mean = mean;
            this.std = std;
        }
    }
}
