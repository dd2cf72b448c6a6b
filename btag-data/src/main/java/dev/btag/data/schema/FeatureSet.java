package dev.btag.data.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named, ordered list of jet-table columns used as a tagger's per-jet input features; the features of a batch are
 * laid out in this order. This class is immutable.
 *
 * @param name a short name, e.g. {@code "tutorial"}
 * @param columns the columns in feature order: at least one, no duplicates, no truth columns (19–51)
 */
public record FeatureSet(String name, List<JetColumn> columns) {

    /**
     * The tutorial's 15 input features: columns 0–5 and 7–15 ({@code dataALL[:, [0,1,2,3,4,5,7,8,...,15]]}); column 6,
     * n_seeds, is left out.
     */
    public static final FeatureSet TUTORIAL = of("tutorial",
        JetColumn.JET_PT, JetColumn.JET_ETA, JetColumn.N_CPFCAND, JetColumn.N_NPFCAND, JetColumn.NSV, JetColumn.NPV,
        JetColumn.TRACK_SUM_JET_ET_RATIO, JetColumn.TRACK_SUM_JET_DELTA_R, JetColumn.VERTEX_CATEGORY,
        JetColumn.TRACK_SIP2D_VAL_ABOVE_CHARM, JetColumn.TRACK_SIP2D_SIG_ABOVE_CHARM,
        JetColumn.TRACK_SIP3D_VAL_ABOVE_CHARM, JetColumn.TRACK_SIP3D_SIG_ABOVE_CHARM,
        JetColumn.JET_N_SELECTED_TRACKS, JetColumn.JET_N_TRACKS_ETA_REL);

    /**
     * Validates and copies the column list.
     *
     * @param name a short name
     * @param columns the columns in feature order
     * @throws IllegalArgumentException when the name is blank, the list is empty, a column repeats or is a truth
     *     column (a tagger must never see the truth)
     */
    public FeatureSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(columns, "columns");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a feature set needs a name");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("feature set '" + name + "' has no columns");
        }
        Set<JetColumn> seen = EnumSet.noneOf(JetColumn.class);
        for (JetColumn column : columns) {
            Objects.requireNonNull(column, "column");
            if (!seen.add(column)) {
                throw new IllegalArgumentException(
                    "feature set '" + name + "' lists column " + column.index() + " " + column.columnName() + " twice");
            }
            if (column.group().isTruth()) {
                throw new IllegalArgumentException("feature set '" + name + "' contains the truth column "
                    + column.index() + " " + column.columnName() + "; truth is never an input feature");
            }
        }
        columns = List.copyOf(columns);
    }

    /**
     * A feature set from columns.
     *
     * @param name a short name
     * @param columns the columns in feature order
     * @return the feature set
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static FeatureSet of(String name, JetColumn... columns) {
        return new FeatureSet(name, Arrays.asList(columns));
    }

    /**
     * A feature set from column names ({@link JetColumn#byName(String)}).
     *
     * @param name a short name
     * @param columnNames the column names in feature order
     * @return the feature set
     * @throws IllegalArgumentException for an unknown column name (naming it) or as the canonical constructor
     */
    public static FeatureSet ofNames(String name, String... columnNames) {
        List<JetColumn> columns = new ArrayList<>();
        for (String columnName : columnNames) {
            columns.add(JetColumn.byName(columnName).orElseThrow(() -> new IllegalArgumentException(
                "feature set '" + name + "': arr_0 has no column named '" + columnName + "'")));
        }
        return new FeatureSet(name, columns);
    }

    /**
     * The number of features.
     *
     * @return the number of columns
     */
    public int size() {
        return columns.size();
    }

    /**
     * The column indices in feature order.
     *
     * @return a new array of {@link #size()} indices into {@code arr_0}'s 52 columns
     */
    public int[] indices() {
        int[] indices = new int[columns.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = columns.get(i).index();
        }
        return indices;
    }

    /**
     * The column names in feature order.
     *
     * @return a new list of names
     */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (JetColumn column : columns) {
            names.add(column.columnName());
        }
        return names;
    }
}
