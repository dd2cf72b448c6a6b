package dev.btag.metrics.roc;

import dev.btag.io.AtomicOutput;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes ROC curves as CSV: a header {@code threshold,tpr,fpr}, then one row per point in the curve's order
 * (thresholds descending, the first row the (0, 0) point with threshold {@code Infinity}). Numbers are written with
 * {@link Double#toString(double)}, which reads back to the same double.
 */
public final class RocCsv {

    /** The header line. */
    public static final String HEADER = "threshold,tpr,fpr";

    private RocCsv() {
    }

    /**
     * Writes a curve to a character stream.
     *
     * @param roc the curve
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public static void write(RocCurve roc, Appendable out) throws IOException {
        out.append(HEADER).append('\n');
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < roc.size(); i++) {
            line.setLength(0);
            line.append(roc.threshold(i)).append(',').append(roc.tpr(i)).append(',').append(roc.fpr(i)).append('\n');
            out.append(line);
        }
    }

    /**
     * Writes a curve to a file (UTF-8), replacing it.
     *
     * @param roc the curve
     * @param file the file
     * @throws IOException if the file cannot be written (the message names it)
     */
    public static void write(RocCurve roc, Path file) throws IOException {
        StringBuilder csv = new StringBuilder();
        write(roc, csv);
        AtomicOutput.writeString(file, csv);
    }
}
