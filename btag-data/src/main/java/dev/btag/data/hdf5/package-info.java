/**
 * HDF5 files through jHDF (pure Java, no native library): {@link dev.btag.data.hdf5.Hdf5File} lists and opens the
 * datasets of a file as {@link dev.btag.data.source.ArrayFile} arrays (numeric and compound, contiguous and chunked,
 * gzip/shuffle chunks decoded in parallel, rows read lazily), and {@link dev.btag.data.hdf5.Hdf5Writer} writes
 * numeric datasets.
 */
package dev.btag.data.hdf5;
