package dev.btag.data.weight;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * How a training sample is weighted, as one recipe: optional kinematic reweighting ({@link KinematicReweighter},
 * by weights or by {@link WeightMode#RESAMPLE resampling}), optional {@link ClassWeights}, and optional per-jet base
 * weights from outside (a weights file, a layout's weight field) that every weight multiplies. This class is
 * immutable; {@link #none()} weights nothing.
 *
 * <p>{@link #apply(WeightInputs, long)} runs the steps in this order: (1) kinematic reweighting of the base-weighted
 * sample, giving {@code base × factor}; with {@link WeightMode#RESAMPLE} the jets are instead kept with probability
 * proportional to their factor ({@link Resampler}) and keep their base weight; (2) the class factors, computed on
 * the result of (1), multiply it. Without any step, the weights are the base weights.
 */
public final class Weighting {

    private static final Weighting NONE = builder().build();

    private final KinematicReweighter reweighter;
    private final WeightMode mode;
    private final ClassWeights classWeights;
    private final String baseWeightSource;

    private Weighting(Builder b) {
        reweighter = b.reweighter;
        mode = b.mode;
        classWeights = b.classWeights;
        baseWeightSource = b.baseWeightSource;
    }

    /**
     * No weighting.
     *
     * @return the empty recipe
     */
    public static Weighting none() {
        return NONE;
    }

    /**
     * A builder; every step is optional.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the recipe does nothing (no reweighting, no class weights, no base weights).
     *
     * @return {@code true} when nothing is weighted
     */
    public boolean isNone() {
        return reweighter == null && classWeights == null && baseWeightSource == null;
    }

    /**
     * The kinematic reweighter.
     *
     * @return the reweighter, or {@code null} for none
     */
    public KinematicReweighter reweighter() {
        return reweighter;
    }

    /**
     * Weights or resampling.
     *
     * @return the mode
     */
    public WeightMode mode() {
        return mode;
    }

    /**
     * The class weights.
     *
     * @return the class weights, or {@code null} for none
     */
    public ClassWeights classWeights() {
        return classWeights;
    }

    /**
     * Where the base weights come from, as recorded in metadata.
     *
     * @return the source (for example a file name), or {@code null} when there are none
     */
    public String baseWeightSource() {
        return baseWeightSource;
    }

    /**
     * This recipe with base weights from a named source.
     *
     * @param source where the base weights come from (for example a file name), or {@code null} for none
     * @return a new recipe with the same steps
     */
    public Weighting withBaseWeightSource(String source) {
        return builder().optReweighter(reweighter).optMode(mode).optClassWeights(classWeights)
            .optBaseWeightSource(source).build();
    }

    /**
     * Weights a sample.
     *
     * @param in the jets; their base weights must be present exactly when {@link #baseWeightSource()} is set
     * @param seed the seed of the resampling draw
     * @return the kept jets and their weights
     * @throws IllegalArgumentException when the base weights do not match the recipe, or as
     *     {@link KinematicReweighter#reweight(WeightInputs)}
     */
    public Result apply(WeightInputs in, long seed) {
        if ((in.baseWeights() != null) != (baseWeightSource != null)) {
            throw new IllegalArgumentException(baseWeightSource == null
                ? "the inputs have base weights but the weighting names no source for them"
                : "the weighting expects base weights from " + baseWeightSource + " but the inputs have none");
        }
        int k = in.classNames().size();
        float[] base = in.baseWeights();
        int[] classes = in.classes();
        float[] weights = base == null ? null : base.clone();
        Reweighting reweighting = null;
        int[] kept = null;
        if (reweighter != null) {
            reweighting = reweighter.reweight(in);
            weights = reweighting.weights();
            if (mode == WeightMode.RESAMPLE) {
                float[] factor = weights;
                if (base != null) {
                    factor = new float[weights.length];
                    for (int i = 0; i < factor.length; i++) {
                        factor[i] = base[i] > 0 ? weights[i] / base[i] : 0f;
                    }
                }
                kept = Resampler.keep(factor, classes, k, seed);
                weights = new float[kept.length];
                int[] keptClasses = new int[kept.length];
                for (int j = 0; j < kept.length; j++) {
                    weights[j] = base == null ? 1f : base[kept[j]];
                    keptClasses[j] = classes[kept[j]];
                }
                classes = keptClasses;
            }
        }
        double[] factors = null;
        if (classWeights != null) {
            factors = classWeights.factors(classes, weights, k);
            weights = classWeights.apply(classes, weights, k);
        }
        if (weights == null) {
            weights = new float[classes.length];
            java.util.Arrays.fill(weights, 1f);
        }
        return new Result(this, in.classNames(), in.jets(), kept, weights, classes, reweighting, factors);
    }

    /**
     * The recipe as JSON, as saved models record it: {@code reweighting} (axes, target, cap, empty-bin policy,
     * mode), {@code classWeights} ({@code "balanced"} or the factors) and {@code baseWeights} (the source), each only
     * when used.
     *
     * @param classNames the class names
     * @return a new JSON object
     */
    public JsonObject toJson(List<String> classNames) {
        JsonObject o = new JsonObject();
        if (reweighter != null) {
            JsonObject r = reweighter.toJson(classNames);
            r.addProperty("mode", mode.name());
            o.add("reweighting", r);
        }
        if (classWeights != null) {
            o.add("classWeights", classWeights.toJson());
        }
        if (baseWeightSource != null) {
            o.addProperty("baseWeights", baseWeightSource);
        }
        return o;
    }

    /**
     * A weighted sample: which input jets it keeps (all of them unless resampled) and their weights. For speed with
     * large samples the record holds its arrays without copying them; treat them as read-only.
     *
     * @param weighting the recipe
     * @param classNames the class names
     * @param inputJets the number of input jets
     * @param keptRows the kept input rows, ascending, or {@code null} when every jet is kept
     * @param weights one weight per kept jet, in kept order
     * @param classes the class of each kept jet
     * @param reweighting the kinematic reweighting (histograms before and after), or {@code null} for none
     * @param classFactors the class factors applied, or {@code null} for none
     */
    public record Result(Weighting weighting, List<String> classNames, int inputJets, int[] keptRows, float[] weights,
                         int[] classes, Reweighting reweighting, double[] classFactors) {

        /**
         * The total weight of each class.
         *
         * @return one total per class
         */
        public double[] classTotals() {
            double[] t = new double[classNames.size()];
            for (int i = 0; i < weights.length; i++) {
                if (classes[i] >= 0) {
                    t[classes[i]] += weights[i];
                }
            }
            return t;
        }

        /**
         * The recipe and its outcome as JSON: the recipe of {@link Weighting#toJson(List)} plus {@code jets}
         * (input), {@code keptJets}, {@code classTotals} (name to total weight), {@code classFactors} (when class
         * weights were applied), {@code cappedJets} and {@code emptyTargetJets} (with reweighting).
         *
         * @return a new JSON object
         */
        public JsonObject toJson() {
            JsonObject o = weighting.toJson(classNames);
            o.addProperty("jets", inputJets);
            o.addProperty("keptJets", weights.length);
            o.add("classTotals", byClass(classTotals()));
            if (classFactors != null) {
                o.add("classFactors", byClass(classFactors));
            }
            if (reweighting != null) {
                o.addProperty("cappedJets", reweighting.cappedJets());
                o.addProperty("emptyTargetJets", reweighting.emptyTargetJets());
            }
            return o;
        }

        private JsonObject byClass(double[] values) {
            JsonObject o = new JsonObject();
            for (int c = 0; c < values.length; c++) {
                o.addProperty(classNames.get(c), values[c]);
            }
            return o;
        }
    }

    /** Builds a {@link Weighting}. */
    public static final class Builder {
        private KinematicReweighter reweighter;
        private WeightMode mode = WeightMode.WEIGHT;
        private ClassWeights classWeights;
        private String baseWeightSource;

        private Builder() {
        }

        /**
         * Sets the kinematic reweighting (default none).
         *
         * @param reweighter the reweighter, or {@code null} for none
         * @return this builder
         */
        public Builder optReweighter(KinematicReweighter reweighter) {
            this.reweighter = reweighter;
            return this;
        }

        /**
         * Sets weighting or resampling (default {@link WeightMode#WEIGHT}); resampling needs a reweighter.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder optMode(WeightMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the class weights (default none).
         *
         * @param classWeights the class weights, or {@code null} for none
         * @return this builder
         */
        public Builder optClassWeights(ClassWeights classWeights) {
            this.classWeights = classWeights;
            return this;
        }

        /**
         * Declares base weights and names their source (default none); the inputs must then carry them.
         *
         * @param source for example the weights file's name, or {@code null} for none
         * @return this builder
         */
        public Builder optBaseWeightSource(String source) {
            this.baseWeightSource = source;
            return this;
        }

        /**
         * Builds the recipe.
         *
         * @return the recipe
         * @throws IllegalArgumentException for resampling without a reweighter
         */
        public Weighting build() {
            if (mode == WeightMode.RESAMPLE && reweighter == null) {
                throw new IllegalArgumentException("resampling needs a kinematic reweighting target");
            }
            return new Weighting(this);
        }
    }
}
