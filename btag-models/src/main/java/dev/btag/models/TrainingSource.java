package dev.btag.models;

import com.google.gson.JsonObject;
import java.util.Objects;

/**
 * What a tagger was trained on, as far as a saved tagger records it: the training file as it was named, its jet
 * count, and whether it is btag's synthetic sample (then everything made from the tagger, an ONNX export included,
 * says so). This record is immutable.
 *
 * @param file the training file as given to the training run (a path, possibly relative)
 * @param jets the number of jets in the file (training and validation rows together)
 * @param synthetic whether the file is btag's synthetic sample
 */
public record TrainingSource(String file, long jets, boolean synthetic) {

    /**
     * Validates.
     *
     * @param file the file component
     * @param jets the jets component
     * @param synthetic the synthetic component
     * @throws IllegalArgumentException if the jet count is negative
     */
    public TrainingSource {
        Objects.requireNonNull(file, "file");
        if (jets < 0) {
            throw new IllegalArgumentException("jet count must not be negative, got " + jets);
        }
    }

    /**
     * Serialises as JSON ({@code file}, {@code jets}, {@code synthetic}).
     *
     * @return a new JSON object
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("file", file);
        o.addProperty("jets", jets);
        o.addProperty("synthetic", synthetic);
        return o;
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @param o the JSON object
     * @return the source
     * @throws IllegalArgumentException if a field is missing
     */
    public static TrainingSource fromJson(JsonObject o) {
        for (String field : new String[] {"file", "jets", "synthetic"}) {
            if (!o.has(field)) {
                throw new IllegalArgumentException("training source field '" + field + "' is missing");
            }
        }
        return new TrainingSource(o.get("file").getAsString(), o.get("jets").getAsLong(),
            o.get("synthetic").getAsBoolean());
    }
}
