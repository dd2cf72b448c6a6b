package dev.btag.data.weight;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kinematic reweighting: per-jet weights that make every class's distribution in the chosen variables (by default
 * jet pT and |η|, a 2-D histogram with DeepJet's binning) equal a {@link ReweightTarget}, as DeepJetCore's
 * {@code Weighter}, weaver's {@code reweight_vars} and umami do. This class is immutable and thread-safe; build it
 * with {@link #builder()} or take {@link #deepJet()}.
 *
 * <pre>{@code
 * Reweighting r = KinematicReweighter.deepJet().reweight(WeightInputs.read(file, KinematicVariable.DEFAULT));
 * float[] w = r.weights();          // one per jet; undefined jets 0
 * }</pre>
 *
 * <p>How a weight is made. Each jet falls in one cell of the histogram (one bin per axis; values outside an axis go
 * to its nearest edge bin, NaN is an error). {@code H[c][cell]} is the summed base weight (1 per jet without base
 * weights) of class c in the cell. The kinematic factor of class c in a cell it populates is
 * {@code T[c][cell] / H[c][cell]}, where the target T is the reference class's histogram
 * ({@code T = H[ref]}: then the weighted histogram of every class equals the reference's in every cell the class
 * populates) or flat ({@code T[c][cell] = N / (K × P[c])}, see {@link ReweightTarget#flat()}). A cell the class
 * populates but the reference does not is settled by the {@link EmptyBinPolicy} (default: factor 0). The factor is
 * then capped at {@link Builder#optMaxWeight(double) the maximum weight} (default none), and the jet's weight is
 * its base weight times the factor, rounded once to float32. Jets of no class (class -1) get weight 0.
 *
 * <p>Cost: two passes over the jets and one over the cells; ten million jets take a small fraction of a second on
 * one core (docs/performance.md). Memory: an int per jet for its cell besides the weights.
 */
public final class KinematicReweighter {

    /** The most histogram cells (product of the axes' bin counts). */
    public static final int MAX_CELLS = 1 << 24;

    private static final KinematicReweighter DEEPJET = builder().build();

    private final List<BinAxis> axes;
    private final ReweightTarget target;
    private final double maxWeight;
    private final EmptyBinPolicy emptyBins;
    private final int cells;
    private final int[] strides;

    private KinematicReweighter(Builder b) {
        axes = b.axes;
        target = b.target;
        maxWeight = b.maxWeight;
        emptyBins = b.emptyBins;
        strides = new int[axes.size()];
        int product = 1;
        for (int a = axes.size() - 1; a >= 0; a--) {
            strides[a] = product;
            product *= axes.get(a).bins();
        }
        cells = product;
    }

    /**
     * DeepJet's reweighting: pT (DeepJet's edges) and |η| (0 to 2.5 by 0.5) to the b class (class 0), no cap,
     * {@link EmptyBinPolicy#ZERO}.
     *
     * @return the reweighter
     */
    public static KinematicReweighter deepJet() {
        return DEEPJET;
    }

    /**
     * A builder with DeepJet's settings as defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The histogram axes, in order (the last varies fastest in a cell index).
     *
     * @return the axes
     */
    public List<BinAxis> axes() {
        return axes;
    }

    /**
     * The target.
     *
     * @return the target
     */
    public ReweightTarget target() {
        return target;
    }

    /**
     * The cap on the kinematic factor.
     *
     * @return the largest factor, {@code +Infinity} for none
     */
    public double maxWeight() {
        return maxWeight;
    }

    /**
     * The empty-bin policy.
     *
     * @return the policy
     */
    public EmptyBinPolicy emptyBins() {
        return emptyBins;
    }

    /**
     * The number of histogram cells.
     *
     * @return the product of the axes' bin counts
     */
    public int cells() {
        return cells;
    }

    /**
     * Computes the weights.
     *
     * @param in the jets: one variable per axis (by name), classes, optional base weights
     * @return the weights and the histograms before and after
     * @throws IllegalArgumentException when a variable is missing or NaN (the message names it and the jet), the
     *     reference class is not one of the input's classes, or a cell is empty in the reference under
     *     {@link EmptyBinPolicy#FAIL} (the message names the class and the cell)
     */
    public Reweighting reweight(WeightInputs in) {
        int k = in.classNames().size();
        if (!target.isFlat() && target.referenceClass() >= k) {
            throw new IllegalArgumentException("reference class " + target.referenceClass() + " is not one of the "
                + k + " classes " + in.classNames());
        }
        int[] cell = new int[in.jets()];
        double[] before = fill(in, cell, k);
        double[] factor = new double[k * cells];
        boolean[] capped = new boolean[k * cells];
        boolean[] empty = new boolean[k * cells];
        factors(before, k, in.classNames(), factor, capped, empty);
        int[] classes = in.classes();
        float[] base = in.baseWeights();
        float[] weights = new float[classes.length];
        double[] after = new double[k * cells];
        long cappedJets = 0;
        long emptyJets = 0;
        for (int i = 0; i < classes.length; i++) {
            int c = classes[i];
            if (c < 0) {
                continue;
            }
            int idx = c * cells + cell[i];
            float w = (float) (base == null ? factor[idx] : factor[idx] * base[i]);
            weights[i] = w;
            after[idx] += w;
            if (capped[idx]) {
                cappedJets++;
            }
            if (empty[idx]) {
                emptyJets++;
            }
        }
        return new Reweighting(this, in.classNames(), weights, before, after, cappedJets, emptyJets);
    }

    /** Finds every jet's cell and fills the per-class histograms of the base weights. */
    private double[] fill(WeightInputs in, int[] cell, int k) {
        int d = axes.size();
        float[][] vars = new float[d][];
        BinAxis[] ax = axes.toArray(new BinAxis[0]);
        for (int a = 0; a < d; a++) {
            vars[a] = in.variable(ax[a].name());
        }
        int[] classes = in.classes();
        float[] base = in.baseWeights();
        double[] before = new double[k * cells];
        for (int i = 0; i < classes.length; i++) {
            int c = 0;
            for (int a = 0; a < d; a++) {
                int b = ax[a].bin(vars[a][i]);
                if (b < 0) {
                    throw new IllegalArgumentException("reweighting variable " + ax[a].name() + " is NaN for"
                        + " jet " + i);
                }
                c += b * strides[a];
            }
            cell[i] = c;
            if (classes[i] >= 0) {
                before[classes[i] * cells + c] += base == null ? 1.0 : base[i];
            }
        }
        return before;
    }

    /** The kinematic factor of every (class, cell), capped; marks capped and empty-target entries. */
    private void factors(double[] before, int k, List<String> classNames, double[] factor, boolean[] capped,
                         boolean[] empty) {
        double[] flatTarget = target.isFlat() ? flatTargets(before, k) : null;
        for (int c = 0; c < k; c++) {
            for (int cell = 0; cell < cells; cell++) {
                int idx = c * cells + cell;
                double h = before[idx];
                if (h <= 0) {
                    continue;
                }
                double t = flatTarget != null ? flatTarget[c] : before[target.referenceClass() * cells + cell];
                double f;
                if (t > 0) {
                    f = t / h;
                } else {
                    empty[idx] = true;
                    if (emptyBins == EmptyBinPolicy.FAIL) {
                        throw new IllegalArgumentException("class " + classNames.get(c) + " has weight " + h
                            + " in the cell " + describe(cell) + " where the reweighting target "
                            + target.name(classNames) + " has none (empty-bin policy FAIL)");
                    }
                    f = emptyBins == EmptyBinPolicy.ONE ? 1.0 : 0.0;
                }
                if (f > maxWeight) {
                    f = maxWeight;
                    capped[idx] = true;
                }
                factor[idx] = f;
            }
        }
    }

    /** Flat target per class: N / (K × P[c]), with K the populated classes and P[c] the cells class c populates. */
    private double[] flatTargets(double[] before, int k) {
        double total = 0;
        int populatedClasses = 0;
        int[] populatedCells = new int[k];
        for (int c = 0; c < k; c++) {
            double classTotal = 0;
            for (int cell = 0; cell < cells; cell++) {
                double h = before[c * cells + cell];
                if (h > 0) {
                    populatedCells[c]++;
                    classTotal += h;
                }
            }
            total += classTotal;
            if (classTotal > 0) {
                populatedClasses++;
            }
        }
        double[] t = new double[k];
        for (int c = 0; c < k; c++) {
            t[c] = populatedCells[c] == 0 ? 0 : total / ((double) populatedClasses * populatedCells[c]);
        }
        return t;
    }

    /**
     * The bin of each axis that a cell index stands for.
     *
     * @param cell a cell index in {@code [0, cells())}
     * @return one bin per axis
     */
    public int[] bins(int cell) {
        int[] out = new int[axes.size()];
        for (int a = 0; a < out.length; a++) {
            out[a] = cell / strides[a] % axes.get(a).bins();
        }
        return out;
    }

    /**
     * A cell as text, for messages: {@code "pt [600, 2000) × abseta [2, 2.5)"}.
     *
     * @param cell the cell index
     * @return the text
     */
    public String describe(int cell) {
        int[] b = bins(cell);
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < b.length; a++) {
            s.append(a == 0 ? "" : " \u00d7 ").append(axes.get(a).describe(b[a]));
        }
        return s.toString();
    }

    /**
     * The settings as JSON (axes with edges, target, cap, empty-bin policy), as saved models record them.
     *
     * @param classNames the class names, to name the target
     * @return a new JSON object
     */
    public JsonObject toJson(List<String> classNames) {
        JsonObject o = new JsonObject();
        JsonArray vars = new JsonArray();
        for (BinAxis axis : axes) {
            JsonObject a = new JsonObject();
            a.addProperty("name", axis.name());
            JsonArray edges = new JsonArray();
            for (double e : axis.edges()) {
                edges.add(e);
            }
            a.add("edges", edges);
            vars.add(a);
        }
        o.add("variables", vars);
        o.addProperty("target", target.name(classNames));
        if (Double.isFinite(maxWeight)) {
            o.addProperty("maxWeight", maxWeight);
        }
        o.addProperty("emptyBins", emptyBins.name());
        return o;
    }

    /** Builds a {@link KinematicReweighter}; every setting is optional and defaults to DeepJet's. */
    public static final class Builder {
        private List<BinAxis> axes = List.of(BinAxis.DEEPJET_PT, BinAxis.DEEPJET_ABSETA);
        private ReweightTarget target = ReweightTarget.reference(0);
        private double maxWeight = Double.POSITIVE_INFINITY;
        private EmptyBinPolicy emptyBins = EmptyBinPolicy.ZERO;

        private Builder() {
        }

        /**
         * Sets the histogram axes (default {@link BinAxis#DEEPJET_PT}, {@link BinAxis#DEEPJET_ABSETA}); each names
         * the input variable it bins.
         *
         * @param axes at least one, with distinct names
         * @return this builder
         */
        public Builder optAxes(List<BinAxis> axes) {
            this.axes = List.copyOf(axes);
            return this;
        }

        /**
         * Sets the target (default the reference class 0, the tutorial's b).
         *
         * @param target the target
         * @return this builder
         */
        public Builder optTarget(ReweightTarget target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Caps the kinematic factor (default none): a factor above the cap becomes the cap, and that class's
         * weighted histogram falls short of the target in that cell.
         *
         * @param maxWeight positive, or {@code Double.POSITIVE_INFINITY} for no cap
         * @return this builder
         */
        public Builder optMaxWeight(double maxWeight) {
            this.maxWeight = maxWeight;
            return this;
        }

        /**
         * Sets what happens to jets in cells the reference class leaves empty (default {@link EmptyBinPolicy#ZERO}).
         *
         * @param emptyBins the policy
         * @return this builder
         */
        public Builder optEmptyBins(EmptyBinPolicy emptyBins) {
            this.emptyBins = Objects.requireNonNull(emptyBins, "emptyBins");
            return this;
        }

        /**
         * Validates the settings and builds the reweighter.
         *
         * @return the reweighter
         * @throws IllegalArgumentException for no axis, repeated axis names, too many cells or a cap that is not
         *     positive (the message names the setting)
         */
        public KinematicReweighter build() {
            if (axes.isEmpty()) {
                throw new IllegalArgumentException("reweighting needs at least one axis");
            }
            List<String> names = new ArrayList<>();
            long product = 1;
            for (BinAxis a : axes) {
                if (names.contains(a.name())) {
                    throw new IllegalArgumentException("axis " + a.name() + " is given twice");
                }
                names.add(a.name());
                product *= a.bins();
                if (product > MAX_CELLS) {
                    throw new IllegalArgumentException("the axes " + names + " make more than " + MAX_CELLS
                        + " histogram cells");
                }
            }
            if (!(maxWeight > 0)) {
                throw new IllegalArgumentException("maximum weight must be positive, not " + maxWeight);
            }
            return new KinematicReweighter(this);
        }
    }
}
