package dev.btag.models;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The architecture and hyper-parameters of one tagger: everything needed to rebuild its block. This class is
 * immutable; build it with {@link #builder()} ({@code setX} for what is required, {@code optX} for what is optional,
 * {@link Builder#build()} validates). The defaults are the tutorial's values for the chosen {@link Architecture}.
 *
 * <p>Inputs: {@code features} (B, {@link #featureCount()}) and one float32 array (B, O, V) per shape of
 * {@link #collectionShapes()}: for the 1x1-CNN, LSTM and GRU the {@code tracks} (B, {@link #trackCount()},
 * {@link #trackVariables()}); for the DeepJet- and DeepVertex-style taggers one per {@link #branches() branch}. Output:
 * (B, {@link #classes()}) logits; the softmax of a row gives the class probabilities in {@code TrainingClass} order (b,
 * bb, leptonic b, c, uds, g).
 */
public final class TaggerSpec {

    /** The tutorial's dropout rate ({@code dropoutRate} in the notebooks; also the PyTorch peer's). */
    public static final float DEFAULT_DROPOUT = 0.1f;

    private static final int[] CNN_FILTERS = {64, 32, 32, 8};

    private final Architecture architecture;
    private final int featureCount;
    private final int trackCount;
    private final int trackVariables;
    private final int[] convFilters;
    private final int recurrentUnits;
    private final int[] headWidths;
    private final int classes;
    private final float dropout;
    private final WeightInit weightInit;
    private final List<ObjectBranch> branches;
    private final PaddingPolicy padding;

    private TaggerSpec(Builder b, int[] headWidths, WeightInit weightInit, List<ObjectBranch> branches) {
        architecture = b.architecture;
        featureCount = b.featureCount;
        trackCount = branches.isEmpty() ? b.trackCount : branches.get(0).objects();
        trackVariables = branches.isEmpty() ? b.trackVariables : branches.get(0).variables();
        convFilters = b.convFilters.clone();
        recurrentUnits = b.recurrentUnits;
        this.headWidths = headWidths.clone();
        classes = b.classes;
        dropout = b.dropout;
        this.weightInit = weightInit;
        this.branches = List.copyOf(branches);
        padding = branches.isEmpty() ? PaddingPolicy.KEEP : b.padding;
    }

    /**
     * Starts a builder; {@link Builder#setArchitecture(Architecture)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the tutorial's tagger of the given architecture with all defaults.
     *
     * @param architecture the tagger
     * @return its specification
     */
    public static TaggerSpec tutorial(Architecture architecture) {
        return builder().setArchitecture(architecture).build();
    }

    /**
     * Returns the architecture.
     *
     * @return the architecture
     */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * Returns the number of jet-level input features (15 in the tutorial).
     *
     * @return the feature count F
     */
    public int featureCount() {
        return featureCount;
    }

    /**
     * Returns the number of seeding tracks per jet (10 in the tutorial); unused by the DNN; for the DeepJet-style
     * tagger the object slots of its first branch.
     *
     * @return the track count T
     */
    public int trackCount() {
        return trackCount;
    }

    /**
     * Returns the number of variables per track (21 in the tutorial); unused by the DNN; for the DeepJet-style tagger
     * the variables of its first branch.
     *
     * @return the per-track variable count V
     */
    public int trackVariables() {
        return trackVariables;
    }

    /**
     * Returns the filters of the 1x1 convolutions (64, 32, 32, 8 in the tutorial); used by the 1x1-CNN only.
     *
     * @return a copy of the filter counts, first layer first
     */
    public int[] convFilters() {
        return convFilters.clone();
    }

    /**
     * Returns the state size of the LSTM or GRU cell (64 in the tutorial); used by the recurrent taggers only.
     *
     * @return the number of recurrent units
     */
    public int recurrentUnits() {
        return recurrentUnits;
    }

    /**
     * Returns the widths of the hidden dense layers (each followed by ReLU and dropout) before the output layer.
     *
     * @return a copy of the widths, first layer first
     */
    public int[] headWidths() {
        return headWidths.clone();
    }

    /**
     * Returns the number of output classes (6: b, bb, leptonic b, c, uds, g).
     *
     * @return the class count
     */
    public int classes() {
        return classes;
    }

    /**
     * Returns the dropout rate after each hidden layer (and each 1x1 convolution but the last).
     *
     * @return the rate in [0, 1); 0 means no dropout layers
     */
    public float dropout() {
        return dropout;
    }

    /**
     * Returns the initialiser of the dense and 1x1-convolution kernels. The LSTM and GRU cells do not use it: they
     * start as Keras' {@code LSTM}/{@code GRU} layers with default arguments do (glorot-uniform input kernel,
     * orthogonal recurrent kernel, zero biases, the LSTM's forget-gate bias at one), as in notebook 5.
     *
     * @return the initialiser
     */
    public WeightInit weightInit() {
        return weightInit;
    }

    /**
     * Returns the branches of a DeepJet-style (or DeepVertex-style) tagger, one per collection it reads, in input
     * order.
     *
     * @return an unmodifiable list; empty for the four tutorial taggers, which read at most the tracks
     */
    public List<ObjectBranch> branches() {
        return branches;
    }

    /**
     * Returns what the recurrent branches do with padded objects (DeepJet-style tagger; the DeepVertex-style tagger
     * always masks its padded seeds; the LSTM and GRU taggers always run over every slot).
     *
     * @return the policy ({@link PaddingPolicy#MASK} by default for taggers with branches, {@link PaddingPolicy#KEEP}
     *     for the others, whatever the builder says)
     */
    public PaddingPolicy padding() {
        return padding;
    }

    /**
     * Returns the shapes of the per-jet object arrays the block reads after the features, in input order: one per
     * branch for a DeepJet-style tagger, the tracks {@code (T, V)} for the 1x1-CNN, LSTM and GRU, none for the DNN.
     *
     * @return {@code (objects, variables)} shapes, an unmodifiable list
     */
    public List<Shape> collectionShapes() {
        if (!branches.isEmpty()) {
            return branches.stream().map(b -> new Shape(b.objects(), b.variables())).toList();
        }
        return architecture.usesTracks() ? List.of(new Shape(trackCount, trackVariables)) : List.of();
    }

    /**
     * Builds a fresh, uninitialised DJL block for this specification; initialise it with the input shapes of
     * {@link #inputShapes(long)} (a trainer does this).
     *
     * @return a new block
     */
    public TaggerBlock newBlock() {
        return new TaggerBlock(this);
    }

    /**
     * Returns the input shapes of the block for a batch of the given size: features, then tracks where used.
     *
     * @param batchSize the batch size B
     * @return {@code (B, F)} and, for the track taggers, {@code (B, T, V)}
     */
    public Shape[] inputShapes(long batchSize) {
        return architecture.definition().inputShapes(this, batchSize);
    }

    /**
     * Counts the parameters as Keras reports them in {@code model.summary()}: dense kernels and biases, 1x1
     * convolution kernels and biases, batch-normalisation gamma, beta and moving mean and variance, and recurrent
     * kernels with ONE bias vector per gate ({@code reset_after=False} for the GRU, as in Keras 2.2 which the
     * tutorial used). A PyTorch (and so DJL) LSTM or GRU holds a second bias vector per gate: see
     * {@link ParameterCount#of(ai.djl.nn.Block)} for the count of the built block.
     *
     * @return the Keras parameter count (2,366 for the DNN, 85,114 for the 1x1-CNN, 99,122 for the LSTM)
     */
    public long kerasParameterCount() {
        ArchitectureDefinition definition = architecture.definition();
        long count = definition.kerasParametersBeforeHead(this);
        long width = definition.headInputWidth(this);
        for (int w : headWidths) {
            count += (width + 1) * w;
            width = w;
        }
        return count + (width + 1) * classes;
    }

    /**
     * Counts the multiply-accumulate operations of one forward pass for one jet (dense, convolution and recurrent
     * matrix products; element-wise work is left out). Training costs about three times this per jet (forward,
     * and the two products of the backward pass).
     *
     * @return multiply-accumulates per jet, forward only
     */
    public long forwardMacsPerJet() {
        ArchitectureDefinition definition = architecture.definition();
        long macs = definition.macsBeforeHead(this);
        long width = definition.headInputWidth(this);
        for (int w : headWidths) {
            macs += width * w;
            width = w;
        }
        return macs + width * classes;
    }

    /**
     * Serialises this specification as JSON (saved models store it so that loading can rebuild the block).
     *
     * @return a new JSON object with every field
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("architecture", architecture.cliName());
        o.addProperty("featureCount", featureCount);
        o.addProperty("trackCount", trackCount);
        o.addProperty("trackVariables", trackVariables);
        o.add("convFilters", toJsonArray(convFilters));
        o.addProperty("recurrentUnits", recurrentUnits);
        o.add("headWidths", toJsonArray(headWidths));
        o.addProperty("classes", classes);
        o.addProperty("dropout", dropout);
        o.addProperty("weightInit", weightInit.name());
        if (!branches.isEmpty()) {
            JsonArray a = new JsonArray();
            branches.forEach(b -> a.add(b.toJson()));
            o.add("branches", a);
            o.addProperty("padding", padding.name());
        }
        return o;
    }

    /**
     * Reads a specification written by {@link #toJson()}.
     *
     * @param o the JSON object
     * @return the specification, validated like a built one
     * @throws IllegalArgumentException if a field is missing or has an invalid value; the message names the field
     */
    public static TaggerSpec fromJson(JsonObject o) {
        Builder b = builder().setArchitecture(Architecture.fromCliName(field(o, "architecture").getAsString()))
            .optFeatureCount(field(o, "featureCount").getAsInt())
            .optTrackShape(field(o, "trackCount").getAsInt(), field(o, "trackVariables").getAsInt())
            .optConvFilters(fromJsonArray(field(o, "convFilters").getAsJsonArray()))
            .optRecurrentUnits(field(o, "recurrentUnits").getAsInt())
            .optHeadWidths(fromJsonArray(field(o, "headWidths").getAsJsonArray()))
            .optClasses(field(o, "classes").getAsInt())
            .optDropout(field(o, "dropout").getAsFloat());
        if (o.has("branches")) {
            List<ObjectBranch> list = new ArrayList<>();
            field(o, "branches").getAsJsonArray().forEach(e -> list.add(ObjectBranch.fromJson(e.getAsJsonObject())));
            b.optBranches(list);
            try {
                b.optPadding(PaddingPolicy.valueOf(field(o, "padding").getAsString()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tagger field 'padding': unknown policy " + o.get("padding")
                    + "; expected one of " + Arrays.toString(PaddingPolicy.values()), e);
            }
        }
        try {
            b.optWeightInit(WeightInit.valueOf(field(o, "weightInit").getAsString()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tagger field 'weightInit': unknown initialiser "
                + o.get("weightInit") + "; expected one of " + Arrays.toString(WeightInit.values()), e);
        }
        return b.build();
    }

    private static JsonElement field(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("tagger field '" + name + "' is missing");
        }
        return e;
    }

    private static JsonArray toJsonArray(int[] values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    private static int[] fromJsonArray(JsonArray a) {
        int[] values = new int[a.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = a.get(i).getAsInt();
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof TaggerSpec)) {
            return false;
        }
        TaggerSpec s = (TaggerSpec) other;
        return architecture == s.architecture && featureCount == s.featureCount && trackCount == s.trackCount
            && trackVariables == s.trackVariables && Arrays.equals(convFilters, s.convFilters)
            && recurrentUnits == s.recurrentUnits && Arrays.equals(headWidths, s.headWidths) && classes == s.classes
            && Float.compare(dropout, s.dropout) == 0 && weightInit == s.weightInit && branches.equals(s.branches)
            && padding == s.padding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(architecture, featureCount, trackCount, trackVariables, Arrays.hashCode(convFilters),
            recurrentUnits, Arrays.hashCode(headWidths), classes, dropout, weightInit, branches, padding);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    /**
     * Builds a {@link TaggerSpec}; the tutorial's values are the defaults for the chosen architecture. A builder may
     * build several specifications; it is not thread-safe.
     */
    public static final class Builder {
        private Architecture architecture;
        private int featureCount = 15;
        private int trackCount = 10;
        private int trackVariables = 21;
        private int[] convFilters = CNN_FILTERS;
        private int recurrentUnits = 64;
        private int[] headWidths;
        private int classes = 6;
        private float dropout = DEFAULT_DROPOUT;
        private WeightInit weightInit;
        private List<ObjectBranch> branches;
        private PaddingPolicy padding = PaddingPolicy.MASK;
        private final java.util.Map<String, Integer> sortBy = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sorts the objects of one branch of the DeepJet-style tagger by a variable, descending, before its LSTM
         * (padded objects last); applied when building, to whatever branches the builder then has.
         *
         * @param collection the branch's collection name
         * @param variable the variable's index in [0, V), or -1 to keep the stored order
         * @return this builder
         */
        public Builder optSortBy(String collection, int variable) {
            sortBy.put(Objects.requireNonNull(collection, "collection"), variable);
            return this;
        }

        /**
         * Sets the branches of a DeepJet-style tagger, one per collection, in input order (default: DeepJet's
         * branches on the tutorial's charged 25 x 16, neutral 25 x 6 and vertex 4 x 12 collections). Ignored by the
         * other architectures.
         *
         * @param branches one or more branches with distinct collection names
         * @return this builder
         */
        public Builder optBranches(List<ObjectBranch> branches) {
            this.branches = List.copyOf(branches);
            return this;
        }

        /**
         * Sets what the DeepJet-style tagger's branches do with padded objects (default {@link PaddingPolicy#MASK}).
         *
         * @param padding the policy
         * @return this builder
         */
        public Builder optPadding(PaddingPolicy padding) {
            this.padding = Objects.requireNonNull(padding, "padding");
            return this;
        }

        /**
         * Sets the architecture (required).
         *
         * @param architecture the tagger
         * @return this builder
         */
        public Builder setArchitecture(Architecture architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
            return this;
        }

        /**
         * Sets the number of jet-level features (default 15).
         *
         * @param featureCount F, at least 1
         * @return this builder
         */
        public Builder optFeatureCount(int featureCount) {
            this.featureCount = featureCount;
            return this;
        }

        /**
         * Sets the per-jet track array shape (default 10 tracks x 21 variables).
         *
         * @param trackCount T, at least 1
         * @param trackVariables V, at least 1
         * @return this builder
         */
        public Builder optTrackShape(int trackCount, int trackVariables) {
            this.trackCount = trackCount;
            this.trackVariables = trackVariables;
            return this;
        }

        /**
         * Sets the filters of the 1x1 convolutions (default 64, 32, 32, 8).
         *
         * @param filters at least one positive count
         * @return this builder
         */
        public Builder optConvFilters(int... filters) {
            this.convFilters = filters.clone();
            return this;
        }

        /**
         * Sets the LSTM/GRU state size (default 64).
         *
         * @param units at least 1
         * @return this builder
         */
        public Builder optRecurrentUnits(int units) {
            this.recurrentUnits = units;
            return this;
        }

        /**
         * Sets the hidden dense widths (default 30, 30, 20, 10 for the DNN; 200 and five times 100 otherwise).
         *
         * @param widths positive widths; may be empty (the output layer then reads the input directly)
         * @return this builder
         */
        public Builder optHeadWidths(int... widths) {
            this.headWidths = widths.clone();
            return this;
        }

        /**
         * Sets the number of output classes (default 6).
         *
         * @param classes at least 2
         * @return this builder
         */
        public Builder optClasses(int classes) {
            this.classes = classes;
            return this;
        }

        /**
         * Sets the dropout rate (default {@value TaggerSpec#DEFAULT_DROPOUT}).
         *
         * @param dropout in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Sets the initialiser of the dense and 1x1-convolution kernels (default {@link WeightInit#GLOROT_UNIFORM}
         * for the DNN, Keras' default that notebook 3 uses, and {@link WeightInit#LECUN_UNIFORM} for the others, as
         * notebooks 4 and 5 ask). Recurrent cells always start as in Keras ({@link TaggerSpec#weightInit()}).
         *
         * @param weightInit the initialiser
         * @return this builder
         */
        public Builder optWeightInit(WeightInit weightInit) {
            this.weightInit = Objects.requireNonNull(weightInit, "weightInit");
            return this;
        }

        /**
         * Validates and builds the specification. Settings left unset (head widths, weight initialiser) take the
         * chosen architecture's defaults in the built specification only; the builder itself is not changed, so
         * building again after {@link #setArchitecture(Architecture)} gives the other architecture's defaults.
         *
         * @return the immutable specification
         * @throws IllegalArgumentException if the architecture is missing or a size or rate is out of range; the
         *     message names the setting
         */
        public TaggerSpec build() {
            if (architecture == null) {
                throw new IllegalArgumentException("tagger architecture is required (setArchitecture)");
            }
            ArchitectureDefinition definition = architecture.definition();
            int[] widths = headWidths != null ? headWidths : definition.defaultHeadWidths();
            WeightInit init = weightInit != null ? weightInit : definition.defaultWeightInit();
            positive("featureCount", featureCount);
            positive("trackCount", trackCount);
            positive("trackVariables", trackVariables);
            positive("recurrentUnits", recurrentUnits);
            if (convFilters.length == 0) {
                throw new IllegalArgumentException("tagger convFilters must not be empty");
            }
            for (int f : convFilters) {
                positive("convFilters", f);
            }
            for (int w : widths) {
                positive("headWidths", w);
            }
            if (classes < 2) {
                throw new IllegalArgumentException("tagger classes must be at least 2, got " + classes);
            }
            if (!(dropout >= 0f && dropout < 1f)) {
                throw new IllegalArgumentException("tagger dropout must be in [0, 1), got " + dropout);
            }
            List<ObjectBranch> used = !definition.usesBranches() ? List.of()
                : ObjectBranch.checked(architecture.cliName(), branches != null ? branches
                    : definition.defaultBranches(), sortBy);
            return new TaggerSpec(this, widths, init, used);
        }

        private static void positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException("tagger " + name + " must be positive, got " + value);
            }
        }
    }
}
