package dev.btag.data.layout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The consistency rules of a layout that need no file: names that must refer to declared columns or classes, at
 * least two classes, codes and classes used once. Each broken rule is a {@link LayoutException} naming the key.
 */
final class LayoutRules {

    private LayoutRules() {
    }

    static void check(Layout layout) {
        String source = layout.source();
        JetTable jets = layout.jets();
        if (jets.numeric()) {
            inColumns(source, jets.features(), jets.columns(), "jets.features", "jets.columns");
            layout.weight().ifPresent(w -> inColumns(source, List.of(w), jets.columns(), "weight", "jets.columns"));
            layout.kinematics().ptField().ifPresent(f -> inColumns(source, List.of(f), jets.columns(),
                "kinematics.pt", "jets.columns"));
            layout.kinematics().etaField().ifPresent(f -> inColumns(source, List.of(f), jets.columns(),
                "kinematics.eta", "jets.columns"));
        }
        checkLabel(source, layout.label(), jets);
        checkGroups(source, layout.groups(), layout.label());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < layout.collections().size(); i++) {
            ObjectCollection c = layout.collections().get(i);
            String key = "collections[" + i + "]";
            if (!names.add(c.name())) {
                throw new LayoutException(source, key + ".name", "'" + c.name() + "' names two collections");
            }
            if (!c.columns().isEmpty()) {
                inColumns(source, c.variables(), c.columns(), key + ".variables", key + ".columns");
                c.validField().ifPresent(v -> inColumns(source, List.of(v), c.columns(), key + ".valid",
                    key + ".columns"));
            } else if (c.validField().isPresent() && c.variables().contains(c.valid())) {
                throw new LayoutException(source, key + ".valid", "'" + c.valid() + "' is also a variable; the"
                    + " validity flag is not an input");
            }
        }
    }

    private static void checkLabel(String source, ClassLabel label, JetTable jets) {
        if (label.size() < 2) {
            throw new LayoutException(source, label.oneHot() ? "label.onehot" : "label.classes",
                "declares " + label.size() + " class; a tagger needs at least two");
        }
        if (label.oneHot()) {
            Set<String> columns = new HashSet<>();
            for (int i = 0; i < label.size(); i++) {
                String column = label.classes().get(i).column();
                if (!columns.add(column)) {
                    throw new LayoutException(source, "label.onehot", "column '" + column + "' marks two classes");
                }
                if (jets.numeric()) {
                    inColumns(source, List.of(column), jets.columns(), "label.onehot." + label.classes().get(i).name(),
                        "jets.columns");
                }
            }
            return;
        }
        if (jets.numeric()) {
            inColumns(source, List.of(label.field()), jets.columns(), "label.field", "jets.columns");
        }
        Map<Long, String> owner = new HashMap<>();
        for (JetClass c : label.classes()) {
            for (long code : c.codes()) {
                String previous = owner.put(code, c.name());
                if (previous != null) {
                    throw new LayoutException(source, "label.classes." + c.name(), "code " + code
                        + " is already a code of class '" + previous + "'");
                }
            }
        }
        for (long code : label.ignored()) {
            if (owner.containsKey(code)) {
                throw new LayoutException(source, "label.ignore", "code " + code + " is a code of class '"
                    + owner.get(code) + "'");
            }
        }
    }

    private static void checkGroups(String source, FlavourGroups groups, ClassLabel label) {
        Map<String, String> groupOf = new HashMap<>();
        String[] keys = {"b", "c", "light"};
        List<List<String>> members = List.of(groups.b(), groups.c(), groups.light());
        for (int g = 0; g < keys.length; g++) {
            for (String name : members.get(g)) {
                if (label.indexOf(name).isEmpty()) {
                    throw new LayoutException(source, "groups." + keys[g], "'" + name + "' is not a class (classes: "
                        + String.join(", ", label.names()) + ")");
                }
                String previous = groupOf.put(name, keys[g]);
                if (previous != null) {
                    throw new LayoutException(source, "groups." + keys[g], "class '" + name + "' is already in group "
                        + previous);
                }
            }
        }
    }

    private static void inColumns(String source, List<String> names, List<String> columns, String key,
                                  String columnsKey) {
        for (int i = 0; i < names.size(); i++) {
            if (!columns.contains(names.get(i))) {
                throw new LayoutException(source, names.size() > 1 ? key + "[" + i + "]" : key, "'" + names.get(i)
                    + "' is not one of " + columnsKey + " (" + preview(columns) + ")");
            }
        }
    }

    /** The first few names of a list, for messages. */
    static String preview(List<String> names) {
        int shown = Math.min(names.size(), 8);
        String head = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? head + ", ... " + names.size() + " in all" : head;
    }
}
