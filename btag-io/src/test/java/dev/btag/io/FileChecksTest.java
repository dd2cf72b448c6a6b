package dev.btag.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChecksTest {

    @TempDir
    Path dir;

    @Test
    void aFifoIsRefusedAtOnceInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("scores.npz");
        assumeTrue(AtomicOutputTest.mkfifo(fifo), "mkfifo is not available");
        FileSystemException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(FileSystemException.class, () -> FileChecks.requireRegularFile(fifo, "an array file")));
        assertTrue(e.getMessage().startsWith(fifo.toString()) && e.getMessage().contains("not a regular file")
            && e.getMessage().contains("an array file"), e.getMessage());
    }

    @Test
    void directoriesAndMissingFilesAreNamed() throws IOException {
        FileSystemException e = assertThrows(FileSystemException.class,
            () -> FileChecks.requireRegularFile(dir, "a model"));
        assertTrue(e.getMessage().equals(dir + ": is a directory, not a model"), e.getMessage());
        Path missing = dir.resolve("missing.btag");
        NoSuchFileException n = assertThrows(NoSuchFileException.class,
            () -> FileChecks.requireRegularFile(missing, "a model"));
        assertTrue(n.getMessage().equals(missing + ": no such file"), n.getMessage());
        FileChecks.requireRegularFile(Files.writeString(dir.resolve("ok"), "x"), "a file");
    }

    @Test
    void anOutputThatIsAnInputIsRefusedWhateverThePathSays() throws IOException {
        Path input = Files.writeString(dir.resolve("scores.npz"), "x");
        Path sameByAnotherPath = dir.resolve("sub/../scores.npz");
        Files.createDirectory(dir.resolve("sub"));
        FileSystemException e = assertThrows(FileSystemException.class,
            () -> FileChecks.requireNotAnInput(sameByAnotherPath, List.of(dir.resolve("other.npz"), input)));
        assertTrue(e.getMessage().startsWith(sameByAnotherPath.toString()) && e.getMessage().contains("also an input"),
            e.getMessage());
        FileChecks.requireNotAnInput(dir.resolve("new.csv"), List.of(input));
        FileChecks.requireNotAnInput(Files.writeString(dir.resolve("old.csv"), "y"), List.of(input));
    }
}
