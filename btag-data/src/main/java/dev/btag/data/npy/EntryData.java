package dev.btag.data.npy;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The raw element bytes of one array, in the order they are stored (C or Fortran), wherever they live: in place in a
 * file ({@link StoredData}) or inside a deflate stream ({@link DeflatedData}).
 *
 * <p>Element indices here are positions in storage order, from 0 to the array's size. Implementations are safe to
 * use from several threads at once.
 */
abstract class EntryData {

    /** Receives consecutive runs of raw elements. */
    @FunctionalInterface
    interface ChunkConsumer {
        /**
         * Accepts one run of whole elements.
         *
         * @param chunk the raw bytes from its position to its limit, ordered in the dtype's byte order; valid only
         *     during the call
         * @param firstElement the storage-order index of the run's first element
         * @throws IOException to abort the read
         */
        void accept(ByteBuffer chunk, long firstElement) throws IOException;
    }

    /** Copies single elements by index. */
    @FunctionalInterface
    interface ElementAccess {
        /**
         * Copies the raw bytes of one element.
         *
         * @param element the storage-order index
         * @param target receives the element's bytes at its position, which advances by the item size
         */
        void copy(long element, ByteBuffer target);
    }

    /**
     * Streams the elements {@code [firstElement, firstElement + count)} to a consumer in order, in runs.
     *
     * @param firstElement the first element, in storage order
     * @param count how many elements
     * @param verify whether to verify the entry's CRC-32 (only meaningful when the whole array is read; the whole
     *     entry is then checked, including bytes after the array)
     * @param consumer receives the runs
     * @throws NpyFormatException when the bytes are corrupt or the CRC-32 does not match
     * @throws IOException when reading fails or the consumer throws
     */
    abstract void read(long firstElement, long count, boolean verify, ChunkConsumer consumer) throws IOException;

    /**
     * Like {@link #read}, but may hand runs to the consumer from several threads at once, in any order; for
     * consumers that write disjoint parts of a destination. The default reads sequentially.
     *
     * @param firstElement the first element, in storage order
     * @param count how many elements
     * @param verify whether to verify the entry's CRC-32
     * @param consumer receives the runs; must be safe to call from several threads for disjoint runs
     * @throws NpyFormatException when the bytes are corrupt or the CRC-32 does not match
     * @throws IOException when reading fails or the consumer throws
     */
    void readConcurrently(long firstElement, long count, boolean verify, ChunkConsumer consumer)
        throws IOException {
        read(firstElement, count, verify, consumer);
    }

    /**
     * Random access to the elements; may first inflate the whole array.
     *
     * @param verify whether to verify the entry's CRC-32 first (a deflated entry is always verified, since it is
     *     inflated whole)
     * @return an accessor valid while the file is open
     * @throws NpyFormatException when the bytes are corrupt or too large to hold in memory
     * @throws IOException when reading fails
     */
    abstract ElementAccess randomAccess(boolean verify) throws IOException;
}
