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
 * The columns a tagger needs from a file, held in memory: the chosen features (N × F), optionally one object
 * collection (N × objects × variables, the seeding tracks 10 × 21 in the tutorial) with a flag per object saying
 * whether it is real, and the one-hot labels (N × K), all row-major float32, plus the integer truth (N). Reading these
 * takes about {@code 4 × (F + objects × variables + K + 1)} bytes per jet (0.9 kB with the tutorial's tracks), a small
 * part of a tutorial file (whose {@code arr_5} alone is 28.8 kB per jet), which is never loaded. Immutable after
 * loading; the arrays are shared by every {@link JetDataset} made from it and never handed out.
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
    private final String collection;
    private final List<String> variableNames;
    private final int jets;
    private final int objects;
    private final int variables;
    private final int classes;
    final float[] features;
    final float[] tracks;
    final boolean[] real;
    final float[] labels;
    final int[] truth;
    final float[] weights;

    private JetColumns(FeatureSet featureSet, List<String> featureNames, String collection,
                       List<String> variableNames, int jets, int objects, int classes, float[] features,
                       float[] tracks, boolean[] real, float[] labels, int[] truth) {
        this(featureSet, featureNames, collection, variableNames, jets, objects, classes, features, tracks, real,
            labels, truth, null);
    }

    private JetColumns(FeatureSet featureSet, List<String> featureNames, String collection,
                       List<String> variableNames, int jets, int objects, int classes, float[] features,
                       float[] tracks, boolean[] real, float[] labels, int[] truth, float[] weights) {
        this.weights = weights;
        this.featureSet = featureSet;
        this.featureNames = List.copyOf(featureNames);
        this.collection = collection;
        this.variableNames = List.copyOf(variableNames);
        this.jets = jets;
        this.objects = objects;
        this.variables = variableNames.size();
        this.classes = classes;
        this.features = features;
        this.tracks = tracks;
        this.real = real;
        this.labels = labels;
        this.truth = truth;
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
        return new JetColumns(featureSet, featureSet.columnNames(), withTracks ? "tracks" : null,
            withTracks ? JetArray.SEEDING_TRACKS.variableNames() : List.of(), n,
            withTracks ? JetArray.SEEDING_TRACKS.capacity() : 0, TrainingClass.COUNT, features, tracks, null, labels,
            file.truthCodes());
    }

    /**
     * Reads the columns of any file through its layout, in chunks of rows: the layout's features, one collection
     * (with its real-object flags) or none, and the one-hot labels of the layout's classes. The truth of each jet is
     * its class's code from the layout's groups ({@link Layout#classTruthCodes()}), 0 for a jet of no class.
     *
     * @param file the open file
     * @param collection the collection's index in the layout, or -1 for none
     * @return the columns
     * @throws IllegalStateException when the file has too many jets for Java arrays
     * @throws java.io.UncheckedIOException when a label code is not covered by the layout (naming file and key)
     */
    public static JetColumns load(JetFile file, int collection) {
        Objects.requireNonNull(file, "file");
        Layout layout = file.layout();
        int n = file.jetCountAsInt();
        int f = file.featureCount();
        int k = layout.label().size();
        int o = collection < 0 ? 0 : file.objectCount(collection);
        int v = collection < 0 ? 0 : file.variableCount(collection);
        if ((long) n * o * v > Integer.MAX_VALUE - 8 || (long) n * Math.max(f, k) > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(file.path() + ": " + n + " jets do not fit Java arrays; stream them");
        }
        float[] features = new float[n * f];
        float[] labels = new float[n * k];
        float[] objectValues = collection < 0 ? null : new float[n * o * v];
        boolean[] real = collection < 0 ? null : new boolean[n * o];
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
            if (collection >= 0) {
                float[] values = file.collection(collection, from, to);
                System.arraycopy(values, 0, objectValues, from * o * v, values.length);
                boolean[] flags = file.realObjects(collection, from, to, values);
                System.arraycopy(flags, 0, real, from * o, flags.length);
            }
        }
        List<String> names = layout.jets().features();
        return new JetColumns(tutorialFeatures(names), names,
            collection < 0 ? null : layout.collections().get(collection).name(),
            collection < 0 ? List.of() : layout.collections().get(collection).variables(), n, o, k, features,
            objectValues, real, labels, truth);
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
        return new JetColumns(featureSet, featureSet.columnNames(), tracks == null ? null : "tracks",
            tracks == null ? List.of() : JetArray.SEEDING_TRACKS.variableNames(), n,
            tracks == null ? 0 : JetArray.SEEDING_TRACKS.capacity(), TrainingClass.COUNT, features.clone(),
            tracks == null ? null : tracks.clone(), null, labels.clone(), truth.clone());
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
        return new JetColumns(featureSet, featureNames, collection, variableNames, jets, objects, classes, features,
            tracks, real, labels, truth, jetWeights == null ? null : jetWeights.clone());
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
        int ov = objects * variables;
        float[] fs = new float[m * f];
        float[] ls = new float[m * classes];
        float[] ts = tracks == null ? null : new float[m * ov];
        boolean[] rs = real == null ? null : new boolean[m * objects];
        int[] tr = new int[m];
        float[] ws = weights == null ? null : new float[m];
        for (int i = 0; i < m; i++) {
            int r = java.util.Objects.checkIndex(rows[i], jets);
            System.arraycopy(features, r * f, fs, i * f, f);
            System.arraycopy(labels, r * classes, ls, i * classes, classes);
            if (ts != null) {
                System.arraycopy(tracks, r * ov, ts, i * ov, ov);
            }
            if (rs != null) {
                System.arraycopy(real, r * objects, rs, i * objects, objects);
            }
            tr[i] = truth[r];
            if (ws != null) {
                ws[i] = weights[r];
            }
        }
        return new JetColumns(featureSet, featureNames, collection, variableNames, m, objects, classes, fs, ts, rs,
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
     * @return {@code true} when tracks are present
     */
    public boolean hasTracks() {
        return tracks != null;
    }

    /**
     * The name of the loaded collection.
     *
     * @return for example {@code tracks}, or {@code null} when none was loaded
     */
    public String collectionName() {
        return collection;
    }

    /**
     * The variable names of the loaded collection.
     *
     * @return V names (empty when none was loaded)
     */
    public List<String> variableNames() {
        return variableNames;
    }

    /**
     * The object slots per jet of the loaded collection.
     *
     * @return 10 for the tutorial's tracks, 0 when none was loaded
     */
    public int objectCount() {
        return objects;
    }

    /**
     * The variables per object of the loaded collection.
     *
     * @return 21 for the tutorial's tracks, 0 when none was loaded
     */
    public int variableCount() {
        return variables;
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
     * Fits the per-variable standardisation of the loaded collection over the real objects of some jets.
     *
     * @param rows the jets to fit on (the training rows)
     * @return the standardisation
     * @throws IllegalStateException when no collection was loaded
     */
    public CollectionStandardizer fitCollection(int[] rows) {
        if (tracks == null) {
            throw new IllegalStateException("no collection was loaded");
        }
        int ov = objects * variables;
        CollectionStandardizer.Accumulator acc = new CollectionStandardizer.Accumulator(variables);
        boolean[] flags = new boolean[objects];
        float[] values = new float[ov];
        for (int row : rows) {
            System.arraycopy(tracks, row * ov, values, 0, ov);
            realFlags(row, values, flags);
            acc.add(values, flags, objects);
        }
        return acc.result(collection, variableNames);
    }

    /** The real-object flags of one jet: as loaded, or (tutorial path) not all variables zero. */
    void realFlags(int row, float[] values, boolean[] out) {
        if (real != null) {
            System.arraycopy(real, row * objects, out, 0, objects);
            return;
        }
        for (int o = 0; o < objects; o++) {
            boolean any = false;
            for (int j = 0; j < variables && !any; j++) {
                any = values[o * variables + j] != 0;
            }
            out[o] = any;
        }
    }
}
