package dev.btag.data.layout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One per-jet collection of objects (key {@code collections}): tracks, charged or neutral candidates, secondary
 * vertices. The array holds a fixed number of object slots per jet: {@code (N, objects, columns)} numeric, or
 * {@code (N, objects)} compound with one field per variable. This record is immutable.
 *
 * <p>Padding: with a {@link #valid()} field an object is real where that field is non-zero; without one, an object
 * whose variables are all zero is padding. Standardisation ({@link #standardise()}) is fitted per variable over the
 * real objects only and leaves padding at zero.
 *
 * @param name the collection's name, for example {@code tracks}
 * @param array the npz entry or HDF5 dataset
 * @param columns the names of a numeric array's last axis in order; empty for a compound array (whose fields name
 *     themselves), and for a numeric array whose last axis holds exactly the {@code variables}
 * @param variables the variable names the tagger reads, in input order (at least one)
 * @param valid the field or column marking real objects, or {@code null} for none
 * @param standardise whether models standardise the variables (default {@code true}; the tutorial layout says
 *     {@code false}, as the notebooks feed the tracks raw)
 */
public record ObjectCollection(String name, String array, List<String> columns, List<String> variables, String valid,
        boolean standardise) {

    /**
     * Copies the lists.
     *
     * @param name the name
     * @param array the array
     * @param columns the last-axis names of a numeric array, or empty
     * @param variables the variables
     * @param valid the validity field or {@code null}
     * @param standardise whether to standardise
     */
    public ObjectCollection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(array, "array");
        columns = List.copyOf(columns);
        variables = List.copyOf(variables);
    }

    /**
     * The validity field, if any.
     *
     * @return the field marking real objects
     */
    public Optional<String> validField() {
        return Optional.ofNullable(valid);
    }

    /**
     * The names of a numeric array's last axis: {@link #columns()}, or the variables when no columns are declared.
     *
     * @return the names in array order
     */
    public List<String> arrayColumns() {
        return columns.isEmpty() ? variables : columns;
    }
}
