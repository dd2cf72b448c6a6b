package dev.btag.spark.score;

import java.io.Serializable;

/**
 * The rows {@code [from, to)} of one input file: the unit of work of one Spark partition. This record is immutable
 * and serializable (Spark ships it to the executor that scores it).
 *
 * @serial exclude (a unit of work between driver and executors of one job, not a stored form)
 * @param file the file's path as given to the job (executors read it at the same path)
 * @param fileIndex the file's position in the job's file list, from 0
 * @param from the first row, at least 0
 * @param to one past the last row, at least {@code from}
 */
public record RowRange(String file, int fileIndex, int from, int to) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the bounds.
     *
     * @param file the file
     * @param fileIndex the file's position
     * @param from the first row
     * @param to one past the last row
     * @throws IllegalArgumentException if {@code from < 0}, {@code to < from} or {@code fileIndex < 0}
     */
    public RowRange {
        if (from < 0 || to < from || fileIndex < 0) {
            throw new IllegalArgumentException(file + ": invalid row range [" + from + ", " + to + ") of file "
                + fileIndex);
        }
    }

    /**
     * The number of rows.
     *
     * @return {@code to - from}
     */
    public int rows() {
        return to - from;
    }
}
