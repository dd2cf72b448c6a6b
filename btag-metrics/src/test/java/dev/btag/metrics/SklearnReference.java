package dev.btag.metrics;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The reference values computed once by scikit-learn ({@code src/test/python/sklearn_reference.py}) and kept as the
 * test resource {@code dev/btag/metrics/sklearn_reference.json}.
 */
public final class SklearnReference {

    /** One roc_curve case: inputs and sklearn's outputs (thresholds without sklearn's first, artificial one). */
    public static final class RocCase {
        public String name;
        public double[] scores;
        public int[] labels;
        public double[] weights;
        public double[] fpr;
        public double[] tpr;
        public double[] thresholds;
        public double auc;
        public double rocAucScore;
        public int dropIntermediatePoints;

        public boolean[] signal() {
            boolean[] s = new boolean[labels.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = labels[i] == 1;
            }
            return s;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One confusion_matrix case. */
    public static final class ConfusionCase {
        public String name;
        public int[] pred;
        public int classes;
        public long[][] counts;
        public double[][] normalized_true;
        public double[][] normalized_pred;
        public double[][] normalized_all;
        @com.google.gson.annotations.SerializedName("true")
        public int[] truth;

        @Override
        public String toString() {
            return name;
        }
    }

    /** One Clopper-Pearson interval computed by scipy. */
    public static final class ClopperPearsonCase {
        public double passed;
        public double total;
        public double level;
        public double lower;
        public double upper;

        @Override
        public String toString() {
            return passed + "/" + total + " at " + level;
        }
    }

    /** The whole document. */
    public static final class Document {
        public String sklearn;
        public List<RocCase> roc;
        public List<ConfusionCase> confusion;
        public List<ClopperPearsonCase> clopperPearson;
    }

    private static Document document;

    private SklearnReference() {
    }

    /**
     * Loads the reference document (once).
     *
     * @return the document
     */
    public static synchronized Document load() {
        if (document == null) {
            try (Reader reader = new InputStreamReader(
                SklearnReference.class.getResourceAsStream("sklearn_reference.json"), StandardCharsets.UTF_8)) {
                document = new Gson().fromJson(reader, Document.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return document;
    }
}
