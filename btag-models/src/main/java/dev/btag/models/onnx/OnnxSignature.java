package dev.btag.models.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.TrainingClass;
import dev.btag.models.LayoutInputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a model's inputs and output meet btag's: which features it reads, which collections of the layout it reads
 * (one graph input per collection, matched by name), which output holds the classes, and a fixed batch size if the
 * model has one. Built by {@link #match}, which refuses a model that cannot be fed with a one-line message naming the
 * input and both shapes.
 *
 * @param featureNames the features, in order
 * @param collections the collections the model reads, in the order of the model's inputs
 * @param output the name of the output that holds the class scores
 * @param classes the number of classes
 * @param fixedBatch the model's fixed batch size, or 0 when it is dynamic
 */
record OnnxSignature(List<String> featureNames, List<CollectionInput> collections, String output, int classes,
                     int fixedBatch) {

    /**
     * One collection input of the model.
     *
     * @param name the input's name, the collection's name in the layout ({@value OnnxNames#TRACKS} may stand for a
     *     layout's first collection)
     * @param objects object slots per jet O
     * @param variables variables per object V
     * @param variableNames the names of the V variables from the model's {@value OnnxNames#INPUTS} metadata, in
     *     order; empty when the metadata does not name them (then only the shape is checked)
     */
    record CollectionInput(String name, int objects, int variables, List<String> variableNames) {

        /**
         * Copies the names.
         *
         * @param name the input's name
         * @param objects object slots per jet
         * @param variables variables per object
         * @param variableNames the variables' names, or empty
         */
        CollectionInput {
            variableNames = List.copyOf(variableNames);
        }

        /**
         * Returns the values per jet.
         *
         * @return O x V
         */
        int valuesPerJet() {
            return objects * variables;
        }
    }

    /**
     * Matches a session's inputs and outputs to btag's. Where the model's {@value OnnxNames#INPUTS} metadata names
     * the variables of a collection input, the layout's collection must name the same variables in the same order;
     * where it names the features and the layout is not the tutorial's, so must the layout's features (the tutorial
     * layout's features are read by name). A model without that metadata is matched by shape only.
     *
     * @param file the model file, for messages
     * @param session the session
     * @param metadata the model's custom metadata
     * @param layout the layout whose collections the inputs other than the features are matched to, by name; or
     *     {@code null} to take every other input as a collection of the shape the model fixes, in any number of
     *     classes (the export's agreement check, which feeds the tagger's own inputs)
     * @return the signature
     * @throws OnnxModelException if an input cannot be fed, the layout names other variables than the metadata (the
     *     message names the input and the first differing position with both names), or no output can be chosen
     * @throws OrtException if ONNX Runtime cannot describe the model
     */
    static OnnxSignature match(Path file, OrtSession session, Map<String, String> metadata, Layout layout)
            throws OnnxModelException, OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Optional<List<String>> namedFeatures = names(file, metadata, OnnxNames.FEATURES);
        List<String> features = namedFeatures.orElse(FeatureSet.TUTORIAL.columnNames());
        if (layout != null && !layout.isTutorial() && namedFeatures.isPresent()) {
            String problem = namesDiffer(OnnxNames.FEATURES, "feature", layout.jets().features(), features,
                layout);
            if (problem != null) {
                throw new OnnxModelException(file, problem);
            }
        }
        long[] featureShape = {-1, features.size()};
        String provided = layout == null ? OnnxNames.FEATURES + " float32 " + dims(featureShape)
            + " and the collections the model fixes" : provided(featureShape, layout);
        long batch = -1;
        List<CollectionInput> collections = new ArrayList<>();
        for (NodeInfo input : inputs.values()) {
            long[] shape = shape(input.getInfo());
            String name = input.getName();
            boolean isFeatures = OnnxNames.FEATURES.equals(name);
            ObjectCollection collection = isFeatures || layout == null ? null : collection(layout, name);
            if (shape == null || !isFeatures && collection == null && layout != null
                || isFeatures && !fits(shape, featureShape)) {
                throw new OnnxModelException(file, "the model's inputs do not match btag's: the model reads "
                    + describe(inputs) + "; btag provides " + provided + " (inputs are matched by name)");
            }
            if (!isFeatures && layout == null) {
                if (shape.length != 3 || shape[1] < 1 || shape[2] < 1) {
                    throw new OnnxModelException(file, "input '" + name + "' is float32 " + dims(shape) + "; a"
                        + " collection input needs fixed (N, objects, variables)");
                }
                collections.add(new CollectionInput(name, (int) shape[1], (int) shape[2],
                    names(file, metadata, name).orElse(List.of())));
            } else if (collection != null) {
                long[] expected = {-1, objects(collection), collection.variables().size()};
                long objects = shape.length == 3 && shape[1] > 0 ? shape[1] : expected[1];
                if (!fits(shape, expected) || objects < 1) {
                    throw new OnnxModelException(file, "input '" + name + "' is float32 " + dims(shape) + "; the"
                        + " layout " + layoutName(layout) + " gives float32 " + dims(expected) + " (collection '"
                        + collection.name() + "')");
                }
                List<String> named = names(file, metadata, name).orElse(List.of());
                String problem = namesDiffer(name, "variable", collection.variables(), named, layout);
                if (problem != null) {
                    throw new OnnxModelException(file, problem);
                }
                collections.add(new CollectionInput(name, (int) objects, collection.variables().size(), named));
            }
            batch = shape[0] > 0 ? shape[0] : batch;
        }
        if (!inputs.containsKey(OnnxNames.FEATURES)) {
            throw new OnnxModelException(file, "the model has no '" + OnnxNames.FEATURES + "' input: it reads "
                + describe(inputs) + "; btag provides " + provided);
        }
        long declared = shape(inputs.get(OnnxNames.FEATURES).getInfo())[1];
        if (declared > 0 && declared != features.size()) {
            throw new OnnxModelException(file, "the model's '" + OnnxNames.FEATURES + "' input has " + declared
                + " columns but its metadata names " + features.size() + " features");
        }
        String output = output(file, session.getOutputInfo());
        long[] outShape = shape(session.getOutputInfo().get(output).getInfo());
        if (outShape == null || outShape.length != 2) {
            throw new OnnxModelException(file, "output '" + output + "' must be float32 (batch, classes), it is "
                + describe(session.getOutputInfo()));
        }
        int classes = outShape[1] > 0 ? (int) outShape[1] : layout == null ? TrainingClass.COUNT
            : layout.label().size();
        if (layout != null && classes != layout.label().size()) {
            throw new OnnxModelException(file, "output '" + output + "' has " + classes + " classes; " + (layout
                .isTutorial() ? "btag's evaluation needs the tutorial's " + TrainingClass.COUNT + " (b, bb, leptonic"
                + " b, c, uds, g)" : "the layout " + layoutName(layout) + " declares " + layout.label().size() + " "
                + layout.label().names()));
        }
        return new OnnxSignature(features, List.copyOf(collections), output, classes, (int) Math.max(0, batch));
    }

    /**
     * The layout's collection an input reads: the one of the input's name, or for {@value OnnxNames#TRACKS} (the
     * input of btag's track taggers) the layout's first collection when none has that name; {@code null} when none.
     *
     * @param layout the layout
     * @param input the input's name
     * @return the collection or {@code null}
     */
    static ObjectCollection collection(Layout layout, String input) {
        for (ObjectCollection c : layout.collections()) {
            if (c.name().equals(input)) {
                return c;
            }
        }
        return OnnxNames.TRACKS.equals(input) && !layout.collections().isEmpty() ? layout.collections().get(0) : null;
    }

    /**
     * The object slots of a collection when the layout fixes them (a tutorial array of the declared width), else -1.
     */
    private static long objects(ObjectCollection collection) {
        try {
            long[] row = JetArray.fromEntryName(collection.array()).rowShape();
            return row.length == 2 && row[1] == collection.variables().size() ? row[0] : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** What btag can feed through the layout: the features and each collection. */
    private static String provided(long[] featureShape, Layout layout) {
        List<String> parts = new ArrayList<>(List.of(OnnxNames.FEATURES + " float32 " + dims(featureShape)));
        for (ObjectCollection c : layout.collections()) {
            parts.add(c.name() + " float32 " + dims(new long[] {-1, objects(c), c.variables().size()}));
        }
        return String.join(", ", parts);
    }

    /**
     * Finds each collection input in a file read through a layout, checking its shape.
     *
     * @param collections the model's collection inputs
     * @param file the file
     * @return the file's collection index of each input, in input order
     * @throws IllegalArgumentException naming the file and the input when the layout lacks the collection, names other
     *     variables than the model's metadata (the first differing position, both names), or the file holds it in
     *     another shape
     */
    static int[] collectionIndices(List<CollectionInput> collections, JetFile file) {
        int[] indices = new int[collections.size()];
        for (int i = 0; i < indices.length; i++) {
            CollectionInput c = collections.get(i);
            ObjectCollection declared = collection(file.layout(), c.name());
            if (declared == null) {
                throw new IllegalArgumentException(file.path() + ": input '" + c.name() + "': the layout "
                    + layoutName(file.layout()) + " declares no collection of that name");
            }
            indices[i] = file.collectionIndex(declared.name());
            int objects = file.objectCount(indices[i]);
            int variables = file.variableCount(indices[i]);
            if (objects != c.objects() || variables != c.variables()) {
                throw new IllegalArgumentException(file.path() + ": input '" + c.name() + "': the model reads float32"
                    + " (N, " + c.objects() + ", " + c.variables() + "), the file's collection '" + declared.name()
                    + "' is (N, " + objects + ", " + variables + ")");
            }
            String problem = namesDiffer(c.name(), "variable", declared.variables(), c.variableNames(),
                file.layout());
            if (problem != null) {
                throw new IllegalArgumentException(file.path() + ": " + problem);
            }
        }
        return indices;
    }

    /**
     * A layout's name for messages.
     *
     * @param layout the layout
     * @return {@code tutorial}, or the file it was read from
     */
    static String layoutName(Layout layout) {
        return layout.isTutorial() ? Layout.TUTORIAL : layout.source();
    }

    /** The variables of an input named by the metadata, if it names them. */
    private static Optional<List<String>> names(Path file, Map<String, String> metadata, String input)
            throws OnnxModelException {
        try {
            return OnnxMetadata.variables(metadata, input);
        } catch (IllegalArgumentException e) {
            throw new OnnxModelException(file, e.getMessage(), e);
        }
    }

    /**
     * Compares the names a layout gives an input with those the model's metadata names.
     *
     * @param input the input's name
     * @param noun {@code feature} or {@code variable}
     * @param layoutNames the layout's names, in order
     * @param modelNames the metadata's names, in order; empty when the metadata names none (nothing to compare)
     * @param layout the layout, for the message
     * @return {@code null} when they agree or the model names none, else the problem, one line: the input, the first
     *     differing position (0-based) and both names
     */
    static String namesDiffer(String input, String noun, List<String> layoutNames, List<String> modelNames,
                              Layout layout) {
        int i = LayoutInputs.firstDifference(layoutNames, modelNames);
        if (modelNames.isEmpty() || i < 0) {
            return null;
        }
        return "input '" + input + "': " + noun + " " + i + " is " + quoted(layoutNames, i) + " in the layout "
            + layoutName(layout) + ", the model reads " + quoted(modelNames, i) + " (the model's '"
            + OnnxNames.INPUTS + "' metadata; the layout must name the same " + noun + "s in the same order)";
    }

    private static String quoted(List<String> names, int i) {
        return i < names.size() ? "'" + names.get(i) + "'" : "nothing";
    }

    /** The output named probabilities, else the only output. */
    private static String output(Path file, Map<String, NodeInfo> outputs) throws OnnxModelException {
        if (outputs.containsKey(OnnxNames.PROBABILITIES)) {
            return OnnxNames.PROBABILITIES;
        }
        if (outputs.size() == 1) {
            return outputs.keySet().iterator().next();
        }
        throw new OnnxModelException(file, "the model has " + outputs.size() + " outputs (" + describe(outputs)
            + ") and none is named '" + OnnxNames.PROBABILITIES + "'");
    }

    /** The tensor's shape (-1 for dynamic dimensions) when it is a float32 tensor, else {@code null}. */
    private static long[] shape(ValueInfo info) {
        if (!(info instanceof TensorInfo) || ((TensorInfo) info).type != OnnxJavaType.FLOAT) {
            return null;
        }
        return ((TensorInfo) info).getShape();
    }

    /**
     * Same rank, and every fixed dimension of the model equal to btag's where btag fixes it (btag's -1 accepts any
     * size: the batch, and the object slots of a collection whose layout does not fix them, an HDF5 dataset's for
     * example, which are checked against each file when it is read).
     */
    private static boolean fits(long[] shape, long[] expected) {
        if (shape.length != expected.length) {
            return false;
        }
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] > 0 && expected[i] >= 0 && shape[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        List<String> parts = new ArrayList<>();
        for (NodeInfo n : nodes.values()) {
            ValueInfo info = n.getInfo();
            parts.add(n.getName() + " " + (info instanceof TensorInfo
                ? typeName((TensorInfo) info) + " " + dims(((TensorInfo) info).getShape())
                : info.getClass().getSimpleName()));
        }
        return String.join(", ", parts);
    }

    private static String typeName(TensorInfo info) {
        return info.type == OnnxJavaType.FLOAT ? "float32" : info.type.name().toLowerCase(Locale.ROOT);
    }

    /** A shape as {@code (N, 10, 21)}: a dynamic first dimension is N, any other dynamic one {@code ?}. */
    private static String dims(long[] shape) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            parts.add(shape[i] >= 0 ? Long.toString(shape[i]) : i == 0 ? "N" : "?");
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
