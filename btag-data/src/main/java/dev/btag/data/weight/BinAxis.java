package dev.btag.data.weight;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One axis of a reweighting histogram: a variable's name (which also names its {@code <name>_edges} array in a
 * weights file) and its bin edges. Bin {@code k} is {@code [edges[k], edges[k+1])}; a value <b>outside the edges goes
 * to the nearest edge bin</b> (below the first edge: bin 0; at or above the last edge: the last bin), so every finite
 * value has a bin, as DeepJetCore's weighter does. NaN has no bin ({@link #bin(double)} returns -1).
 *
 * <p>Finding a bin costs a table look-up and at most a few comparisons, whatever the number of edges: the axis
 * keeps a table over a uniform grid at least twice as fine as its narrowest bin (at most {@value #MAX_GRID} cells),
 * so reweighting ten million jets spends milliseconds here. This class is immutable and thread-safe.
 */
public final class BinAxis {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** DeepJet's jet pT edges in GeV ({@code TrainData_DF.weight_binX}). */
    private static final double[] DEEPJET_PT_EDGES = {10, 25, 30, 35, 40, 45, 50, 60, 75, 100, 125, 150, 175, 200,
        250, 300, 400, 500, 600, 2000};
    /** |η| edges in steps of 0.5 up to the tracker acceptance. */
    private static final double[] DEEPJET_ABSETA_EDGES = {0, 0.5, 1, 1.5, 2, 2.5};

    /** The jet pT axis with DeepJet's edges (10, 25, 30, …, 600, 2000 GeV), named {@code pt}. */
    public static final BinAxis DEEPJET_PT = of("pt", DEEPJET_PT_EDGES);
    /** The |η| axis with edges 0, 0.5, 1, 1.5, 2, 2.5, named {@code abseta}. */
    public static final BinAxis DEEPJET_ABSETA = of("abseta", DEEPJET_ABSETA_EDGES);

    /** The most grid cells of the look-up table. */
    static final int MAX_GRID = 1 << 14;

    private final String name;
    private final double[] edges;
    private final double gridStart;
    private final double gridScale;
    private final int[] grid;

    private BinAxis(String name, double[] edges) {
        this.name = name;
        this.edges = edges;
        int bins = edges.length - 1;
        double range = edges[bins] - edges[0];
        double narrowest = range;
        for (int k = 0; k < bins; k++) {
            narrowest = Math.min(narrowest, edges[k + 1] - edges[k]);
        }
        int cells = (int) Math.min(MAX_GRID, Math.max(1, Math.ceil(2 * range / narrowest)));
        gridStart = edges[0];
        gridScale = cells / range;
        grid = new int[cells];
        int b = 0;
        for (int c = 0; c < cells; c++) {
            double x = gridStart + c / gridScale;
            while (b < bins - 1 && x >= edges[b + 1]) {
                b++;
            }
            grid[c] = b;
        }
    }

    /**
     * An axis with given edges.
     *
     * @param name the variable name: lower-case letters, digits and underscores, starting with a letter (for example
     *     {@code pt}, {@code abseta})
     * @param edges at least two finite, strictly increasing edges (copied)
     * @return the axis
     * @throws IllegalArgumentException for a bad name, fewer than two edges, or an edge that is not finite or not
     *     greater than the one before (the message names the axis and the index)
     */
    public static BinAxis of(String name, double... edges) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(edges, "edges");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("axis name '" + name + "' must match " + NAME.pattern());
        }
        if (edges.length < 2) {
            throw new IllegalArgumentException("axis " + name + " needs at least 2 edges, got " + edges.length);
        }
        double[] copy = edges.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!Double.isFinite(copy[i]) || i > 0 && !(copy[i] > copy[i - 1])) {
                throw new IllegalArgumentException("axis " + name + ": edges[" + i + "] = " + copy[i]
                    + ": edges must be finite and strictly increasing");
            }
        }
        return new BinAxis(name, copy);
    }

    /**
     * Parses comma-separated edges, for example {@code "10,25,30,2000"}.
     *
     * @param name the variable name
     * @param commaSeparated the edges
     * @return the axis
     * @throws IllegalArgumentException for a value that is not a number, or as {@link #of(String, double...)}
     */
    public static BinAxis parse(String name, String commaSeparated) {
        String[] parts = commaSeparated.split(",", -1);
        double[] edges = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                edges[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("axis " + name + ": edge '" + parts[i] + "' is not a number", e);
            }
        }
        return of(name, edges);
    }

    /**
     * The variable name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The edges.
     *
     * @return a copy
     */
    public double[] edges() {
        return edges.clone();
    }

    /**
     * The number of bins (edges minus one).
     *
     * @return the bin count
     */
    public int bins() {
        return edges.length - 1;
    }

    /**
     * The bin of a value; values below the first edge go to bin 0, values at or above the last edge to the last bin.
     *
     * @param value the value
     * @return the bin in {@code [0, bins())}, or -1 for NaN
     */
    public int bin(double value) {
        if (value != value) {
            return -1;
        }
        int last = edges.length - 2;
        double g = (value - gridStart) * gridScale;
        int c = g <= 0 ? 0 : g >= grid.length ? grid.length - 1 : (int) g;
        int b = grid[c];
        while (b < last && value >= edges[b + 1]) {
            b++;
        }
        while (b > 0 && value < edges[b]) {
            b--;
        }
        return b;
    }

    /**
     * A bin as text, for messages: {@code "pt [600, 2000)"}.
     *
     * @param bin the bin
     * @return the text
     */
    public String describe(int bin) {
        return String.format(Locale.ROOT, "%s [%s, %s)", name, trim(edges[bin]), trim(edges[bin + 1]));
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Equal when name and edges are equal.
     *
     * @param other the other object
     * @return whether equal
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof BinAxis a && a.name.equals(name) && Arrays.equals(a.edges, edges);
    }

    /**
     * A hash of name and edges.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(edges);
    }

    /**
     * The axis as text: {@code pt[10, 25, …, 2000]}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return name + Arrays.toString(edges);
    }
}
