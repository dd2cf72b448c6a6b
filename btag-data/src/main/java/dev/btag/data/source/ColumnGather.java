package dev.btag.data.source;

/** Picks columns out of row-major cells: the one gather every {@link SourceArray} of numeric data uses. */
final class ColumnGather {

    private ColumnGather() {
    }

    /**
     * Picks columns from cells of {@code width} values.
     *
     * @param cells row-major cells, a multiple of {@code width} values
     * @param width the values per cell
     * @param columns the columns to keep, in output order
     * @return {@code cells} itself when {@code columns} is {@code 0 … width-1}, else a new array of
     *     {@code cells.length / width * columns.length} values
     */
    static float[] gather(float[] cells, int width, int[] columns) {
        if (isIdentity(columns, width)) {
            return cells;
        }
        int n = cells.length / width;
        int k = columns.length;
        float[] out = new float[n * k];
        for (int i = 0, base = 0; i < n; i++, base += width) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = cells[base + columns[j]];
            }
        }
        return out;
    }

    private static boolean isIdentity(int[] columns, int width) {
        if (columns.length != width) {
            return false;
        }
        for (int j = 0; j < width; j++) {
            if (columns[j] != j) {
                return false;
            }
        }
        return true;
    }
}
