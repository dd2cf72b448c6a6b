package dev.btag.data.ntuple;

import dev.btag.data.layout.ClassLabel;
import dev.btag.data.layout.Layout;
import dev.btag.data.source.SourceArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code btag inspect --layout} reports about a file read with a layout: every disagreement with the layout,
 * and, when there is none, per input its shape and NaN/infinite counts, the jets per class, and weight statistics.
 * Computed by one pass over the file in chunks of rows. This record is immutable.
 *
 * @param file the file
 * @param layout the layout
 * @param problems every way the file disagrees with the layout (empty when it can be read)
 * @param jets the number of jets, or -1 when the jet table could not be read
 * @param inputs the jet table and each collection, in layout order (empty when there are problems)
 * @param classCounts jets per class name, in label order (empty when there are problems)
 * @param unlabelled jets of no class
 * @param weights the weight statistics, or {@code null} when no weight is declared
 */
public record LayoutReport(Path file, Layout layout, List<LayoutProblem> problems, long jets, List<Input> inputs,
        Map<String, Long> classCounts, long unlabelled, Weights weights) {

    /** Values read per chunk. */
    private static final int CHUNK_VALUES = 1 << 21;

    /**
     * One input as found in the file.
     *
     * @param key the layout key: {@code jets} or {@code collections[i]}
     * @param name {@code jets} or the collection's name
     * @param array the array's name in the file
     * @param shape the array's shape
     * @param type the array's element type
     * @param values the values the tagger reads per jet (features, or objects × variables)
     * @param nan NaN values among them
     * @param infinite infinite values among them
     * @param realFraction the fraction of object slots holding real objects (1 for the jet table)
     */
    public record Input(String key, String name, String array, long[] shape, String type, long values, long nan,
                        long infinite, double realFraction) {
    }

    /**
     * Statistics of the per-jet weights.
     *
     * @param field the weight field
     * @param sum the sum of the finite weights
     * @param negative negative weights
     * @param nonFinite NaN or infinite weights
     */
    public record Weights(String field, double sum, long negative, long nonFinite) {
    }

    /**
     * Copies the collections.
     *
     * @param file the file
     * @param layout the layout
     * @param problems the problems
     * @param jets the jet count
     * @param inputs the inputs
     * @param classCounts the class counts
     * @param unlabelled the unlabelled count
     * @param weights the weights or {@code null}
     */
    public LayoutReport {
        problems = List.copyOf(problems);
        inputs = List.copyOf(inputs);
        classCounts = Collections.unmodifiableMap(new LinkedHashMap<>(classCounts));
    }

    /**
     * Checks a file against a layout and, when they agree, scans its content.
     *
     * @param path the file
     * @param layout the layout
     * @return the report
     * @throws IOException when the file cannot be read at all
     */
    public static LayoutReport of(Path path, Layout layout) throws IOException {
        List<LayoutProblem> problems = JetFile.check(path, layout);
        if (!problems.isEmpty()) {
            return new LayoutReport(path, layout, problems, -1, List.of(), Map.of(), 0, null);
        }
        try (JetFile file = JetFile.open(path, layout)) {
            return scan(file);
        }
    }

    private static LayoutReport scan(JetFile file) {
        Layout layout = file.layout();
        long n = file.jetCount();
        List<Input> inputs = new ArrayList<>();
        inputs.add(scanInput(file, -1, n));
        for (int c = 0; c < layout.collections().size(); c++) {
            inputs.add(scanInput(file, c, n));
        }
        List<LayoutProblem> problems = new ArrayList<>();
        ClassLabel label = layout.label();
        long[] counts = new long[label.size()];
        long unlabelled = countClasses(file, counts, problems);
        Map<String, Long> classCounts = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            classCounts.put(label.classes().get(i).name(), counts[i]);
        }
        Weights weights = null;
        if (file.hasWeights()) {
            double sum = 0;
            long negative = 0;
            long nonFinite = 0;
            for (long from = 0; from < n; from += CHUNK_VALUES) {
                for (double w : file.weights(from, Math.min(n, from + CHUNK_VALUES))) {
                    if (!Double.isFinite(w)) {
                        nonFinite++;
                    } else {
                        sum += w;
                        negative += w < 0 ? 1 : 0;
                    }
                }
            }
            weights = new Weights(layout.weight().orElseThrow(), sum, negative, nonFinite);
        }
        return new LayoutReport(file.path(), layout, problems, n, inputs, classCounts, unlabelled, weights);
    }

    private static Input scanInput(JetFile file, int collection, long n) {
        boolean table = collection < 0;
        int perJet = table ? file.featureCount() : file.objectCount(collection) * file.variableCount(collection);
        long step = Math.max(1, CHUNK_VALUES / Math.max(1, perJet));
        long nan = 0;
        long infinite = 0;
        long real = 0;
        for (long from = 0; from < n; from += step) {
            long to = Math.min(n, from + step);
            float[] values = table ? file.features(from, to) : file.collection(collection, from, to);
            for (float v : values) {
                if (Float.isNaN(v)) {
                    nan++;
                } else if (Float.isInfinite(v)) {
                    infinite++;
                }
            }
            if (!table) {
                for (boolean r : file.realObjects(collection, from, to, values)) {
                    real += r ? 1 : 0;
                }
            }
        }
        Layout layout = file.layout();
        String array = table ? layout.jets().array() : layout.collections().get(collection).array();
        long[] shape;
        String type;
        try {
            SourceArray source = file.arrays().array(array);
            shape = source.shape();
            type = source.typeName();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        long slots = table ? n : n * file.objectCount(collection);
        return new Input(table ? "jets" : "collections[" + collection + "]",
            table ? "jets" : layout.collections().get(collection).name(), array, shape, type, perJet, nan, infinite,
            table ? 1.0 : slots == 0 ? 0 : (double) real / slots);
    }

    /** Counts jets per class; codes no class covers become one problem each (with their count) instead of failing. */
    private static long countClasses(JetFile file, long[] counts, List<LayoutProblem> problems) {
        long n = file.jetCount();
        long unlabelled = 0;
        Map<Long, Long> uncovered = new TreeMap<>();
        ClassLabel label = file.layout().label();
        for (long from = 0; from < n; from += CHUNK_VALUES) {
            long to = Math.min(n, from + CHUNK_VALUES);
            if (label.oneHot()) {
                for (int c : file.classes(from, to)) {
                    if (c < 0) {
                        unlabelled++;
                    } else {
                        counts[c]++;
                    }
                }
                continue;
            }
            double[] codes = file.labelCodes(from, to);
            for (double code : codes) {
                int c = label.classOfCode((long) code);
                if (c == -2 || code != Math.rint(code)) {
                    uncovered.merge((long) code, 1L, Long::sum);
                } else if (c == -1) {
                    unlabelled++;
                } else {
                    counts[c]++;
                }
            }
        }
        uncovered.forEach((code, count) -> problems.add(new LayoutProblem("label.classes", "code " + code + " ("
            + count + " jets) is in no class and not in label.ignore")));
        return unlabelled;
    }
}
