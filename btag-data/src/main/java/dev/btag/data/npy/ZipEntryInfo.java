package dev.btag.data.npy;

/**
 * One file of a zip archive as its central directory describes it, with ZIP64 sizes and offsets already resolved.
 *
 * @param name the entry name (for NumPy archives {@code arr_0.npy} and the like)
 * @param method the compression method: {@link #STORED} or {@link #DEFLATED} (others are rejected when read)
 * @param flags the general-purpose bit flags (bit 0: encrypted, bit 3: sizes in a data descriptor)
 * @param crc32 the CRC-32 of the uncompressed bytes, as an unsigned 32-bit value
 * @param compressedSize the bytes the entry occupies in the archive after its local header
 * @param uncompressedSize the bytes of the entry once inflated
 * @param localHeaderOffset where the entry's local file header starts in the archive
 */
record ZipEntryInfo(String name, int method, int flags, long crc32, long compressedSize, long uncompressedSize,
                    long localHeaderOffset) {

    /** Compression method 0: the bytes are stored as they are. */
    static final int STORED = 0;

    /** Compression method 8: the bytes are compressed with deflate (RFC 1951). */
    static final int DEFLATED = 8;

    /**
     * Whether the entry is compressed.
     *
     * @return true for {@link #DEFLATED}
     */
    boolean compressed() {
        return method == DEFLATED;
    }
}
