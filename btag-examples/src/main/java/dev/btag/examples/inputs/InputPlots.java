package dev.btag.examples.inputs;

import dev.btag.data.schema.Flavour;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import dev.btag.io.AtomicOutput;
import dev.btag.io.FileChecks;
import dev.btag.metrics.plot.Figure;
import dev.btag.metrics.plot.HistogramPlot;
import dev.btag.metrics.plot.RocPlot;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.Selection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Notebooks 1 and 2 of the tutorial: for every input variable of a tutorial-layout file, normalised histograms of b,
 * c, light and gluon jets overlaid (categories from the integer truth, column 50), with a linear and a logarithmic y
 * axis, plus the single-variable ROC of {@code TagVarCSV_trackSip2dSigAboveCharm} (b vs all, b vs c, b vs
 * light+gluon, as {@link FlavourSelection} defines them) and an {@code index.html} gallery.
 *
 * <p>Which values are drawn:
 * <ul>
 *   <li>{@code arr_0}: the 19 non-truth columns 0–18, one value per jet.</li>
 *   <li>{@code arr_1} … {@code arr_5}: each variable over the filled items only (tracks, candidates, vertices; for
 *       {@code arr_5} each (neighbour, seed) pair): an item whose values are all zero is padding and is skipped.</li>
 *   <li>A default value (a sentinel such as -999 or -1 that stands for "undefined", see {@link DefaultValue}) is not
 *       drawn; each legend entry gives the fraction of that category's entries at the default instead.</li>
 *   <li>The range runs from the 0.5% to the 99.5% quantile of the drawn values (unit bins for integer-valued
 *       variables); entries outside are added to the first and last bin and their fractions stated in the legend
 *       ({@link HistogramPlot}).</li>
 * </ul>
 * Every figure made from the synthetic sample carries the subtitle "Synthetic sample — not CMS data".
 */
public final class InputPlots {

    /** The variable of notebook 1's ROC curve. */
    public static final JetColumn ROC_VARIABLE = JetColumn.TRACK_SIP2D_SIG_ABOVE_CHARM;

    private static final int WIDTH = 720;
    private static final int HEIGHT = 520;

    private InputPlots() {
    }

    /**
     * What was written.
     *
     * @param index the gallery page
     * @param variables the variables plotted, in gallery order ({@code arr_k/name})
     * @param images every PNG written
     * @param aucs the AUCs of the single-variable ROC: keys "b vs all", "b vs c", "b vs light+gluon"
     * @param synthetic whether the input was the synthetic sample
     */
    public record Result(Path index, List<String> variables, List<Path> images, Map<String, Double> aucs,
                         boolean synthetic) {
        /**
         * Copies the collections.
         *
         * @param index the gallery page
         * @param variables the variables plotted
         * @param images every PNG written
         * @param aucs the AUCs of the single-variable ROC
         * @param synthetic whether the input was the synthetic sample
         */
        public Result {
            variables = List.copyOf(variables);
            images = List.copyOf(images);
            aucs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aucs));
        }
    }

    /**
     * Writes the plots of a file into a directory.
     *
     * @param file a tutorial-layout file
     * @param outDir the output directory (created when missing)
     * @return what was written
     * @throws IOException when the file cannot be read or the output written
     */
    public static Result write(Path file, Path outDir) throws IOException {
        return write(file, outDir, java.util.EnumSet.allOf(JetArray.class));
    }

    /**
     * Writes the plots of some of the arrays of a file into a directory (the ROC is always drawn).
     *
     * @param file a tutorial-layout file
     * @param outDir the output directory (created when missing)
     * @param arrays the arrays whose variables to plot
     * @return what was written
     * @throws IOException when the file cannot be read or the output written
     */
    public static Result write(Path file, Path outDir, java.util.Set<JetArray> arrays) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(arrays, "arrays");
        FileChecks.createDirectories(outDir);
        try (TutorialFile tutorial = TutorialFile.open(file)) {
            boolean synthetic = tutorial.isSynthetic();
            String subtitle = synthetic ? Figure.SYNTHETIC_SAMPLE : file.getFileName().toString();
            Flavour[] flavours = flavours(tutorial.column(JetColumn.TRUTH));
            Gallery gallery = new Gallery(outDir, subtitle, synthetic, tutorial.report().summary());

            if (arrays.contains(JetArray.JETS)) {
                gallery.section("arr_0 — jet table (one entry per jet)");
            }
            for (JetColumn column : JetColumn.values()) {
                if (column.group().isTruth() || !arrays.contains(JetArray.JETS)) {
                    continue;
                }
                Samples samples = new Samples();
                float[] values = tutorial.column(column);
                for (int jet = 0; jet < values.length; jet++) {
                    samples.add(flavours[jet], values[jet]);
                }
                String axis = column.unit().isEmpty() ? column.columnName()
                    : column.columnName() + " [" + column.unit() + "]";
                gallery.plot(column.columnName(), column.description(), axis, samples);
            }
            for (JetArray array : JetArray.values()) {
                if (array != JetArray.JETS && arrays.contains(array)) {
                    plotArray(tutorial, array, flavours, gallery);
                }
            }
            Map<String, Double> aucs = roc(tutorial, flavours, gallery);
            Path index = gallery.finish(aucs);
            return new Result(index, gallery.variables, gallery.images, aucs, synthetic);
        }
    }

    /** The plotted flavour of each jet, or null for undefined and invalid codes. */
    private static Flavour[] flavours(float[] truth) {
        Flavour[] flavours = new Flavour[truth.length];
        for (int i = 0; i < truth.length; i++) {
            Flavour f = Flavour.fromTruthValue(truth[i]);
            flavours[i] = f == Flavour.UNDEFINED ? null : f;
        }
        return flavours;
    }

    private static void plotArray(TutorialFile tutorial, JetArray array, Flavour[] flavours, Gallery gallery)
        throws IOException {
        int vars = array.variableCount();
        List<String> names = array.variableNames();
        Samples[] samples = new Samples[vars];
        for (int v = 0; v < vars; v++) {
            samples[v] = new Samples();
        }
        int perJet = array.valuesPerJet();
        int chunk = Math.max(1, (1 << 21) / perJet);
        long jets = tutorial.jetCount();
        boolean deep = array == JetArray.DEEP_VERTEX_INPUTS;
        int seeds = array.capacity();
        int items = deep ? JetArray.DEEP_VERTEX_NEIGHBOURS * seeds : array.capacity();
        for (long from = 0; from < jets; from += chunk) {
            long to = Math.min(jets, from + chunk);
            float[] block = tutorial.rows(array, from, to);
            for (int j = 0; j < to - from; j++) {
                Flavour flavour = flavours[(int) (from + j)];
                if (flavour == null) {
                    continue;
                }
                int base = j * perJet;
                for (int item = 0; item < items; item++) {
                    // arr_5 (720, 10): item = (neighbour, seed), value index (neighbour * 36 + v) * 10 + seed
                    int first = deep ? (item / seeds) * vars * seeds + item % seeds : item * vars;
                    int stride = deep ? seeds : 1;
                    boolean filled = false;
                    for (int v = 0; v < vars && !filled; v++) {
                        filled = block[base + first + v * stride] != 0f;
                    }
                    if (filled) {
                        for (int v = 0; v < vars; v++) {
                            samples[v].add(flavour, block[base + first + v * stride]);
                        }
                    }
                }
            }
        }
        String what = switch (array) {
            case SEEDING_TRACKS -> "seeding tracks (one entry per filled track row)";
            case NEUTRAL_CANDIDATES -> "neutral candidates (one entry per filled row)";
            case CHARGED_CANDIDATES -> "charged candidates (one entry per filled row)";
            case SECONDARY_VERTICES -> "secondary vertices (one entry per filled row)";
            default -> "DeepVertex inputs (one entry per filled neighbour of a seed)";
        };
        gallery.section(array.entryName() + " — " + what + "; the tutorial does not name these variables");
        for (int v = 0; v < vars; v++) {
            gallery.plot(names.get(v), array.entryName() + " variable " + v + " of " + vars, names.get(v), samples[v]);
        }
    }

    private static Map<String, Double> roc(TutorialFile tutorial, Flavour[] flavours, Gallery gallery)
        throws IOException {
        float[] score = tutorial.column(ROC_VARIABLE);
        int[] truth = tutorial.truthCodes();
        Map<String, FlavourSelection> selections = new LinkedHashMap<>();
        selections.put("b vs all", FlavourSelection.B_VS_ALL);
        selections.put("b vs c", FlavourSelection.B_VS_C);
        selections.put("b vs light+gluon", FlavourSelection.B_VS_LIGHT_GLUON);
        Map<String, Double> aucs = new LinkedHashMap<>();
        RocPlot.Builder plot = RocPlot.builder().optTitle(ROC_VARIABLE.columnName())
            .optSubtitle(gallery.subtitle).optSize(WIDTH, HEIGHT).optAxisTitles("b-jet efficiency", "mistag rate");
        for (Map.Entry<String, FlavourSelection> e : selections.entrySet()) {
            Selection selected = e.getValue().apply(truth);
            if (selected.signalCount() > 0 && selected.signalCount() < selected.size()) {
                RocCurve curve = RocCurve.of(selected.pick(score), selected.signal());
                aucs.put(e.getKey(), curve.auc());
                plot.addCurve(e.getKey(), curve);
            }
        }
        if (!aucs.isEmpty()) {
            Path png = gallery.dir.resolve("roc_" + ROC_VARIABLE.columnName() + ".png");
            plot.build().figure().savePng(png);
            gallery.images.add(png);
            gallery.rocImage = png;
        }
        return aucs;
    }

    /** Values of one variable per plotted flavour, growing as needed. */
    static final class Samples {
        private final float[][] values = new float[4][];
        private final int[] sizes = new int[4];

        Samples() {
            for (int i = 0; i < 4; i++) {
                values[i] = new float[1024];
            }
        }

        void add(Flavour flavour, float value) {
            if (flavour == null) {
                return;
            }
            int f = index(flavour);
            if (sizes[f] == values[f].length) {
                values[f] = Arrays.copyOf(values[f], values[f].length * 2);
            }
            values[f][sizes[f]++] = value;
        }

        float[] of(Flavour flavour) {
            int f = index(flavour);
            return Arrays.copyOf(values[f], sizes[f]);
        }

        private static int index(Flavour flavour) {
            return switch (flavour) {
                case B -> 0;
                case C -> 1;
                case LIGHT -> 2;
                case GLUON -> 3;
                default -> throw new IllegalArgumentException("not a plotted flavour: " + flavour);
            };
        }
    }

    /** Writes the figures and collects the gallery page. */
    private static final class Gallery {
        private final Path dir;
        private final String subtitle;
        private final boolean synthetic;
        private final String report;
        private final StringBuilder body = new StringBuilder();
        private final List<String> variables = new ArrayList<>();
        private final List<Path> images = new ArrayList<>();
        private String section = "";
        private Path rocImage;

        Gallery(Path dir, String subtitle, boolean synthetic, String report) {
            this.dir = dir;
            this.subtitle = subtitle;
            this.synthetic = synthetic;
            this.report = report;
        }

        void section(String title) {
            section = title.substring(0, title.indexOf(' '));
            body.append("<h2>").append(html(title)).append("</h2>\n<div class=\"grid\">\n");
        }

        void plot(String name, String description, String axis, Samples samples) throws IOException {
            float[][] byFlavour = new float[4][];
            Flavour[] plotted = Flavour.plotted();
            for (int f = 0; f < 4; f++) {
                byFlavour[f] = samples.of(plotted[f]);
            }
            DefaultValue defaults = DefaultValue.detect(byFlavour);
            String[] legends = new String[4];
            float[][] drawn = new float[4][];
            boolean any = false;
            for (int f = 0; f < 4; f++) {
                drawn[f] = defaults.without(byFlavour[f]);
                any |= drawn[f].length > 0;
                legends[f] = plotted[f].label() + " (" + byFlavour[f].length + ")";
                if (defaults.isPresent() && byFlavour[f].length > 0) {
                    legends[f] += String.format(Locale.ROOT, ", default %s: %.1f%%", defaults.label(),
                        100.0 * (byFlavour[f].length - drawn[f].length) / byFlavour[f].length);
                }
            }
            String file = name.replaceAll("[^A-Za-z0-9_.-]", "_");
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
                for (int f = 0; f < 4; f++) {
                    if (drawn[f].length > 0) {
                        builder.addCategory(legends[f], drawn[f]);
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
                .append("font-weight:bold}</style></head><body>\n<h1>Input variables per flavour</h1>\n");
            if (synthetic) {
                page.append("<p class=\"banner\">").append(html(Figure.SYNTHETIC_SAMPLE)).append("</p>\n");
            }
            page.append("<p>").append(html(report)).append(". Histograms are normalised per flavour (b = 5, c = 4, ")
                .append("light = 1, gluon = 21 in column 50); padding rows are skipped, default values are listed ")
                .append("in the legend instead of drawn, under/overflow is added to the edge bins.</p>\n");
            if (rocImage != null) {
                page.append("<h2>Single-variable ROC (notebook 1)</h2>\n<p>");
                for (Map.Entry<String, Double> e : aucs.entrySet()) {
                    page.append(html(e.getKey())).append(": AUC = ")
                        .append(String.format(Locale.ROOT, "%.3f", e.getValue())).append("<br>");
                }
                page.append("</p><img style=\"width:720px\" src=\"").append(rocImage.getFileName()).append("\" alt=\"ROC\">\n");
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
    }
}
