package dev.btag.data.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An open file of named arrays, whatever its container: an npz archive ({@link NpzArrayFile}) or an HDF5 file
 * ({@code dev.btag.data.hdf5.Hdf5File}). Arrays are read lazily by row range through {@link SourceArray}; the file
 * stays open until {@link #close()}. Implementations say whether they are thread-safe.
 */
public interface ArrayFile extends AutoCloseable {

    /**
     * The file.
     *
     * @return its path
     */
    Path path();

    /**
     * The names of the arrays, in file order.
     *
     * @return npz entry names without {@code .npy}, or HDF5 dataset paths relative to the root ({@code jets},
     *     {@code group/tracks})
     */
    List<String> arrayNames();

    /**
     * Whether an array exists.
     *
     * @param name the array name
     * @return {@code true} when {@link #arrayNames()} holds it
     */
    default boolean contains(String name) {
        return arrayNames().contains(name);
    }

    /**
     * Opens one array: reads its metadata, not its data.
     *
     * @param name the array name
     * @return a lazy view, valid until this file is closed
     * @throws IOException when there is no such array (the message names the file and lists the arrays), or its
     *     metadata is invalid or of an unsupported type
     */
    SourceArray array(String name) throws IOException;

    /**
     * Closes the file; its arrays can no longer be read.
     *
     * @throws IOException when closing fails
     */
    @Override
    void close() throws IOException;
}
