package dev.btag.models.inputs;

import dev.btag.data.layout.Layout;
import dev.btag.data.schema.Flavour;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TutorialFile;
import dev.btag.io.FileChecks;
import dev.btag.metrics.plot.Figure;
import dev.btag.metrics.plot.RocPlot;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.Selection;
import dev.btag.models.inputs.InputGallery.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 *       ({@link dev.btag.metrics.plot.HistogramPlot}).</li>
 * </ul>
 * Every figure made from the synthetic sample carries the subtitle "Synthetic sample — not CMS data".
 *
 * <p>Any other {@link Layout} ({@link #write(List, Layout, Path)}, {@link LayoutInputPlots}) plots what it declares,
 * per declared class: every jet feature, and every variable of every collection over real objects only. Stateless and
 * thread-safe; each call writes into its own directory.
 */
public final class InputPlots {

    /** The variable of notebook 1's ROC curve. */
    public static final JetColumn ROC_VARIABLE = JetColumn.TRACK_SIP2D_SIG_ABOVE_CHARM;

    private static final String TUTORIAL_DESCRIPTION = "Histograms are normalised per flavour (b = 5, c = 4,"
        + " light = 1, gluon = 21 in column 50); padding rows are skipped, default values are listed in the legend"
        + " instead of drawn, under/overflow is added to the edge bins.";

    private InputPlots() {
    }

    /**
     * What was written.
     *
     * @param index the gallery page
     * @param variables the variables plotted, in gallery order ({@code section/name}, for example {@code arr_0/jet_pt}
     *     or {@code tracks/d0sig})
     * @param images every PNG written
     * @param aucs the AUCs of the single-variable ROC: for the tutorial "b vs all", "b vs c", "b vs light+gluon"; for
     *     a layout "b vs all", "b vs c", "b vs light" where its groups declare them
     * @param synthetic whether the input was the synthetic sample
     * @param rocVariable the variable of the single-variable ROC ({@link #ROC_VARIABLE} for the tutorial; for a
     *     layout the feature that separates b from light best, with a leading minus sign when it is used flipped)
     */
    public record Result(Path index, List<String> variables, List<Path> images, Map<String, Double> aucs,
                         boolean synthetic, String rocVariable) {
        /**
         * Copies the collections.
         *
         * @param index the gallery page
         * @param variables the variables plotted
         * @param images every PNG written
         * @param aucs the AUCs of the single-variable ROC
         * @param synthetic whether the input was the synthetic sample
         * @param rocVariable the ROC's variable
         */
        public Result {
            variables = List.copyOf(variables);
            images = List.copyOf(images);
            aucs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(aucs));
        }
    }

    /**
     * Writes the plots of a tutorial-layout file into a directory.
     *
     * @param file a tutorial-layout file
     * @param outDir the output directory (created when missing)
     * @return what was written
     * @throws IOException when the file cannot be read or the output written
     */
    public static Result write(Path file, Path outDir) throws IOException {
        return write(file, outDir, EnumSet.allOf(JetArray.class));
    }

    /**
     * Writes the plots of files read through a layout: for the tutorial layout and one file exactly
     * {@link #write(Path, Path)}; otherwise, per declared class, the layout's features and collection variables of
     * all files together ({@link LayoutInputPlots}).
     *
     * @param files one or more files
     * @param layout how to read them
     * @param outDir the output directory (created when missing)
     * @return what was written
     * @throws IOException when a file cannot be read or does not match the layout (the message names it), or the
     *     output cannot be written
     */
    public static Result write(List<Path> files, Layout layout, Path outDir) throws IOException {
        if (layout.isTutorial() && files.size() == 1) {
            return write(files.get(0), outDir);
        }
        return LayoutInputPlots.write(files, layout, outDir);
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
    public static Result write(Path file, Path outDir, Set<JetArray> arrays) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(arrays, "arrays");
        FileChecks.createDirectories(outDir);
        try (TutorialFile tutorial = TutorialFile.open(file)) {
            boolean synthetic = tutorial.isSynthetic();
            String subtitle = synthetic ? Figure.SYNTHETIC_SAMPLE : file.getFileName().toString();
            int[] flavours = flavours(tutorial.column(JetColumn.TRUTH));
            List<String> labels = Arrays.stream(Flavour.plotted()).map(Flavour::label).toList();
            InputGallery gallery = new InputGallery(outDir, subtitle, synthetic, tutorial.report().summary(), labels,
                TUTORIAL_DESCRIPTION, "flavour");

            if (arrays.contains(JetArray.JETS)) {
                gallery.section("arr_0 — jet table (one entry per jet)");
            }
            for (JetColumn column : JetColumn.values()) {
                if (column.group().isTruth() || !arrays.contains(JetArray.JETS)) {
                    continue;
                }
                Samples samples = new Samples(labels.size());
                float[] values = tutorial.column(column);
                for (int jet = 0; jet < values.length; jet++) {
                    samples.add(flavours[jet], values[jet]);
                }
                String axis = column.unit().isEmpty() ? column.columnName()
                    : column.columnName() + " [" + column.unit() + "]";
                gallery.plot(column.columnName(), column.columnName(), column.description(), axis, samples);
            }
            for (JetArray array : JetArray.values()) {
                if (array != JetArray.JETS && arrays.contains(array)) {
                    plotArray(tutorial, array, flavours, gallery);
                }
            }
            Map<String, Double> aucs = roc(tutorial, gallery);
            Path index = gallery.finish(aucs);
            return new Result(index, gallery.variables, gallery.images, aucs, synthetic, ROC_VARIABLE.columnName());
        }
    }

    /** The plotted flavour of each jet as an index into {@link Flavour#plotted()}, or -1 for undefined codes. */
    private static int[] flavours(float[] truth) {
        List<Flavour> plotted = List.of(Flavour.plotted());
        int[] flavours = new int[truth.length];
        for (int i = 0; i < truth.length; i++) {
            flavours[i] = plotted.indexOf(Flavour.fromTruthValue(truth[i]));
        }
        return flavours;
    }

    private static void plotArray(TutorialFile tutorial, JetArray array, int[] flavours, InputGallery gallery)
        throws IOException {
        int vars = array.variableCount();
        List<String> names = array.variableNames();
        Samples[] samples = new Samples[vars];
        for (int v = 0; v < vars; v++) {
            samples[v] = new Samples(gallery.categories());
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
                int flavour = flavours[(int) (from + j)];
                if (flavour < 0) {
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
            gallery.plot(names.get(v), names.get(v), array.entryName() + " variable " + v + " of " + vars,
                names.get(v), samples[v]);
        }
    }

    private static Map<String, Double> roc(TutorialFile tutorial, InputGallery gallery) throws IOException {
        float[] score = tutorial.column(ROC_VARIABLE);
        int[] truth = tutorial.truthCodes();
        Map<String, FlavourSelection> selections = new LinkedHashMap<>();
        selections.put("b vs all", FlavourSelection.B_VS_ALL);
        selections.put("b vs c", FlavourSelection.B_VS_C);
        selections.put("b vs light+gluon", FlavourSelection.B_VS_LIGHT_GLUON);
        return drawRoc(ROC_VARIABLE.columnName(), toDouble(score), truth, selections, gallery,
            "Single-variable ROC (notebook 1)");
    }

    /**
     * Draws the ROC of a score for each selection that has both signal and background, into the gallery.
     *
     * @return the AUC of each drawn selection
     */
    static Map<String, Double> drawRoc(String variable, double[] score, int[] truth,
                                       Map<String, FlavourSelection> selections, InputGallery gallery, String heading)
        throws IOException {
        Map<String, Double> aucs = new LinkedHashMap<>();
        RocPlot.Builder plot = RocPlot.builder().optTitle(variable).optSubtitle(gallery.subtitle())
            .optSize(InputGallery.WIDTH, InputGallery.HEIGHT).optAxisTitles("b-jet efficiency", "mistag rate");
        for (Map.Entry<String, FlavourSelection> e : selections.entrySet()) {
            Selection selected = e.getValue().apply(truth);
            if (selected.signalCount() > 0 && selected.signalCount() < selected.size()) {
                RocCurve curve = RocCurve.of(selected.pick(score), selected.signal());
                aucs.put(e.getKey(), curve.auc());
                plot.addCurve(e.getKey(), curve);
            }
        }
        if (!aucs.isEmpty()) {
            gallery.roc(plot, variable, heading);
        }
        return aucs;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
