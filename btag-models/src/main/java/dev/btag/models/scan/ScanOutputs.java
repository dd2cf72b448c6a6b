package dev.btag.models.scan;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.io.AtomicOutput;
import dev.btag.io.FileChecks;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.plot.HeatMapPlot;
import dev.btag.models.evaluate.EvaluationJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link ScanResult} as {@code btag scan} does: {@value #JSON} ({@link ScanResult#toJson()}), {@value #CSV}
 * (one row per point) and {@value #HEAT_MAP} (the mean AUC over depth x width with the value printed in each cell);
 * {@link #table(ScanResult)} gives the per-cell table as Markdown text. Every file is written to a temporary file and
 * renamed ({@link AtomicOutput}). This class is stateless and thread-safe.
 */
public final class ScanOutputs {

    /** The scan's JSON document. */
    public static final String JSON = "scan.json";
    /** The per-point table. */
    public static final String CSV = "scan.csv";
    /** The CSV header. */
    public static final String CSV_HEADER =
        "depth,width,seed,parameters,bestValidationLoss,bestEpoch,epochs,auc,aucError,trainingSeconds";
    /** The heat map of the mean AUC over depth x width. */
    public static final String HEAT_MAP = "auc_heatmap.png";

    private ScanOutputs() {
    }

    /**
     * Writes {@value #JSON}, {@value #CSV} and {@value #HEAT_MAP} into a directory.
     *
     * @param result the scan
     * @param dir the directory (created when missing)
     * @return the three files, in that order
     * @throws IOException if a file cannot be written (the message names it)
     */
    public static List<Path> writeAll(ScanResult result, Path dir) throws IOException {
        FileChecks.createDirectories(dir);
        Path json = dir.resolve(JSON);
        AtomicOutput.writeString(json, EvaluationJson.GSON.toJson(result.toJson()) + "\n");
        Path csv = dir.resolve(CSV);
        AtomicOutput.writeString(csv, csv(result));
        Path png = dir.resolve(HEAT_MAP);
        heatMap(result).savePng(png);
        return List.of(json, csv, png);
    }

    /**
     * The CSV text: {@value #CSV_HEADER}, then one row per point in the result's order; numbers in Java's shortest
     * round-trip form, a value that is not finite written as {@code NaN}.
     *
     * @param result the scan
     * @return the text, each line ending in a newline
     */
    public static String csv(ScanResult result) {
        StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
        for (PointResult p : result.points()) {
            s.append(p.point().depth()).append(',').append(p.point().width()).append(',').append(p.point().seed())
                .append(',').append(p.parameters()).append(',').append(p.bestValidationLoss()).append(',')
                .append(p.bestEpoch()).append(',').append(p.epochs()).append(',').append(p.auc()).append(',')
                .append(p.aucError()).append(',').append(p.trainingSeconds()).append('\n');
        }
        return s.toString();
    }

    /**
     * The per-cell table as Markdown: depth, width, parameters, seeds, mean AUC, its spread over the seeds (blank for
     * one seed), the mean best validation loss and the mean training seconds; the best cell marked with {@code *}.
     * A synthetic scan's table starts with the synthetic sample's banner.
     *
     * @param result the scan
     * @return the text, each line ending in a newline
     */
    public static String table(ScanResult result) {
        StringBuilder s = new StringBuilder();
        if (result.synthetic()) {
            s.append(SyntheticSample.BANNER).append("\n\n");
        }
        String best = "";
        if (result.cells().stream().anyMatch(c -> Double.isFinite(c.aucMean()))) {
            best = result.best().depth() + "x" + result.best().width();
        }
        s.append("| depth | width | parameters | seeds | AUC ").append(comparisonName(result))
            .append(" | spread | best val loss | train s |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CellSummary c : result.cells()) {
            s.append(String.format(Locale.ROOT, "| %d | %d | %,d | %d | %s%s | %s | %s | %s |%n", c.depth(),
                c.width(), c.parameters(), c.seeds(), fixed(c.aucMean(), 4),
                best.equals(c.depth() + "x" + c.width()) ? " *" : "", fixed(c.aucSpread(), 4),
                fixed(c.bestValidationLossMean(), 4), fixed(c.trainingSecondsMean(), 1)));
        }
        return s.toString();
    }

    /** The comparison's readable name ("b vs light+gluon"), or its key when it is not one of btag's. */
    private static String comparisonName(ScanResult result) {
        String key = result.settings().comparison();
        return FlavourComparison.ALL.stream().filter(c -> c.key().equals(key)).map(FlavourComparison::name)
            .findFirst().orElse(key);
    }

    private static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "";
    }

    /**
     * The heat map of the mean AUC: depths as rows (the first at the bottom), widths as columns, the value printed
     * in each cell (three significant digits), cells without a finite AUC blank; the colours span the scanned means
     * (the lowest a light shade, the highest the darkest); the synthetic sample's banner as subtitle when the scan
     * ran on it.
     *
     * @param result the scan
     * @return the plot
     */
    public static HeatMapPlot heatMap(ScanResult result) {
        List<Integer> depths = result.depths();
        List<Integer> widths = result.widths();
        double[][] values = new double[depths.size()][widths.size()];
        for (int r = 0; r < depths.size(); r++) {
            for (int c = 0; c < widths.size(); c++) {
                values[r][c] = result.cell(depths.get(r), widths.get(c)).aucMean();
            }
        }
        List<String> rows = new ArrayList<>();
        depths.forEach(d -> rows.add(Integer.toString(d)));
        List<String> columns = new ArrayList<>();
        widths.forEach(w -> columns.add(Integer.toString(w)));
        int seeds = result.seeds().size();
        HeatMapPlot.Builder b = HeatMapPlot.builder()
            .optTitle(result.settings().architecture() + ": AUC " + comparisonName(result) + ", mean over "
                + seeds + (seeds == 1 ? " seed" : " seeds"))
            .optAxisTitles("head width (units per hidden layer)", "head depth (hidden layers)")
            .values(values, rows, columns).optSignificantDigits(3);
        double lo = result.cells().stream().mapToDouble(CellSummary::aucMean).filter(Double::isFinite).min()
            .orElse(Double.NaN);
        double hi = result.cells().stream().mapToDouble(CellSummary::aucMean).filter(Double::isFinite).max()
            .orElse(Double.NaN);
        if (hi > lo) {
            // the colours span the scanned AUCs (not 0 to 1), with ends rounded to two decimals for the colour bar
            b.optRange(Math.floor((lo - (hi - lo) / 4) * 100) / 100, Math.ceil(hi * 100) / 100);
        }
        if (result.synthetic()) {
            b.optSubtitle(SyntheticSample.BANNER);
        }
        return b.build();
    }
}
