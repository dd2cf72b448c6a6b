package dev.btag.examples.notebooks;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.btag.models.Tagger;
import java.util.Locale;

/**
 * A text summary of a tagger in the spirit of Keras' {@code model.summary()}: one line per layer that holds
 * parameters (its path in the DJL block tree, its type, its parameter count), then the totals, with the count Keras
 * reports for the same architecture.
 */
final class ModelSummary {

    private ModelSummary() {
    }

    static String of(Tagger tagger, long kerasParameters) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-52s %-22s %10s%n", "layer", "type",
            "parameters"));
        long total = append(tagger.block(), "", text);
        text.append(String.format(Locale.ROOT, "%-75s %10d%n", "total (btag, PyTorch)", total));
        text.append(String.format(Locale.ROOT, "%-75s %10d%n", "total as Keras counts it (notebook)",
            kerasParameters));
        return text.toString();
    }

    private static long append(Block block, String path, StringBuilder text) {
        long own = 0;
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getValue().isInitialized()) {
                own += p.getValue().getArray().size();
            }
        }
        if (own > 0) {
            text.append(String.format(Locale.ROOT, "%-52s %-22s %10d%n", path.isEmpty() ? "(top)" : path,
                block.getClass().getSimpleName(), own));
        }
        long total = own;
        for (Pair<String, Block> child : block.getChildren()) {
            total += append(child.getValue(), path.isEmpty() ? child.getKey() : path + "/" + child.getKey(), text);
        }
        return total;
    }
}
