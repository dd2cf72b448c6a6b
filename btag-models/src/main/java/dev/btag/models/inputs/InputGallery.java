package dev.btag.models.inputs;

import dev.btag.io.AtomicOutput;
import dev.btag.metrics.plot.Figure;
import dev.btag.metrics.plot.HistogramPlot;
import dev.btag.metrics.plot.RocPlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the histograms of {@link InputPlots} (one per variable, linear and log y, one curve per category) and
 * collects the {@code index.html} gallery. Not thread-safe: one thread fills one gallery.
 */
final class InputGallery {

    static final int WIDTH = 720;
    static final int HEIGHT = 520;

    private final Path dir;
    private final String subtitle;
    private final boolean synthetic;
    private final String report;
    private final List<String> categories;
    private final String description;
    private final String per;
    private final StringBuilder body = new StringBuilder();
    final List<String> variables = new ArrayList<>();
    final List<Path> images = new ArrayList<>();
    private String section = "";
    private Path rocImage;
    private String rocTitle = "";

    /**
     * Starts a gallery.
     *
     * @param dir the output directory
     * @param subtitle every figure's subtitle
     * @param synthetic whether the sample is btag's synthetic sample
     * @param report one line on the file(s)
     * @param categories the category labels, in legend order
     * @param description how the histograms are made, for the page
     * @param per what a category is, for the page's title ("flavour", "class")
     */
    InputGallery(Path dir, String subtitle, boolean synthetic, String report, List<String> categories,
                 String description, String per) {
        this.per = per;
        this.dir = dir;
        this.subtitle = subtitle;
        this.synthetic = synthetic;
        this.report = report;
        this.categories = List.copyOf(categories);
        this.description = description;
    }

    String subtitle() {
        return subtitle;
    }

    int categories() {
        return categories.size();
    }

    void section(String title) {
        section = title.substring(0, title.indexOf(' '));
        body.append("<h2>").append(html(title)).append("</h2>\n<div class=\"grid\">\n");
    }

    /** Writes the ROC figure of a variable and remembers it for the page under a heading. */
    void roc(RocPlot.Builder plot, String variable, String heading) throws IOException {
        Path png = dir.resolve("roc_" + variable.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
        plot.build().figure().savePng(png);
        images.add(png);
        rocImage = png;
        rocTitle = heading;
    }

    void plot(String name, String fileStem, String description, String axis, Samples samples) throws IOException {
        int k = categories.size();
        float[][] byCategory = new float[k][];
        for (int c = 0; c < k; c++) {
            byCategory[c] = samples.of(c);
        }
        DefaultValue defaults = DefaultValue.detect(byCategory);
        String[] legends = new String[k];
        float[][] drawn = new float[k][];
        boolean any = false;
        for (int c = 0; c < k; c++) {
            drawn[c] = defaults.without(byCategory[c]);
            any |= drawn[c].length > 0;
            legends[c] = categories.get(c) + " (" + byCategory[c].length + ")";
            if (defaults.isPresent() && byCategory[c].length > 0) {
                legends[c] += String.format(Locale.ROOT, ", default %s: %.1f%%", defaults.label(),
                    100.0 * (byCategory[c].length - drawn[c].length) / byCategory[c].length);
            }
        }
        String file = fileStem.replaceAll("[^A-Za-z0-9_.-]", "_");
        variables.add(section + "/" + name);
        body.append("<figure><figcaption><b>").append(html(name)).append("</b> — ").append(html(description))
            .append("</figcaption>");
        if (!any) {
            body.append("<p>no entries</p></figure>\n");
            return;
        }
        for (boolean log : new boolean[] {false, true}) {
            HistogramPlot.Builder builder = HistogramPlot.builder().optTitle(name).optSubtitle(subtitle)
                .optSize(WIDTH, HEIGHT).optAxisTitles(axis, "fraction of entries").optLogY(log);
            for (int c = 0; c < k; c++) {
                if (drawn[c].length > 0) {
                    builder.addCategory(legends[c], drawn[c]);
                }
            }
            Path png = dir.resolve(file + (log ? "_log.png" : ".png"));
            builder.build().figure().savePng(png);
            images.add(png);
            body.append("<a href=\"").append(png.getFileName()).append("\"><img src=\"")
                .append(png.getFileName()).append("\" alt=\"").append(html(name)).append(log ? " (log y)" : "")
                .append("\"></a>");
        }
        body.append("</figure>\n");
    }

    Path finish(Map<String, Double> aucs) throws IOException {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>btag input plots")
            .append("</title>\n<style>body{font-family:sans-serif;margin:1em}.grid{display:flex;flex-wrap:wrap;")
            .append("gap:1em}figure{margin:0;width:730px}img{width:360px}.banner{background:#fde;padding:.5em;")
            .append("font-weight:bold}</style></head><body>\n<h1>Input variables per ").append(html(per))
            .append("</h1>\n");
        if (synthetic) {
            page.append("<p class=\"banner\">").append(html(Figure.SYNTHETIC_SAMPLE)).append("</p>\n");
        }
        page.append("<p>").append(html(report)).append(". ").append(html(description)).append("</p>\n");
        if (rocImage != null) {
            page.append("<h2>").append(html(rocTitle)).append("</h2>\n<p>");
            for (Map.Entry<String, Double> e : aucs.entrySet()) {
                page.append(html(e.getKey())).append(": AUC = ")
                    .append(String.format(Locale.ROOT, "%.3f", e.getValue())).append("<br>");
            }
            page.append("</p><img style=\"width:720px\" src=\"").append(rocImage.getFileName())
                .append("\" alt=\"ROC\">\n");
        }
        page.append(body.toString().replace("<h2>", "</div>\n<h2>").replaceFirst("</div>\n", ""));
        page.append("</div>\n</body></html>\n");
        Path index = dir.resolve("index.html");
        AtomicOutput.writeString(index, page);
        return index;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Values of one variable per category, growing as needed. Not thread-safe. */
    static final class Samples {
        private final float[][] values;
        private final int[] sizes;

        Samples(int categories) {
            values = new float[categories][];
            sizes = new int[categories];
            for (int i = 0; i < categories; i++) {
                values[i] = new float[1024];
            }
        }

        /** Adds a value to a category; a negative category (no category) is ignored. */
        void add(int category, float value) {
            if (category < 0) {
                return;
            }
            if (sizes[category] == values[category].length) {
                values[category] = Arrays.copyOf(values[category], values[category].length * 2);
            }
            values[category][sizes[category]++] = value;
        }

        float[] of(int category) {
            return Arrays.copyOf(values[category], sizes[category]);
        }
    }
}
