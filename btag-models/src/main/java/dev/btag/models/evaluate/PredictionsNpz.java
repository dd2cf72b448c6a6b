package dev.btag.models.evaluate;

import dev.btag.data.npy.NpzWriter;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.models.predict.Predictions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an {@link Evaluation}'s per-jet outputs as {@code predictions.npz}: {@code probabilities} (N, 6) float32,
 * {@code truth} (N) int32 (the integer truth codes), and one (N) float64 array per {@link Discriminant}, named by its
 * CMS name ({@code BvsAll}, {@code BvsL}, {@code BvsC}, {@code CvsL}, {@code CvsB}). numpy reads it with
 * {@code np.load}.
 */
public final class PredictionsNpz {

    /** The entry holding the integer truth codes. */
    public static final String TRUTH_ENTRY = "truth";

    private PredictionsNpz() {
    }

    /**
     * Writes the file.
     *
     * @param e the evaluation
     * @param path the file to write
     * @throws IOException if it cannot be written (the message names it)
     */
    public static void write(Evaluation e, Path path) throws IOException {
        int n = e.jets();
        NpzWriter.write(path, false, npz -> {
            npz.write(Predictions.NPZ_ENTRY, e.probabilities(), n, 6);
            npz.write(TRUTH_ENTRY, e.sample().truthCodes(), n);
            for (Discriminant d : Discriminant.values()) {
                npz.write(d.cmsName(), e.scores(d), n);
            }
        });
    }
}
