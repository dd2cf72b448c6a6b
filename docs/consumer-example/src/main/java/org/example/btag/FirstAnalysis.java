package org.example.btag;

import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.NpzWriter;
import dev.btag.metrics.roc.RocCurve;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** A physicist's first program with btag: write and read an .npz file, then compute a ROC AUC. */
public final class FirstAnalysis {

    private FirstAnalysis() {
    }

    /**
     * Runs the analysis in a scratch folder and returns the AUC.
     *
     * @param dir a writable folder
     * @return the AUC of the score against the label
     * @throws Exception on I/O errors
     */
    public static double run(Path dir) throws Exception {
        Path file = dir.resolve("scores.npz");
        SplittableRandom random = new SplittableRandom(7);
        int n = 2000;
        float[] score = new float[n];
        long[] label = new long[n];
        for (int i = 0; i < n; i++) {
            label[i] = random.nextInt(2);
            score[i] = (float) (random.nextGaussian() + label[i]);
        }
        try (NpzWriter writer = NpzWriter.create(file, true)) {
            writer.write("score", score, n).write("label", label, n);
        }
        try (NpzFile npz = NpzFile.open(file)) {
            double[] s = npz.get("score").toDoubleArray();
            long[] y = npz.get("label").toLongArray();
            boolean[] signal = new boolean[y.length];
            for (int i = 0; i < y.length; i++) {
                signal[i] = y[i] == 1;
            }
            return RocCurve.of(s, signal).auc();
        }
    }

    /**
     * Prints the AUC.
     *
     * @param args unused
     * @throws Exception on I/O errors
     */
    public static void main(String[] args) throws Exception {
        System.out.printf("AUC = %.4f%n", run(Files.createTempDirectory("btag-consumer")));
    }
}
