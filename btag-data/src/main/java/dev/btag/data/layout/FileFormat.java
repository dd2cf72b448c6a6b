package dev.btag.data.layout;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The container formats a layout can read. */
public enum FileFormat {

    /** NumPy {@code .npz} archives (and single {@code .npy} files): one entry per array. */
    NPZ("npz"),
    /** HDF5 files ({@code .h5}, {@code .hdf5}): one dataset per array, numeric or compound. */
    HDF5("hdf5");

    private final String key;

    FileFormat(String key) {
        this.key = key;
    }

    /**
     * The name a layout uses for this format.
     *
     * @return {@code npz} or {@code hdf5}
     */
    public String key() {
        return key;
    }

    /**
     * The format with a layout name.
     *
     * @param key {@code npz} or {@code hdf5}, ignoring case
     * @return the format, or empty for any other name
     */
    public static Optional<FileFormat> fromKey(String key) {
        for (FileFormat format : values()) {
            if (format.key.equalsIgnoreCase(key)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * The format a file's extension implies: {@code .npz} and {@code .npy} are NPZ, {@code .h5}, {@code .hdf5},
     * {@code .he5} and {@code .hdf} are HDF5.
     *
     * @param file the file
     * @return the format, or empty for another extension
     */
    public static Optional<FileFormat> fromPath(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (s.endsWith(".npz") || s.endsWith(".npy")) {
            return Optional.of(NPZ);
        }
        if (s.endsWith(".h5") || s.endsWith(".hdf5") || s.endsWith(".he5") || s.endsWith(".hdf")) {
            return Optional.of(HDF5);
        }
        return Optional.empty();
    }
}
