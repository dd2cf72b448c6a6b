package dev.btag.data.source;

import java.util.List;

/**
 * One array of an {@link ArrayFile} seen as a table: one row per jet, each row holding {@link #cellsPerRow()} cells
 * (1 for a per-jet table, the object slots for a collection), each cell holding {@link #columnCount()} columns.
 * A numeric array of shape {@code (N, ..., C)} has {@code C} columns on its last axis and the axes between as cells
 * ({@code (N, C)}: one cell; a 1-D array: one cell of one column); a compound (record) array of shape
 * {@code (N, ...)} has one column per field and the axes after the first as cells. Values are converted to float
 * (or double) as NumPy's {@code astype} would.
 */
public interface SourceArray {

    /**
     * The array's name in its file.
     *
     * @return the name
     */
    String name();

    /**
     * The dimensions, records counted once for a compound array.
     *
     * @return a copy of the shape
     */
    long[] shape();

    /**
     * The number of rows, the length of axis 0.
     *
     * @return N
     */
    default long rows() {
        return shape()[0];
    }

    /**
     * The element type in words.
     *
     * @return for example {@code <f4}, or {@code {pt <f4, eta <f8, flavour <i4}} for a compound array
     */
    String typeName();

    /**
     * The field names of a compound array.
     *
     * @return the fields in record order, or empty for a numeric array
     */
    List<String> fields();

    /**
     * Whether the array is compound (a record per element).
     *
     * @return {@code true} when {@link #fields()} is not empty
     */
    default boolean compound() {
        return !fields().isEmpty();
    }

    /**
     * The cells of one row.
     *
     * @return the product of the axes between the first and the column axis (1 when there are none)
     */
    default int cellsPerRow() {
        long[] shape = shape();
        int last = compound() ? shape.length : shape.length - 1;
        long cells = 1;
        for (int axis = 1; axis < last; axis++) {
            cells *= shape[axis];
        }
        return Math.toIntExact(cells);
    }

    /**
     * The columns of one cell.
     *
     * @return the number of fields of a compound array, the last axis of a numeric one (1 for a 1-D array)
     */
    default int columnCount() {
        long[] shape = shape();
        return compound() ? fields().size() : shape.length < 2 ? 1 : Math.toIntExact(shape[shape.length - 1]);
    }

    /**
     * Chosen columns of rows {@code [from, to)}: value {@code j} of cell {@code c} of row {@code r} goes to
     * {@code [(r * cellsPerRow() + c) * columns.length + j]}.
     *
     * @param from first row, inclusive
     * @param to end row, exclusive
     * @param columns the column indices to take, in output order
     * @return a new array
     * @throws IndexOutOfBoundsException for rows or columns out of range
     * @throws java.io.UncheckedIOException when the data turns out to be corrupt (naming the file and array)
     */
    float[] readFloats(long from, long to, int[] columns);

    /**
     * One column of rows {@code [from, to)} in double precision (exact for integers up to 2<sup>53</sup>): value of
     * cell {@code c} of row {@code r} at {@code [r * cellsPerRow() + c]}.
     *
     * @param from first row, inclusive
     * @param to end row, exclusive
     * @param column the column index
     * @return a new array
     * @throws IndexOutOfBoundsException for rows or a column out of range
     * @throws java.io.UncheckedIOException when the data turns out to be corrupt
     */
    double[] readDoubles(long from, long to, int column);
}
