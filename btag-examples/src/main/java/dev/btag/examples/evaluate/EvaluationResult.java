package dev.btag.examples.evaluate;

import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.workingpoint.WorkingPoint;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link TaggerEvaluation} measured on a test file.
 *
 * @param architecture the tagger's command-line name
 * @param jets the jets in the test file
 * @param synthetic whether the test file is the synthetic sample
 * @param rocs the three ROC comparisons, in the order b vs all, b vs c, b vs light+gluon
 * @param confusion the six-class confusion matrix (true class from the one-hot labels, undefined jets left out;
 *     predicted class = most probable)
 * @param outDir where metrics.json, predictions.npz and the plots were written
 */
public record EvaluationResult(String architecture, int jets, boolean synthetic, List<Comparison> rocs,
        ConfusionMatrix confusion, Path outDir) {

    /**
     * Copies the list.
     *
     * @param architecture the architecture component
     * @param jets the jets component
     * @param synthetic the synthetic component
     * @param rocs the rocs component
     * @param confusion the confusion component
     * @param outDir the outDir component
     */
    public EvaluationResult {
        rocs = List.copyOf(rocs);
    }

    /**
     * One ROC comparison.
     *
     * @param name for example {@code "b vs light+gluon"}
     * @param key the JSON key, for example {@code "bVsLightGluon"}
     * @param discriminant the CMS name of the score used, for example {@code "BvsL"}
     * @param roc the curve
     * @param workingPoints loose, medium and tight (10%, 1%, 0.1% mistag)
     */
    public record Comparison(String name, String key, String discriminant, RocCurve roc,
            List<WorkingPoint> workingPoints) {

        /**
         * Copies the list.
         *
         * @param name the name component
         * @param key the key component
         * @param discriminant the discriminant component
         * @param roc the roc component
         * @param workingPoints the workingPoints component
         */
        public Comparison {
            workingPoints = List.copyOf(workingPoints);
        }
    }

    /**
     * Returns the AUC of the comparison with the given key.
     *
     * @param key {@code bVsAll}, {@code bVsC} or {@code bVsLightGluon}
     * @return the area under the ROC curve
     * @throws IllegalArgumentException for an unknown key
     */
    public double auc(String key) {
        return rocs.stream().filter(c -> c.key().equals(key)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no ROC comparison '" + key + "'")).roc().auc();
    }
}
