package dev.btag.models.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.btag.models.Architecture;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the metadata of a saved tagger field by field, before anything is built from it, so that a tampered or
 * damaged file gives a {@link TaggerFormatException} naming the file and the field ({@code metadata field
 * 'tagger.trackCount' must be an integer from 1 to 65536, got -600}) rather than whatever a parser or an engine
 * happens to throw, and so that no size in it can make btag allocate more than a tagger of that size needs.
 *
 * <p>The bounds are far above any tagger of the tutorial's kind (the largest has about 100,000 parameters) and below
 * anything that overflows: every count, width and unit number at most {@value #MAX_SIZE}, at most
 * {@value #MAX_LAYERS} layers, at most {@value #MAX_EPOCHS} epochs of history.
 */
final class MetadataCheck {

    /** Largest feature count, track shape, layer width, unit or class count. */
    static final int MAX_SIZE = 1 << 16;
    /** Most convolution or dense layers. */
    static final int MAX_LAYERS = 64;
    /** Most epochs of training history. */
    static final int MAX_EPOCHS = 1 << 20;

    /** Longest number text read: a JSON number of millions of digits would take BigDecimal minutes to parse. */
    private static final int MAX_NUMBER_CHARACTERS = 64;

    private static final String[] HISTORY_COLUMNS = {"epoch", "loss", "val_loss", "accuracy", "val_accuracy", "lr",
        "seconds"};

    private final Path file;

    /**
     * Creates a checker for one file.
     *
     * @param file the file, for messages
     */
    MetadataCheck(Path file) {
        this.file = file;
    }

    /**
     * Checks the format name and version, then every field this btag reads.
     *
     * @param meta the parsed metadata
     * @param formatVersion the version this btag reads
     * @param btagVersion this btag's version, for the message
     * @throws TaggerFormatException naming the first field that is missing, of the wrong type or out of range
     */
    void check(JsonObject meta, int formatVersion, String btagVersion) throws TaggerFormatException {
        JsonElement format = meta.get("format");
        if (format == null || !format.isJsonPrimitive() || !TaggerFile.FORMAT.equals(format.getAsString())) {
            throw new TaggerFormatException(file, "format is " + (format == null ? "missing" : format)
                + ", expected '" + TaggerFile.FORMAT + "'");
        }
        long version = integer(meta, "formatVersion", "formatVersion", Long.MIN_VALUE, Long.MAX_VALUE);
        if (version != formatVersion) {
            throw new TaggerFormatException(file, "format version " + version + " is not supported (this btag "
                + btagVersion + " reads version " + formatVersion + ")");
        }
        JsonObject tagger = object(meta, "tagger", "tagger");
        JsonObject inputs = object(meta, "inputs", "inputs");
        checkTagger(tagger);
        checkInputs(inputs);
        checkAgreement(tagger, inputs);
        checkHistory(object(meta, "history", "history"));
        JsonObject parameters = object(meta, "parameters", "parameters");
        for (String count : new String[] {"total", "trainable", "keras"}) {
            integer(parameters, count, "parameters." + count, 0, Long.MAX_VALUE);
        }
    }

    private void checkTagger(JsonObject tagger) throws TaggerFormatException {
        String architecture = string(tagger, "architecture", "tagger.architecture");
        Set<String> names = Arrays.stream(Architecture.values()).map(Architecture::cliName)
            .collect(Collectors.toSet());
        if (!names.contains(architecture)) {
            throw invalid("tagger.architecture", "must be one of " + names + ", got '" + architecture + "'");
        }
        for (String size : new String[] {"featureCount", "trackCount", "trackVariables", "recurrentUnits"}) {
            integer(tagger, size, "tagger." + size, 1, MAX_SIZE);
        }
        integer(tagger, "classes", "tagger.classes", 2, MAX_SIZE);
        sizes(tagger, "convFilters", 1);
        sizes(tagger, "headWidths", 0);
        double dropout = number(tagger, "dropout", "tagger.dropout");
        if (!(dropout >= 0 && dropout < 1)) {
            throw invalid("tagger.dropout", "must be in [0, 1), got " + dropout);
        }
        string(tagger, "weightInit", "tagger.weightInit");
    }

    private void sizes(JsonObject tagger, String name, int minimumLength) throws TaggerFormatException {
        String field = "tagger." + name;
        JsonArray array = array(tagger, name, field, minimumLength, MAX_LAYERS);
        for (int i = 0; i < array.size(); i++) {
            integer(array.get(i), field + "[" + i + "]", 1, MAX_SIZE);
        }
    }

    private void checkInputs(JsonObject inputs) throws TaggerFormatException {
        JsonArray names = array(inputs, "featureNames", "inputs.featureNames", 1, MAX_SIZE);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            JsonElement name = names.get(i);
            String field = "inputs.featureNames[" + i + "]";
            if (!name.isJsonPrimitive() || !name.getAsJsonPrimitive().isString()) {
                throw invalid(field, "must be a string, got " + name);
            }
            if (!seen.add(name.getAsString())) {
                throw invalid(field, "repeats the feature name '" + name.getAsString() + "'");
            }
        }
        for (String constants : new String[] {"means", "scales"}) {
            String field = "inputs." + constants;
            JsonArray values = array(inputs, constants, field, 0, MAX_SIZE);
            if (values.size() != 0 && values.size() != names.size()) {
                throw invalid(field, "must hold one value per feature (" + names.size() + ") or none, got "
                    + values.size());
            }
            for (int i = 0; i < values.size(); i++) {
                double v = number(values.get(i), field + "[" + i + "]");
                if (!Double.isFinite(v) || constants.equals("scales") && !(v > 0)) {
                    throw invalid(field + "[" + i + "]", "must be " + (constants.equals("scales") ? "positive and "
                        : "") + "finite, got " + v);
                }
            }
        }
        integer(inputs, "trackCount", "inputs.trackCount", 1, MAX_SIZE);
        integer(inputs, "trackVariables", "inputs.trackVariables", 1, MAX_SIZE);
    }

    /** The tagger must read what the inputs describe: as many features, and the same track shape if it reads any. */
    private void checkAgreement(JsonObject tagger, JsonObject inputs) throws TaggerFormatException {
        int features = inputs.getAsJsonArray("featureNames").size();
        long featureCount = tagger.get("featureCount").getAsLong();
        if (featureCount != features) {
            throw new TaggerFormatException(file, "metadata fields 'tagger.featureCount' (" + featureCount
                + ") and 'inputs.featureNames' (" + features + " names) disagree");
        }
        if (Architecture.fromCliName(tagger.get("architecture").getAsString()).usesTracks()) {
            for (String shape : new String[] {"trackCount", "trackVariables"}) {
                long a = tagger.get(shape).getAsLong();
                long b = inputs.get(shape).getAsLong();
                if (a != b) {
                    throw new TaggerFormatException(file, "metadata fields 'tagger." + shape + "' (" + a
                        + ") and 'inputs." + shape + "' (" + b + ") disagree");
                }
            }
        }
    }

    private void checkHistory(JsonObject history) throws TaggerFormatException {
        int epochs = -1;
        for (String column : HISTORY_COLUMNS) {
            String field = "history." + column;
            JsonArray values = array(history, column, field, 0, MAX_EPOCHS);
            if (epochs >= 0 && values.size() != epochs) {
                throw invalid(field, "has " + values.size() + " entries, 'history.epoch' has " + epochs);
            }
            epochs = values.size();
            for (int i = 0; i < values.size(); i++) {
                if (column.equals("epoch")) {
                    long epoch = integer(values.get(i), field + "[" + i + "]", 1, MAX_EPOCHS);
                    if (epoch != i + 1) {
                        throw invalid(field + "[" + i + "]", "must be " + (i + 1) + " (epochs are numbered 1, 2, "
                            + "...), got " + epoch);
                    }
                } else if (column.equals("lr") || column.equals("seconds")) {
                    double v = number(values.get(i), field + "[" + i + "]");
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw invalid(field + "[" + i + "]", "must be a non-negative number, got " + v);
                    }
                } else if (!values.get(i).isJsonNull()) {
                    number(values.get(i), field + "[" + i + "]");
                }
            }
        }
    }

    private JsonObject object(JsonObject parent, String name, String field) throws TaggerFormatException {
        JsonElement e = parent.get(name);
        if (e == null || e.isJsonNull()) {
            throw new TaggerFormatException(file, "metadata field '" + field + "' is missing");
        }
        if (!e.isJsonObject()) {
            throw invalid(field, "must be an object, got " + abbreviate(e));
        }
        return e.getAsJsonObject();
    }

    private JsonArray array(JsonObject parent, String name, String field, int minimum, int maximum)
        throws TaggerFormatException {
        JsonElement e = present(parent, name, field);
        if (!e.isJsonArray()) {
            throw invalid(field, "must be an array, got " + abbreviate(e));
        }
        JsonArray array = e.getAsJsonArray();
        if (array.size() < minimum || array.size() > maximum) {
            throw invalid(field, "must hold " + minimum + " to " + maximum + " values, got " + array.size());
        }
        return array;
    }

    private String string(JsonObject parent, String name, String field) throws TaggerFormatException {
        JsonElement e = present(parent, name, field);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw invalid(field, "must be a string, got " + abbreviate(e));
        }
        return e.getAsString();
    }

    private long integer(JsonObject parent, String name, String field, long minimum, long maximum)
        throws TaggerFormatException {
        return integer(present(parent, name, field), field, minimum, maximum);
    }

    private long integer(JsonElement e, String field, long minimum, long maximum) throws TaggerFormatException {
        String range = "an integer from " + minimum + " to " + maximum;
        if (minimum == Long.MIN_VALUE) {
            range = "an integer";
        } else if (maximum == Long.MAX_VALUE) {
            range = "an integer of at least " + minimum;
        }
        if (!isNumber(e)) {
            throw invalid(field, "must be " + range + ", got " + abbreviate(e));
        }
        long value;
        try {
            value = new BigDecimal(e.getAsString()).longValueExact();
        } catch (NumberFormatException | ArithmeticException x) {
            throw invalid(field, "must be " + range + ", got " + abbreviate(e));
        }
        if (value < minimum || value > maximum) {
            throw invalid(field, "must be " + range + ", got " + value);
        }
        return value;
    }

    private double number(JsonObject parent, String name, String field) throws TaggerFormatException {
        return number(present(parent, name, field), field);
    }

    private double number(JsonElement e, String field) throws TaggerFormatException {
        if (!isNumber(e)) {
            throw invalid(field, "must be a number, got " + abbreviate(e));
        }
        try {
            return Double.parseDouble(e.getAsString());
        } catch (NumberFormatException x) {
            throw invalid(field, "must be a number, got " + abbreviate(e));
        }
    }

    private static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()
            && e.getAsString().length() <= MAX_NUMBER_CHARACTERS;
    }

    private JsonElement present(JsonObject parent, String name, String field) throws TaggerFormatException {
        JsonElement e = parent.get(name);
        if (e == null || e.isJsonNull()) {
            throw new TaggerFormatException(file, "metadata field '" + field + "' is missing");
        }
        return e;
    }

    private TaggerFormatException invalid(String field, String problem) {
        return new TaggerFormatException(file, "metadata field '" + field + "' " + problem);
    }

    private static String abbreviate(JsonElement e) {
        String text = e.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
