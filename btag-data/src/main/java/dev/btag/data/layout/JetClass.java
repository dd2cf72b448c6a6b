package dev.btag.data.layout;

import java.util.List;
import java.util.Objects;

/**
 * One class a tagger learns, as a layout declares it: its name, and either the integer label codes that map to it
 * ({@code label.classes}) or the one-hot column that marks it ({@code label.onehot}). This record is immutable.
 *
 * @param name the class name, for example {@code b} or {@code light}
 * @param codes the label codes of this class (for an integer label field); empty for a one-hot label
 * @param column the one-hot column or field (for a one-hot label); {@code null} for an integer label field
 */
public record JetClass(String name, List<Long> codes, String column) {

    /**
     * Copies the list.
     *
     * @param name the name
     * @param codes the codes
     * @param column the one-hot column or {@code null}
     */
    public JetClass {
        Objects.requireNonNull(name, "name");
        codes = List.copyOf(codes);
    }
}
