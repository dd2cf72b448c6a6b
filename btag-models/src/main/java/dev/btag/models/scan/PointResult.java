package dev.btag.models.scan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.btag.models.evaluate.EvaluationJson;
import java.time.Instant;
import java.util.Objects;

/**
 * What one trained point of a {@link ModelScan} measured; the content of its {@code points/POINT.json}. This record
 * is immutable.
 *
 * @param point the depth, width and seed
 * @param parameters the trained block's parameter count (as PyTorch counts them: see
 *     {@link dev.btag.models.ParameterCount})
 * @param kerasParameters the count as Keras reports it ({@link dev.btag.models.TaggerSpec#kerasParameterCount()})
 * @param bestValidationLoss the lowest validation loss of the training (the monitored loss; NaN when no epoch had a
 *     finite one)
 * @param bestEpoch the epoch of that loss (1-based; 0 when none)
 * @param epochs the epochs that ran (early stopping may end before the maximum)
 * @param auc the area under the ROC curve of the scan's comparison (b vs light+gluon by default) on the test sample
 * @param aucError DeLong's standard error of that AUC
 * @param trainingSeconds wall-clock seconds of the training run (reading the files, training, writing its outputs),
 *     evaluation excluded
 * @param synthetic whether the training files are btag's synthetic sample
 * @param finishedAt when the point was finished (written)
 */
public record PointResult(ScanPoint point, long parameters, long kerasParameters, double bestValidationLoss,
        int bestEpoch, int epochs, double auc, double aucError, double trainingSeconds, boolean synthetic,
        Instant finishedAt) {

    /**
     * Checks for missing values.
     *
     * @param point the point
     * @param parameters the parameter count
     * @param kerasParameters the Keras count
     * @param bestValidationLoss the best validation loss
     * @param bestEpoch its epoch
     * @param epochs the epochs run
     * @param auc the AUC
     * @param aucError its error
     * @param trainingSeconds the training time
     * @param synthetic whether synthetic
     * @param finishedAt when finished
     * @throws NullPointerException if the point or time is missing
     */
    public PointResult {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /**
     * The JSON object of this point: {@code depth}, {@code width}, {@code seed}, {@code parameters},
     * {@code kerasParameters}, {@code bestValidationLoss}, {@code bestEpoch}, {@code epochs}, {@code auc},
     * {@code aucError}, {@code trainingSeconds}, {@code synthetic}, {@code finishedAt} (ISO-8601); a number that is
     * not finite is {@code null}.
     *
     * @return a new JSON object
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("depth", point.depth());
        o.addProperty("width", point.width());
        o.addProperty("seed", point.seed());
        o.addProperty("parameters", parameters);
        o.addProperty("kerasParameters", kerasParameters);
        o.add("bestValidationLoss", EvaluationJson.number(bestValidationLoss));
        o.addProperty("bestEpoch", bestEpoch);
        o.addProperty("epochs", epochs);
        o.add("auc", EvaluationJson.number(auc));
        o.add("aucError", EvaluationJson.number(aucError));
        o.add("trainingSeconds", EvaluationJson.number(trainingSeconds));
        o.addProperty("synthetic", synthetic);
        o.addProperty("finishedAt", finishedAt.toString());
        return o;
    }

    /**
     * Reads a point written by {@link #toJson()}.
     *
     * @param o the object
     * @param source the file it came from, for the messages
     * @return the point's result
     * @throws IllegalArgumentException if a field is missing or malformed (the message names the source and field)
     */
    public static PointResult fromJson(JsonObject o, String source) {
        try {
            return new PointResult(new ScanPoint(field(o, "depth", source).getAsInt(),
                field(o, "width", source).getAsInt(), field(o, "seed", source).getAsLong()),
                field(o, "parameters", source).getAsLong(), field(o, "kerasParameters", source).getAsLong(),
                number(o, "bestValidationLoss", source), field(o, "bestEpoch", source).getAsInt(),
                field(o, "epochs", source).getAsInt(), number(o, "auc", source), number(o, "aucError", source),
                number(o, "trainingSeconds", source), field(o, "synthetic", source).getAsBoolean(),
                Instant.parse(field(o, "finishedAt", source).getAsString()));
        } catch (IllegalStateException | UnsupportedOperationException | NumberFormatException
                 | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(source + ": malformed scan point: " + e.getMessage(), e);
        }
    }

    private static JsonElement field(JsonObject o, String name, String source) {
        JsonElement e = o.get(name);
        if (e == null) {
            throw new IllegalArgumentException(source + ": scan point field '" + name + "' is missing");
        }
        if (e.isJsonNull()) {
            throw new IllegalArgumentException(source + ": scan point field '" + name + "' is null");
        }
        return e;
    }

    private static double number(JsonObject o, String name, String source) {
        JsonElement e = o.get(name);
        if (e == null) {
            throw new IllegalArgumentException(source + ": scan point field '" + name + "' is missing");
        }
        return e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
