package dev.btag.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Objects;

/**
 * Checks on the files a command is given, made before anything is opened, so that a bad path fails at once with a
 * message naming it instead of blocking or destroying data.
 */
public final class FileChecks {

    private FileChecks() {
    }

    /**
     * Refuses an input that is not a regular file (following symbolic links): opening a FIFO for reading blocks until
     * some other process writes to it, and a device or socket is never an array file.
     *
     * @param path the input
     * @param kind what the file should be, for the message, for example {@code "a .npy or .npz file"}
     * @throws NoSuchFileException when nothing is there ({@code "PATH: no such file"})
     * @throws FileSystemException when it is a directory ({@code "PATH: is a directory, not KIND"}) or a FIFO, socket
     *     or device ({@code "PATH: is not a regular file (a FIFO, socket or device), not KIND"})
     * @throws IOException when its attributes cannot be read
     */
    public static void requireRegularFile(Path path, String kind) throws IOException {
        Objects.requireNonNull(path, "path");
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        if (attributes.isDirectory()) {
            throw new FileSystemException(path.toString(), null, "is a directory, not " + kind);
        }
        if (!attributes.isRegularFile()) {
            throw new FileSystemException(path.toString(), null, "is not a regular file (a FIFO, socket or device), "
                + "not " + kind);
        }
    }

    /**
     * Refuses an output that is one of the same command's inputs (the same file, whatever the path says: links and
     * {@code ..} are resolved), which an atomic write would otherwise silently replace.
     *
     * @param output the file about to be written; nothing is checked when it does not exist yet
     * @param inputs the files the command reads
     * @throws FileSystemException when {@code output} is one of them: {@code "OUTPUT: is also an input (INPUT);
     *     refusing to overwrite it"}
     * @throws IOException when the files cannot be compared
     */
    public static void requireNotAnInput(Path output, Collection<Path> inputs) throws IOException {
        Objects.requireNonNull(output, "output");
        if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (Path input : inputs) {
            if (Files.exists(input) && Files.exists(output) && Files.isSameFile(output, input)) {
                throw new FileSystemException(output.toString(), null, "is also an input (" + input
                    + "); refusing to overwrite it");
            }
        }
    }

    /**
     * Creates an output directory with its parents, or accepts an existing one, with a message that says what is in
     * the way when that fails.
     *
     * @param dir the directory
     * @return {@code dir}
     * @throws FileSystemException when {@code dir} or one of its parents exists and is not a directory
     *     ({@code "PATH: exists and is not a directory; cannot write outputs into it"})
     * @throws IOException when the directory cannot be created for another reason (the message names it)
     */
    public static Path createDirectories(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        try {
            return Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new FileSystemException(e.getFile(), null,
                "exists and is not a directory; cannot write outputs into it");
        }
    }
}
