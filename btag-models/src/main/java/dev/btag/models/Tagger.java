package dev.btag.models;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tagger: a DJL {@link Model} holding a {@link TaggerBlock}, what it reads ({@link InputSpec}) and how it was
 * trained ({@link TrainingHistory}). Create a fresh one with {@link #create}, train it with
 * {@code dev.btag.models.train.TaggerTrainer}, save and load it with {@code dev.btag.models.io.TaggerFile}, and
 * predict with {@code dev.btag.models.predict.TaggerPredictor}.
 *
 * <p>A tagger owns native memory: close it when done. Its parameters may be read from many threads at once (the
 * predictor does), but training and {@link #recordHistory} must not run concurrently with anything else.
 */
public final class Tagger implements AutoCloseable {

    private final Model model;
    private final TaggerSpec spec;
    private final InputSpec inputs;
    private volatile TrainingHistory history;
    private volatile TrainingSource trainingSource;
    private volatile JsonObject weighting;
    private volatile LayoutInputs layoutInputs;

    private Tagger(Model model, TaggerSpec spec, InputSpec inputs, TrainingHistory history) {
        this.model = model;
        this.spec = spec;
        this.inputs = inputs;
        this.history = history;
    }

    /**
     * Creates an untrained tagger; its parameters are initialised by the trainer (or by {@link #initialize()}).
     *
     * @param spec the architecture and hyper-parameters
     * @param inputs what the tagger reads; must agree with {@code spec}
     * @param device the device that holds the parameters (the first training device)
     * @return a new tagger; close it when done
     * @throws IllegalArgumentException if {@code inputs} do not fit {@code spec}
     */
    public static Tagger create(TaggerSpec spec, InputSpec inputs, Device device) {
        inputs.checkMatches(spec);
        Model model = Model.newInstance("btag-" + spec.architecture().cliName(), device, "PyTorch");
        model.setBlock(spec.newBlock());
        model.setDataType(DataType.FLOAT32);
        return new Tagger(model, spec, inputs, TrainingHistory.empty());
    }

    /**
     * Wraps a model whose block was built from {@code spec} and already holds parameters (used when loading).
     *
     * @param model a model whose block is a {@link TaggerBlock} of {@code spec}
     * @param spec the architecture
     * @param inputs what the tagger reads
     * @param history its training history
     * @return the tagger, owning {@code model}
     * @throws IllegalArgumentException if the model's block is not a tagger block of {@code spec}
     */
    public static Tagger wrap(Model model, TaggerSpec spec, InputSpec inputs, TrainingHistory history) {
        if (!(model.getBlock() instanceof TaggerBlock) || !((TaggerBlock) model.getBlock()).spec().equals(spec)) {
            throw new IllegalArgumentException("the model's block is not a tagger block of " + spec);
        }
        inputs.checkMatches(spec);
        return new Tagger(model, spec, inputs, Objects.requireNonNull(history, "history"));
    }

    /**
     * Initialises the parameters (randomly, from the engine's seeded generator) if they are not yet.
     *
     * @return this tagger
     */
    public Tagger initialize() {
        if (!model.getBlock().isInitialized()) {
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, spec.inputShapes(1));
        }
        return this;
    }

    /**
     * Returns the DJL model (its block is {@link #block()}).
     *
     * @return the model, owned by this tagger
     */
    public Model model() {
        return model;
    }

    /**
     * Returns the block.
     *
     * @return the tagger block
     */
    public TaggerBlock block() {
        return (TaggerBlock) model.getBlock();
    }

    /**
     * Returns the architecture and hyper-parameters.
     *
     * @return the specification
     */
    public TaggerSpec spec() {
        return spec;
    }

    /**
     * Returns what the tagger reads.
     *
     * @return the input description
     */
    public InputSpec inputs() {
        return inputs;
    }

    /**
     * Returns the training history (empty for an untrained tagger).
     *
     * @return the history
     */
    public TrainingHistory history() {
        return history;
    }

    /**
     * How the training jets were weighted, as recorded by {@code dev.btag.models.train.TrainingRun} and saved in the
     * tagger file's metadata ({@code weighting}: the recipe of {@code dev.btag.data.weight.Weighting} and its
     * outcome); empty for a tagger trained without weights.
     *
     * @return a copy of the record, if any
     */
    public Optional<JsonObject> weighting() {
        JsonObject w = weighting;
        return w == null ? Optional.empty() : Optional.of(w.deepCopy());
    }

    /**
     * Records how the training jets were weighted (kept in memory and saved with the tagger).
     *
     * @param weighting the record (copied), or {@code null} for none
     */
    public void recordWeighting(JsonObject weighting) {
        this.weighting = weighting == null ? null : weighting.deepCopy();
    }

    /**
     * Replaces the training history (the trainer calls this after each epoch).
     *
     * @param history the new history
     */
    public void recordHistory(TrainingHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    /**
     * Returns what the tagger was trained on, when known (a saved tagger of an older btag does not record it).
     *
     * @return the training source, or empty
     */
    public Optional<TrainingSource> trainingSource() {
        return Optional.ofNullable(trainingSource);
    }

    /**
     * Records what the tagger is trained on ({@code TrainingRun} calls this; {@code TaggerFile} saves it).
     *
     * @param source the training file, its jet count and whether it is synthetic
     */
    public void recordTrainingSource(TrainingSource source) {
        this.trainingSource = Objects.requireNonNull(source, "source");
    }

    /**
     * Counts the parameters of the (initialised) block.
     *
     * @return the counts
     * @throws IllegalStateException if the block is not initialised
     */
    public ParameterCount parameterCount() {
        return ParameterCount.of(model.getBlock());
    }

    /**
     * Refuses inputs that differ from what this tagger was trained on.
     *
     * @param actual the description of the inputs at hand (standardisation constants are not compared)
     * @param source what the inputs come from, for the message (for example a file name)
     * @throws IllegalArgumentException if the feature names (in order) or the track shape differ; the message
     *     names the source, the first differing feature and both lists
     */
    public void checkInputs(InputSpec actual, String source) {
        List<String> expected = inputs.featureNames();
        List<String> got = actual.featureNames();
        if (!expected.equals(got)) {
            int i = 0;
            while (i < Math.min(expected.size(), got.size()) && expected.get(i).equals(got.get(i))) {
                i++;
            }
            String where = i < Math.min(expected.size(), got.size())
                ? "feature " + i + " is '" + got.get(i) + "', expected '" + expected.get(i) + "'"
                : got.size() + " features given, expected " + expected.size();
            throw new IllegalArgumentException(source + ": inputs do not match the " + spec.architecture().cliName()
                + " tagger: " + where + " (tagger reads " + expected + ")");
        }
        if (spec.architecture().usesTracks() && (actual.trackCount() != inputs.trackCount()
                || actual.trackVariables() != inputs.trackVariables())) {
            throw new IllegalArgumentException(source + ": tracks are " + actual.trackCount() + " x "
                + actual.trackVariables() + " per jet but the " + spec.architecture().cliName() + " tagger reads "
                + inputs.trackCount() + " x " + inputs.trackVariables());
        }
    }

    /**
     * How this tagger reads files, when it was trained through a layout (or loaded from a tagger that was).
     *
     * @return the layout, collection and collection standardisation, or empty for a tagger without them
     */
    public Optional<LayoutInputs> layoutInputs() {
        return Optional.ofNullable(layoutInputs);
    }

    /**
     * Records how this tagger reads files; {@code TaggerFile} saves it with the tagger.
     *
     * @param inputs the layout inputs; their features must be the tagger's
     * @throws IllegalArgumentException when the layout lists other features than the tagger reads
     */
    public void attachLayout(LayoutInputs inputs) {
        List<String> features = inputs.layout().jets().features();
        if (!features.equals(this.inputs.featureNames())) {
            throw new IllegalArgumentException("the layout's features " + features + " are not the tagger's "
                + this.inputs.featureNames());
        }
        this.layoutInputs = inputs;
    }

    /** Closes the model and frees its native memory. */
    @Override
    public void close() {
        model.close();
    }
}
