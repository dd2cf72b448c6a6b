package dev.btag.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An output file that appears complete or not at all: the one place where btag's writers get their atomicity.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #create(Path)} opens a new temporary file in the target's own directory, named
 *       {@code .NAME.RANDOM.tmp}; the target itself is not touched. The temporary file is created like any new
 *       file (mode {@code 0666} minus the process's umask, so {@code 0644} usually), never {@code 0600} as
 *       {@link Files#createTempFile} would make it; the previous file's mode and owner are not carried over.</li>
 *   <li>Everything is written to the temporary file through {@link #channel()} or {@link #outputStream()}.</li>
 *   <li>{@link #commit()} forces the bytes to disk ({@code fsync}), closes the file and renames it over the target
 *       in one step ({@code rename(2)}, {@link StandardCopyOption#ATOMIC_MOVE}), then forces the directory entry
 *       where the platform allows it. A reader therefore sees the previous file or the complete new one, never a
 *       mixture; one that has the previous file open keeps reading the previous bytes.</li>
 *   <li>{@link #close()} without a successful {@link #commit()} aborts: it deletes the temporary file and leaves
 *       any previous target exactly as it was. Any failure inside {@code commit()} aborts too. Use the object in a
 *       {@code try}-with-resources block and call {@code commit()} as the last statement of the block: an exception
 *       anywhere before it (in the caller's code or in a write) publishes nothing.</li>
 *   <li>A target that is a symbolic link is replaced by the new file; the link is never followed, so the file it
 *       pointed to is not modified. A target that is a directory, a FIFO, a socket or a device is refused by
 *       {@code create}.</li>
 *   <li>Errors name the target: {@code create} and {@code commit} throw exceptions whose message starts with the
 *       target's path, and {@link #failure(IOException)} turns a low-level write error ({@code "No space left on
 *       device"}) into one that does.</li>
 *   <li>A JVM that exits normally or on {@code SIGTERM}/{@code SIGINT} before committing deletes its temporary
 *       files (a shutdown hook). After {@code kill -9} or a power cut a stray {@code .NAME.RANDOM.tmp} can remain
 *       beside the target; the target itself is then still the previous file, and the stray file may be
 *       deleted.</li>
 * </ul>
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(Path.of("metrics.json"))) {
 *     out.outputStream().write(json.getBytes(StandardCharsets.UTF_8));
 *     out.commit();
 * }
 * AtomicOutput.write(Path.of("roc.csv"), stream -> stream.write(csv));  // the same in one call
 * AtomicOutput.writeString(Path.of("metrics.json"), json);                // text, as UTF-8
 * }</pre>
 *
 * <p>Not thread-safe: one thread writes and commits.
 */
public final class AtomicOutput implements Closeable {

    /** Writes the whole content of a file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the temporary file's stream; implementations may wrap it (in a buffer, a writer, a zip
         *     stream) and must flush or close their wrappers before returning, or buffered bytes are lost; closing
         *     it does not commit
         * @throws IOException when writing fails; nothing is published then
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** The longest file name most file systems allow. */
    private static final int NAME_MAX = 255;
    /** Room kept in a temporary name for the dot, the random part and {@code .tmp}. */
    private static final int NAME_OVERHEAD = 1 + 1 + 16 + 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private OutputStream stream;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Path target, Path temporary, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
    }

    /**
     * Starts writing a file: creates the temporary file beside the target.
     *
     * @param target the file to write; its directory must exist; a previous file there stays until
     *     {@link #commit()}
     * @return the output; close it (committing first when the content is complete)
     * @throws NoSuchFileException when the target's directory does not exist
     * @throws AccessDeniedException when no file can be created in the target's directory
     * @throws FileSystemException when the target is a directory, a FIFO, a socket or a device
     * @throws IOException when the temporary file cannot be created
     */
    public static AtomicOutput create(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || absolute.getFileName() == null) {
            throw new FileSystemException(target.toString(), null, "is not a file name");
        }
        checkReplaceable(target);
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(target.toString(), null, "cannot write: directory " + directory
                + (Files.exists(directory) ? " is not a directory" : " does not exist"));
        }
        String name = absolute.getFileName().toString();
        if (name.length() > NAME_MAX - NAME_OVERHEAD) {
            name = name.substring(0, NAME_MAX - NAME_OVERHEAD);
        }
        for (int attempt = 0; ; attempt++) {
            Path temporary = directory.resolve(String.format(Locale.ROOT, ".%s.%016x.tmp", name, RANDOM.nextLong()));
            try {
                FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                Pending.add(temporary);
                return new AtomicOutput(target, temporary, channel);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 8) {
                    throw new FileSystemException(target.toString(), null, "cannot create a temporary file in "
                        + directory + ": " + e.getMessage());
                }
            } catch (AccessDeniedException e) {
                throw new AccessDeniedException(target.toString(), null, "cannot create a file in " + directory
                    + ": permission denied");
            } catch (IOException e) {
                throw new IOException(target + ": cannot create a temporary file in " + directory + ": "
                    + e.getMessage(), e);
            }
        }
    }

    /** Refuses targets that a rename must not replace: directories and special files (links are fine). */
    private static void checkReplaceable(Path target) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (attributes.isDirectory()) {
            throw new FileSystemException(target.toString(), null, "is a directory, not a file to write");
        }
        if (attributes.isOther()) {
            throw new FileSystemException(target.toString(), null, "is not a regular file (a FIFO, socket or "
                + "device); refusing to replace it");
        }
    }

    /**
     * Writes a whole file atomically in one call: {@link #create(Path)}, {@code content.writeTo}, {@link #commit()}.
     *
     * @param target the file to write
     * @param content writes the bytes; if it throws, nothing is published and the temporary file is deleted
     * @throws IOException when writing fails (the message names the target) or {@code content} throws one
     */
    public static void write(Path target, Content content) throws IOException {
        Objects.requireNonNull(content, "content");
        try (AtomicOutput out = create(target)) {
            try {
                content.writeTo(out.outputStream());
            } catch (IOException e) {
                throw out.failure(e);
            }
            out.commit();
        }
    }

    /**
     * Writes a whole text file atomically, encoded as UTF-8: the atomic counterpart of {@link Files#writeString}.
     *
     * @param target the file to write
     * @param text the content
     * @throws IOException when writing fails; the message names the target
     */
    public static void writeString(Path target, CharSequence text) throws IOException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /**
     * The file that {@link #commit()} replaces.
     *
     * @return the target as given to {@link #create(Path)}
     */
    public Path target() {
        return target;
    }

    /**
     * The temporary file's channel, open for writing at position 0; positional writes and {@code force} are fine,
     * {@code close} is not needed ({@link #commit()} and {@link #close()} close it).
     *
     * @return the channel
     */
    public FileChannel channel() {
        return channel;
    }

    /**
     * A stream writing at the channel's position. It is not buffered (wrap it for small writes); closing it does
     * not close or commit anything; write errors carry the target's name (see {@link #failure(IOException)}).
     *
     * @return the stream, the same one on every call
     */
    public OutputStream outputStream() {
        if (stream == null) {
            stream = new ChannelStream();
        }
        return stream;
    }

    /** Writes to the channel; errors name the target. */
    private final class ChannelStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw failure(e);
            }
        }
    }

    /**
     * Describes a write error so that it names the target, for writers that use {@link #channel()} directly.
     *
     * @param cause the low-level error, for example {@code IOException("No space left on device")}
     * @return {@code cause} itself when its message already starts with the target's path, otherwise a new
     *     {@code IOException} with the message {@code "TARGET: write failed, the file was not replaced: CAUSE"}
     */
    public IOException failure(IOException cause) {
        String message = cause.getMessage();
        if (message != null && message.startsWith(target.toString())) {
            return cause;
        }
        return new IOException(target + ": write failed, the file was not replaced: " + message, cause);
    }

    /**
     * Publishes the file: forces its bytes to disk, closes it and renames it over the target. The directory entry is
     * forced too where the platform allows (Linux and macOS). Calling it again has no effect.
     *
     * @throws IOException when forcing or renaming fails; the temporary file is then deleted, the target left as
     *     it was, and the message names the target
     * @throws IllegalStateException when the output was closed without committing
     */
    public void commit() throws IOException {
        if (committed) {
            return;
        }
        if (closed) {
            throw new IllegalStateException(target + ": closed before commit(); nothing was written");
        }
        try {
            channel.force(true);
            channel.close();
            checkReplaceable(target);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            abort(e);
            throw failure(e);
        } catch (RuntimeException | Error e) {
            abort(e);
            throw e;
        }
        committed = true;
        closed = true;
        Pending.remove(temporary);
        forceDirectory(temporary.getParent());
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory; the rename itself is still atomic there
        }
    }

    /**
     * Whether {@link #commit()} has published the file.
     *
     * @return true once the target holds the new content
     */
    public boolean committed() {
        return committed;
    }

    /**
     * Closes the output; if it was not committed, deletes the temporary file and leaves the target untouched.
     * Closing twice has no effect.
     *
     * @throws IOException when the temporary file cannot be deleted (the message names it)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        abort(null);
    }

    private void abort(Throwable primary) throws IOException {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
        try {
            Files.deleteIfExists(temporary);
            Pending.remove(temporary);
        } catch (IOException e) {
            IOException failure = new IOException(target + ": could not delete the temporary file " + temporary
                + ": " + e.getMessage(), e);
            if (primary == null) {
                throw failure;
            }
            primary.addSuppressed(failure);
        }
    }

    /** Temporary files not yet committed or deleted, removed by a shutdown hook if the JVM exits first. */
    private static final class Pending {
        private static final Set<Path> FILES = ConcurrentHashMap.newKeySet();

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Pending::deleteAll, "btag-atomic-output-cleanup"));
            } catch (IllegalStateException e) {
                // first used while the JVM is already shutting down: nothing will clean up after it then
            }
        }

        private Pending() {
        }

        static void add(Path file) {
            FILES.add(file);
        }

        static void remove(Path file) {
            FILES.remove(file);
        }

        private static void deleteAll() {
            for (Path file : FILES) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException | RuntimeException e) {
                    // best effort while the JVM exits
                }
            }
        }
    }
}
