package dev.btag.examples.cli;

import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.models.PaddingPolicy;
import dev.btag.models.TaggerSpec;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The DeepJet-style tagger's options {@code --padding} and {@code --sort-by}, turned into spec settings. */
final class BranchOptions {

    private BranchOptions() {
    }

    /**
     * The spec changes the options ask for.
     *
     * @param padding {@code mask} or {@code keep}
     * @param sortBy {@code COLLECTION:VARIABLE} entries, or {@code null}
     * @param layout the layout whose collections name the variables
     * @return the customiser for {@code TrainingRun.Builder.optSpecCustomiser}
     * @throws IllegalArgumentException for an unknown policy, a malformed entry, or a collection or variable the
     *     layout does not declare (the message names the option and the value)
     */
    static Consumer<TaggerSpec.Builder> customiser(String padding, List<String> sortBy, Layout layout) {
        PaddingPolicy policy;
        try {
            policy = PaddingPolicy.valueOf(padding.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--padding: expected mask or keep, got '" + padding + "'", e);
        }
        List<String> entries = sortBy == null ? List.of() : sortBy;
        String[][] pairs = new String[entries.size()][];
        int[] indices = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            String[] pair = entries.get(i).split(":", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("--sort-by: expected COLLECTION:VARIABLE, got '" + entries.get(i)
                    + "'");
            }
            ObjectCollection c = layout.collection(pair[0]);
            indices[i] = c.variables().indexOf(pair[1]);
            if (indices[i] < 0) {
                throw new IllegalArgumentException("--sort-by: collection '" + pair[0] + "' has no variable '"
                    + pair[1] + "'; it has " + c.variables());
            }
            pairs[i] = pair;
        }
        return b -> {
            b.optPadding(policy);
            for (int i = 0; i < pairs.length; i++) {
                b.optSortBy(pairs[i][0], indices[i]);
            }
        };
    }
}
