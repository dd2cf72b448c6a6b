package dev.btag.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed writer (for files larger than the heap) gives the in-memory writer's bytes and leaves nothing else. */
class StreamedSampleWriterTest {

    @Test
    void aFileWrittenBlockByBlockIsByteIdenticalToTheOneWrittenInMemory(@TempDir Path dir) throws Exception {
        int jets = StreamedSampleWriter.BLOCK_JETS + 37; // a full block and a partial one
        Path inMemory = dir.resolve("memory.npz");
        Path streamed = dir.resolve("streamed.npz");
        SyntheticSample.writeFile(inMemory, SyntheticSample.generate(5, 1, jets, 2), 5, 1);
        StreamedSampleWriter.write(streamed, 5, 1, jets);
        assertArrayEquals(Files.readAllBytes(inMemory), Files.readAllBytes(streamed));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no scratch file is left behind");
        }
    }
}
