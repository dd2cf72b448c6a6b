/**
 * Reading and writing NumPy {@code .npy} files and {@code .npz} archives, the format of the CMS b-tagging ntuples.
 *
 * <p>{@link dev.btag.data.npy.NpzFile} opens an archive (or a single {@code .npy} file) lazily and hands out
 * {@link dev.btag.data.npy.NpyArray} views that read whole arrays, row ranges or single elements as Java primitive
 * arrays or DJL {@code NDArray}s; {@link dev.btag.data.npy.NpzWriter} and {@link dev.btag.data.npy.NpyWriter}
 * write files that {@code numpy.load} reads unchanged. Every numeric dtype NumPy writes is supported (bool,
 * int8&ndash;int64, uint8&ndash;uint64, float16/32/64, either byte order), C and Fortran order, 0-d, empty and n-d
 * shapes, {@code .npy} format versions 1.0, 2.0 and 3.0, stored and deflated entries, and ZIP64.
 *
 * <p>Files are untrusted input: every size and offset is checked against the file before anything is allocated,
 * overlapping zip entries (zip bombs) are refused and what deflated entries may inflate to is bounded, full reads
 * verify the zip CRC-32, only regular files are opened, a file truncated under a reader gives an exception rather than
 * a JVM crash, and every problem is reported as a {@link dev.btag.data.npy.NpyFormatException} that names the file,
 * the entry and the problem. The writers replace files atomically ({@link dev.btag.io.AtomicOutput}).
 *
 * <p>btag reads the format itself instead of using DJL's {@code NDList.decode}, which loads every array eagerly
 * and mis-reads big-endian, Fortran-order and uint16 data, and parses zip itself instead of using
 * {@link java.util.zip.ZipFile}, which does not reveal where an entry's bytes lie in the file and so cannot read
 * a row range of a stored array in place.
 */
package dev.btag.data.npy;
