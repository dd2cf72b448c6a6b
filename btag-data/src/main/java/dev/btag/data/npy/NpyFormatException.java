package dev.btag.data.npy;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@code .npy} file or {@code .npz} archive that btag cannot read: not a zip archive, bad magic, truncated file
 * or data, a header that declares more data than its entry holds, a negative or overflowing shape, an unsupported
 * dtype (object arrays and pickles, complex, nested structured records, strings, dates), a CRC-32 mismatch, corrupt
 * compressed data.
 *
 * <p>The message always names the file, the archive entry (when the problem lies in one) and the problem, for
 * example {@code data.npz: entry 'arr_0.npy': CRC-32 mismatch (directory says 0x1a2b3c4d, data gives 0x00ff00ff)}.
 * The parts are also available separately through {@link #file()}, {@link #entry()} and {@link #problem()}.
 *
 * <p>Methods of {@link NpyArray} that read data declare no checked exception; they report this exception wrapped in
 * an {@link java.io.UncheckedIOException}.
 */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file as text (a {@link Path} is not serialisable); never null. */
    private final String file;
    /** The zip entry name, or null for a plain .npy file or an archive-level problem. */
    private final String entry;
    /** The problem alone, without file and entry. */
    private final String problem;

    /**
     * Creates the exception for a problem in a file.
     *
     * @param file the file that was read
     * @param entry the archive entry (for example {@code arr_0.npy}), or {@code null} when the problem concerns the
     *     whole file or the file is a plain {@code .npy} file
     * @param problem what is wrong, for example {@code "truncated data"}
     */
    public NpyFormatException(Path file, String entry, String problem) {
        this(file, entry, problem, null);
    }

    /**
     * Creates the exception for a problem in a file, with the low-level exception that revealed it.
     *
     * @param file the file that was read
     * @param entry the archive entry, or {@code null}
     * @param problem what is wrong
     * @param cause the exception that revealed the problem (for example a {@link java.util.zip.DataFormatException}),
     *     or {@code null}
     */
    public NpyFormatException(Path file, String entry, String problem, Throwable cause) {
        super(format(file, entry, problem), cause);
        this.file = String.valueOf(file);
        this.entry = entry;
        this.problem = problem;
    }

    private static String format(Path file, String entry, String problem) {
        return entry == null ? file + ": " + problem : file + ": entry '" + entry + "': " + problem;
    }

    /**
     * The file the problem was found in.
     *
     * @return the path as given to {@link NpzFile#open(Path)} or the writer
     */
    public String file() {
        return file;
    }

    /**
     * The archive entry the problem was found in.
     *
     * @return the zip entry name including {@code .npy}, or {@code null} for a file-level problem or a plain
     *     {@code .npy} file
     */
    public String entry() {
        return entry;
    }

    /**
     * The problem alone.
     *
     * @return the description of the problem without the file and entry names
     */
    public String problem() {
        return problem;
    }
}
