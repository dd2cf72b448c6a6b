package dev.btag.models.evaluate;

import com.google.gson.JsonObject;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.io.AtomicOutput;
import dev.btag.io.FileChecks;
import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.efficiency.EfficiencyMap;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.plot.HeatMapPlot;
import dev.btag.metrics.selection.FlavourGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Writes {@link EfficiencyMaps} as {@code btag efficiency-map} does: {@value EfficiencyMapJson#FILE}
 * ({@link EfficiencyMapJson}), {@value #CSV} (one row per working point, flavour and cell), {@value #NPZ} (arrays
 * for numpy) and one heat map per flavour and working point with the efficiency printed in each cell. Every file is
 * written to a temporary file and renamed.
 *
 * <p>{@value #NPZ} holds {@code ptEdges} and {@code absEtaEdges} (float64), {@code thresholds} (W, float64, +inf for a
 * working point that tags nothing), {@code synthetic} (one bool: made from btag's synthetic sample), and
 * {@code passed}, {@code total}, {@code efficiency}, {@code lower}, {@code upper} of shape (W, 3, pT bins, |eta| bins)
 * float64, working points in the JSON's order and flavours b, c, light; with weights also {@code weightedPassed} and
 * {@code weightedTotal}. Empty cells have efficiency NaN.
 */
public final class EfficiencyMapOutputs {

    /** The CSV file name. */
    public static final String CSV = "efficiency_map.csv";
    /** The npz file name. */
    public static final String NPZ = "efficiency_map.npz";
    /** The CSV header. */
    public static final String CSV_HEADER = "workingPoint,threshold,flavour,ptLow,ptHigh,absEtaLow,absEtaHigh,passed,"
        + "total,efficiency,lower,upper,weightedPassed,weightedTotal";

    private EfficiencyMapOutputs() {
    }

    /**
     * Writes the JSON, CSV and npz files and the heat maps of the given working points; the JSON has no weight keys.
     *
     * @param maps the maps (rows jet pT, columns |eta|)
     * @param synthetic whether they come from the synthetic sample (the JSON says so, the plots carry the banner)
     * @param dir the output directory (created if missing)
     * @param drawn the names of the working points to draw heat maps of (every one if {@code null})
     * @return the heat-map files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writeAll(EfficiencyMaps maps, boolean synthetic, Path dir, List<String> drawn)
            throws IOException {
        return writeAll(maps, synthetic, null, dir, drawn);
    }

    /**
     * Writes the JSON, CSV and npz files and the heat maps of the given working points, the JSON saying where the
     * weights came from.
     *
     * @param maps the maps (rows jet pT, columns |eta|)
     * @param synthetic whether they come from the synthetic sample (the JSON says so, the plots carry the banner)
     * @param weightSource a document holding {@code weightSource} and {@code weightField}
     *     ({@link EvaluationWeights#describeSource}, or the {@code metrics.json} document of the same evaluation),
     *     copied into the JSON ({@link EfficiencyMapJson#toJson(EfficiencyMaps, boolean, JsonObject)}); {@code null}
     *     for none
     * @param dir the output directory (created if missing)
     * @param drawn the names of the working points to draw heat maps of (every one if {@code null})
     * @return the heat-map files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> writeAll(EfficiencyMaps maps, boolean synthetic, JsonObject weightSource, Path dir,
            List<String> drawn) throws IOException {
        FileChecks.createDirectories(dir);
        AtomicOutput.writeString(dir.resolve(EfficiencyMapJson.FILE),
            EvaluationJson.GSON.toJson(EfficiencyMapJson.toJson(maps, synthetic, weightSource)) + "\n");
        AtomicOutput.writeString(dir.resolve(CSV), csv(maps));
        writeNpz(maps, synthetic, dir.resolve(NPZ));
        List<Path> plots = new ArrayList<>();
        for (EfficiencyMaps.CutMaps cut : maps.cuts()) {
            if (drawn != null && !drawn.contains(cut.cut().name())) {
                continue;
            }
            for (FlavourGroup group : cut.flavours().keySet()) {
                plots.add(heatMap(maps, cut, group, synthetic, dir.resolve(plotName(group, cut.cut().name()))));
            }
        }
        return plots;
    }

    /**
     * The heat map's file name of one flavour and working point, for example {@code efficiency_map_b_medium.png} or
     * {@code efficiency_map_light_70pct.png}.
     *
     * @param group the flavour group
     * @param workingPoint the working point's name
     * @return the file name
     */
    public static String plotName(FlavourGroup group, String workingPoint) {
        String slug = workingPoint.toLowerCase(Locale.ROOT).replace("%", "pct").replaceAll("[^a-z0-9.]+", "_")
            .replaceAll("^_|_$", "");
        return "efficiency_map_" + group.name() + "_" + slug + ".png";
    }

    /**
     * Draws one map as a heat map: pT bins as rows (bottom to top), |eta| bins as columns, the efficiency in each
     * cell (three significant digits), empty cells blank, colour scale from 0 to the largest efficiency.
     *
     * @param maps the maps
     * @param cut the working point's maps
     * @param group the flavour
     * @param synthetic whether to carry the synthetic-sample banner
     * @param file the PNG file
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    public static Path heatMap(EfficiencyMaps maps, EfficiencyMaps.CutMaps cut, FlavourGroup group, boolean synthetic,
            Path file) throws IOException {
        EfficiencyMap m = cut.flavour(group);
        String threshold = Double.isFinite(cut.cut().threshold())
            ? String.format(Locale.ROOT, "%.4g", cut.cut().threshold()) : "none";
        HeatMapPlot.Builder b = HeatMapPlot.builder()
            .optTitle(group.name() + "-jet efficiency, " + maps.score() + " " + cut.cut().name() + " (cut "
                + threshold + ")")
            .optAxisTitles("jet |\u03b7|", "jet pT [GeV]")
            .values(m.efficiency(), HeatMapPlot.binLabels(maps.x(), true), HeatMapPlot.binLabels(maps.y(), true));
        if (synthetic) {
            b.optSubtitle(SyntheticSample.BANNER);
        }
        return b.build().savePng(file);
    }

    /**
     * The CSV text: {@value #CSV_HEADER}, one row per working point, flavour and cell; numbers in Java's shortest
     * round-trip form, an empty cell's efficiency {@code NaN}, the last bins' upper edges {@code Infinity}, the
     * weighted columns empty without weights.
     *
     * @param maps the maps
     * @return the CSV text
     */
    public static String csv(EfficiencyMaps maps) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        Binning x = maps.x();
        Binning y = maps.y();
        for (EfficiencyMaps.CutMaps cut : maps.cuts()) {
            for (var e : cut.flavours().entrySet()) {
                EfficiencyMap m = e.getValue();
                double[][] passed = m.passed();
                double[][] total = m.total();
                double[][] eff = m.efficiency();
                double[][] lo = m.lower();
                double[][] hi = m.upper();
                double[][] wp = m.weightedPassed();
                double[][] wt = m.weightedTotal();
                for (int i = 0; i < x.bins(); i++) {
                    for (int j = 0; j < y.bins(); j++) {
                        out.append(quote(cut.cut().name())).append(',').append(cut.cut().threshold()).append(',')
                            .append(e.getKey().name()).append(',').append(x.lower(i)).append(',')
                            .append(i == x.bins() - 1 ? Double.POSITIVE_INFINITY : x.upper(i)).append(',')
                            .append(y.lower(j)).append(',')
                            .append(j == y.bins() - 1 ? Double.POSITIVE_INFINITY : y.upper(j)).append(',')
                            .append((long) passed[i][j]).append(',').append((long) total[i][j]).append(',')
                            .append(eff[i][j]).append(',').append(lo[i][j]).append(',').append(hi[i][j]).append(',')
                            .append(wp == null ? "" : Double.toString(wp[i][j])).append(',')
                            .append(wt == null ? "" : Double.toString(wt[i][j])).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static void writeNpz(EfficiencyMaps maps, boolean synthetic, Path file) throws IOException {
        int w = maps.cuts().size();
        int f = maps.cuts().get(0).flavours().size();
        int nx = maps.x().bins();
        int ny = maps.y().bins();
        boolean weighted = maps.cuts().get(0).flavours().values().iterator().next().weighted();
        NpzWriter.write(file, false, npz -> {
            npz.write("ptEdges", maps.x().edges(), maps.x().edges().length);
            npz.write("absEtaEdges", maps.y().edges(), maps.y().edges().length);
            npz.write("thresholds", maps.cuts().stream().mapToDouble(c -> c.cut().threshold()).toArray(), w);
            npz.write("synthetic", new boolean[] {synthetic}, 1);
            List<Function<EfficiencyMap, double[][]>> parts = new ArrayList<>(List.of(EfficiencyMap::passed,
                EfficiencyMap::total, EfficiencyMap::efficiency, EfficiencyMap::lower, EfficiencyMap::upper));
            List<String> names = new ArrayList<>(List.of("passed", "total", "efficiency", "lower", "upper"));
            if (weighted) {
                parts.add(EfficiencyMap::weightedPassed);
                parts.add(EfficiencyMap::weightedTotal);
                names.addAll(List.of("weightedPassed", "weightedTotal"));
            }
            for (int p = 0; p < parts.size(); p++) {
                double[] flat = new double[w * f * nx * ny];
                int at = 0;
                for (EfficiencyMaps.CutMaps cut : maps.cuts()) {
                    for (EfficiencyMap m : cut.flavours().values()) {
                        for (double[] row : parts.get(p).apply(m)) {
                            System.arraycopy(row, 0, flat, at, ny);
                            at += ny;
                        }
                    }
                }
                npz.write(names.get(p), flat, w, f, nx, ny);
            }
        });
    }
}
