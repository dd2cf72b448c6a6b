package dev.btag.data.ntuple;

import dev.btag.data.layout.ClassLabel;
import dev.btag.data.layout.JetTable;
import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.data.source.ArrayFile;
import dev.btag.data.source.SourceArray;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A layout resolved against one file: the arrays it names, opened, and every field name turned into a column index.
 * {@link #resolve} lists every disagreement instead of stopping at the first, so that {@code btag inspect --layout}
 * can report them all.
 */
final class Binding {

    /** One collection, resolved. */
    record BoundCollection(ObjectCollection spec, SourceArray array, int objects, int[] variables, int valid) {
    }

    final SourceArray table;
    final List<String> tableColumns;
    final int[] features;
    final int label;
    final int[] oneHot;
    final int weight;
    final int pt;
    final int eta;
    final List<BoundCollection> collections;

    private Binding(SourceArray table, List<String> tableColumns, int[] features, int label, int[] oneHot, int weight,
                    int pt, int eta, List<BoundCollection> collections) {
        this.table = table;
        this.tableColumns = List.copyOf(tableColumns);
        this.features = features;
        this.label = label;
        this.oneHot = oneHot;
        this.weight = weight;
        this.pt = pt;
        this.eta = eta;
        this.collections = collections;
    }

    /**
     * Resolves a layout against a file.
     *
     * @param file the open file
     * @param layout the layout
     * @param problems receives every disagreement
     * @return the binding, or {@code null} when there were problems
     * @throws IOException when an array's metadata cannot be read
     */
    static Binding resolve(ArrayFile file, Layout layout, List<LayoutProblem> problems) throws IOException {
        int before = problems.size();
        JetTable jets = layout.jets();
        SourceArray table = array(file, jets.array(), "jets.array", problems);
        if (table == null) {
            return null;
        }
        List<String> names = tableColumns(table, jets, problems);
        if (names == null) {
            return null;
        }
        int[] features = columns(table, names, jets.features(), "jets.features", problems);
        ClassLabel label = layout.label();
        int labelColumn = -1;
        int[] oneHot = null;
        if (label.oneHot()) {
            oneHot = new int[label.size()];
            for (int i = 0; i < label.size(); i++) {
                oneHot[i] = column(table, names, label.classes().get(i).column(),
                    "label.onehot." + label.classes().get(i).name(), problems);
            }
        } else {
            labelColumn = column(table, names, label.field(), "label.field", problems);
        }
        int weight = layout.weight().map(w -> column(table, names, w, "weight", problems)).orElse(-1);
        int pt = layout.kinematics().ptField().map(f -> column(table, names, f, "kinematics.pt", problems)).orElse(-1);
        int eta = layout.kinematics().etaField().map(f -> column(table, names, f, "kinematics.eta", problems))
            .orElse(-1);
        List<BoundCollection> collections = new ArrayList<>();
        for (int i = 0; i < layout.collections().size(); i++) {
            BoundCollection c = collection(file, layout.collections().get(i), "collections[" + i + "]", table.rows(),
                jets.array(), problems);
            collections.add(c);
        }
        if (problems.size() > before) {
            return null;
        }
        return new Binding(table, names, features, labelColumn, oneHot, weight, pt, eta, collections);
    }

    private static SourceArray array(ArrayFile file, String name, String key, List<LayoutProblem> problems)
        throws IOException {
        if (!file.contains(name)) {
            problems.add(new LayoutProblem(key, "no array '" + name + "' in the file (arrays: "
                + (file.arrayNames().isEmpty() ? "none" : String.join(", ", file.arrayNames())) + ")"));
            return null;
        }
        return file.array(name);
    }

    /** The names of the table's columns: the declared ones of a numeric table, the fields of a compound one. */
    private static List<String> tableColumns(SourceArray table, JetTable jets, List<LayoutProblem> problems) {
        long[] shape = table.shape();
        if (table.compound()) {
            if (shape.length != 1) {
                problems.add(new LayoutProblem("jets.array", "compound array '" + table.name() + "' has shape "
                    + Arrays.toString(shape) + "; the jet table must be 1-D compound or 2-D numeric"));
                return null;
            }
            if (jets.numeric()) {
                problems.add(new LayoutProblem("jets.columns", "array '" + table.name() + "' is compound (fields "
                    + String.join(", ", table.fields()) + "); its fields name themselves, leave out jets.columns"));
                return null;
            }
            return table.fields();
        }
        if (shape.length != 2) {
            problems.add(new LayoutProblem("jets.array", "array '" + table.name() + "' has shape "
                + Arrays.toString(shape) + "; the jet table must be 2-D numeric or 1-D compound"));
            return null;
        }
        if (!jets.numeric()) {
            problems.add(new LayoutProblem("jets.columns", "array '" + table.name() + "' is numeric with " + shape[1]
                + " columns; name them in jets.columns"));
            return null;
        }
        if (jets.columns().size() != shape[1]) {
            problems.add(new LayoutProblem("jets.columns", "declares " + jets.columns().size() + " names but array '"
                + table.name() + "' has " + shape[1] + " columns"));
            return null;
        }
        return jets.columns();
    }

    private static BoundCollection collection(ArrayFile file, ObjectCollection spec, String key, long rows,
                                              String tableName, List<LayoutProblem> problems) throws IOException {
        SourceArray array = array(file, spec.array(), key + ".array", problems);
        if (array == null) {
            return null;
        }
        long[] shape = array.shape();
        List<String> names;
        if (array.compound()) {
            if (shape.length != 2) {
                problems.add(new LayoutProblem(key + ".array", "compound array '" + array.name() + "' has shape "
                    + Arrays.toString(shape) + "; a collection must be (N, objects) compound or (N, objects,"
                    + " variables) numeric"));
                return null;
            }
            if (!spec.columns().isEmpty()) {
                problems.add(new LayoutProblem(key + ".columns", "array '" + array.name() + "' is compound; its"
                    + " fields name themselves, leave out columns"));
                return null;
            }
            names = array.fields();
        } else {
            if (shape.length != 3) {
                problems.add(new LayoutProblem(key + ".array", "array '" + array.name() + "' has shape "
                    + Arrays.toString(shape) + "; a collection must be (N, objects, variables) numeric or (N,"
                    + " objects) compound"));
                return null;
            }
            names = spec.arrayColumns();
            if (names.size() != shape[2]) {
                problems.add(new LayoutProblem(key + (spec.columns().isEmpty() ? ".variables" : ".columns"),
                    "declares " + names.size() + " names but array '" + array.name() + "' has " + shape[2]
                    + " variables per object"));
                return null;
            }
        }
        if (shape[0] != rows) {
            problems.add(new LayoutProblem(key + ".array", "array '" + array.name() + "' has " + shape[0]
                + " rows but the jet table '" + tableName + "' has " + rows));
        }
        int[] variables = columns(array, names, spec.variables(), key + ".variables", problems);
        int valid = spec.validField().map(v -> column(array, names, v, key + ".valid", problems)).orElse(-1);
        return new BoundCollection(spec, array, Math.toIntExact(shape[1]), variables, valid);
    }

    private static int[] columns(SourceArray array, List<String> names, List<String> wanted, String key,
                                 List<LayoutProblem> problems) {
        int[] out = new int[wanted.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column(array, names, wanted.get(i), wanted.size() > 1 ? key + "[" + i + "]" : key, problems);
        }
        return out;
    }

    static int column(SourceArray array, List<String> names, String name, String key,
                      List<LayoutProblem> problems) {
        int index = names.indexOf(name);
        if (index < 0) {
            problems.add(new LayoutProblem(key, "no " + (array.compound() ? "field" : "column") + " '" + name
                + "' in array '" + array.name() + "' (" + (array.compound() ? "fields" : "columns") + ": "
                + preview(names) + ")"));
        }
        return index;
    }

    static String preview(List<String> names) {
        int shown = Math.min(names.size(), 8);
        String head = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? head + ", ... " + names.size() + " in all" : head;
    }
}
