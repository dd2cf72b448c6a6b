package dev.btag.models.evaluate;

import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.PredictionsFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an {@link Evaluation}'s per-jet outputs as {@code predictions.npz} through {@link PredictionsFile}, the one
 * writer of that format: {@code probabilities} (N, 6) float32, {@code truth} (N) int32 (the integer truth codes), and
 * one (N) float64 array per discriminant, named by its CMS name ({@code BvsAll}, {@code BvsL}, {@code BvsC},
 * {@code CvsL}, {@code CvsB}). numpy reads it with {@code np.load}.
 */
public final class PredictionsNpz {

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
        PredictionsFile.write(new Predictions(e.jets(), 6, e.probabilities()), e.sample().truthCodes(), path);
    }
}
