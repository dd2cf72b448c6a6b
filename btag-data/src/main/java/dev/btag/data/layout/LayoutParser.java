package dev.btag.data.layout;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a layout from YAML into a {@link Layout}, checking the keys on the way; every error is a
 * {@link LayoutException} naming the source and the dotted key. The layout's own consistency (names that must refer to
 * declared columns or classes) is checked by {@link LayoutRules}.
 */
final class LayoutParser {

    private static final Set<String> TOP_KEYS = Set.of("format", "jets", "label", "groups", "weight", "kinematics",
        "collections");
    private static final Set<String> JET_KEYS = Set.of("array", "columns", "features");
    private static final Set<String> LABEL_KEYS = Set.of("field", "classes", "onehot", "ignore");
    private static final Set<String> GROUP_KEYS = Set.of("b", "c", "light");
    private static final Set<String> KINEMATIC_KEYS = Set.of("pt", "eta");
    private static final Set<String> COLLECTION_KEYS = Set.of("name", "array", "columns", "variables", "valid",
        "standardise");

    private final String source;

    private LayoutParser(String source) {
        this.source = source;
    }

    static Layout parse(String yaml, String source) {
        return new LayoutParser(source).document(yaml);
    }

    private Layout document(String yaml) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)
                + ": ").orElse("");
            throw new LayoutException(source, "", "not valid YAML: " + where + e.getProblem());
        } catch (YamlEngineException e) {
            throw new LayoutException(source, "", "not valid YAML: " + oneLine(e.getMessage()));
        }
        if (root == null) {
            throw new LayoutException(source, "", "empty layout (it needs at least 'jets', 'label' and 'groups')");
        }
        Map<String, Object> top = map(root, "");
        FileFormat format = null;
        if (top.containsKey("format")) {
            String name = string(top.get("format"), "format");
            format = FileFormat.fromKey(name).orElseThrow(() -> new LayoutException(source, "format",
                "'" + name + "' is not a format (npz or hdf5)"));
        }
        JetTable jets = jets(required(top, "jets", ""));
        ClassLabel label = label(required(top, "label", ""));
        FlavourGroups groups = groups(required(top, "groups", ""));
        String weight = top.containsKey("weight") ? string(top.get("weight"), "weight") : null;
        Kinematics kinematics = Kinematics.NONE;
        if (top.containsKey("kinematics")) {
            Map<String, Object> k = keys(map(top.get("kinematics"), "kinematics"), KINEMATIC_KEYS, "kinematics");
            kinematics = new Kinematics(optionalString(k, "pt", "kinematics"), optionalString(k, "eta", "kinematics"));
        }
        List<ObjectCollection> collections = new ArrayList<>();
        if (top.containsKey("collections") && top.get("collections") != null) {
            List<Object> items = list(top.get("collections"), "collections");
            for (int i = 0; i < items.size(); i++) {
                collections.add(collection(items.get(i), "collections[" + i + "]"));
            }
        }
        Layout layout = new Layout(source, format, jets, label, groups, weight, kinematics, collections);
        LayoutRules.check(layout);
        return layout;
    }

    private Map<String, Object> required(Map<String, Object> parent, String key, String parentKey) {
        String path = join(parentKey, key);
        if (!parent.containsKey(key) || parent.get(key) == null) {
            throw new LayoutException(source, path, "missing (required)");
        }
        return map(parent.get(key), path);
    }

    private JetTable jets(Map<String, Object> node) {
        keys(node, JET_KEYS, "jets");
        String array = requiredString(node, "array", "jets");
        List<String> columns = node.containsKey("columns") ? names(node.get("columns"), "jets.columns") : List.of();
        if (!node.containsKey("features")) {
            throw new LayoutException(source, "jets.features", "missing (required: the fields the tagger reads)");
        }
        return new JetTable(array, columns, names(node.get("features"), "jets.features"));
    }

    private ClassLabel label(Map<String, Object> node) {
        keys(node, LABEL_KEYS, "label");
        boolean field = node.containsKey("field");
        boolean oneHot = node.containsKey("onehot");
        if (field == oneHot) {
            throw new LayoutException(source, "label", field ? "has both 'field' and 'onehot' (give exactly one)"
                : "needs exactly one of 'field' (an integer field mapped by 'classes') or 'onehot' (one column per"
                + " class)");
        }
        List<JetClass> classes = new ArrayList<>();
        if (oneHot) {
            if (node.containsKey("classes") || node.containsKey("ignore")) {
                throw new LayoutException(source, node.containsKey("classes") ? "label.classes" : "label.ignore",
                    "only goes with 'field' (a one-hot label names its classes in 'onehot')");
            }
            Object value = node.get("onehot");
            if (value instanceof Map<?, ?>) {
                for (Map.Entry<String, Object> e : map(value, "label.onehot").entrySet()) {
                    classes.add(new JetClass(e.getKey(), List.of(),
                        string(e.getValue(), "label.onehot." + e.getKey())));
                }
            } else {
                for (String column : names(value, "label.onehot")) {
                    classes.add(new JetClass(column, List.of(), column));
                }
            }
            return new ClassLabel(null, classes, List.of());
        }
        String labelField = string(node.get("field"), "label.field");
        if (!node.containsKey("classes")) {
            throw new LayoutException(source, "label.classes", "missing (required with 'field': class name -> codes)");
        }
        for (Map.Entry<String, Object> e : map(node.get("classes"), "label.classes").entrySet()) {
            classes.add(new JetClass(e.getKey(), codes(e.getValue(), "label.classes." + e.getKey()), null));
        }
        List<Long> ignored = node.containsKey("ignore") ? codes(node.get("ignore"), "label.ignore") : List.of();
        return new ClassLabel(labelField, classes, ignored);
    }

    private FlavourGroups groups(Map<String, Object> node) {
        keys(node, GROUP_KEYS, "groups");
        if (!node.containsKey("b")) {
            throw new LayoutException(source, "groups.b", "missing (required: the classes that are b jets)");
        }
        return new FlavourGroups(names(node.get("b"), "groups.b"),
            node.containsKey("c") ? names(node.get("c"), "groups.c") : List.of(),
            node.containsKey("light") ? names(node.get("light"), "groups.light") : List.of());
    }

    private ObjectCollection collection(Object value, String key) {
        Map<String, Object> node = keys(map(value, key), COLLECTION_KEYS, key);
        String name = requiredString(node, "name", key);
        String array = requiredString(node, "array", key);
        List<String> columns = node.containsKey("columns") ? names(node.get("columns"), key + ".columns") : List.of();
        if (!node.containsKey("variables")) {
            throw new LayoutException(source, key + ".variables", "missing (required: the variables the tagger reads)");
        }
        List<String> variables = names(node.get("variables"), key + ".variables");
        String valid = optionalString(node, "valid", key);
        boolean standardise = true;
        if (node.containsKey("standardise")) {
            if (!(node.get("standardise") instanceof Boolean b)) {
                throw new LayoutException(source, key + ".standardise", "must be true or false, got '"
                    + node.get("standardise") + "'");
            }
            standardise = b;
        }
        return new ObjectCollection(name, array, columns, variables, valid, standardise);
    }

    private Map<String, Object> keys(Map<String, Object> node, Set<String> known, String key) {
        for (String k : node.keySet()) {
            if (!known.contains(k)) {
                throw new LayoutException(source, join(key, k), "unknown key (known here: "
                    + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return node;
    }

    private Map<String, Object> map(Object value, String key) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new LayoutException(source, key, "must be a mapping of keys to values, got " + describe(value));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            Object k = e.getKey();
            if (!(k instanceof String) && !(k instanceof Number)) {
                throw new LayoutException(source, key, "key " + describe(k) + " is not a name");
            }
            out.put(String.valueOf(k), e.getValue());
        }
        if (key.isEmpty()) {
            keys(out, TOP_KEYS, "");
        }
        return out;
    }

    private List<Object> list(Object value, String key) {
        if (!(value instanceof List<?> raw)) {
            throw new LayoutException(source, key, "must be a list, got " + describe(value));
        }
        return new ArrayList<>(raw);
    }

    /** A list of distinct names; a single name is accepted as a list of one. */
    private List<String> names(Object value, String key) {
        List<Object> items = value instanceof List<?> ? list(value, key) : List.of(value == null ? "" : value);
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String name = string(items.get(i), key + "[" + i + "]");
            if (!seen.add(name)) {
                throw new LayoutException(source, key + "[" + i + "]", "'" + name + "' is listed twice");
            }
            out.add(name);
        }
        if (out.isEmpty()) {
            throw new LayoutException(source, key, "is empty (list at least one name)");
        }
        return out;
    }

    /** A list of distinct integer codes; a single code is accepted as a list of one. */
    private List<Long> codes(Object value, String key) {
        List<Object> items = value instanceof List<?> ? list(value, key) : List.of(value == null ? "" : value);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (!(item instanceof Integer) && !(item instanceof Long)
                && !(item instanceof BigInteger big && big.bitLength() < 64)) {
                throw new LayoutException(source, key + (items.size() > 1 || value instanceof List<?> ? "[" + i + "]"
                    : ""), "codes must be integers, got " + describe(item));
            }
            long code = ((Number) item).longValue();
            if (out.contains(code)) {
                throw new LayoutException(source, key, "code " + code + " is listed twice");
            }
            out.add(code);
        }
        if (out.isEmpty()) {
            throw new LayoutException(source, key, "is empty (list at least one code)");
        }
        return out;
    }

    private String requiredString(Map<String, Object> node, String key, String parent) {
        if (!node.containsKey(key) || node.get(key) == null) {
            throw new LayoutException(source, join(parent, key), "missing (required)");
        }
        return string(node.get(key), join(parent, key));
    }

    private String optionalString(Map<String, Object> node, String key, String parent) {
        return node.containsKey(key) && node.get(key) != null ? string(node.get(key), join(parent, key)) : null;
    }

    private String string(Object value, String key) {
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        throw new LayoutException(source, key, "must be a name, got " + describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String s) {
            return s.isBlank() ? "an empty name" : "'" + s + "'";
        }
        return "'" + value + "'";
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
