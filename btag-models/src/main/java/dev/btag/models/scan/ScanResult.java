package dev.btag.models.scan;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.evaluate.EvaluationJson;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a {@link ModelScan}: every point, the summary of every (depth, width) cell over its seeds, and how
 * the run went. This record is immutable (its lists are copies).
 *
 * @param settings what every point shares (architecture, training settings, files, comparison)
 * @param depths the scanned depths, in the order given
 * @param widths the scanned widths, in the order given
 * @param seeds the seeds of each cell, in order
 * @param points one result per point, depth-major then width then seed, in the order of the lists above
 * @param cells one summary per (depth, width), depth-major, in the order of the lists above
 * @param trainedPoints the points this run trained
 * @param reusedPoints the points reused from an earlier run in the same directory
 * @param workers the points trained at the same time
 * @param intraOpThreads the engine's intra-op threads during the scan
 * @param seconds the wall-clock seconds of this run
 */
public record ScanResult(ScanSettings settings, List<Integer> depths, List<Integer> widths, List<Long> seeds,
        List<PointResult> points, List<CellSummary> cells, int trainedPoints, int reusedPoints, int workers,
        int intraOpThreads, double seconds) {

    /**
     * Copies the lists.
     *
     * @param settings the settings
     * @param depths the depths
     * @param widths the widths
     * @param seeds the seeds
     * @param points the points
     * @param cells the cells
     * @param trainedPoints points trained
     * @param reusedPoints points reused
     * @param workers parallel workers
     * @param intraOpThreads intra-op threads
     * @param seconds wall-clock seconds
     */
    public ScanResult {
        Objects.requireNonNull(settings, "settings");
        depths = List.copyOf(depths);
        widths = List.copyOf(widths);
        seeds = List.copyOf(seeds);
        points = List.copyOf(points);
        cells = List.copyOf(cells);
    }

    /**
     * Whether the points were trained on btag's synthetic sample (any of them).
     *
     * @return true for the synthetic sample
     */
    public boolean synthetic() {
        return points.stream().anyMatch(PointResult::synthetic);
    }

    /**
     * The summary of one cell.
     *
     * @param depth a scanned depth
     * @param width a scanned width
     * @return its summary
     * @throws IllegalArgumentException if the cell was not scanned
     */
    public CellSummary cell(int depth, int width) {
        return cells.stream().filter(c -> c.depth() == depth && c.width() == width).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no scan cell of depth " + depth + " and width "
                + width + "; scanned depths " + depths + ", widths " + widths));
    }

    /**
     * The cell with the highest mean AUC (the first of equal ones, in cell order; cells without a finite mean are
     * passed over). The spread of the cells says whether it is better than its neighbours or only luckier.
     *
     * @return the best cell
     * @throws IllegalStateException if no cell has a finite mean AUC
     */
    public CellSummary best() {
        return cells.stream().filter(c -> Double.isFinite(c.aucMean()))
            .max(Comparator.comparingDouble(CellSummary::aucMean).thenComparing(c -> -cells.indexOf(c)))
            .orElseThrow(() -> new IllegalStateException("no scan cell has a finite AUC"));
    }

    /**
     * The JSON document written as {@code scan.json}: the settings' fields, {@code synthetic} (and {@code note},
     * the synthetic sample's banner, when true), {@code depths}, {@code widths}, {@code seeds}, {@code points} (one
     * object per point, {@link PointResult#toJson()}), {@code summary} (one object per cell,
     * {@link CellSummary#toJson()}), {@code best} (depth, width and mean AUC of {@link #best()}, or null),
     * {@code trainedPoints}, {@code reusedPoints}, {@code workers}, {@code intraOpThreads} and {@code seconds}.
     *
     * @return a new JSON object
     */
    public JsonObject toJson() {
        JsonObject o = settings.toJson();
        o.addProperty("synthetic", synthetic());
        if (synthetic()) {
            o.addProperty("note", SyntheticSample.BANNER);
        }
        JsonArray d = new JsonArray();
        depths.forEach(d::add);
        o.add("depths", d);
        JsonArray w = new JsonArray();
        widths.forEach(w::add);
        o.add("widths", w);
        JsonArray s = new JsonArray();
        seeds.forEach(s::add);
        o.add("seeds", s);
        JsonArray p = new JsonArray();
        points.forEach(point -> p.add(point.toJson()));
        o.add("points", p);
        JsonArray c = new JsonArray();
        cells.forEach(cell -> c.add(cell.toJson()));
        o.add("summary", c);
        if (cells.stream().anyMatch(cell -> Double.isFinite(cell.aucMean()))) {
            CellSummary best = best();
            JsonObject b = new JsonObject();
            b.addProperty("depth", best.depth());
            b.addProperty("width", best.width());
            b.add("aucMean", EvaluationJson.number(best.aucMean()));
            o.add("best", b);
        } else {
            o.add("best", com.google.gson.JsonNull.INSTANCE);
        }
        o.addProperty("trainedPoints", trainedPoints);
        o.addProperty("reusedPoints", reusedPoints);
        o.addProperty("workers", workers);
        o.addProperty("intraOpThreads", intraOpThreads);
        o.add("seconds", EvaluationJson.number(seconds));
        return o;
    }
}
