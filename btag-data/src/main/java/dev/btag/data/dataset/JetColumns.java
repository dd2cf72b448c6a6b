package dev.btag.data.dataset;

import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.TrainingClass;
import dev.btag.data.schema.TutorialFile;
import java.util.Objects;

/**
 * The columns a tagger needs from a tutorial file, held in memory: the chosen features (N × F), optionally the
 * seeding tracks (N × 10 × 21) and the six-class labels (N × 6), all row-major float32, plus the integer truth (N).
 * Reading these takes about {@code 4 × (F + 210 + 7)} bytes per jet (0.9 kB with tracks), a small part of a tutorial
 * file (whose {@code arr_5} alone is 28.8 kB per jet), which is never loaded. Immutable after loading; the arrays are
 * shared by every {@link JetDataset} made from it and never handed out.
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
    private final int jets;
    final float[] features;
    final float[] tracks;
    final float[] labels;
    final int[] truth;
    final float[] weights;

    private JetColumns(FeatureSet featureSet, int jets, float[] features, float[] tracks, float[] labels,
                       int[] truth, float[] weights) {
        this.featureSet = featureSet;
        this.jets = jets;
        this.features = features;
        this.tracks = tracks;
        this.labels = labels;
        this.truth = truth;
        this.weights = weights;
    }

    /**
     * Reads the columns from an open file, in chunks of rows.
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
        return new JetColumns(featureSet, n, features, tracks, labels, file.truthCodes(), null);
    }

    /**
     * Columns from arrays already in memory (copied).
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
        return new JetColumns(featureSet, n, features.clone(), tracks == null ? null : tracks.clone(),
            labels.clone(), truth.clone(), null);
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
        if (jetWeights == null) {
            return new JetColumns(featureSet, jets, features, tracks, labels, truth, null);
        }
        if (jetWeights.length != jets) {
            throw new IllegalArgumentException(jetWeights.length + " weights for " + jets + " jets");
        }
        for (int i = 0; i < jets; i++) {
            if (!(jetWeights[i] >= 0) || jetWeights[i] == Float.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("weight[" + i + "] = " + jetWeights[i]
                    + ": weights must be finite and non-negative");
            }
        }
        return new JetColumns(featureSet, jets, features, tracks, labels, truth, jetWeights.clone());
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
        int f = featureSet.size();
        int l = TrainingClass.COUNT;
        float[] fs = new float[m * f];
        float[] ls = new float[m * l];
        float[] ts = tracks == null ? null : new float[m * TRACK_VALUES];
        int[] tr = new int[m];
        float[] ws = weights == null ? null : new float[m];
        for (int i = 0; i < m; i++) {
            int r = java.util.Objects.checkIndex(rows[i], jets);
            System.arraycopy(features, r * f, fs, i * f, f);
            System.arraycopy(labels, r * l, ls, i * l, l);
            if (ts != null) {
                System.arraycopy(tracks, r * TRACK_VALUES, ts, i * TRACK_VALUES, TRACK_VALUES);
            }
            tr[i] = truth[r];
            if (ws != null) {
                ws[i] = weights[r];
            }
        }
        return new JetColumns(featureSet, m, fs, ts, ls, tr, ws);
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
     * A copy of the one-hot labels.
     *
     * @return row-major N × 6 labels in {@link TrainingClass} order
     */
    public float[] oneHotLabels() {
        return labels.clone();
    }

    /**
     * The feature set of the feature rows.
     *
     * @return the feature set
     */
    public FeatureSet featureSet() {
        return featureSet;
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
     * Whether the tracks were loaded.
     *
     * @return {@code true} when tracks are present
     */
    public boolean hasTracks() {
        return tracks != null;
    }

    /**
     * A copy of one jet's features.
     *
     * @param jet the jet index
     * @return F values in feature order
     */
    public float[] featuresOf(int jet) {
        int f = featureSet.size();
        float[] out = new float[f];
        System.arraycopy(features, jet * f, out, 0, f);
        return out;
    }

    /**
     * A copy of the integer truth codes (column 50; -1 where invalid).
     *
     * @return N codes
     */
    public int[] truthCodes() {
        return truth.clone();
    }
}
