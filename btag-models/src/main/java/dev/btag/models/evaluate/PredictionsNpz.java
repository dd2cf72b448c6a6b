package dev.btag.models.evaluate;

import dev.btag.data.npy.NpzFile;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.models.predict.Predictions;
import dev.btag.models.predict.PredictionsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes an {@link Evaluation}'s per-jet outputs as {@code predictions.npz} through {@link PredictionsFile}, the one
 * writer of that format: {@code probabilities} (N, 6) float32 (for a tagger of a layout's classes (N, K), the
 * classes as the tagger gave them, see {@link Evaluation#classProbabilities()}), {@code truth} (N) int32 (the integer
 * truth codes), and one (N) float64 array per discriminant, named by its CMS name ({@code BvsAll}, {@code BvsL},
 * {@code BvsC}, {@code CvsL}, {@code CvsB}; for a layout only those its groups define). numpy reads it with
 * {@code np.load}; {@link #readScores} reads one discriminant back.
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
        if (e.groups() == null) {
            PredictionsFile.write(new Predictions(e.jets(), e.classes(), e.probabilitiesView()),
                e.sample().truthCodes(), path);
        } else {
            PredictionsFile.write(new Predictions(e.jets(), e.classes(), e.classProbabilities()), e.groups(),
                e.sample().truthCodes(), path);
        }
    }

    /**
     * The scores of one discriminant and the truth codes, read back from a predictions file (of {@code btag
     * evaluate} or {@code btag predict}).
     *
     * @param discriminant the discriminant wanted
     * @param scores its N values
     * @param truth the N truth codes
     */
    public record Scores(Discriminant discriminant, double[] scores, int[] truth) {
        /**
         * Copies the arrays.
         *
         * @param discriminant the discriminant
         * @param scores the scores
         * @param truth the truth codes
         */
        public Scores {
            scores = scores.clone();
            truth = truth.clone();
        }

        /**
         * The scores.
         *
         * @return a copy
         */
        @Override
        public double[] scores() {
            return scores.clone();
        }

        /**
         * The truth codes.
         *
         * @return a copy
         */
        @Override
        public int[] truth() {
            return truth.clone();
        }
    }

    /**
     * Reads one discriminant's scores and the truth codes from a predictions file.
     *
     * @param path the {@code predictions.npz}
     * @param discriminant the discriminant, stored under its CMS name
     * @return the scores and truth
     * @throws IOException if the file cannot be read or lacks an entry (the message names the file and the entries it
     *     has)
     */
    public static Scores readScores(Path path, Discriminant discriminant) throws IOException {
        try (NpzFile npz = NpzFile.open(path)) {
            for (String entry : new String[] {discriminant.cmsName(), PredictionsFile.TRUTH_ENTRY}) {
                if (!npz.contains(entry)) {
                    throw new IOException(path + ": no array '" + entry + "' (it has " + npz.names()
                        + "); expected the predictions.npz of btag evaluate or btag predict");
                }
            }
            double[] scores = npz.get(discriminant.cmsName()).toDoubleArray();
            int[] truth = npz.get(PredictionsFile.TRUTH_ENTRY).toIntArray();
            if (scores.length != truth.length) {
                throw new IOException(path + ": " + scores.length + " " + discriminant.cmsName() + " scores but "
                    + truth.length + " truth codes");
            }
            return new Scores(discriminant, scores, truth);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
