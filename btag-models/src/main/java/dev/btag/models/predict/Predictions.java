package dev.btag.models.predict;

import dev.btag.data.npy.NpzWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Class probabilities of N jets, row-major N x classes (b, bb, leptonic b, c, uds, g for the tutorial's taggers).
 * This record copies its array in and out.
 *
 * @param jets N
 * @param classes the number of classes
 * @param probabilities N x classes values, jet-major
 */
public record Predictions(int jets, int classes, float[] probabilities) {

    /** The npz entry that holds the probabilities. */
    public static final String NPZ_ENTRY = "probabilities";

    /**
     * Validates and copies.
     *
     * @param jets the jets component
     * @param classes the classes component
     * @param probabilities the probabilities component
     * @throws IllegalArgumentException if the array length is not {@code jets * classes}
     */
    public Predictions {
        if (jets < 0 || classes < 1 || probabilities.length != (long) jets * classes) {
            throw new IllegalArgumentException("predictions of " + jets + " jets x " + classes + " classes need "
                + (long) jets * classes + " values, got " + probabilities.length);
        }
        probabilities = probabilities.clone();
    }

    /**
     * Joins predictions of the same classes, jets in list order (for example of several files).
     *
     * @param parts one or more predictions
     * @return all their jets
     * @throws IllegalArgumentException when the list is empty or the parts have different classes
     */
    public static Predictions concat(java.util.List<Predictions> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no predictions to join");
        }
        int classes = parts.get(0).classes();
        long jets = 0;
        for (Predictions p : parts) {
            if (p.classes() != classes) {
                throw new IllegalArgumentException("predictions of " + p.classes() + " and " + classes + " classes"
                    + " cannot be joined");
            }
            jets += p.jets();
        }
        float[] all = new float[Math.toIntExact(jets * classes)];
        int at = 0;
        for (Predictions p : parts) {
            System.arraycopy(p.probabilities, 0, all, at, p.probabilities.length);
            at += p.probabilities.length;
        }
        return new Predictions((int) jets, classes, all);
    }

    /**
     * Returns the probabilities.
     *
     * @return a copy, N x classes, jet-major
     */
    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /**
     * Returns one probability.
     *
     * @param jet the jet, from 0
     * @param classIndex the class, from 0
     * @return the probability
     */
    public float get(int jet, int classIndex) {
        return probabilities[jet * classes + classIndex];
    }

    /**
     * Writes the probabilities as an uncompressed {@code .npz} with one float32 entry {@value #NPZ_ENTRY} of shape
     * (N, classes), readable with {@code numpy.load(path)["probabilities"]}.
     *
     * @param path the file to write (replaced if present)
     * @throws IOException if writing fails
     */
    public void writeNpz(Path path) throws IOException {
        NpzWriter.write(path, false, writer -> writer.write(NPZ_ENTRY, probabilities, jets, classes));
    }
}
