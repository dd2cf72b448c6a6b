package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that are not regular files are refused at open, at once, naming the file; a FIFO used to block forever. */
class NonRegularInputTest {

    @TempDir
    Path dir;

    @Test
    void aFifoIsRefusedInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("jets.npz");
        boolean made;
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            made = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            made = false;
        }
        assumeTrue(made, "mkfifo is not available");
        FileSystemException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(FileSystemException.class, () -> NpzFile.open(fifo)));
        assertTrue(e.getMessage().equals(fifo + ": is not a regular file (a FIFO, socket or device), not a .npy or "
            + ".npz file"), e.getMessage());
    }

    @Test
    void aDirectoryAndADeviceAreRefused() throws IOException {
        FileSystemException e = assertThrows(FileSystemException.class, () -> NpzFile.open(dir));
        assertTrue(e.getMessage().equals(dir + ": is a directory, not a .npy or .npz file"), e.getMessage());
        Path device = Path.of("/dev/zero");
        assumeTrue(Files.exists(device), "no /dev/zero");
        e = assertThrows(FileSystemException.class, () -> NpzFile.open(device));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }
}
