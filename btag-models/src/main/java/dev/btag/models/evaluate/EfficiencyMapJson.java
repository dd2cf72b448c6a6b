package dev.btag.models.evaluate;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.btag.metrics.efficiency.EfficiencyMap;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.selection.FlavourGroup;
import java.util.List;
import java.util.Map;

/**
 * The {@code efficiency_map.json} document of {@code btag efficiency-map}, the contract an analysis reads:
 *
 * <pre>{@code
 * {"discriminant": "BvsL", "ptEdges": [20, 30, ...], "absEtaEdges": [0, 0.5, ...], "synthetic": true,
 *  "weightSource": "layout", "weightField": "weight",
 *  "workingPoints": [{"name": "medium", "threshold": 0.73,
 *    "flavours": {"b": {"passed": [[...]], "total": [[...]], "efficiency": [[...]],
 *                       "lower": [[...]], "upper": [[...]]},
 *                 "c": {...}, "light": {...}}}]}
 * }</pre>
 *
 * <p>Arrays are indexed {@code [ptBin][absEtaBin]}; bin i is {@code [edge_i, edge_i+1)}, the last bin also takes
 * everything above its lower edge, jets below the first edge are left out. {@code passed} and {@code total} are jet
 * counts; with weights each flavour also has {@code "weighted": {"passed": [[...]], "total": [[...]]}} (sums of
 * weights), and then {@code efficiency}, {@code lower} and {@code upper} are those of the weights (Kish's effective
 * counts for the interval). {@code lower}/{@code upper} are the 68.3% Clopper&ndash;Pearson interval. A jet passes
 * when its discriminant is at least the threshold. Strict JSON: an empty cell's efficiency is {@code null}, and so is
 * the threshold of a working point that tags nothing ({@code +Infinity}).
 *
 * <p>{@code weightSource} and {@code weightField} say where the weights came from, with the meaning and values of the
 * same keys of {@code metrics.json} ({@link EvaluationWeights#describeSource}): {@code "layout"} with the layout's
 * field, {@code "file"} (a weights file, {@code btag evaluate --weights}) or {@code "none"}; {@code weightField} only
 * for {@code "layout"}. They are written when the writer knows where the weights came from ({@code btag
 * efficiency-map}, {@code btag evaluate}, {@code btag spark evaluate}); the {@code efficiencyMap} object inside
 * {@code metrics.json} leaves them out, as that document has them at its top level. This class is stateless.
 */
public final class EfficiencyMapJson {

    /** The file name {@code btag efficiency-map} and {@code btag evaluate} write. */
    public static final String FILE = "efficiency_map.json";

    private EfficiencyMapJson() {
    }

    /**
     * The document without the weight keys.
     *
     * @param maps the maps (rows jet pT, columns |eta|)
     * @param synthetic whether they were made from the synthetic sample
     * @return the JSON object, keys in the contract's order
     */
    public static JsonObject toJson(EfficiencyMaps maps, boolean synthetic) {
        return toJson(maps, synthetic, null);
    }

    /**
     * The document with the weight keys.
     *
     * @param maps the maps (rows jet pT, columns |eta|)
     * @param synthetic whether they were made from the synthetic sample
     * @param weightSource a document holding the keys of {@link EvaluationWeights#describeSource}, for example the
     *     {@code metrics.json} document of the same evaluation: its {@code weightSource} and {@code weightField} are
     *     copied when present (other keys are ignored); {@code null} for none
     * @return the JSON object, keys in the contract's order
     */
    public static JsonObject toJson(EfficiencyMaps maps, boolean synthetic, JsonObject weightSource) {
        JsonObject o = new JsonObject();
        o.addProperty("discriminant", maps.score());
        o.add("ptEdges", numbers(maps.x().edges()));
        o.add("absEtaEdges", numbers(maps.y().edges()));
        o.addProperty("synthetic", synthetic);
        if (weightSource != null) {
            for (String key : List.of(EvaluationWeights.SOURCE_KEY, EvaluationWeights.FIELD_KEY)) {
                if (weightSource.has(key)) {
                    o.add(key, weightSource.get(key).deepCopy());
                }
            }
        }
        JsonArray points = new JsonArray();
        for (EfficiencyMaps.CutMaps cut : maps.cuts()) {
            JsonObject wp = new JsonObject();
            wp.addProperty("name", cut.cut().name());
            wp.add("threshold", EvaluationJson.number(cut.cut().threshold()));
            JsonObject flavours = new JsonObject();
            for (Map.Entry<FlavourGroup, EfficiencyMap> e : cut.flavours().entrySet()) {
                flavours.add(e.getKey().name(), flavour(e.getValue()));
            }
            wp.add("flavours", flavours);
            points.add(wp);
        }
        o.add("workingPoints", points);
        return o;
    }

    private static JsonObject flavour(EfficiencyMap m) {
        JsonObject f = new JsonObject();
        f.add("passed", grid(m.passed()));
        f.add("total", grid(m.total()));
        f.add("efficiency", grid(m.efficiency()));
        f.add("lower", grid(m.lower()));
        f.add("upper", grid(m.upper()));
        if (m.weighted()) {
            JsonObject w = new JsonObject();
            w.add("passed", grid(m.weightedPassed()));
            w.add("total", grid(m.weightedTotal()));
            f.add("weighted", w);
        }
        return f;
    }

    /** A 2-D array; whole numbers (counts, edges) are written without a fraction. */
    static JsonArray grid(double[][] values) {
        JsonArray a = new JsonArray();
        for (double[] row : values) {
            a.add(numbers(row));
        }
        return a;
    }

    /** A 1-D array; whole numbers are written without a fraction, non-finite values as {@code null}. */
    static JsonArray numbers(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(number(v));
        }
        return a;
    }

    private static JsonElement number(double v) {
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
            return new JsonPrimitive((long) v);
        }
        return EvaluationJson.number(v);
    }
}
