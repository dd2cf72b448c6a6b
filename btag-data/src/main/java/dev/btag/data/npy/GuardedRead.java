package dev.btag.data.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A read of an array's data that may find the file changed under it, turned into the errors {@link NpyArray}'s
 * public methods promise: an {@link IOException} is reported unchecked, and an {@link InternalError} (the JVM's
 * report of a memory-mapped page that vanished because another program truncated the file; the reads catch it where
 * it is raised, but the JVM may deliver it a little later) becomes an {@link NpyFormatException} naming the file.
 */
final class GuardedRead {

    /** An I/O action. */
    @FunctionalInterface
    interface IoAction {
        /**
         * Runs the read.
         *
         * @throws IOException when it fails
         */
        void run() throws IOException;
    }

    private GuardedRead() {
    }

    /**
     * Runs a read.
     *
     * @param file the file read, for messages
     * @param action the read
     * @throws UncheckedIOException wrapping the {@link IOException} or the {@link NpyFormatException}
     */
    static void run(Path file, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (InternalError e) {
            NpyFormatException changed = changed(file, e);
            throw new UncheckedIOException(changed.getMessage(), changed);
        }
    }

    /**
     * The error for a mapped page that vanished.
     *
     * @param file the file read
     * @param e the JVM's report
     * @return the exception naming the file
     */
    static NpyFormatException changed(Path file, InternalError e) {
        return new NpyFormatException(file, null, "the file changed while it was being read (a memory-mapped page"
            + " vanished: " + e.getMessage() + "); another program truncated or rewrote it in place", e);
    }
}
