package dev.btag.data.layout;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Writes a {@link Layout} as YAML text that {@link LayoutParser} reads back into an equal layout. */
final class LayoutYaml {

    /** Names written without quotes; anything else is written as a double-quoted (JSON) string. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Words YAML 1.1 readers would take for booleans or null. */
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n");

    private LayoutYaml() {
    }

    static String write(Layout layout) {
        StringBuilder out = new StringBuilder();
        out.append("# btag layout (").append(layout.source()).append("); docs/data-format.md describes every key\n");
        layout.format().ifPresent(f -> out.append("format: ").append(f.key()).append('\n'));
        JetTable jets = layout.jets();
        out.append("jets:\n  array: ").append(scalar(jets.array())).append('\n');
        if (jets.numeric()) {
            out.append("  columns: ").append(flow(jets.columns())).append('\n');
        }
        out.append("  features: ").append(flow(jets.features())).append('\n');
        out.append("label:\n");
        ClassLabel label = layout.label();
        if (label.oneHot()) {
            out.append("  onehot: {");
            for (int i = 0; i < label.size(); i++) {
                JetClass c = label.classes().get(i);
                out.append(i == 0 ? "" : ", ").append(scalar(c.name())).append(": ").append(scalar(c.column()));
            }
            out.append("}\n");
        } else {
            out.append("  field: ").append(scalar(label.field())).append("\n  classes: {");
            for (int i = 0; i < label.size(); i++) {
                JetClass c = label.classes().get(i);
                out.append(i == 0 ? "" : ", ").append(scalar(c.name())).append(": ").append(c.codes());
            }
            out.append("}\n");
            if (!label.ignored().isEmpty()) {
                out.append("  ignore: ").append(label.ignored()).append('\n');
            }
        }
        FlavourGroups groups = layout.groups();
        out.append("groups: {b: ").append(flow(groups.b()));
        if (!groups.c().isEmpty()) {
            out.append(", c: ").append(flow(groups.c()));
        }
        if (!groups.light().isEmpty()) {
            out.append(", light: ").append(flow(groups.light()));
        }
        out.append("}\n");
        layout.weight().ifPresent(w -> out.append("weight: ").append(scalar(w)).append('\n'));
        Kinematics k = layout.kinematics();
        if (k.pt() != null || k.eta() != null) {
            out.append("kinematics: {");
            if (k.pt() != null) {
                out.append("pt: ").append(scalar(k.pt()));
            }
            if (k.eta() != null) {
                out.append(k.pt() != null ? ", " : "").append("eta: ").append(scalar(k.eta()));
            }
            out.append("}\n");
        }
        if (!layout.collections().isEmpty()) {
            out.append("collections:\n");
            for (ObjectCollection c : layout.collections()) {
                out.append("  - name: ").append(scalar(c.name())).append('\n');
                out.append("    array: ").append(scalar(c.array())).append('\n');
                if (!c.columns().isEmpty()) {
                    out.append("    columns: ").append(flow(c.columns())).append('\n');
                }
                out.append("    variables: ").append(flow(c.variables())).append('\n');
                c.validField().ifPresent(v -> out.append("    valid: ").append(scalar(v)).append('\n'));
                if (!c.standardise()) {
                    out.append("    standardise: false\n");
                }
            }
        }
        return out.toString();
    }

    private static String flow(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(scalar(names.get(i)));
        }
        return sb.append(']').toString();
    }

    /** A name as a YAML scalar: plain when unambiguous, else a double-quoted string. */
    static String scalar(String name) {
        if (PLAIN.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : name.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
