package dev.btag.data.weight;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-class factors that multiply the jets' weights: {@link #balanced()} (every class the same total weight, as
 * weaver's and scikit-learn's {@code class_weight='balanced'}) or explicit factors. This class is immutable.
 *
 * <p>Balanced factors: with {@code W[c]} the total weight of class c (the sum of the weights given, or of ones) and
 * K the number of classes with positive total, class c gets {@code W / (K × W[c])}, where W is the total of all
 * classes: every populated class then totals {@code W / K} and the overall total is unchanged. A class without
 * weight gets factor 0. Jets of no class (-1) get weight 0.
 */
public final class ClassWeights {

    /** The name of the balanced mode on the command line and in metadata. */
    public static final String BALANCED_NAME = "balanced";

    private final double[] factors;

    private ClassWeights(double[] factors) {
        this.factors = factors;
    }

    /**
     * Balanced class weights.
     *
     * @return the balanced mode
     */
    public static ClassWeights balanced() {
        return new ClassWeights(null);
    }

    /**
     * Explicit factors, one per class in index order.
     *
     * @param factors finite, non-negative factors (copied)
     * @return the class weights
     * @throws IllegalArgumentException for no factor or a negative or non-finite one (the message names the index)
     */
    public static ClassWeights of(double... factors) {
        if (factors.length == 0) {
            throw new IllegalArgumentException("class weights need at least one factor");
        }
        for (int i = 0; i < factors.length; i++) {
            if (!(factors[i] >= 0) || factors[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("class factor[" + i + "] = " + factors[i]
                    + ": factors must be finite and non-negative");
            }
        }
        return new ClassWeights(factors.clone());
    }

    /**
     * Parses {@code balanced} or comma-separated factors ({@code 1,1,1,2,0.5,0.5}).
     *
     * @param text the text
     * @return the class weights
     * @throws IllegalArgumentException for text that is neither
     */
    public static ClassWeights parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals(BALANCED_NAME)) {
            return balanced();
        }
        String[] parts = t.split(",", -1);
        double[] f = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                f[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("class weights '" + text + "' are neither " + BALANCED_NAME
                    + " nor comma-separated numbers", e);
            }
        }
        return of(f);
    }

    /**
     * Whether this is the balanced mode.
     *
     * @return {@code true} for balanced
     */
    public boolean isBalanced() {
        return factors == null;
    }

    /**
     * The factor of each class for given jets.
     *
     * @param classes one class index per jet (-1 for none)
     * @param weights one weight per jet, or {@code null} for ones
     * @param classCount the number of classes K
     * @return K factors
     * @throws IllegalArgumentException when explicit factors are not K
     */
    public double[] factors(int[] classes, float[] weights, int classCount) {
        if (factors != null) {
            if (factors.length != classCount) {
                throw new IllegalArgumentException(factors.length + " class factors for " + classCount + " classes");
            }
            return factors.clone();
        }
        double[] totals = new double[classCount];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= 0) {
                totals[classes[i]] += weights == null ? 1.0 : weights[i];
            }
        }
        double total = 0;
        int populated = 0;
        for (double t : totals) {
            total += t;
            populated += t > 0 ? 1 : 0;
        }
        double[] out = new double[classCount];
        for (int c = 0; c < classCount; c++) {
            out[c] = totals[c] > 0 ? total / (populated * totals[c]) : 0;
        }
        return out;
    }

    /**
     * The weights times the class factors.
     *
     * @param classes one class index per jet (-1 for none: weight 0)
     * @param weights one weight per jet, or {@code null} for ones
     * @param classCount the number of classes K
     * @return new weights, float32
     */
    public float[] apply(int[] classes, float[] weights, int classCount) {
        double[] f = factors(classes, weights, classCount);
        float[] out = new float[classes.length];
        for (int i = 0; i < out.length; i++) {
            int c = classes[i];
            out[i] = c < 0 ? 0f : (float) (f[c] * (weights == null ? 1.0 : weights[i]));
        }
        return out;
    }

    /**
     * The setting as JSON: {@code "balanced"} or the array of factors.
     *
     * @return the JSON value
     */
    public JsonElement toJson() {
        if (factors == null) {
            return new JsonPrimitive(BALANCED_NAME);
        }
        JsonArray a = new JsonArray();
        for (double f : factors) {
            a.add(f);
        }
        return a;
    }

    /**
     * The setting as text: {@code balanced} or the factors.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return factors == null ? BALANCED_NAME : Arrays.toString(factors);
    }

    /**
     * Names a list of factors by class, for messages.
     *
     * @param factors the factors
     * @param classNames the class names
     * @return for example {@code "b 1.2, bb 4.0"}
     */
    public static String describe(double[] factors, List<String> classNames) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < factors.length; c++) {
            s.append(c == 0 ? "" : ", ").append(classNames.get(c)).append(' ')
                .append(String.format(Locale.ROOT, "%.4g", factors[c]));
        }
        return s.toString();
    }
}
