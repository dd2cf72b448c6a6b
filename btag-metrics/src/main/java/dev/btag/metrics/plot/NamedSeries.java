package dev.btag.metrics.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The named entries of one plot (curves, series or categories), in the order they were added; a name is the legend
 * entry and must be unique within the plot. Shared by the plot builders so that they check names the same way.
 *
 * @param <T> what each entry holds
 */
final class NamedSeries<T> {

    private final String kind;
    private final List<String> names = new ArrayList<>();
    private final List<T> values = new ArrayList<>();

    /**
     * Creates an empty list.
     *
     * @param kind what an entry is called in error messages, for example {@code "curve"}
     */
    NamedSeries(String kind) {
        this.kind = kind;
    }

    /**
     * Checks that a name may still be added.
     *
     * @param name the legend entry
     * @throws NullPointerException if the name is null
     * @throws IllegalArgumentException if the name was already used
     */
    void checkNew(String name) {
        Objects.requireNonNull(name, kind + " name");
        if (names.contains(name)) {
            throw new IllegalArgumentException("a " + kind + " named '" + name + "' was already added");
        }
    }

    /**
     * Adds an entry.
     *
     * @param name the legend entry, unique within the plot
     * @param value the entry's data, not null
     * @throws NullPointerException if the name or the value is null
     * @throws IllegalArgumentException if the name was already used
     */
    void add(String name, T value) {
        checkNew(name);
        Objects.requireNonNull(value, kind + " '" + name + "'");
        names.add(name);
        values.add(value);
    }

    int size() {
        return names.size();
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    String name(int i) {
        return names.get(i);
    }

    T get(int i) {
        return values.get(i);
    }

    List<T> values() {
        return java.util.Collections.unmodifiableList(values);
    }
}
