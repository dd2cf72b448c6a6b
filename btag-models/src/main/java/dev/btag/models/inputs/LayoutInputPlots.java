package dev.btag.models.inputs;

import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.data.ntuple.JetFile;
import dev.btag.io.FileChecks;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.plot.Figure;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.selection.FlavourSelection;
import dev.btag.metrics.selection.Selection;
import dev.btag.models.LayoutInputs;
import dev.btag.models.inputs.InputGallery.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input plots of files read through any {@link Layout}: what {@link InputPlots#write(List, Layout, Path)} does
 * for a layout other than the tutorial's (or for several tutorial files). Per declared class (jets of no class left
 * out): a histogram of every feature of {@code jets.features} (one entry per jet), and of every variable of every
 * collection (one entry per real object: the {@code valid} field, else the objects that are not all zero), all
 * files together; default values and ranges as for the tutorial ({@link DefaultValue}, {@code HistogramPlot}). The
 * single-variable ROC is that of the feature separating b from light best (b from everything else without a light
 * group), flipped when it is lower for b jets, for b vs all, b vs c and b vs light as the layout's groups declare
 * them. Memory holds the plotted values (one float per jet and feature, per real object and variable); files are read
 * one at a time in blocks.
 */
final class LayoutInputPlots {

    /** Values read per block: features or objects × variables of this many floats at most. */
    private static final int BLOCK_VALUES = 1 << 21;

    private LayoutInputPlots() {
    }

    static InputPlots.Result write(List<Path> files, Layout layout, Path outDir) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to plot");
        }
        FileChecks.createDirectories(outDir);
        List<String> classes = layout.label().names();
        List<String> features = layout.jets().features();
        List<ObjectCollection> collections = layout.collections();
        Samples[] featureSamples = samples(features.size(), classes.size());
        List<Samples[]> collectionSamples = new ArrayList<>();
        collections.forEach(c -> collectionSamples.add(samples(c.variables().size(), classes.size())));
        List<int[]> allClasses = new ArrayList<>();
        boolean synthetic = false;
        long jets = 0;
        for (Path path : files) {
            try (JetFile file = JetFile.open(path, layout)) {
                synthetic |= file.isSynthetic();
                long n = file.jetCount();
                jets += n;
                int[] classOf = file.classes(0, n);
                allClasses.add(classOf);
                addFeatures(file, classOf, featureSamples);
                for (int c = 0; c < collections.size(); c++) {
                    addCollection(file, c, classOf, collectionSamples.get(c));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        String subtitle = synthetic ? Figure.SYNTHETIC_SAMPLE
            : files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " files";
        String report = jets + " jets in " + files.size() + (files.size() == 1 ? " file" : " files") + ", layout "
            + layout.source() + ", classes " + String.join(", ", classes);
        InputGallery gallery = new InputGallery(outDir, subtitle, synthetic, report, classes, "Histograms are"
            + " normalised per declared class (jets of no class left out); collections contribute their real objects"
            + " only, default values are listed in the legend instead of drawn, under/overflow is added to the edge"
            + " bins.", "class");
        gallery.section(layout.jets().array() + " — jet features (one entry per jet)");
        for (int f = 0; f < features.size(); f++) {
            gallery.plot(features.get(f), features.get(f), "feature " + f + " of array '" + layout.jets().array()
                + "'", features.get(f), featureSamples[f]);
        }
        for (int c = 0; c < collections.size(); c++) {
            ObjectCollection collection = collections.get(c);
            gallery.section(collection.name() + " — collection '" + collection.array() + "' (one entry per real"
                + " object)");
            for (int v = 0; v < collection.variables().size(); v++) {
                String variable = collection.variables().get(v);
                gallery.plot(variable, collection.name() + "_" + variable, collection.name() + " variable " + v
                    + " of " + collection.variables().size(), variable, collectionSamples.get(c)[v]);
            }
        }
        int[] classOf = allClasses.stream().flatMapToInt(java.util.Arrays::stream).toArray();
        Roc roc = roc(files, layout, classOf, featureSamples.length, gallery);
        Path index = gallery.finish(roc.aucs());
        return new InputPlots.Result(index, gallery.variables, gallery.images, roc.aucs(), synthetic, roc.variable());
    }

    /** The single-variable ROC drawn: its variable ("" when none) and AUC per comparison. */
    private record Roc(String variable, Map<String, Double> aucs) {
    }

    private static Samples[] samples(int variables, int classes) {
        Samples[] out = new Samples[variables];
        for (int v = 0; v < variables; v++) {
            out[v] = new Samples(classes);
        }
        return out;
    }

    private static void addFeatures(JetFile file, int[] classOf, Samples[] samples) {
        int f = samples.length;
        long n = file.jetCount();
        long block = Math.max(1, BLOCK_VALUES / Math.max(1, f));
        for (long from = 0; from < n; from += block) {
            long to = Math.min(n, from + block);
            float[] rows = file.features(from, to);
            for (int j = 0; j < to - from; j++) {
                int k = classOf[(int) (from + j)];
                for (int v = 0; v < f; v++) {
                    samples[v].add(k, rows[j * f + v]);
                }
            }
        }
    }

    private static void addCollection(JetFile file, int collection, int[] classOf, Samples[] samples) {
        int vars = file.variableCount(collection);
        int objects = file.objectCount(collection);
        long n = file.jetCount();
        long block = Math.max(1, BLOCK_VALUES / Math.max(1, objects * vars));
        for (long from = 0; from < n; from += block) {
            long to = Math.min(n, from + block);
            float[] values = file.collection(collection, from, to);
            boolean[] real = file.realObjects(collection, from, to, values);
            for (int j = 0; j < to - from; j++) {
                int k = classOf[(int) (from + j)];
                if (k < 0) {
                    continue;
                }
                for (int o = 0; o < objects; o++) {
                    int object = j * objects + o;
                    if (real[object]) {
                        for (int v = 0; v < vars; v++) {
                            samples[v].add(k, values[object * vars + v]);
                        }
                    }
                }
            }
        }
    }

    /** Chooses the feature, then draws its ROC for the comparisons the groups declare. */
    private static Roc roc(List<Path> files, Layout layout, int[] classOf, int featureCount, InputGallery gallery)
        throws IOException {
        ClassGroups groups = LayoutInputs.groups(layout);
        int[] truth = groups.truthCodes(classOf);
        Map<String, FlavourSelection> selections = new LinkedHashMap<>();
        selections.put("b vs all", FlavourSelection.B_VS_ALL);
        if (groups.defines(Discriminant.B_VS_C)) {
            selections.put("b vs c", FlavourSelection.B_VS_C);
        }
        if (groups.defines(Discriminant.B_VS_L)) {
            selections.put("b vs light", FlavourSelection.B_VS_LIGHT_GLUON);
        }
        if (featureCount == 0) {
            return new Roc("", Map.of());
        }
        Selection choice = (groups.defines(Discriminant.B_VS_L) ? FlavourSelection.B_VS_LIGHT_GLUON
            : FlavourSelection.B_VS_ALL).apply(truth);
        if (choice.signalCount() == 0 || choice.signalCount() == choice.size()) {
            return new Roc("", Map.of());
        }
        double[][] columns = featureColumns(files, layout, classOf.length, featureCount);
        int best = 0;
        double bestAuc = -1;
        boolean flipped = false;
        for (int f = 0; f < featureCount; f++) {
            double auc = RocCurve.of(choice.pick(columns[f]), choice.signal()).auc();
            if (Math.max(auc, 1 - auc) > bestAuc) {
                bestAuc = Math.max(auc, 1 - auc);
                best = f;
                flipped = auc < 0.5;
            }
        }
        double[] score = columns[best];
        if (flipped) {
            for (int i = 0; i < score.length; i++) {
                score[i] = -score[i];
            }
        }
        String name = (flipped ? "\u2212" : "") + layout.jets().features().get(best);
        return new Roc(name, InputPlots.drawRoc(name, score, truth, selections, gallery, "Single-variable ROC of the"
            + " feature separating b from " + (groups.defines(Discriminant.B_VS_L) ? "light" : "the rest") + " best"));
    }

    /** Every feature of every file, one column per feature, jets in file order. */
    private static double[][] featureColumns(List<Path> files, Layout layout, int jets, int f) throws IOException {
        double[][] columns = new double[f][jets];
        int at = 0;
        for (Path path : files) {
            try (JetFile file = JetFile.open(path, layout)) {
                long n = file.jetCount();
                float[] rows = file.features(0, n);
                for (int j = 0; j < n; j++) {
                    for (int v = 0; v < f; v++) {
                        columns[v][at + j] = rows[j * f + v];
                    }
                }
                at += (int) n;
            }
        }
        return columns;
    }
}
