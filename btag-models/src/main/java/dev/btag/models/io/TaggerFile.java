package dev.btag.models.io;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.io.AtomicOutput;
import dev.btag.io.FileChecks;
import dev.btag.models.InputSpec;
import dev.btag.models.LayoutInputs;
import dev.btag.models.ParameterCount;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.TrainingHistory;
import dev.btag.models.TrainingSource;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
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
 *       val_loss, accuracy, val_accuracy, lr, seconds) and, when known, {@value #TRAINING_SOURCE} (the training
 *       file, its jet count and whether it is synthetic; files without it still load); optionally
 *       {@value #WEIGHTING_FIELD} (how the training jets were weighted: reweighting target, variables and edges,
 * cap, empty-bin policy, mode, class weights, base weights' source, class totals), absent for a tagger trained without
 * weights. Readers of format version 1
 *       that do not know the field ignore it.</li>
 *   <li>{@value #PARAMETERS_ENTRY}: the block's parameters in DJL's own encoding
 *       ({@code Block.saveParameters}).</li>
 *   <li>any further entries a caller adds (a training checkpoint adds its optimiser and trainer state).</li>
 * </ul>
 * Writing is atomic ({@link AtomicOutput}): the file is written and forced to disk under a temporary name in the same
 * directory, then renamed over the target, so a crash or a full disk leaves either the old file or the new one,
 * never a partial one and never a stray temporary file (short of {@code kill -9}); the new file has the mode of any
 * new file (0644 under the usual umask), and a symbolic link at the target is replaced, not followed.
 *
 * <p>Reading treats the file as untrusted. Only the entries asked for are inflated (an unknown entry, however
 * large, is never read); each may hold at most {@value #MAX_METADATA_BYTES} bytes (metadata) or
 * {@value #MAX_ENTRY_BYTES} bytes (any other entry), may not declare more than deflate can produce from its
 * compressed bytes (about 1032:1), must inflate to exactly its declared size and must match its CRC-32. The metadata
 * is checked field by field before anything is built from it, and the block it describes must fit the parameters
 * entry's size. Every problem is a {@link TaggerFormatException} naming the file, and the field or entry.
 */
public final class TaggerFile {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "btag-tagger";
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The metadata entry's name. */
    public static final String METADATA_ENTRY = "btag-model.json";
    /** The optional metadata field recording how the training jets were weighted (see {@link Tagger#weighting()}). */
    public static final String WEIGHTING_FIELD = "weighting";
    /** The parameters entry's name. */
    public static final String PARAMETERS_ENTRY = "parameters.djl";
    /** The optional metadata field that records the training file ({@link TrainingSource}). */
    public static final String TRAINING_SOURCE = "trainingSource";
    /** The most bytes the metadata entry may hold: 16 MiB. */
    public static final int MAX_METADATA_BYTES = 16 << 20;
    /** The most bytes any other entry read may hold: 256 MiB (64 million float32 parameters). */
    public static final int MAX_ENTRY_BYTES = 256 << 20;
    /** Deflate cannot expand data by more than this factor (RFC 1951: 258 bytes from a 2-bit code). */
    private static final long MAX_DEFLATE_RATIO = 1032;

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
     * @throws IOException if writing fails; the message names the file, and any previous file is left as it was
     */
    public static void save(Tagger tagger, Path path, Map<String, byte[]> extras) throws IOException {
        save(tagger, path, extras, UnaryOperator.identity());
    }

    /**
     * Saves through a wrapper of the file's stream: the seam that tests use to inject faults (a stream that fails
     * after N bytes, like a full disk).
     *
     * @param tagger an initialised tagger
     * @param path the file to write
     * @param extras extra entries
     * @param streams wraps the temporary file's stream
     * @throws IOException if writing fails
     */
    static void save(Tagger tagger, Path path, Map<String, byte[]> extras, UnaryOperator<OutputStream> streams)
        throws IOException {
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
        AtomicOutput.write(path, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(streams.apply(out)))) {
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
     * Writes a file atomically; the same as {@link AtomicOutput#write(Path, AtomicOutput.Content)}, which new code
     * should call directly.
     *
     * @param path the target file
     * @param content what to write
     * @throws IOException if writing or renaming fails (the message names the file); the temporary file is removed
     *     and any previous file left as it was
     */
    public static void writeAtomically(Path path, Content content) throws IOException {
        AtomicOutput.write(path, content::writeTo);
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
        Map<String, byte[]> entries = readEntries(path, List.of(METADATA_ENTRY, PARAMETERS_ENTRY,
            LayoutInputs.LAYOUT_ENTRY, LayoutInputs.INPUTS_ENTRY));
        JsonObject meta = metadata(path, entries);
        TaggerSpec spec;
        InputSpec inputs;
        TrainingHistory history;
        TrainingSource source;
        Optional<LayoutInputs> layout;
        try {
            spec = TaggerSpec.fromJson(meta.getAsJsonObject("tagger"));
            inputs = InputSpec.fromJson(meta.getAsJsonObject("inputs"));
            history = TrainingHistory.fromJson(meta.getAsJsonObject("history"));
            source = meta.has(TRAINING_SOURCE) ? TrainingSource.fromJson(meta.getAsJsonObject(TRAINING_SOURCE)) : null;
            inputs.checkMatches(spec);
            layout = LayoutInputs.fromEntries(entries, path.toString());
        } catch (RuntimeException e) {
            throw new TaggerFormatException(path, "invalid metadata: " + e.getMessage(), e);
        }
        byte[] parameters = entries.get(PARAMETERS_ENTRY);
        if (parameters == null) {
            throw new TaggerFormatException(path, "entry '" + PARAMETERS_ENTRY + "' is missing");
        }
        long floats = spec.kerasParameterCount();
        if (floats > parameters.length / Float.BYTES) {
            throw new TaggerFormatException(path, "metadata field 'tagger' describes a " + spec.architecture()
                .cliName() + " tagger of at least " + floats + " parameters, but entry '" + PARAMETERS_ENTRY
                + "' holds only " + parameters.length + " bytes");
        }
        Tagger tagger = build(path, device, meta, spec, inputs, history, parameters);
        try {
            if (source != null) {
                tagger.recordTrainingSource(source);
            }
            layout.ifPresent(tagger::attachLayout);
        } catch (RuntimeException e) {
            tagger.close();
            throw new TaggerFormatException(path, "invalid layout entries: " + e.getMessage(), e);
        }
        return tagger;
    }

    private static Tagger build(Path path, Device device, JsonObject meta, TaggerSpec spec, InputSpec inputs,
                                TrainingHistory history, byte[] parameters) throws TaggerFormatException {
        Model model = Model.newInstance("btag-" + spec.architecture().cliName(), device, "PyTorch");
        try {
            model.setBlock(spec.newBlock());
            model.setDataType(DataType.FLOAT32);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
                model.getBlock().loadParameters(model.getNDManager(), in);
            }
            Tagger tagger = Tagger.wrap(model, spec, inputs, history);
            if (meta.has(WEIGHTING_FIELD) && meta.get(WEIGHTING_FIELD).isJsonObject()) {
                tagger.recordWeighting(meta.getAsJsonObject(WEIGHTING_FIELD));
            }
            long expected = meta.getAsJsonObject("parameters").get("total").getAsLong();
            long actual = tagger.parameterCount().total();
            if (expected != actual) {
                throw new MalformedModelException("metadata field 'parameters.total' counts " + expected
                    + " parameters, the block holds " + actual);
            }
            return tagger;
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new TaggerFormatException(path, "entry '" + PARAMETERS_ENTRY + "' does not fit the "
                + spec.architecture().cliName() + " tagger described in its metadata: " + e.getMessage(), e);
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
        return metadata(path, readEntries(path, List.of(METADATA_ENTRY)));
    }

    /**
     * Reads one entry of a saved tagger.
     *
     * @param path a saved tagger
     * @param name the entry name
     * @return its content
     * @throws IOException if the file cannot be read or has no such entry (a {@link TaggerFormatException} naming
     *     the entry); the entry is bounded as the class description says
     */
    public static byte[] readEntry(Path path, String name) throws IOException {
        byte[] content = readEntries(path, List.of(name)).get(name);
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
        tagger.trainingSource().ifPresent(t -> o.add(TRAINING_SOURCE, t.toJson()));
        tagger.weighting().ifPresent(w -> o.add(WEIGHTING_FIELD, w));
        return o;
    }

    private static JsonObject metadata(Path path, Map<String, byte[]> entries) throws IOException {
        byte[] json = entries.get(METADATA_ENTRY);
        if (json == null) {
            throw new TaggerFormatException(path, "not a saved btag tagger: entry '" + METADATA_ENTRY
                + "' is missing");
        }
        JsonObject meta;
        try {
            meta = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new TaggerFormatException(path, "entry '" + METADATA_ENTRY + "' is not a JSON object: "
                + e.getMessage(), e);
        }
        new MetadataCheck(path).check(meta, FORMAT_VERSION, btagVersion());
        return meta;
    }

    /**
     * Reads some entries of a saved tagger, never inflating any other.
     *
     * @return the entries found, by name
     */
    private static Map<String, byte[]> readEntries(Path path, Collection<String> names) throws IOException {
        FileChecks.requireRegularFile(path, "a saved btag tagger");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            if (zip.size() == 0) {
                throw new TaggerFormatException(path, "not a saved btag tagger (no zip entries)");
            }
            for (String name : names) {
                ZipEntry entry = zip.getEntry(name);
                if (entry != null) {
                    entries.put(name, readEntry(path, zip, entry));
                }
            }
            if (!entries.containsKey(METADATA_ENTRY) && names.contains(METADATA_ENTRY)) {
                throw new TaggerFormatException(path, "not a saved btag tagger: entry '" + METADATA_ENTRY
                    + "' is missing (entries: " + entryNames(zip) + ")");
            }
        } catch (ZipException | EOFException e) {
            throw new TaggerFormatException(path, "not a readable saved tagger (zip): " + (e.getMessage() == null
                ? "a zip record lies beyond the end of the file" : e.getMessage()), e);
        } catch (TaggerFormatException | FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(path + ": cannot read the saved tagger: " + e.getMessage(), e);
        }
        return entries;
    }

    private static List<String> entryNames(ZipFile zip) {
        List<String> names = new ArrayList<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements() && names.size() < 10) {
            names.add(all.nextElement().getName());
        }
        if (all.hasMoreElements()) {
            names.add("...");
        }
        return names;
    }

    /** Reads one entry within its limit, its declared size, the deflate ratio and its CRC-32. */
    private static byte[] readEntry(Path path, ZipFile zip, ZipEntry entry) throws IOException {
        String name = entry.getName();
        int limit = METADATA_ENTRY.equals(name) ? MAX_METADATA_BYTES : MAX_ENTRY_BYTES;
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size < 0 || size > limit) {
            throw new TaggerFormatException(path, "entry '" + name + "' declares " + size + " bytes; the limit for "
                + "it is " + limit);
        }
        if (entry.getMethod() == ZipEntry.DEFLATED && compressed >= 0
            && size > MAX_DEFLATE_RATIO * (compressed + 1)) {
            throw new TaggerFormatException(path, "entry '" + name + "' declares " + size + " bytes, more than "
                + "deflate can produce from its " + compressed + " compressed bytes");
        }
        byte[] content = new byte[(int) size];
        try (InputStream in = zip.getInputStream(entry)) {
            int done = in.readNBytes(content, 0, content.length);
            if (done < content.length || in.read() >= 0) {
                throw new TaggerFormatException(path, "entry '" + name + "' holds " + (done < content.length
                    ? "only " + done : "more than " + size) + " bytes, not the " + size + " it declares");
            }
        } catch (ZipException | EOFException e) {
            throw new TaggerFormatException(path, "entry '" + name + "' is corrupt: " + e.getMessage(), e);
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        if (entry.getCrc() >= 0 && crc.getValue() != entry.getCrc()) {
            throw new TaggerFormatException(path, "entry '" + name + "' is corrupt: CRC-32 mismatch");
        }
        return content;
    }
}
