package dev.btag.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.models.Tagger;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Saving never leaves a partial model or a temporary file; reading bounds every entry it inflates, never inflates an
 * entry it does not need, and names the file and the field of tampered metadata.
 */
class TaggerFileRobustnessTest {

    private static Tagger tagger;
    private static Path base;
    private static JsonObject meta;
    private static byte[] parameters;

    @TempDir
    Path dir;

    @BeforeAll
    static void saveATinyModel(@TempDir Path shared) throws IOException {
        tagger = TaggerFiles.tinyDnn();
        base = shared.resolve("base.btag");
        TaggerFile.save(tagger, base);
        meta = TaggerFiles.metadata(base);
        TaggerFiles.addHistory(meta);
        parameters = TaggerFile.readEntry(base, TaggerFile.PARAMETERS_ENTRY);
    }

    @AfterAll
    static void close() {
        tagger.close();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void aFullDiskAtAnyByteLeavesThePreviousModelAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("model.btag");
        Files.writeString(target, "previous");
        long size = Files.size(base);
        int cases = 0;
        for (long b = 0; b < size; b += Math.max(1, size / 60)) {
            long budget = b;
            IOException e = assertThrows(IOException.class,
                () -> TaggerFile.save(tagger, target, Map.of(), FailingOutputStream.after(budget)));
            assertTrue(e.getMessage().startsWith(target.toString()) && e.getMessage().contains(
                FailingOutputStream.NO_SPACE), e.getMessage());
            assertEquals("previous", Files.readString(target), "budget " + budget);
            assertEquals(List.of(target), files(), "budget " + budget);
            cases++;
        }
        assertTrue(cases >= 60, "cases " + cases);
        TaggerFile.save(tagger, target, Map.of(), FailingOutputStream.after(size));
        assertEquals(TaggerFiles.metadata(base).get("tagger"), TaggerFiles.metadata(target).get("tagger"));
    }

    @Test
    void aSavedModelHasTheModeOfANewFileAndReplacesASymlink() throws IOException {
        Path elsewhere = Files.writeString(Files.createDirectory(dir.resolve("elsewhere")).resolve("other.btag"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("model.btag"), elsewhere);
        TaggerFile.save(tagger, link);
        assertEquals("x", Files.readString(elsewhere));
        assertFalse(Files.isSymbolicLink(link));
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.createFile(dir.resolve("plain"));
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(link,
                LinkOption.NOFOLLOW_LINKS), "not the 0600 of createTempFile");
        }
        assertEquals(List.of(elsewhere.getParent(), link, dir.resolve("plain")).stream().filter(Files::exists)
            .sorted().toList(), files());
    }

    @Test
    void anUnusedHugeEntryIsNeverInflated() throws IOException {
        Path file = dir.resolve("padded.btag");
        long junkBytes = 320L << 20;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(1);
            zip.putNextEntry(new ZipEntry(TaggerFile.METADATA_ENTRY));
            zip.write(meta.toString().getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(TaggerFile.PARAMETERS_ENTRY));
            zip.write(parameters);
            zip.putNextEntry(new ZipEntry("junk.bin"));
            byte[] zeros = new byte[1 << 20];
            for (long done = 0; done < junkBytes; done += zeros.length) {
                zip.write(zeros);
            }
        }
        assertTrue(Files.size(file) < 2 << 20, "a small file: " + Files.size(file));
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try (Tagger loaded = TaggerFile.load(file)) {
            assertEquals(tagger.spec(), loaded.spec());
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64L << 20, "loading allocated " + allocated + " bytes");
        TaggerFormatException e = assertThrows(TaggerFormatException.class,
            () -> TaggerFile.readEntry(file, "junk.bin"));
        assertEquals(file + ": entry 'junk.bin' declares " + junkBytes + " bytes; the limit for it is "
            + TaggerFile.MAX_ENTRY_BYTES, e.getMessage());
    }

    /** A copy of the base file with the central directory's size field of the parameters entry set to a value. */
    private Path withDeclaredSize(String name, long size) throws IOException {
        Path file = TaggerFiles.zip(dir.resolve(name), meta, Map.of(TaggerFile.PARAMETERS_ENTRY, parameters));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] entry = TaggerFile.PARAMETERS_ENTRY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + 46 + entry.length <= bytes.length; i++) {
            if (b.getInt(i) == 0x02014b50 && b.getShort(i + 28) == entry.length
                && new String(bytes, i + 46, entry.length, StandardCharsets.US_ASCII).equals(
                    TaggerFile.PARAMETERS_ENTRY)) {
                b.putInt(i + 24, (int) size);
                Files.write(file, bytes);
                return file;
            }
        }
        throw new AssertionError("no central header for the parameters");
    }

    @Test
    void entrySizesThatLieAreRefusedWithoutInflatingMore() throws IOException {
        int n = parameters.length;
        String[][] cases = {
            {String.valueOf(n + 10), "holds only " + n + " bytes, not the " + (n + 10) + " it declares"},
            {String.valueOf(n - 10), "holds more than " + (n - 10) + " bytes"},
            {String.valueOf(0x7fffffffL),
                "declares 2147483647 bytes; the limit for it is " + TaggerFile.MAX_ENTRY_BYTES},
            {String.valueOf(0xfffffff0L), "declares 4294967280 bytes"},
            {String.valueOf(200L << 20), "more than deflate can produce from its"},
        };
        for (String[] c : cases) {
            Path file = withDeclaredSize("lying-" + c[0] + ".btag", Long.parseLong(c[0]));
            TaggerFormatException e = assertThrows(TaggerFormatException.class, () -> TaggerFile.load(file));
            assertTrue(e.getMessage().startsWith(file + ": entry 'parameters.djl' ")
                && e.getMessage().contains(c[1]), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tagger.trackCount     | -600     | metadata field 'tagger.trackCount' must be an integer from 1 to 65536, got"
            + " -600",
        "tagger.featureCount   | 300      | metadata fields 'tagger.featureCount' (300) and 'inputs.featureNames' (15"
            + " names) disagree",
        "tagger.classes        | \"abc\"  | metadata field 'tagger.classes' must be an integer from 2 to 65536, got"
            + " \"abc\"",
        "tagger.classes        | 6.5      | metadata field 'tagger.classes' must be an integer from 2 to 65536, got"
            + " 6.5",
        "tagger.headWidths     | [1e9]    | metadata field 'tagger.headWidths[0]' must be an integer from 1 to 65536,"
            + " got 1000000000",
        "tagger.headWidths     | 4        | metadata field 'tagger.headWidths' must be an array, got 4",
        "tagger.headWidths     | [60000, 60000] | metadata field 'tagger' describes a dnn tagger of at least 3601380066"
            + " parameters",
        "tagger.architecture   | \"gru\"  | metadata field 'tagger' describes a gru tagger of at least",
        "tagger.architecture   | \"rnn\"  | metadata field 'tagger.architecture' must be one of",
        "tagger.dropout        | 1.5      | metadata field 'tagger.dropout' must be in [0, 1), got 1.5",
        "tagger.weightInit     | 7        | metadata field 'tagger.weightInit' must be a string, got 7",
        "tagger.weightInit     | \"XAVIER\" | invalid metadata: tagger field 'weightInit': unknown initialiser",
        "inputs.means          | [1, 2, 3] | metadata field 'inputs.means' must hold one value per feature (15) or"
            + " none, got 3",
        "inputs.featureNames   | [\"a\", \"a\"] | metadata field 'inputs.featureNames[1]' repeats the feature name 'a'",
        "inputs.featureNames   | [3]      | metadata field 'inputs.featureNames[0]' must be a string, got 3",
        "inputs.trackCount     | 1e400    | metadata field 'inputs.trackCount' must be an integer from 1 to 65536, got",
        "history.epoch         | [1, 300] | metadata field 'history.epoch[1]' must be 2",
        "history.loss          | [1]      | metadata field 'history.loss' has 1 entries, 'history.epoch' has 2",
        "history.val_loss      | [\"x\", 1] | metadata field 'history.val_loss[0]' must be a number, got \"x\"",
        "parameters.total      | -1       | metadata field 'parameters.total' must be an integer of at least 0, got -1",
        "parameters.total      | 99       | metadata field 'parameters.total' counts 99 parameters, the block holds"
            + " 154",
        "formatVersion         | \"one\"  | metadata field 'formatVersion' must be an integer, got \"one\"",
        "tagger                | []       | metadata field 'tagger' must be an object, got []",
        "inputs.scales         | DELETE   | metadata field 'inputs.scales' is missing",
        "history               | DELETE   | metadata field 'history' is missing",
    })
    void tamperedMetadataNamesTheFileAndTheField(String field, String value, String expected) throws IOException {
        JsonObject tampered = meta.deepCopy();
        String[] path = field.split("\\.");
        JsonObject parent = tampered;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.getAsJsonObject(path[i]);
        }
        if (value.equals("DELETE")) {
            parent.remove(path[path.length - 1]);
        } else {
            JsonElement parsed = JsonParser.parseString(value);
            parent.add(path[path.length - 1], parsed);
        }
        Path file = TaggerFiles.zip(dir.resolve("tampered.btag"), tampered,
            Map.of(TaggerFile.PARAMETERS_ENTRY, parameters));
        TaggerFormatException e = assertThrows(TaggerFormatException.class, () -> TaggerFile.load(file).close());
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void theUntamperedCopyLoads() throws IOException {
        Path file = TaggerFiles.zip(dir.resolve("copy.btag"), meta, Map.of(TaggerFile.PARAMETERS_ENTRY, parameters));
        try (Tagger loaded = TaggerFile.load(file)) {
            assertEquals(2, loaded.history().size());
            assertArrayEquals(new double[0], loaded.inputs().means());
        }
        JsonArray names = TaggerFile.readMetadata(file).getAsJsonObject("inputs").getAsJsonArray("featureNames");
        assertEquals(15, names.size());
    }

    @Test
    void aFifoIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("model.btag");
        boolean made;
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
            made = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available");
        FileSystemException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(FileSystemException.class, () -> TaggerFile.load(fifo)));
        assertTrue(e.getMessage().startsWith(fifo.toString()) && e.getMessage().contains("not a regular file"),
            e.getMessage());
    }

}
