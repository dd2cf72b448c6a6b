package dev.btag.data.layout;

import java.util.List;
import java.util.Objects;

/**
 * The per-jet table of a layout (key {@code jets}): the array holding one row per jet, the names of its columns when
 * it is a 2-D numeric array, and the columns the tagger reads as features. This record is immutable.
 *
 * @param array the npz entry or HDF5 dataset (2-D numeric, or 1-D compound)
 * @param columns the names of a 2-D numeric array's columns in order; empty for a compound array (whose fields
 *     name themselves)
 * @param features the field or column names the tagger reads, in input order (at least one)
 */
public record JetTable(String array, List<String> columns, List<String> features) {

    /**
     * Copies the lists.
     *
     * @param array the array
     * @param columns the column names, or empty
     * @param features the feature names
     */
    public JetTable {
        Objects.requireNonNull(array, "array");
        columns = List.copyOf(columns);
        features = List.copyOf(features);
    }

    /**
     * Whether the table is a 2-D numeric array with named columns (rather than a compound array).
     *
     * @return {@code true} when {@link #columns()} is not empty
     */
    public boolean numeric() {
        return !columns.isEmpty();
    }
}
