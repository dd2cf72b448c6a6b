package dev.btag.models.predict;

import dev.btag.data.npy.NpzWriter;
import dev.btag.metrics.comparison.ClassGroups;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes scored jets as {@code predictions.npz} with the arrays {@code btag evaluate} writes, without computing any
 * metric: {@code probabilities} (N, 6) float32, {@code truth} (N) int32 (the integer truth codes: b 5, c 4, light 1,
 * gluon 21, undefined 0) and one (N) float64 array per {@link Discriminant} named by its CMS name ({@code BvsAll},
 * {@code BvsL}, {@code BvsC}, {@code CvsL}, {@code CvsB}). {@code btag predict} writes it.
 *
 * <p>The file is written under a temporary name in the same directory, forced to disk and renamed over the target
 * ({@link NpzWriter#write(Path, boolean, NpzWriter.Entries)}), so a reader never sees a partial file. This is the one
 * writer of the format: {@code btag predict}, {@code btag evaluate} and
 * {@link dev.btag.models.evaluate.PredictionsNpz} all call it.
 */
public final class PredictionsFile {

    /** The entry holding the integer truth codes. */
    public static final String TRUTH_ENTRY = "truth";

    private PredictionsFile() {
    }

    /**
     * Writes the file.
     *
     * @param predictions N x 6 class probabilities (b, bb, leptonic b, c, uds, g)
     * @param truthCodes the N integer truth codes of the same jets
     * @param path the file to write (replaced if present); its directory must exist
     * @throws IllegalArgumentException if the predictions do not have 6 classes or the counts differ
     * @throws IOException if the file cannot be written (the message names it)
     */
    public static void write(Predictions predictions, int[] truthCodes, Path path) throws IOException {
        check(predictions, Discriminants.CLASSES, truthCodes, path);
        float[] p = predictions.probabilities();
        write(predictions, p, null, truthCodes, path);
    }

    /**
     * Writes the file of a tagger of a layout's classes: its N x K probabilities as given, the discriminants of the
     * group sums.
     *
     * @param predictions N x K class probabilities, in the order of {@code groups.classes()}
     * @param groups which classes are b, c and light
     * @param truthCodes the N group truth codes of the same jets ({@link ClassGroups#truthCodes})
     * @param path the file to write (replaced if present); its directory must exist
     * @throws IllegalArgumentException if the predictions do not have K classes or the counts differ
     * @throws IOException if the file cannot be written (the message names it)
     */
    public static void write(Predictions predictions, ClassGroups groups, int[] truthCodes, Path path)
        throws IOException {
        check(predictions, groups.size(), truthCodes, path);
        write(predictions, groups.collapse(predictions.probabilities()), groups, truthCodes, path);
    }

    private static void check(Predictions predictions, int classes, int[] truthCodes, Path path) {
        if (predictions.classes() != classes || truthCodes.length != predictions.jets()) {
            throw new IllegalArgumentException(path + ": " + predictions.jets() + " jets x " + predictions.classes()
                + " classes of predictions and " + truthCodes.length + " truth codes; expected the same jets and "
                + classes + " classes");
        }
    }

    /** Writes the entries; {@code sixSlot} are the probabilities the discriminants read. */
    private static void write(Predictions predictions, float[] sixSlot, ClassGroups groups, int[] truthCodes,
                              Path path) throws IOException {
        int n = predictions.jets();
        NpzWriter.write(path, false, npz -> {
            npz.write(Predictions.NPZ_ENTRY, predictions.probabilities(), n, predictions.classes());
            npz.write(TRUTH_ENTRY, truthCodes, n);
            for (Discriminant d : Discriminant.values()) {
                if (groups == null || groups.defines(d)) {
                    npz.write(d.cmsName(), Discriminants.compute(d, sixSlot), n);
                }
            }
        });
    }
}
