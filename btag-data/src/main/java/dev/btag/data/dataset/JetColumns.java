package dev.btag.data.dataset;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TrainingClass;
import dev.btag.data.schema.TutorialFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The columns a tagger needs from a file, held in memory: the chosen features (N × F), optionally one or more object
 * collections (each N × objects × variables: the seeding tracks 10 × 21 in the tutorial, or the charged, neutral and
 * vertex collections of a DeepJet-style tagger) with a flag per object saying whether it is real, and the one-hot
 * labels (N × K), all row-major float32, plus the integer truth (N). Reading these takes about {@code 4 × (F + objects
 * × variables + K + 1)} bytes per jet (0.9 kB with the tutorial's tracks), a small part of a tutorial file (whose
 * {@code arr_5} alone is 28.8 kB per jet), which is never loaded. Immutable after loading; the arrays are shared by
 * every {@link JetDataset} made from it and never handed out.
 *
 * <p>Two ways in: {@link #load(TutorialFile, FeatureSet, boolean)}, the tutorial file read as the notebooks read it,
 * and {@link #load(JetFile, int)}, any file read through a {@link Layout}. Reading a tutorial file through the
 * tutorial layout gives the same features, tracks and labels, bit for bit (a test checks it).
 *
 * <p>Optionally the columns carry one training weight per jet ({@link #withWeights(float[])}, from any source: a
 * reweighting, a weights file, a layout's weight field); a {@link JetDataset} over weighted columns adds them to
 * each batch's labels and the trainer then uses a weighted loss.
 */
public final class JetColumns {

    /** Values per jet of the seeding-track array (10 × 21). */
    public static final int TRACK_VALUES = JetArray.SEEDING_TRACKS.valuesPerJet();

    private static final int CHUNK = 4096;

    private final FeatureSet featureSet;
    private final List<String> featureNames;
    private final List<String> collections;
    private final List<List<String>> variableNames;
    private final int jets;
    private final int[] objects;
    private final int classes;
    final float[] features;
    /** Per loaded collection, N × objects × variables values (row-major); empty when none was loaded. */
    final float[][] objectValues;
    /** Per loaded collection, N × objects real-object flags, or a {@code null} entry (tutorial path: derived). */
    final boolean[][] real;
    final float[] labels;
    final int[] truth;
    final float[] weights;

    private JetColumns(FeatureSet featureSet, List<String> featureNames, List<String> collections,
                       List<List<String>> variableNames, int jets, int[] objects, int classes, float[] features,
                       float[][] objectValues, boolean[][] real, float[] labels, int[] truth, float[] weights) {
        this.weights = weights;
        this.featureSet = featureSet;
        this.featureNames = List.copyOf(featureNames);
        this.collections = List.copyOf(collections);
        this.variableNames = variableNames.stream().map(List::copyOf).toList();
        this.jets = jets;
        this.objects = objects;
        this.classes = classes;
        this.features = features;
        this.objectValues = objectValues;
        this.real = real;
        this.labels = labels;
        this.truth = truth;
    }

    /** Columns of the tutorial path: no collection, or the 10 × 21 seeding tracks (flags derived from values). */
    private static JetColumns tutorial(FeatureSet featureSet, int jets, float[] features, float[] tracks,
                                       float[] labels, int[] truth) {
        boolean with = tracks != null;
        return new JetColumns(featureSet, featureSet.columnNames(), with ? List.of("tracks") : List.of(),
            with ? List.of(JetArray.SEEDING_TRACKS.variableNames()) : List.of(), jets,
            with ? new int[] {JetArray.SEEDING_TRACKS.capacity()} : new int[0], TrainingClass.COUNT, features,
            with ? new float[][] {tracks} : new float[0][], with ? new boolean[1][] : new boolean[0][], labels, truth,
            null);
    }

    /**
     * Reads the columns from an open tutorial file, in chunks of rows.
     *
     * @param file the validated file
     * @param featureSet the features to read
     * @param withTracks whether to read the 10 × 21 seeding tracks too
     * @return the columns
     * @throws IllegalStateException when the file has too many jets for Java arrays
     */
    public static JetColumns load(TutorialFile file, FeatureSet featureSet, boolean withTracks) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(featureSet, "featureSet");
        int n = file.jetCountAsInt();
        if (withTracks && (long) n * TRACK_VALUES > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(file.path() + ": " + n + " jets of tracks do not fit one Java array");
        }
        int f = featureSet.size();
        float[] features = new float[n * f];
        float[] labels = new float[n * TrainingClass.COUNT];
        float[] tracks = withTracks ? new float[n * TRACK_VALUES] : null;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            System.arraycopy(file.features(featureSet, from, to), 0, features, from * f, (to - from) * f);
            System.arraycopy(file.oneHotLabels(from, to), 0, labels, from * TrainingClass.COUNT,
                (to - from) * TrainingClass.COUNT);
            if (withTracks) {
                System.arraycopy(file.tracks(from, to), 0, tracks, from * TRACK_VALUES, (to - from) * TRACK_VALUES);
            }
        }
        return tutorial(featureSet, n, features, tracks, labels, file.truthCodes());
    }

    /**
     * Reads the columns of any file through its layout with one collection or none: as
     * {@link #load(JetFile, int[])} with {@code {collection}}, or with no collection for -1.
     *
     * @param file the open file
     * @param collection the collection's index in the layout, or -1 for none
     * @return the columns
     * @throws IllegalStateException when the file has too many jets for Java arrays
     * @throws java.io.UncheckedIOException when a label code is not covered by the layout (naming file and key)
     */
    public static JetColumns load(JetFile file, int collection) {
        return load(file, collection < 0 ? new int[0] : new int[] {collection});
    }

    /**
     * Reads the columns of any file through its layout, in chunks of rows: the layout's features, the given
     * collections in the given order (each with its real-object flags), and the one-hot labels of the layout's
     * classes. The truth of each jet is its class's code from the layout's groups ({@link Layout#classTruthCodes()}),
     * 0 for a jet of no class.
     *
     * @param file the open file
     * @param collections the collections' indices in the layout, in input order (empty for none; no repeats)
     * @return the columns
     * @throws IllegalArgumentException when an index repeats or is outside the layout's collections
     * @throws IllegalStateException when the file has too many jets for Java arrays
     * @throws java.io.UncheckedIOException when a label code is not covered by the layout (naming file and key)
     */
    public static JetColumns load(JetFile file, int[] collections) {
        Objects.requireNonNull(file, "file");
        Layout layout = file.layout();
        int n = file.jetCountAsInt();
        int f = file.featureCount();
        int k = layout.label().size();
        int c = collections.length;
        if (java.util.Arrays.stream(collections).distinct().count() != c) {
            throw new IllegalArgumentException(file.path() + ": a collection is listed twice: "
                + java.util.Arrays.toString(collections));
        }
        int[] o = new int[c];
        int[] v = new int[c];
        List<String> names = new ArrayList<>();
        List<List<String>> variableNames = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            Objects.checkIndex(collections[i], layout.collections().size());
            o[i] = file.objectCount(collections[i]);
            v[i] = file.variableCount(collections[i]);
            names.add(layout.collections().get(collections[i]).name());
            variableNames.add(layout.collections().get(collections[i]).variables());
            if ((long) n * o[i] * v[i] > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(file.path() + ": " + n + " jets do not fit Java arrays; stream them");
            }
        }
        if ((long) n * Math.max(f, k) > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(file.path() + ": " + n + " jets do not fit Java arrays; stream them");
        }
        float[] features = new float[n * f];
        float[] labels = new float[n * k];
        float[][] objectValues = new float[c][];
        boolean[][] real = new boolean[c][];
        for (int i = 0; i < c; i++) {
            objectValues[i] = new float[n * o[i] * v[i]];
            real[i] = new boolean[n * o[i]];
        }
        int[] truth = new int[n];
        int[] codes = layout.classTruthCodes();
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            System.arraycopy(file.features(from, to), 0, features, from * f, (to - from) * f);
            System.arraycopy(file.oneHot(from, to), 0, labels, from * k, (to - from) * k);
            int[] cls = file.classes(from, to);
            for (int i = 0; i < cls.length; i++) {
                truth[from + i] = cls[i] < 0 ? 0 : codes[cls[i]];
            }
            for (int i = 0; i < c; i++) {
                float[] values = file.collection(collections[i], from, to);
                System.arraycopy(values, 0, objectValues[i], from * o[i] * v[i], values.length);
                boolean[] flags = file.realObjects(collections[i], from, to, values);
                System.arraycopy(flags, 0, real[i], from * o[i], flags.length);
            }
        }
        List<String> featureNames = layout.jets().features();
        return new JetColumns(tutorialFeatures(featureNames), featureNames, names, variableNames, n, o, k, features,
            objectValues, real, labels, truth, null);
    }

    /** The feature set of names that are all tutorial columns (the tutorial's own set when equal), else null. */
    private static FeatureSet tutorialFeatures(List<String> names) {
        List<JetColumn> columns = new ArrayList<>();
        for (String name : names) {
            JetColumn c = JetColumn.byName(name).orElse(null);
            if (c == null) {
                return null;
            }
            columns.add(c);
        }
        return columns.equals(FeatureSet.TUTORIAL.columns()) ? FeatureSet.TUTORIAL : new FeatureSet("layout", columns);
    }

    /**
     * Columns from arrays already in memory (copied), with the tutorial's 10 × 21 tracks and six classes.
     *
     * @param featureSet the feature set the feature rows follow
     * @param features N × F features, row-major
     * @param tracks N × 10 × 21 tracks, or {@code null} for none
     * @param labels N × 6 one-hot labels
     * @param truth N integer truth codes
     * @return the columns
     * @throws IllegalArgumentException when the lengths disagree, naming them
     */
    public static JetColumns of(FeatureSet featureSet, float[] features, float[] tracks, float[] labels, int[] truth) {
        int n = truth.length;
        int f = featureSet.size();
        if (features.length != n * f || labels.length != n * TrainingClass.COUNT
            || tracks != null && tracks.length != n * TRACK_VALUES) {
            throw new IllegalArgumentException("lengths disagree for " + n + " jets: features " + features.length
                + " (expected " + n * f + "), labels " + labels.length + " (expected " + n * TrainingClass.COUNT
                + ")" + (tracks == null ? "" : ", tracks " + tracks.length + " (expected " + n * TRACK_VALUES + ")"));
        }
        return tutorial(featureSet, n, features.clone(), tracks == null ? null : tracks.clone(), labels.clone(),
            truth.clone());
    }

    /**
     * One object collection held in memory, for {@link #of(FeatureSet, float[], List, float[], int[])}. The array is
     * not copied here (the factory copies it).
     *
     * @param name the collection's name
     * @param objects object slots per jet O
     * @param variables variables per object V (named {@code name_var_00}, ...)
     * @param values N × O × V values, jet-major; an object whose variables are all zero is padding
     */
    public record ObjectValues(String name, int objects, int variables, float[] values) {
    }

    /**
     * Columns from arrays already in memory (copied), with any number of collections and six classes.
     *
     * @param featureSet the feature set the feature rows follow
     * @param features N × F features, row-major
     * @param collections the collections in input order (an object is real unless all its variables are zero)
     * @param labels N × 6 one-hot labels
     * @param truth N integer truth codes
     * @return the columns
     * @throws IllegalArgumentException when the lengths disagree or a shape is not positive, naming them
     */
    public static JetColumns of(FeatureSet featureSet, float[] features, List<ObjectValues> collections,
                                float[] labels, int[] truth) {
        int n = truth.length;
        if (features.length != n * featureSet.size() || labels.length != n * TrainingClass.COUNT) {
            throw new IllegalArgumentException("lengths disagree for " + n + " jets: features " + features.length
                + " (expected " + n * featureSet.size() + "), labels " + labels.length + " (expected "
                + n * TrainingClass.COUNT + ")");
        }
        int c = collections.size();
        int[] objects = new int[c];
        float[][] values = new float[c][];
        List<String> names = new ArrayList<>();
        List<List<String>> variables = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            ObjectValues o = collections.get(i);
            if (o.objects() < 1 || o.variables() < 1 || o.values().length != (long) n * o.objects() * o.variables()) {
                throw new IllegalArgumentException("collection '" + o.name() + "': " + o.values().length
                    + " values for " + n + " jets of " + o.objects() + " x " + o.variables());
            }
            objects[i] = o.objects();
            values[i] = o.values().clone();
            names.add(o.name());
            List<String> v = new ArrayList<>();
            for (int j = 0; j < o.variables(); j++) {
                v.add(String.format(java.util.Locale.ROOT, "%s_var_%02d", o.name(), j));
            }
            variables.add(v);
        }
        return new JetColumns(featureSet, featureSet.columnNames(), names, variables, n, objects,
            TrainingClass.COUNT, features.clone(), values, new boolean[c][], labels.clone(), truth.clone(), null);
    }

    /**
     * These columns with one training weight per jet (the other arrays are shared, not copied).
     *
     * @param jetWeights N finite, non-negative weights (copied), or {@code null} for none
     * @return the weighted columns
     * @throws IllegalArgumentException when the length is not N or a weight is negative or not finite (the message
     *     names the index)
     */
    public JetColumns withWeights(float[] jetWeights) {
        if (jetWeights != null) {
            if (jetWeights.length != jets) {
                throw new IllegalArgumentException(jetWeights.length + " weights for " + jets + " jets");
            }
            for (int i = 0; i < jets; i++) {
                if (!(jetWeights[i] >= 0) || jetWeights[i] == Float.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("weight[" + i + "] = " + jetWeights[i]
                        + ": weights must be finite and non-negative");
                }
            }
        }
        return new JetColumns(featureSet, featureNames, collections, variableNames, jets, objects, classes, features,
            objectValues, real, labels, truth, jetWeights == null ? null : jetWeights.clone());
    }

    /**
     * The columns of some jets, in the given order (copied), for example the jets a resampling keeps.
     *
     * @param rows jet indices, each in {@code [0, N)}
     * @return new columns with {@code rows.length} jets (and their weights, if any)
     * @throws IndexOutOfBoundsException for a row outside the columns
     */
    public JetColumns select(int[] rows) {
        int m = rows.length;
        int f = featureNames.size();
        int c = collections.size();
        float[] fs = new float[m * f];
        float[] ls = new float[m * classes];
        float[][] ts = new float[c][];
        boolean[][] rs = new boolean[c][];
        for (int j = 0; j < c; j++) {
            ts[j] = new float[m * objects[j] * variableCount(j)];
            rs[j] = real[j] == null ? null : new boolean[m * objects[j]];
        }
        int[] tr = new int[m];
        float[] ws = weights == null ? null : new float[m];
        for (int i = 0; i < m; i++) {
            int r = java.util.Objects.checkIndex(rows[i], jets);
            System.arraycopy(features, r * f, fs, i * f, f);
            System.arraycopy(labels, r * classes, ls, i * classes, classes);
            for (int j = 0; j < c; j++) {
                int ov = objects[j] * variableCount(j);
                System.arraycopy(objectValues[j], r * ov, ts[j], i * ov, ov);
                if (rs[j] != null) {
                    System.arraycopy(real[j], r * objects[j], rs[j], i * objects[j], objects[j]);
                }
            }
            tr[i] = truth[r];
            if (ws != null) {
                ws[i] = weights[r];
            }
        }
        return new JetColumns(featureSet, featureNames, collections, variableNames, m, objects, classes, fs, ts, rs,
            ls, tr, ws);
    }

    /**
     * A copy of the one-hot labels.
     *
     * @return row-major N × K labels
     */
    public float[] oneHotLabels() {
        return labels.clone();
    }

    /**
     * Whether the jets carry training weights.
     *
     * @return {@code true} when {@link #withWeights(float[])} gave them
     */
    public boolean hasWeights() {
        return weights != null;
    }

    /**
     * A copy of the training weights.
     *
     * @return N weights, or {@code null} when there are none
     */
    public float[] weights() {
        return weights == null ? null : weights.clone();
    }

    /**
     * The feature set of the feature rows, when every feature is a tutorial column.
     *
     * @return the feature set, or {@code null} for features read through a layout that are not tutorial columns
     */
    public FeatureSet featureSet() {
        return featureSet;
    }

    /**
     * The feature names in input order.
     *
     * @return F names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The number of features F.
     *
     * @return F
     */
    public int featureCount() {
        return featureNames.size();
    }

    /**
     * The number of jets N.
     *
     * @return N
     */
    public int jetCount() {
        return jets;
    }

    /**
     * Whether a collection (the tracks) was loaded.
     *
     * @return {@code true} when at least one collection is present
     */
    public boolean hasTracks() {
        return !collections.isEmpty();
    }

    /**
     * The number of loaded collections, each one input of a batch after the features.
     *
     * @return 0, 1 (the tutorial's tracks) or more (a DeepJet-style tagger's)
     */
    public int collectionCount() {
        return collections.size();
    }

    /**
     * The names of the loaded collections in input order.
     *
     * @return an unmodifiable list, empty when none was loaded
     */
    public List<String> collectionNames() {
        return collections;
    }

    /**
     * The name of the (first) loaded collection.
     *
     * @return for example {@code tracks}, or {@code null} when none was loaded
     */
    public String collectionName() {
        return collections.isEmpty() ? null : collections.get(0);
    }

    /**
     * The variable names of the (first) loaded collection.
     *
     * @return V names (empty when none was loaded)
     */
    public List<String> variableNames() {
        return collections.isEmpty() ? List.of() : variableNames.get(0);
    }

    /**
     * The object slots per jet of the (first) loaded collection.
     *
     * @return 10 for the tutorial's tracks, 0 when none was loaded
     */
    public int objectCount() {
        return collections.isEmpty() ? 0 : objects[0];
    }

    /**
     * The variables per object of the (first) loaded collection.
     *
     * @return 21 for the tutorial's tracks, 0 when none was loaded
     */
    public int variableCount() {
        return collections.isEmpty() ? 0 : variableCount(0);
    }

    /**
     * The object slots per jet of one loaded collection.
     *
     * @param collection its position among the loaded collections, 0 to {@link #collectionCount()} - 1
     * @return O
     * @throws IndexOutOfBoundsException for another position
     */
    public int objectCount(int collection) {
        return objects[Objects.checkIndex(collection, collections.size())];
    }

    /**
     * The variables per object of one loaded collection.
     *
     * @param collection its position among the loaded collections, 0 to {@link #collectionCount()} - 1
     * @return V
     * @throws IndexOutOfBoundsException for another position
     */
    public int variableCount(int collection) {
        return variableNames.get(Objects.checkIndex(collection, collections.size())).size();
    }

    /**
     * The number of classes K, the width of a label row.
     *
     * @return 6 for the tutorial
     */
    public int classCount() {
        return classes;
    }

    /**
     * A copy of one jet's features.
     *
     * @param jet the jet index
     * @return F values in feature order
     */
    public float[] featuresOf(int jet) {
        int f = featureNames.size();
        float[] out = new float[f];
        System.arraycopy(features, jet * f, out, 0, f);
        return out;
    }

    /**
     * A copy of the integer truth codes (column 50 of a tutorial file; from the layout's groups otherwise: 5, 4, 1
     * for b, c, light classes, 0 for others; -1 where a tutorial file's value is no valid code).
     *
     * @return N codes
     */
    public int[] truthCodes() {
        return truth.clone();
    }

    /**
     * Fits the per-variable standardisation of the (first) loaded collection over the real objects of some jets.
     *
     * @param rows the jets to fit on (the training rows)
     * @return the standardisation
     * @throws IllegalStateException when no collection was loaded
     */
    public CollectionStandardizer fitCollection(int[] rows) {
        if (collections.isEmpty()) {
            throw new IllegalStateException("no collection was loaded");
        }
        return fitCollection(0, rows);
    }

    /**
     * Fits the per-variable standardisation of one loaded collection over the real objects of some jets.
     *
     * @param collection its position among the loaded collections
     * @param rows the jets to fit on (the training rows)
     * @return the standardisation
     * @throws IndexOutOfBoundsException for a position that is not loaded
     */
    public CollectionStandardizer fitCollection(int collection, int[] rows) {
        int o = objectCount(collection);
        int v = variableCount(collection);
        int ov = o * v;
        CollectionStandardizer.Accumulator acc = new CollectionStandardizer.Accumulator(v);
        boolean[] flags = new boolean[o];
        float[] values = new float[ov];
        for (int row : rows) {
            System.arraycopy(objectValues[collection], row * ov, values, 0, ov);
            realFlags(collection, row, values, flags);
            acc.add(values, flags, o);
        }
        return acc.result(collections.get(collection), variableNames.get(collection));
    }

    /** The real-object flags of one jet in one collection: as loaded, or (tutorial path) not all variables zero. */
    void realFlags(int collection, int row, float[] values, boolean[] out) {
        int o = objects[collection];
        if (real[collection] != null) {
            System.arraycopy(real[collection], row * o, out, 0, o);
            return;
        }
        int v = variableCount(collection);
        for (int i = 0; i < o; i++) {
            boolean any = false;
            for (int j = 0; j < v && !any; j++) {
                any = values[i * v + j] != 0;
            }
            out[i] = any;
        }
    }
}
