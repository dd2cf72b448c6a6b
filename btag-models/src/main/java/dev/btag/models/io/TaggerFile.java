package dev.btag.models.io;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.models.InputSpec;
import dev.btag.models.LayoutInputs;
import dev.btag.models.ParameterCount;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.TrainingHistory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The saved-tagger format: one zip file (extension {@code .btag} by convention) that describes itself.
 *
 * <p>Entries:
 * <ul>
 *   <li>{@value #METADATA_ENTRY}: JSON with {@code format} ({@value #FORMAT}), {@code formatVersion}
 *       ({@value #FORMAT_VERSION}), {@code btagVersion}, {@code engine}, {@code tagger} (the {@link TaggerSpec}),
 *       {@code inputs} (the {@link InputSpec}: feature names, standardisation constants, track shape),
 *       {@code parameters} (total, trainable and Keras-style counts) and {@code history} (per-epoch loss,
 *       val_loss, accuracy, val_accuracy, lr, seconds).</li>
 *   <li>{@value #PARAMETERS_ENTRY}: the block's parameters in DJL's own encoding
 *       ({@code Block.saveParameters}).</li>
 *   <li>any further entries a caller adds (a training checkpoint adds its optimiser and trainer state).</li>
 * </ul>
 * Writing is atomic: the file is written and flushed to disk under a temporary name in the same directory, then
 * renamed over the target with {@code ATOMIC_MOVE}, so a crash leaves either the old file or the new one, never a
 * partial one. Loading checks the format name and version, rebuilds the block from the specification, and loads the
 * parameters; any mismatch is a {@link TaggerFormatException} naming the file.
 */
public final class TaggerFile {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "btag-tagger";
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The metadata entry's name. */
    public static final String METADATA_ENTRY = "btag-model.json";
    /** The parameters entry's name. */
    public static final String PARAMETERS_ENTRY = "parameters.djl";

    private TaggerFile() {
    }

    /**
     * Saves a tagger atomically.
     *
     * @param tagger an initialised tagger
     * @param path the file to write (replaced if present); its directory must exist
     * @throws IOException if writing fails
     */
    public static void save(Tagger tagger, Path path) throws IOException {
        save(tagger, path, Map.of());
    }

    /**
     * Saves a tagger atomically with extra entries (for example a training checkpoint's optimiser state).
     *
     * @param tagger an initialised tagger
     * @param path the file to write (replaced if present); its directory must exist
     * @param extras entry name to content; names must differ from the two standard entries
     * @throws IOException if writing fails
     */
    public static void save(Tagger tagger, Path path, Map<String, byte[]> extras) throws IOException {
        ByteArrayOutputStream parameters = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(parameters)) {
            tagger.block().saveParameters(out);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(METADATA_ENTRY, new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create().toJson(metadata(tagger)).getBytes(StandardCharsets.UTF_8));
        entries.put(PARAMETERS_ENTRY, parameters.toByteArray());
        tagger.layoutInputs().ifPresent(l -> entries.putAll(l.toEntries()));
        for (Map.Entry<String, byte[]> e : extras.entrySet()) {
            if (entries.containsKey(e.getKey())) {
                throw new IllegalArgumentException("extra entry '" + e.getKey() + "' would replace a standard entry");
            }
            entries.put(e.getKey(), e.getValue());
        }
        writeAtomically(path, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setTime(0L);
                    zip.putNextEntry(entry);
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
        });
    }

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream; implementations may close it
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file atomically: to a temporary file in the same directory, forced to disk, then renamed over the
     * target with {@code ATOMIC_MOVE} (falling back to a plain replacing move only where the file system cannot
     * rename atomically).
     *
     * @param path the target file
     * @param content what to write
     * @throws IOException if writing or renaming fails; the temporary file is removed
     */
    public static void writeAtomically(Path path, Content content) throws IOException {
        Path target = path.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Loads a tagger onto the engine's default device.
     *
     * @param path a file written by {@link #save}
     * @return the tagger; close it when done
     * @throws IOException if the file cannot be read or is not a valid saved tagger; the message names the file
     */
    public static Tagger load(Path path) throws IOException {
        return load(path, null);
    }

    /**
     * Loads a tagger onto a device.
     *
     * @param path a file written by {@link #save}
     * @param device the device for the parameters, or {@code null} for the engine's default
     * @return the tagger; close it when done
     * @throws IOException if the file cannot be read or is not a valid saved tagger; the message names the file
     */
    public static Tagger load(Path path, Device device) throws IOException {
        Map<String, byte[]> entries = readEntries(path);
        JsonObject meta = metadata(path, entries);
        TaggerSpec spec;
        InputSpec inputs;
        TrainingHistory history;
        Optional<LayoutInputs> layout;
        try {
            spec = TaggerSpec.fromJson(meta.getAsJsonObject("tagger"));
            inputs = InputSpec.fromJson(meta.getAsJsonObject("inputs"));
            history = TrainingHistory.fromJson(meta.getAsJsonObject("history"));
            inputs.checkMatches(spec);
            layout = LayoutInputs.fromEntries(entries, path.toString());
        } catch (RuntimeException e) {
            throw new TaggerFormatException(path, "invalid metadata: " + e.getMessage(), e);
        }
        byte[] parameters = entries.get(PARAMETERS_ENTRY);
        if (parameters == null) {
            throw new TaggerFormatException(path, "entry '" + PARAMETERS_ENTRY + "' is missing");
        }
        Model model = Model.newInstance("btag-" + spec.architecture().cliName(), device, "PyTorch");
        try {
            model.setBlock(spec.newBlock());
            model.setDataType(DataType.FLOAT32);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
                model.getBlock().loadParameters(model.getNDManager(), in);
            }
            Tagger tagger = Tagger.wrap(model, spec, inputs, history);
            layout.ifPresent(tagger::attachLayout);
            long expected = meta.getAsJsonObject("parameters").get("total").getAsLong();
            long actual = tagger.parameterCount().total();
            if (expected != actual) {
                throw new MalformedModelException("metadata counts " + expected + " parameters, the block holds "
                    + actual);
            }
            return tagger;
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new TaggerFormatException(path, "parameters do not fit the " + spec.architecture().cliName()
                + " tagger described in its metadata: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the metadata of a saved tagger without loading its parameters (no engine needed).
     *
     * @param path a saved tagger
     * @return the metadata JSON object (see the class description)
     * @throws IOException if the file cannot be read or is not a saved tagger
     */
    public static JsonObject readMetadata(Path path) throws IOException {
        return metadata(path, readEntries(path));
    }

    /**
     * Reads one entry of a saved tagger.
     *
     * @param path a saved tagger
     * @param name the entry name
     * @return its content
     * @throws IOException if the file cannot be read or has no such entry (a {@link TaggerFormatException} naming
     *     the entry)
     */
    public static byte[] readEntry(Path path, String name) throws IOException {
        byte[] content = readEntries(path).get(name);
        if (content == null) {
            throw new TaggerFormatException(path, "entry '" + name + "' is missing");
        }
        return content;
    }

    /**
     * Returns the btag version this library was built as (from its jar's resources).
     *
     * @return for example {@code 0.1.0-SNAPSHOT}, or {@code unknown}
     */
    public static String btagVersion() {
        Properties p = new Properties();
        try (InputStream in = TaggerFile.class.getResourceAsStream("/dev/btag/models/btag-models.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    private static JsonObject metadata(Tagger tagger) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("formatVersion", FORMAT_VERSION);
        o.addProperty("btagVersion", btagVersion());
        o.addProperty("engine", tagger.model().getNDManager().getEngine().getEngineName() + " "
            + tagger.model().getNDManager().getEngine().getVersion());
        o.add("tagger", tagger.spec().toJson());
        o.add("inputs", tagger.inputs().toJson());
        ParameterCount count = tagger.parameterCount();
        JsonObject parameters = new JsonObject();
        parameters.addProperty("total", count.total());
        parameters.addProperty("trainable", count.trainable());
        parameters.addProperty("keras", tagger.spec().kerasParameterCount());
        o.add("parameters", parameters);
        o.add("history", tagger.history().toJson());
        return o;
    }

    private static JsonObject metadata(Path path, Map<String, byte[]> entries) throws IOException {
        byte[] json = entries.get(METADATA_ENTRY);
        if (json == null) {
            throw new TaggerFormatException(path, "not a saved btag tagger: entry '" + METADATA_ENTRY
                + "' is missing (entries: " + entries.keySet() + ")");
        }
        JsonObject meta;
        try {
            meta = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new TaggerFormatException(path, "entry '" + METADATA_ENTRY + "' is not JSON: " + e.getMessage(), e);
        }
        String format = meta.has("format") ? meta.get("format").getAsString() : null;
        if (!FORMAT.equals(format)) {
            throw new TaggerFormatException(path, "format is '" + format + "', expected '" + FORMAT + "'");
        }
        int version = meta.has("formatVersion") ? meta.get("formatVersion").getAsInt() : -1;
        if (version != FORMAT_VERSION) {
            throw new TaggerFormatException(path, "format version " + version + " is not supported (this btag "
                + btagVersion() + " reads version " + FORMAT_VERSION + ")");
        }
        for (String field : new String[] {"tagger", "inputs", "history", "parameters"}) {
            if (!meta.has(field) || !meta.get(field).isJsonObject()) {
                throw new TaggerFormatException(path, "metadata field '" + field + "' is missing");
            }
        }
        return meta;
    }

    private static Map<String, byte[]> readEntries(Path path) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(path))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "saved tagger not found");
        } catch (IOException e) {
            throw new TaggerFormatException(path, "not a readable saved tagger (zip): " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new TaggerFormatException(path, "not a saved btag tagger (no zip entries)");
        }
        return entries;
    }
}
