package dev.btag.examples.tutorial;

import dev.btag.data.npy.NpzFile;
import dev.btag.examples.evaluate.TaggerEvaluation;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.selection.Selection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three b-tagging discriminants of one tagger on the test file, read back from the
 * {@value TaggerEvaluation#PREDICTIONS_FILE} that its evaluation wrote, so the tutorial's comparisons use exactly
 * the evaluated numbers.
 *
 * @param bVsAll BvsAll per jet
 * @param bVsC BvsC per jet
 * @param bVsL BvsL per jet
 */
record ModelScores(double[] bVsAll, double[] bVsC, double[] bVsL) {

    static ModelScores read(Path predictions) throws IOException {
        try (NpzFile npz = NpzFile.open(predictions)) {
            return new ModelScores(npz.get("BvsAll").toDoubleArray(), npz.get("BvsC").toDoubleArray(),
                npz.get("BvsL").toDoubleArray());
        }
    }

    /** The discriminant used for comparison {@code k} of {@link Tutorial#KEYS}. */
    double[] forComparison(int k) {
        return switch (k) {
            case 0 -> bVsAll;
            case 1 -> bVsC;
            case 2 -> bVsL;
            default -> throw new IllegalArgumentException("no comparison " + k);
        };
    }

    /** DeLong standard errors of the three AUCs, keyed as {@link Tutorial#KEYS}. */
    Map<String, Double> aucErrors(int[] truth) {
        Map<String, Double> errors = new LinkedHashMap<>();
        for (int k = 0; k < Tutorial.KEYS.size(); k++) {
            Selection s = SingleVariable.SELECTIONS.get(k).apply(truth);
            errors.put(Tutorial.KEYS.get(k), AucEstimate.delong(s.pick(forComparison(k)), s.signal()).standardError());
        }
        return errors;
    }
}
