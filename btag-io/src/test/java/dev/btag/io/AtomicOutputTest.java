package dev.btag.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path dir;

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static boolean mkfifo(Path fifo) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void commitPublishesTheWholeFileWithTheModeOfANewFile() throws IOException {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "old");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.outputStream().write("{\"new\":".getBytes(StandardCharsets.UTF_8));
            assertEquals("old", Files.readString(target), "the target is untouched until commit");
            out.outputStream().write("true}".getBytes(StandardCharsets.UTF_8));
            out.commit();
            assertTrue(out.committed());
        }
        assertEquals("{\"new\":true}", Files.readString(target));
        assertEquals(List.of(target), files(dir));
        if (posix(dir)) {
            Path plain = Files.createFile(dir.resolve("plain"));
            Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
            assertEquals(expected, Files.getPosixFilePermissions(target), "not createTempFile's 0600");
            assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_READ)
                || !expected.contains(PosixFilePermission.OTHERS_READ));
        }
    }

    @Test
    void closeWithoutCommitLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("model.btag");
        Files.writeString(target, "previous");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.outputStream().write(new byte[1000]);
            assertEquals(2, files(dir).size(), "the temporary file lies beside the target");
            assertTrue(files(dir).stream().anyMatch(f -> f.getFileName().toString().startsWith(".model.btag.")
                && f.getFileName().toString().endsWith(".tmp")), files(dir).toString());
        }
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of(target), files(dir));
    }

    @Test
    void anExceptionWhileWritingPublishesNothing() throws IOException {
        Path target = dir.resolve("curve.csv");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicOutput.write(target, out -> {
            out.write("threshold,tpr,fpr\n".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("NaN score in row 5");
        }));
        assertEquals("NaN score in row 5", e.getMessage());
        assertEquals(List.of(), files(dir), "no target and no temporary file");

        AtomicOutput.write(target, out -> out.write("a,b\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a,b\n", Files.readString(target));
        AtomicOutput.writeString(target, "threshold,tpr,fpr\nInfinity,0,0\n\u00e9\n");
        assertEquals("threshold,tpr,fpr\nInfinity,0,0\n\u00e9\n", Files.readString(target));
        assertEquals(List.of(target), files(dir));
    }

    @Test
    void aFullDiskLeavesThePreviousFileAndNamesTheTarget() throws IOException {
        Path target = dir.resolve("metrics.json");
        Files.writeString(target, "previous");
        for (int budget : new int[] {0, 1, 99, 100}) {
            try (AtomicOutput out = AtomicOutput.create(target)) {
                FileChannel channel = FailingChannel.after(budget).apply(out.channel());
                IOException e = assertThrows(IOException.class, () -> {
                    try {
                        ByteBuffer bytes = ByteBuffer.allocate(101);
                        while (bytes.hasRemaining()) {
                            channel.write(bytes);
                        }
                    } catch (IOException io) {
                        throw out.failure(io);
                    }
                });
                assertTrue(e.getMessage().startsWith(target.toString()) && e.getMessage().contains(
                    FailingChannel.NO_SPACE) && e.getMessage().contains("not replaced"), e.getMessage());
                assertSame(e, out.failure(e), "an error that names the target is not wrapped twice");
            }
            assertEquals("previous", Files.readString(target));
            assertEquals(List.of(target), files(dir));
        }
    }

    @Test
    void aSymlinkedTargetIsReplacedNotFollowed() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path destination = Files.writeString(elsewhere.resolve("precious.txt"), "precious");
        Path link;
        try {
            link = Files.createSymbolicLink(dir.resolve("out.txt"), destination);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
            return;
        }
        AtomicOutput.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("precious", Files.readString(destination));
        assertFalse(Files.isSymbolicLink(link));
        assertTrue(Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS));
        assertEquals("new", Files.readString(link));
    }

    @Test
    void directoriesFifosAndMissingDirectoriesAreRefusedNamingTheTarget() throws Exception {
        Path subdirectory = Files.createDirectory(dir.resolve("sub"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> AtomicOutput.create(subdirectory));
        assertTrue(e.getMessage().startsWith(subdirectory.toString()) && e.getMessage().contains("is a directory"),
            e.getMessage());

        Path missing = dir.resolve("no/such/dir/out.npz");
        NoSuchFileException n = assertThrows(NoSuchFileException.class, () -> AtomicOutput.create(missing));
        assertTrue(n.getMessage().startsWith(missing.toString()) && n.getMessage().contains("does not exist"),
            n.getMessage());

        Path fifo = dir.resolve("fifo");
        assumeTrue(mkfifo(fifo), "mkfifo is not available");
        e = assertThrows(FileSystemException.class, () -> AtomicOutput.create(fifo));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void aReaderOfThePreviousFileKeepsReadingItAfterTheCommit() throws IOException {
        Path target = Files.writeString(dir.resolve("data.bin"), "previous content");
        try (FileChannel reader = FileChannel.open(target, StandardOpenOption.READ)) {
            AtomicOutput.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer bytes = ByteBuffer.allocate(64);
            reader.read(bytes, 0);
            assertEquals("previous content", new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8));
        }
        assertEquals("new", Files.readString(target));
    }

    @Test
    void closingTwiceAndCommittingAfterCloseAreSafe() throws IOException {
        Path target = dir.resolve("x");
        AtomicOutput out = AtomicOutput.create(target);
        out.close();
        out.close();
        assertThrows(IllegalStateException.class, out::commit);
        assertEquals(List.of(), files(dir));
        try (AtomicOutput again = AtomicOutput.create(target)) {
            again.commit();
            again.commit();
        }
        assertEquals(0, Files.size(target));
    }

    @Test
    void sigtermBeforeCommitRemovesTheTemporaryFile() throws Exception {
        Path target = dir.resolve("best.btag");
        Files.writeString(target, "previous");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "-Xmx64m", Child.class.getName(), target.toString())
            .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            assertEquals("writing", out.readLine());
            assertEquals(2, files(dir).size(), files(dir).toString());
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of(target), files(dir));
    }

    /** A process that is killed while it writes. */
    static final class Child {
        private Child() {
        }

        /**
         * Starts writing the file named by the first argument, says so, and waits to be killed.
         *
         * @param args the target
         * @throws Exception never expected
         */
        public static void main(String[] args) throws Exception {
            AtomicOutput out = AtomicOutput.create(Path.of(args[0]));
            OutputStream stream = out.outputStream();
            stream.write(new byte[4096]);
            System.out.println("writing");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
