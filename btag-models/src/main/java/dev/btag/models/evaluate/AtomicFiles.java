package dev.btag.models.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the evaluation's files as every btag output is written: to a temporary file next to the target, then
 * renamed over it, so that a reader (or a crash) never sees half a file.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** What writes one file's content to a given path. */
    @FunctionalInterface
    interface Body {
        /**
         * Writes the content.
         *
         * @param tmp the temporary file to write
         * @throws IOException if it cannot be written
         */
        void write(Path tmp) throws IOException;
    }

    /**
     * Writes a file through a temporary file and a rename.
     *
     * @param file the target; its parent directories are created
     * @param body writes the content to the temporary file it is given
     * @throws IOException if writing or renaming fails (the temporary file is removed)
     */
    static void write(Path file, Body body) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            body.write(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes text (UTF-8) through a temporary file and a rename.
     *
     * @param file the target
     * @param text the content
     * @throws IOException if it cannot be written
     */
    static void writeString(Path file, String text) throws IOException {
        write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
