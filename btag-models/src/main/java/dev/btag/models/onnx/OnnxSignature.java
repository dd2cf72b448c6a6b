package dev.btag.models.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.TrainingClass;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a model's inputs and output meet btag's: which features it reads, whether it reads the tracks, which output
 * holds the classes, and a fixed batch size if the model has one. Built by {@link #match}, which refuses a model that
 * cannot be fed with a message listing both sides.
 *
 * @param featureNames the features, in order
 * @param readsTracks whether the model has a tracks input
 * @param output the name of the output that holds the class scores
 * @param classes the number of classes
 * @param fixedBatch the model's fixed batch size, or 0 when it is dynamic
 */
record OnnxSignature(List<String> featureNames, boolean readsTracks, String output, int classes, int fixedBatch) {

    /**
     * Matches a session's inputs and outputs to btag's.
     *
     * @param file the model file, for messages
     * @param session the session
     * @param metadata the model's custom metadata
     * @return the signature
     * @throws OnnxModelException if an input cannot be fed or no output can be chosen
     * @throws OrtException if ONNX Runtime cannot describe the model
     */
    static OnnxSignature match(Path file, OrtSession session, Map<String, String> metadata)
            throws OnnxModelException, OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        List<String> features = featureNames(file, metadata);
        long[] featureShape = {-1, features.size()};
        long[] trackShape = {-1, JetArray.SEEDING_TRACKS.capacity(), JetArray.SEEDING_TRACKS.variableCount()};
        String provided = OnnxNames.FEATURES + " float32 " + dims(featureShape) + ", " + OnnxNames.TRACKS
            + " float32 " + dims(trackShape);
        long batch = -1;
        for (NodeInfo input : inputs.values()) {
            long[] expected = OnnxNames.FEATURES.equals(input.getName()) ? featureShape
                : OnnxNames.TRACKS.equals(input.getName()) ? trackShape : null;
            long[] shape = shape(input.getInfo());
            if (expected == null || shape == null || !fits(shape, expected)) {
                throw new OnnxModelException(file, "the model's inputs do not match btag's: the model reads "
                    + describe(inputs) + "; btag provides " + provided + " (inputs are matched by name)");
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
        int classes = outShape[1] > 0 ? (int) outShape[1] : TrainingClass.COUNT;
        if (classes != TrainingClass.COUNT) {
            throw new OnnxModelException(file, "output '" + output + "' has " + classes + " classes; btag's"
                + " evaluation needs the tutorial's " + TrainingClass.COUNT + " (b, bb, leptonic b, c, uds, g)");
        }
        return new OnnxSignature(features, inputs.containsKey(OnnxNames.TRACKS), output, classes,
            (int) Math.max(0, batch));
    }

    /** The features named by the metadata, else the tutorial's. */
    private static List<String> featureNames(Path file, Map<String, String> metadata) throws OnnxModelException {
        try {
            Optional<List<String>> named = OnnxMetadata.variables(metadata, OnnxNames.FEATURES);
            return named.orElse(FeatureSet.TUTORIAL.columnNames());
        } catch (IllegalArgumentException e) {
            throw new OnnxModelException(file, e.getMessage(), e);
        }
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

    /** Same rank, and every fixed dimension of the model equal to btag's (btag's -1 accepts any batch). */
    private static boolean fits(long[] shape, long[] expected) {
        if (shape.length != expected.length) {
            return false;
        }
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] > 0 && shape[i] != expected[i]) {
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
