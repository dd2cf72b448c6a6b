/**
 * Files of named arrays, whatever the container: {@link dev.btag.data.source.ArrayFile} and
 * {@link dev.btag.data.source.SourceArray} see an npz archive ({@link dev.btag.data.source.NpzArrayFile}) or an HDF5
 * file the same way, as tables of rows (jets), cells (object slots) and columns (fields), read lazily by row range.
 */
package dev.btag.data.source;
