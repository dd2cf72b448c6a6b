package dev.btag.data.layout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a layout gives each jet its class (key {@code label}): either an integer field whose codes map to classes
 * ({@code field} with {@code classes}), or one 0/1 column per class ({@code onehot}, the tutorial's way). The classes
 * are in declaration order, which is the order of a tagger's outputs. This record is immutable.
 *
 * <p>Jets without a class: with a one-hot label, a row with no 1 (the tutorial's undefined jets); with an integer
 * field, a code listed under {@code ignore}. Such jets get an all-zero one-hot row (they add nothing to the loss, as
 * in Keras) and class index -1. Any other code that no class lists is an error when the file is read.
 *
 * @param field the integer label field or column, or {@code null} for a one-hot label
 * @param classes the classes, in output order (at least two)
 * @param ignored codes of jets that belong to no class (integer field only)
 */
public record ClassLabel(String field, List<JetClass> classes, List<Long> ignored) {

    /**
     * Copies the lists.
     *
     * @param field the field or {@code null}
     * @param classes the classes
     * @param ignored the ignored codes
     */
    public ClassLabel {
        classes = List.copyOf(classes);
        ignored = List.copyOf(ignored);
    }

    /**
     * Whether the label is one 0/1 column per class.
     *
     * @return {@code true} for {@code onehot}, {@code false} for an integer {@code field}
     */
    public boolean oneHot() {
        return field == null;
    }

    /**
     * The integer label field.
     *
     * @return the field, or empty for a one-hot label
     */
    public Optional<String> labelField() {
        return Optional.ofNullable(field);
    }

    /**
     * The number of classes K.
     *
     * @return K
     */
    public int size() {
        return classes.size();
    }

    /**
     * The class names in output order.
     *
     * @return K names
     */
    public List<String> names() {
        return classes.stream().map(JetClass::name).toList();
    }

    /**
     * The position of a class.
     *
     * @param name the class name
     * @return its index in output order, or empty when no class has this name
     */
    public OptionalInt indexOf(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).name().equals(name)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The class of an integer label code.
     *
     * @param code the code read from the label field
     * @return the class index; -1 for an ignored code; -2 for a code no class lists
     */
    public int classOfCode(long code) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i).codes().contains(code)) {
                return i;
            }
        }
        return ignored.contains(code) ? -1 : -2;
    }
}
