package dev.btag.data.hdf5;

/**
 * How {@link Hdf5Writer} stores each dataset: contiguous and uncompressed ({@link #CONTIGUOUS}), or in chunks of a
 * number of rows (whole trailing dimensions) filtered by the byte shuffle and deflate (gzip) at a level, as h5py's
 * {@code create_dataset(..., chunks=(rows, ...), compression='gzip', compression_opts=level, shuffle=True)} writes
 * them. btag's reader decodes both (chunks in parallel); so do h5py and the HDF5 library. This record is immutable.
 *
 * <p>A dataset with fewer rows than {@code chunkRows} is one chunk of all its rows; an empty dataset is written
 * contiguous whatever the storage (HDF5 chunks have at least one row).
 *
 * @param chunkRows rows per chunk, 0 for contiguous storage
 * @param gzipLevel the deflate level 1 (fastest) to 9 (smallest), or 0 for no deflate filter
 * @param shuffle whether the byte shuffle filter runs before deflate (it groups the bytes of equal significance, which
 *     usually compresses floating-point data better)
 */
public record Hdf5Storage(int chunkRows, int gzipLevel, boolean shuffle) {

    /** Contiguous, unfiltered datasets: the fastest to write and read, the largest files. */
    public static final Hdf5Storage CONTIGUOUS = new Hdf5Storage(0, 0, false);

    /** The rows per chunk of {@link #gzip(int)}: 4096 jets of a 52-column float32 table are 852 kB. */
    public static final int DEFAULT_CHUNK_ROWS = 4096;

    /**
     * Checks the settings.
     *
     * @param chunkRows the rows per chunk, or 0
     * @param gzipLevel the deflate level, or 0
     * @param shuffle the shuffle filter
     * @throws IllegalArgumentException for negative chunk rows, a level outside 0–9, or filters on contiguous storage
     */
    public Hdf5Storage {
        if (chunkRows < 0) {
            throw new IllegalArgumentException("rows per chunk must be at least 1 (or 0 for contiguous), got "
                + chunkRows);
        }
        if (gzipLevel < 0 || gzipLevel > 9) {
            throw new IllegalArgumentException("the gzip level must be 1 to 9 (or 0 for none), got " + gzipLevel);
        }
        if (chunkRows == 0 && (gzipLevel > 0 || shuffle)) {
            throw new IllegalArgumentException("HDF5 filters (gzip, shuffle) need chunked storage; set rows per chunk");
        }
    }

    /**
     * Chunks of {@value #DEFAULT_CHUNK_ROWS} rows, shuffled and deflated.
     *
     * @param level the deflate level, 1 to 9
     * @return the storage
     * @throws IllegalArgumentException for a level outside 1–9
     */
    public static Hdf5Storage gzip(int level) {
        if (level < 1) {
            throw new IllegalArgumentException("the gzip level must be 1 to 9, got " + level);
        }
        return new Hdf5Storage(DEFAULT_CHUNK_ROWS, level, true);
    }

    /**
     * Whether datasets are chunked.
     *
     * @return {@code chunkRows > 0}
     */
    public boolean chunked() {
        return chunkRows > 0;
    }

    /**
     * The same storage with another number of rows per chunk.
     *
     * @param rows rows per chunk, at least 1
     * @return the storage
     * @throws IllegalArgumentException when {@code rows} is below 1
     */
    public Hdf5Storage withChunkRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows per chunk must be at least 1, got " + rows);
        }
        return new Hdf5Storage(rows, gzipLevel, shuffle);
    }
}
