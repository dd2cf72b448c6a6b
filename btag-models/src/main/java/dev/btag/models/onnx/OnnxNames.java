package dev.btag.models.onnx;

import java.util.List;

/**
 * The names an ONNX tagger is addressed by, in one place: the graph's inputs and output and the keys of its
 * metadata. An exported btag tagger has exactly these inputs and this output; a model from another tool is matched
 * to btag's inputs by these names.
 *
 * <p>The inputs are named after the inputs of the tutorial layout: {@value #FEATURES} for the jet-level features
 * and {@value #TRACKS} for the per-jet collection of the track taggers (the seeding tracks, or a layout's first
 * collection). The branch taggers ({@code deepjet}, {@code deepvertex}) have one input per collection they read,
 * named after the collection in the layout ({@code charged}, {@code neutral}, {@code vertices}, {@code seeds}).
 */
public final class OnnxNames {

    /** Input: the raw jet-level features, float32 {@code (batch, F)} in the order of the {@link #INPUTS} metadata. */
    public static final String FEATURES = "features";
    /** Input: the raw seeding tracks, float32 {@code (batch, T, V)}; only taggers that read tracks have it. */
    public static final String TRACKS = "tracks";
    /** Output: the class probabilities, float32 {@code (batch, classes)}, each row summing to one. */
    public static final String PROBABILITIES = "probabilities";
    /** The name of the dynamic batch dimension of every input and the output. */
    public static final String BATCH = "batch";

    /** Metadata key: the btag version that exported the model. */
    public static final String BTAG_VERSION = "btag_version";
    /**
     * Metadata key: the tagger architecture ({@code dnn}, {@code cnn1x1}, {@code lstm}, {@code gru}, {@code deepjet},
     * {@code deepvertex}).
     */
    public static final String ARCHITECTURE = "architecture";
    /** Metadata key: the input layout the tagger was trained on ({@code tutorial}, or its layout file's name). */
    public static final String LAYOUT = "layout";
    /** Metadata key: JSON object, input name to its variable names in order ({@code {"features":[...],...}}). */
    public static final String INPUTS = "inputs";
    /** Metadata key: JSON array of the class names in output order. */
    public static final String CLASSES = "classes";
    /** Metadata key: JSON object, flavour group to the class names it sums ({@code {"b":["b","bb",...],...}}). */
    public static final String CLASS_GROUPS = "class_groups";
    /** Metadata key: JSON object with the standardisation applied inside the graph (means and scales). */
    public static final String STANDARDISATION = "standardisation";
    /** Metadata key: {@code true} when trained on btag's synthetic sample, {@code false}, or {@code unknown}. */
    public static final String SYNTHETIC = "synthetic";
    /** Metadata key: the training file and its jet count, JSON, when the saved tagger records them. */
    public static final String TRAINING_SAMPLE = "training_sample";

    /**
     * The fixed input names, in the order btag passes them; a branch tagger's collection inputs follow the features
     * under their collections' names.
     */
    public static final List<String> KNOWN_INPUTS = List.of(FEATURES, TRACKS);

    private OnnxNames() {
    }
}
