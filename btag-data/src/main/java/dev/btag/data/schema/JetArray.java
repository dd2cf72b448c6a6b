package dev.btag.data.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The six arrays of a tutorial file, stored under the numpy {@code savez} names {@code arr_0} … {@code arr_5}, each
 * float32 with one leading row per jet. {@link #rowShape()} is the shape of one jet's block (the array's shape
 * without the leading N).
 *
 * <p>Only {@code arr_0}'s columns are named by the tutorial (see {@link JetColumn}). For {@code arr_1} … {@code arr_5}
 * it gives only the counts ("(max) 10 tracks with impact parameter &gt; 1 sigma: 21 variables per track", "(max) 4
 * secondary vertices: 12 variables each", ...). The files are DeepJet training files: DeepJet's data structure
 * {@code TrainData_DF} (DL4Jets/DeepJet, {@code modules/datastructures/TrainData_deepFlavour.py}) has the same 15
 * global inputs, 25 charged candidates × 16, 25 neutral candidates × 6, 4 secondary vertices × 12 and the same six
 * classes. {@code arr_2}, {@code arr_3} and {@code arr_4} are therefore named with DeepJet's variable lists, in
 * DeepJet's order ({@link #NEUTRAL_VARIABLES}, {@link #CHARGED_VARIABLES}, {@link #VERTEX_VARIABLES}). That order
 * is inferred from the shapes and from DeepJet's data structure, not stated by the tutorial. {@code arr_1} and
 * {@code arr_5} match no DeepJet list and keep neutral names such as {@code track_var_07}.
 *
 * <p>Per jet, the item rows come first, padded with all-zero rows up to the capacity. The tutorial's prose swaps the
 * neutral and charged candidate counts ("16x25", "6x25"); the file shapes (25, 6) and (25, 16) are authoritative.
 */
public enum JetArray {
    /** {@code arr_0}, (N, 52): the jet table, columns as {@link JetColumn}. */
    JETS("arr_0", "jet", JetColumn.COUNT, 1, null),
    /** {@code arr_1}, (N, 10, 21): up to 10 seeding tracks (impact parameter above 1 sigma), 21 variables each. */
    SEEDING_TRACKS("arr_1", "track", 21, 10, JetColumn.N_SEEDS),
    /** {@code arr_2}, (N, 25, 6): up to 25 neutral particle-flow candidates, 6 variables each. */
    NEUTRAL_CANDIDATES("arr_2", "neutral", 6, 25, JetColumn.N_NPFCAND),
    /** {@code arr_3}, (N, 25, 16): up to 25 charged particle-flow candidates, 16 variables each. */
    CHARGED_CANDIDATES("arr_3", "charged", 16, 25, JetColumn.N_CPFCAND),
    /** {@code arr_4}, (N, 4, 12): up to 4 secondary vertices, 12 variables each. */
    SECONDARY_VERTICES("arr_4", "sv", 12, 4, JetColumn.NSV),
    /**
     * {@code arr_5}, (N, 720, 10): the DeepVertex low-level input. Axis 2 (10) is the seed: for each of up to 10
     * seeding tracks, axis 1 (720 = 20 × 36) holds its 20 nearest tracks with 36 parameters each. The tutorial does
     * not give the order within the 720; btag reads it neighbour-major (index = neighbour × 36 + parameter), and the
     * synthetic generator writes it so. Unfilled seeds are all-zero columns.
     */
    DEEP_VERTEX_INPUTS("arr_5", "deepvertex", 36, 10, JetColumn.N_SEEDS);

    /** Neighbour tracks per seed in {@code arr_5}. */
    public static final int DEEP_VERTEX_NEIGHBOURS = 20;

    /** DeepJet's six neutral-candidate variables, the order assumed for {@code arr_2}. */
    public static final List<String> NEUTRAL_VARIABLES = List.of("Npfcan_ptrel", "Npfcan_deltaR", "Npfcan_isGamma",
        "Npfcan_HadFrac", "Npfcan_drminsv", "Npfcan_puppiw");

    /** DeepJet's sixteen charged-candidate variables, the order assumed for {@code arr_3}. */
    public static final List<String> CHARGED_VARIABLES = List.of("Cpfcan_BtagPf_trackEtaRel",
        "Cpfcan_BtagPf_trackPtRel", "Cpfcan_BtagPf_trackPPar", "Cpfcan_BtagPf_trackDeltaR",
        "Cpfcan_BtagPf_trackPParRatio", "Cpfcan_BtagPf_trackSip2dVal", "Cpfcan_BtagPf_trackSip2dSig",
        "Cpfcan_BtagPf_trackSip3dVal", "Cpfcan_BtagPf_trackSip3dSig", "Cpfcan_BtagPf_trackJetDistVal",
        "Cpfcan_ptrel", "Cpfcan_drminsv", "Cpfcan_VTX_ass", "Cpfcan_puppiw", "Cpfcan_chi2", "Cpfcan_quality");

    /** DeepJet's twelve secondary-vertex variables, the order assumed for {@code arr_4}. */
    public static final List<String> VERTEX_VARIABLES = List.of("sv_pt", "sv_deltaR", "sv_mass", "sv_ntracks",
        "sv_chi2", "sv_normchi2", "sv_dxy", "sv_dxysig", "sv_d3d", "sv_d3dsig", "sv_costhetasvpv", "sv_enratio");

    private final String entryName;
    private final String variablePrefix;
    private final int variables;
    private final int capacity;
    private final JetColumn countColumn;

    JetArray(String entryName, String variablePrefix, int variables, int capacity, JetColumn countColumn) {
        this.entryName = entryName;
        this.variablePrefix = variablePrefix;
        this.variables = variables;
        this.capacity = capacity;
        this.countColumn = countColumn;
    }

    /**
     * The entry name in the {@code .npz} archive (without {@code .npy}).
     *
     * @return {@code "arr_0"} … {@code "arr_5"}
     */
    public String entryName() {
        return entryName;
    }

    /**
     * The shape of one jet's block.
     *
     * @return a new array: {52}, {10, 21}, {25, 6}, {25, 16}, {4, 12} or {720, 10}
     */
    public long[] rowShape() {
        return switch (this) {
            case JETS -> new long[] {JetColumn.COUNT};
            case DEEP_VERTEX_INPUTS -> new long[] {(long) DEEP_VERTEX_NEIGHBOURS * variables, capacity};
            default -> new long[] {capacity, variables};
        };
    }

    /**
     * The full shape of the array for a number of jets.
     *
     * @param jets the number of jets N
     * @return a new array: N followed by {@link #rowShape()}
     */
    public long[] shape(long jets) {
        long[] row = rowShape();
        long[] shape = new long[row.length + 1];
        shape[0] = jets;
        System.arraycopy(row, 0, shape, 1, row.length);
        return shape;
    }

    /**
     * The number of float values per jet (the product of {@link #rowShape()}).
     *
     * @return 52, 210, 150, 400, 48 or 7200
     */
    public int valuesPerJet() {
        int n = 1;
        for (long d : rowShape()) {
            n *= (int) d;
        }
        return n;
    }

    /**
     * The number of variables per item (per track, candidate, vertex, or per neighbour track of a seed).
     *
     * @return 52 for the jet table, 21, 6, 16, 12, or 36 for {@code arr_5}
     */
    public int variableCount() {
        return variables;
    }

    /**
     * The maximum number of items per jet (tracks, candidates, vertices, seeds).
     *
     * @return 1 for the jet table, 10, 25, 25, 4, or 10 seeds for {@code arr_5}
     */
    public int capacity() {
        return capacity;
    }

    /**
     * The {@code arr_0} column that counts this array's items per jet. The filled rows of a jet are the first
     * {@code min(count, capacity())}; the tutorial does not state this relation, the synthetic generator keeps it.
     *
     * @return the count column, or {@code null} for the jet table
     */
    public JetColumn countColumn() {
        return countColumn;
    }

    /**
     * The variable names of this array: for the jet table the {@link JetColumn#columnName() column names}; for
     * {@code arr_2}, {@code arr_3} and {@code arr_4} DeepJet's names ({@link #NEUTRAL_VARIABLES},
     * {@link #CHARGED_VARIABLES}, {@link #VERTEX_VARIABLES}; an order inferred from the shapes and DeepJet's data
     * structure, see the class comment); for {@code arr_1} and {@code arr_5} the neutral names {@code track_var_00} …
     * {@code track_var_20} and {@code deepvertex_var_00} … {@code deepvertex_var_35}.
     *
     * @return a new list of {@link #variableCount()} names
     */
    public List<String> variableNames() {
        switch (this) {
            case JETS -> {
                List<String> names = new ArrayList<>();
                for (JetColumn column : JetColumn.values()) {
                    names.add(column.columnName());
                }
                return names;
            }
            case NEUTRAL_CANDIDATES -> {
                return new ArrayList<>(NEUTRAL_VARIABLES);
            }
            case CHARGED_CANDIDATES -> {
                return new ArrayList<>(CHARGED_VARIABLES);
            }
            case SECONDARY_VERTICES -> {
                return new ArrayList<>(VERTEX_VARIABLES);
            }
            default -> {
            }
        }
        List<String> names = new ArrayList<>(variables);
        for (int v = 0; v < variables; v++) {
            names.add(String.format(Locale.ROOT, "%s_var_%02d", variablePrefix, v));
        }
        return names;
    }

    /**
     * The position of a variable in this array's rows.
     *
     * @param name a name from {@link #variableNames()}, e.g. {@code "Cpfcan_BtagPf_trackSip3dSig"}
     * @return its index, 0 to {@link #variableCount()} - 1
     * @throws IllegalArgumentException when this array has no such variable, naming the array
     */
    public int variableIndex(String name) {
        int index = variableNames().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("'" + name + "' is not a variable of " + entryName + "; expected one of "
                + variableNames());
        }
        return index;
    }

    /**
     * The array stored under an entry name.
     *
     * @param entryName {@code "arr_0"} … {@code "arr_5"}
     * @return the array
     * @throws IllegalArgumentException for any other name, listing the expected ones
     */
    public static JetArray fromEntryName(String entryName) {
        for (JetArray array : values()) {
            if (array.entryName.equals(entryName)) {
                return array;
            }
        }
        throw new IllegalArgumentException("'" + entryName + "' is not a tutorial array; expected one of "
            + Arrays.toString(Arrays.stream(values()).map(JetArray::entryName).toArray()));
    }
}
