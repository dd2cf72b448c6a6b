package dev.btag.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.io.AtomicOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-epoch record of a training run, in epoch order. This class is immutable.
 *
 * <p>Written as CSV ({@code epoch,loss,val_loss,accuracy,val_accuracy,lr,seconds}, one row per epoch, Keras' names)
 * and as JSON (an object with one array per column, like Keras' {@code history.history}, plus {@code epoch} and
 * {@code seconds}). Missing validation values are written as {@code NaN} in CSV and {@code null} in JSON.
 */
public final class TrainingHistory {

    private static final String[] COLUMNS = {"epoch", "loss", "val_loss", "accuracy", "val_accuracy", "lr", "seconds"};

    private final List<EpochRecord> epochs;

    private TrainingHistory(List<EpochRecord> epochs) {
        this.epochs = List.copyOf(epochs);
    }

    /**
     * Returns a history without epochs.
     *
     * @return the empty history
     */
    public static TrainingHistory empty() {
        return new TrainingHistory(List.of());
    }

    /**
     * Returns a history of the given epochs.
     *
     * @param epochs the records; their epoch numbers must be 1, 2, 3, ... in order
     * @return the history
     * @throws IllegalArgumentException if the epoch numbers are not consecutive from 1
     */
    public static TrainingHistory of(List<EpochRecord> epochs) {
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).epoch() != i + 1) {
                throw new IllegalArgumentException("history epochs must be numbered 1, 2, ... in order; entry " + i
                    + " has epoch " + epochs.get(i).epoch());
            }
        }
        return new TrainingHistory(epochs);
    }

    /**
     * Returns this history with one more epoch.
     *
     * @param record the next epoch's record; its number must be {@code size() + 1}
     * @return a new history
     */
    public TrainingHistory plus(EpochRecord record) {
        List<EpochRecord> next = new ArrayList<>(epochs);
        next.add(record);
        return of(next);
    }

    /**
     * Returns the first {@code n} epochs.
     *
     * @param n how many epochs to keep, at most {@link #size()}
     * @return a new history
     */
    public TrainingHistory firstEpochs(int n) {
        return new TrainingHistory(epochs.subList(0, n));
    }

    /**
     * Returns the records.
     *
     * @return an unmodifiable list in epoch order
     */
    public List<EpochRecord> epochs() {
        return epochs;
    }

    /**
     * Returns the number of epochs.
     *
     * @return the epoch count
     */
    public int size() {
        return epochs.size();
    }

    /**
     * Writes the history as CSV with a header row.
     *
     * @param path the file to write (replaced if present)
     * @throws IOException if writing fails
     */
    public void writeCsv(Path path) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (EpochRecord r : epochs) {
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s%n", r.epoch(), r.loss(), r.valLoss(),
                r.accuracy(), r.valAccuracy(), r.learningRate(), r.seconds()));
        }
        AtomicOutput.writeString(path, csv);
    }

    /**
     * Writes the history as JSON ({@link #toJson()}).
     *
     * @param path the file to write (replaced if present)
     * @throws IOException if writing fails
     */
    public void writeJson(Path path) throws IOException {
        AtomicOutput.writeString(path, toJson().toString());
    }

    /**
     * Returns the history as a JSON object with one array per column: {@code epoch, loss, val_loss, accuracy,
     * val_accuracy, lr, seconds}.
     *
     * @return a new JSON object
     */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray[] columns = new JsonArray[COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            columns[c] = new JsonArray();
            o.add(COLUMNS[c], columns[c]);
        }
        for (EpochRecord r : epochs) {
            columns[0].add(r.epoch());
            add(columns[1], r.loss());
            add(columns[2], r.valLoss());
            add(columns[3], r.accuracy());
            add(columns[4], r.valAccuracy());
            add(columns[5], r.learningRate());
            add(columns[6], r.seconds());
        }
        return o;
    }

    private static void add(JsonArray a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.add((JsonElement) null);
        }
    }

    /**
     * Reads a history written by {@link #toJson()}.
     *
     * @param o the JSON object
     * @return the history
     * @throws IllegalArgumentException if a column is missing or the columns differ in length
     */
    public static TrainingHistory fromJson(JsonObject o) {
        JsonArray[] columns = new JsonArray[COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            JsonElement e = o.get(COLUMNS[c]);
            if (e == null || !e.isJsonArray()) {
                throw new IllegalArgumentException("history column '" + COLUMNS[c] + "' is missing");
            }
            columns[c] = e.getAsJsonArray();
            if (columns[c].size() != columns[0].size()) {
                throw new IllegalArgumentException("history column '" + COLUMNS[c] + "' has " + columns[c].size()
                    + " entries, 'epoch' has " + columns[0].size());
            }
        }
        List<EpochRecord> records = new ArrayList<>();
        for (int i = 0; i < columns[0].size(); i++) {
            records.add(new EpochRecord(columns[0].get(i).getAsInt(), get(columns[1], i), get(columns[2], i),
                get(columns[3], i), get(columns[4], i), get(columns[5], i), get(columns[6], i)));
        }
        return of(records);
    }

    /**
     * Reads a JSON history file.
     *
     * @param path a file written by {@link #writeJson(Path)}
     * @return the history
     * @throws IOException if reading fails or the content is not a history; the message names the file
     */
    public static TrainingHistory readJson(Path path) throws IOException {
        try {
            return fromJson(JsonParser.parseString(Files.readString(path)).getAsJsonObject());
        } catch (RuntimeException e) {
            throw new IOException(path + ": not a btag training history: " + e.getMessage(), e);
        }
    }

    private static double get(JsonArray a, int i) {
        JsonElement e = a.get(i);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrainingHistory && ((TrainingHistory) other).epochs.equals(epochs);
    }

    @Override
    public int hashCode() {
        return epochs.hashCode();
    }

    @Override
    public String toString() {
        return "TrainingHistory" + epochs;
    }
}
