package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file truncated or rewritten in place by another program while btag reads it (the memory-mapped data of a stored
 * entry, a deflated entry, a plain .npy file) must end in an {@link NpyFormatException} naming the file, never in a
 * JVM crash ({@code SIGBUS}) or another exception. A crash would kill the test JVM, so the readers run in a child
 * JVM ({@link Child}); this test checks its exit code, its report and that it left no {@code hs_err} file.
 */
class TruncatedUnderReaderTest {

    @Test
    void truncationUnderAReaderEndsInAFormatExceptionNotACrash(@TempDir Path dir) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-cp", System.getProperty("java.class.path"),
            Child.class.getName(), dir.toString(), "12").redirectErrorStream(true).start();
        String output;
        boolean finished = child.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(finished, "the child hangs:\n" + output);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> crashes = files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList();
            assertEquals(List.of(), crashes, output);
        }
        System.out.println("truncated under a reader: " + output.strip());
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("bad 0"), output);
        assertTrue(output.matches("(?s).*clean [1-9].*"), "no read ever met the truncation:\n" + output);
    }

    /** Reads arrays in one thread while the main thread truncates or rewrites their file. */
    static final class Child {

        private static final int ROWS = 1 << 13;
        private static final int COLUMNS = 64; // 2 MiB of float32: eight map windows of 256 KiB

        private Child() {
        }

        /**
         * Runs the rounds and prints {@code rounds R clean C finished F bad B}; exits 1 on any bad outcome.
         *
         * @param args the directory to work in and the number of rounds per file kind
         * @throws Exception when the set-up fails
         */
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            int rounds = Integer.parseInt(args[1]);
            float[] values = new float[ROWS * COLUMNS];
            for (int i = 0; i < values.length; i++) {
                values[i] = i;
            }
            Random random = new Random(22);
            int[] counts = new int[3];
            for (int round = 0; round < 3 * rounds; round++) {
                int kind = round % 3;
                Path file = dir.resolve(kind == 2 ? "jets.npy" : "jets.npz");
                if (kind == 2) {
                    NpyWriter.write(file, values, ROWS, COLUMNS);
                } else {
                    NpzWriter.write(file, kind == 1, npz -> npz.write("arr_0", values, ROWS, COLUMNS));
                }
                counts[oneRound(file, kind == 2 ? "jets" : "arr_0", random)]++;
            }
            System.out.println("rounds " + 3 * rounds + " clean " + counts[0] + " finished " + counts[1] + " bad "
                + counts[2]);
            System.exit(counts[2] == 0 ? 0 : 1);
        }

        /** @return 0: a clean NpyFormatException, 1: every read finished, 2: anything else */
        private static int oneRound(Path file, String name, Random random) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (NpzFile npz = NpzFile.open(file, 1 << 18)) {
                NpyArray array = npz.get(name);
                Thread reader = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            array.toFloatArray();
                            int from = random.nextInt(ROWS);
                            array.rowsAsFloatArray(from, Math.min(ROWS, from + 1024));
                            ArrayStatistics.of(array);
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                }, "reader");
                reader.start();
                Thread.sleep(random.nextInt(10));
                long size = Files.size(file);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(random.nextInt((int) size));
                    if (random.nextBoolean()) { // rewritten in place: grows back with other bytes
                        channel.write(ByteBuffer.allocate((int) size), 0);
                    }
                }
                Thread.sleep(10);
                stop.set(true);
                reader.join(60_000);
            }
            return outcome(file, failure.get());
        }

        private static int outcome(Path file, Throwable t) {
            if (t == null) {
                return 1;
            }
            Throwable cause = t instanceof UncheckedIOException ? t.getCause() : t;
            if (cause instanceof NpyFormatException && cause.getMessage().startsWith(file.toString())) {
                return 0;
            }
            System.out.println("bad outcome: " + t);
            t.printStackTrace(System.out);
            return 2;
        }
    }

}
