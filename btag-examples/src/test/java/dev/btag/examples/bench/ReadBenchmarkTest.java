package dev.btag.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.npy.NpzWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadBenchmarkTest {

    @TempDir
    Path dir;

    private Path archive() throws IOException {
        Path file = dir.resolve("jets.npz");
        try (NpzWriter writer = NpzWriter.create(file, false)) {
            writer.write("arr_0", new float[] {1, 2, 3, 4, 5, 6}, 3, 2)
                .write("arr_1", new double[] {-1, 7}, 2);
        }
        return file;
    }

    @Test
    void countsTheBytesOfEveryArrayOrOfARowRangeAndKeepsTheFastestPass() throws IOException {
        Path file = archive();
        ReadBenchmark.Result all = ReadBenchmark.of(file).run(3);
        assertEquals(6 * 4 + 2 * 8, all.bytes());
        assertEquals(3, all.repeat());
        assertTrue(all.seconds() > 0 && all.seconds() <= all.firstSeconds(), all.toString());
        assertEquals(all.bytes() / all.seconds() / 1e9, all.gbPerSecond(), 1e-12);
        ReadBenchmark.Result rows = ReadBenchmark.of(file).onlyArray("arr_0").onlyRows(1, 3).run(1);
        assertEquals(2 * 2 * 4, rows.bytes());
    }

    @Test
    void openOnlyReadsNoDataAndReportsTheFastestOpen() throws IOException {
        ReadBenchmark.Result open = ReadBenchmark.of(archive()).openOnly().run(4);
        assertEquals(0, open.bytes());
        assertEquals(0, open.repeat());
        assertEquals(0, open.seconds());
        assertTrue(open.openSeconds() > 0, open.toString());
    }

    @Test
    void refusesRowsWithoutAnArrayAndNoPasses() throws IOException {
        ReadBenchmark bench = ReadBenchmark.of(archive());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> bench.onlyRows(0, 1));
        assertTrue(rows.getMessage().contains("needs one array"), rows.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bench.onlyArray("arr_0").onlyRows(2, 1));
        IllegalArgumentException repeat = assertThrows(IllegalArgumentException.class, () -> bench.run(0));
        assertTrue(repeat.getMessage().contains("at least 1, got 0"), repeat.getMessage());
        IOException missing = assertThrows(IOException.class, () -> bench.onlyArray("arr_9").run(1));
        assertTrue(missing.getMessage().contains("arr_9"), missing.getMessage());
    }
}
