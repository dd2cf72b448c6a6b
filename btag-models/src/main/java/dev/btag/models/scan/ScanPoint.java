package dev.btag.models.scan;

import java.util.Arrays;
import java.util.Locale;

/**
 * One point of a {@link ModelScan}: a head of {@code depth} hidden dense layers, each {@code width} units wide,
 * trained with one seed. This record is immutable.
 *
 * @param depth the number of hidden dense layers of the tagger's head, at least 1
 * @param width the units of each of those layers, at least 1
 * @param seed the seed of initialisation, shuffling and dropout
 */
public record ScanPoint(int depth, int width, long seed) {

    /**
     * Checks the sizes.
     *
     * @param depth at least 1
     * @param width at least 1
     * @param seed any value
     * @throws IllegalArgumentException if the depth or width is not positive (the message names it)
     */
    public ScanPoint {
        if (depth < 1) {
            throw new IllegalArgumentException("scan depth must be positive, got " + depth);
        }
        if (width < 1) {
            throw new IllegalArgumentException("scan width must be positive, got " + width);
        }
    }

    /**
     * The head's hidden widths: {@code width} repeated {@code depth} times, as
     * {@link dev.btag.models.TaggerSpec.Builder#optHeadWidths(int...)} takes them.
     *
     * @return a new array of length {@code depth}
     */
    public int[] headWidths() {
        int[] widths = new int[depth];
        Arrays.fill(widths, width);
        return widths;
    }

    /**
     * The point's name in file names: {@code d2-w32-s42} (a negative seed keeps its minus sign).
     *
     * @return the name
     */
    public String key() {
        return String.format(Locale.ROOT, "d%d-w%d-s%d", depth, width, seed);
    }
}
