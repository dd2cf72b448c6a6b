package dev.btag.models.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.btag.models.Tagger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile model files: byte-level mutations of a saved tiny tagger (flipped bytes, truncations, zip size fields
 * set to extreme values, copied ranges) and metadata mutations re-zipped with valid CRC-32s (a field replaced by a
 * hostile value, deleted, or an array element duplicated). Every case must load or fail with an
 * {@link IOException} (a {@link TaggerFormatException} for damaged content) whose message names the file and the
 * field or entry at fault, without a raw low-level message ({@code Index 300 out of bounds}, {@code For input
 * string}): never another exception, an {@code OutOfMemoryError}, or a hang (each case gets 20 seconds). Prints its
 * case count.
 */
class TaggerFileFuzzTest {

    private static final int BYTE_CASES = 1000;
    private static final int METADATA_CASES = 600;
    private static final JsonElement[] HOSTILE = {
        new JsonPrimitive(-600), new JsonPrimitive(300), new JsonPrimitive(0), new JsonPrimitive(-1),
        new JsonPrimitive(2147483648L), new JsonPrimitive(Long.MAX_VALUE), new JsonPrimitive(1e308),
        new JsonPrimitive(-1e308), new JsonPrimitive(1.5), new JsonPrimitive("abc"), new JsonPrimitive("NaN"),
        new JsonPrimitive(true), JsonNull.INSTANCE, new JsonArray(), new JsonObject(), new JsonPrimitive(65536),
        new JsonPrimitive(65537), JsonParser.parseString("[1e9]"), JsonParser.parseString("[60000, 60000]"),
        JsonParser.parseString("1e999999"), new JsonPrimitive("dnn"), new JsonPrimitive("lstm"),
    };

    private static Tagger tagger;
    private static byte[] base;
    private static JsonObject meta;
    private static byte[] parameters;
    private static ExecutorService executor;
    private static final int[] OUTCOMES = new int[2];

    @TempDir
    static Path dir;

    @BeforeAll
    static void saveATinyModel() throws IOException {
        tagger = TaggerFiles.tinyDnn();
        Path saved = dir.resolve("saved.btag");
        TaggerFile.save(tagger, saved);
        meta = TaggerFiles.metadata(saved);
        TaggerFiles.addHistory(meta);
        parameters = TaggerFile.readEntry(saved, TaggerFile.PARAMETERS_ENTRY);
        base = Files.readAllBytes(TaggerFiles.zip(dir.resolve("base.btag"), meta,
            Map.of(TaggerFile.PARAMETERS_ENTRY, parameters)));
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "model-fuzz");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterAll
    static void report() {
        executor.shutdownNow();
        tagger.close();
        System.out.println("model fuzz: " + (OUTCOMES[0] + OUTCOMES[1]) + " cases (" + BYTE_CASES + " byte-level, "
            + METADATA_CASES + " metadata), " + OUTCOMES[0] + " loaded, " + OUTCOMES[1] + " refused naming the file, "
            + "0 other exceptions or hangs");
    }

    @Test
    void mutatedBytesLoadOrFailNamingTheFile() throws Exception {
        Random random = new Random(22);
        Path file = dir.resolve("bytes.btag");
        for (int c = 0; c < BYTE_CASES; c++) {
            Files.write(file, mutate(base, random));
            check(file, "byte case " + c);
        }
    }

    @Test
    void mutatedMetadataLoadsOrFailsNamingTheFile() throws Exception {
        Random random = new Random(7);
        Path file = dir.resolve("metadata.btag");
        for (int c = 0; c < METADATA_CASES; c++) {
            JsonObject tampered = meta.deepCopy();
            String what = tamper(tampered, random);
            TaggerFiles.zip(file, tampered, Map.of(TaggerFile.PARAMETERS_ENTRY, parameters));
            check(file, "metadata case " + c + " (" + what + ")");
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, at);
            case 2 -> {
                long[] values = {0, 1, 0xffff, 0xffffffffL, 0x7fffffffL, -1, bytes.length, 1L << 31, 300L << 20};
                long v = values[random.nextInt(values.length)];
                for (int i = 0, width = 1 << random.nextInt(3); i < width && at + i < bytes.length; i++) {
                    bytes[at + i] = (byte) (v >>> (8 * i));
                }
            }
            default -> {
                int from = random.nextInt(bytes.length);
                int length = Math.min(1 + random.nextInt(64), Math.min(bytes.length - from, bytes.length - at));
                System.arraycopy(original, from, bytes, at, length);
            }
        }
        return bytes;
    }

    /** Tampers with one randomly chosen element of the metadata; returns a description. */
    private static String tamper(JsonObject tampered, Random random) {
        List<Object[]> slots = new ArrayList<>();
        collect(tampered, "", slots);
        Object[] slot = slots.get(random.nextInt(slots.size()));
        JsonElement parent = (JsonElement) slot[0];
        Object key = slot[1];
        int action = random.nextInt(10);
        JsonElement value = HOSTILE[random.nextInt(HOSTILE.length)];
        if (parent.isJsonObject()) {
            JsonObject object = parent.getAsJsonObject();
            if (action == 0) {
                object.remove((String) key);
                return "deleted " + slot[2];
            }
            object.add((String) key, value.deepCopy());
        } else {
            JsonArray array = parent.getAsJsonArray();
            int index = (Integer) key;
            if (action == 0) {
                array.add(array.get(index).deepCopy());
                return "duplicated " + slot[2];
            }
            array.set(index, value.deepCopy());
        }
        return slot[2] + " = " + value;
    }

    private static void collect(JsonElement element, String path, List<Object[]> slots) {
        if (element.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                slots.add(new Object[] {element, e.getKey(), child});
                collect(e.getValue(), child, slots);
            }
        } else if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Object[] {element, i, path + "[" + i + "]"});
                collect(array.get(i), path + "[" + i + "]", slots);
            }
        }
    }

    private static void check(Path file, String what) throws Exception {
        Future<Throwable> future = executor.submit(() -> {
            try (Tagger loaded = TaggerFile.load(file)) {
                assertEquals(meta.getAsJsonObject("tagger").get("architecture").getAsString().length() > 0, true);
                return loaded == null ? new AssertionError("null tagger") : null;
            } catch (Throwable t) {
                return t;
            }
        });
        Throwable failure;
        try {
            failure = future.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + ": loading hangs");
        } catch (ExecutionException e) {
            throw new AssertionError(what, e.getCause());
        }
        if (failure == null) {
            OUTCOMES[0]++;
            return;
        }
        if (!(failure instanceof IOException) || !String.valueOf(failure.getMessage()).startsWith(file.toString())) {
            throw new AssertionError(what + ": expected an IOException naming the file, got " + failure, failure);
        }
        OUTCOMES[1]++;
        String message = failure.getMessage();
        assertTrue(message.length() < 2000, what + ": a message of " + message.length() + " characters");
        assertTrue(NAMED.matcher(message).find(), what + ": the message names no field or entry: " + message);
        for (String raw : RAW) {
            assertTrue(!message.contains(raw), what + ": a raw low-level message: " + message);
        }
    }

    /** A quoted field or entry name, the format's name or version, or the zip layer's complaint about the file. */
    private static final Pattern NAMED =
        Pattern.compile("'[A-Za-z_][A-Za-z_.0-9\\[\\]-]*'|\\(zip\\)|no zip entries|format version|format is");
    /** Messages of JDK and library exceptions that must not reach the user unexplained. */
    private static final String[] RAW = {"out of bounds", "For input string", "Cannot invoke", "NullPointer",
        "ClassCast", "UnsupportedOperation", "Not a JSON", "cannot be cast", "IllegalState"};
}
