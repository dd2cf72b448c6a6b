package dev.btag.examples.bench;

import dev.btag.data.npy.NpzFile;
import dev.btag.data.npy.NpzWriter;
import dev.btag.metrics.roc.RocCurve;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The ROC benchmark behind {@code btag bench roc}: {@link RocCurve#of(double[], boolean[])} plus
 * {@link RocCurve#auc()} on N jets held in memory, timed after warm-up runs, median of the timed runs.
 *
 * <p>Besides the wall-clock time it records the process's CPU time, which is less sensitive to other programs
 * competing for the processors.
 *
 * <p>The jets are synthetic: 30% signal, scores drawn from a unit normal shifted by +1 for signal, as float64 (so
 * nearly every score is distinct, the most points a curve can have). {@link #save(Path)} writes them as an
 * {@code .npz} ({@code scores} float64, {@code labels} bool) so that a Python peer can time scikit-learn on the very
 * same numbers; {@link #load(Path)} reads such a file back.
 */
public final class RocBenchmark {

    private final double[] scores;
    private final boolean[] signal;

    private RocBenchmark(double[] scores, boolean[] signal) {
        this.scores = scores;
        this.signal = signal;
    }

    /**
     * The timing of one benchmark. This record is immutable.
     *
     * @param n the number of jets
     * @param seconds the median wall-clock time of one ROC + AUC computation, in seconds
     * @param cpuSeconds the median CPU time of the whole process (all threads: the two sorting threads, the JIT
     *     compiler and the garbage collector) during one computation, in seconds; NaN where the JVM does not report it
     * @param auc the AUC it computed (a check that the work was done)
     * @param points the number of points of the curve
     */
    public record Result(int n, double seconds, double cpuSeconds, double auc, int points) {
    }

    /**
     * Generates synthetic jets.
     *
     * @param n the number of jets, at least 2
     * @param seed the random seed
     * @return the benchmark data
     * @throws IllegalArgumentException if {@code n < 2}
     */
    public static RocBenchmark generate(int n, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("--n must be at least 2, got " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] scores = new double[n];
        boolean[] signal = new boolean[n];
        for (int i = 0; i < n; i++) {
            signal[i] = i < 2 ? i == 0 : random.nextDouble() < 0.3; // both classes present for any n
            scores[i] = gaussian(random) + (signal[i] ? 1.0 : 0.0);
        }
        return new RocBenchmark(scores, signal);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Reads jets written by {@link #save(Path)} (or by any tool: float scores {@code scores}, labels {@code labels}
     * where a non-zero label is signal).
     *
     * @param file the {@code .npz} file
     * @return the benchmark data
     * @throws IOException if the file cannot be read or lacks an array (the message names the file)
     */
    public static RocBenchmark load(Path file) throws IOException {
        try (NpzFile npz = NpzFile.open(file)) {
            double[] scores = npz.get("scores").toDoubleArray();
            double[] labels = npz.get("labels").toDoubleArray();
            if (labels.length != scores.length) {
                throw new IllegalArgumentException(file + ": array 'labels' has " + labels.length
                    + " entries but 'scores' has " + scores.length);
            }
            boolean[] signal = new boolean[labels.length];
            for (int i = 0; i < signal.length; i++) {
                signal[i] = labels[i] != 0;
            }
            return new RocBenchmark(scores, signal);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Writes the jets as an uncompressed {@code .npz}: {@code scores} (float64) and {@code labels} (bool).
     *
     * @param file the file to write
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        NpzWriter.write(file, false, writer -> {
            writer.write("scores", scores, scores.length);
            writer.write("labels", signal, signal.length);
        });
    }

    /**
     * The number of jets.
     *
     * @return N
     */
    public int size() {
        return scores.length;
    }

    /**
     * Times ROC + AUC.
     *
     * @param warmup untimed runs first (JIT compilation), 0 or more
     * @param repeats timed runs, at least 1
     * @return the median time and the AUC
     * @throws IllegalArgumentException if {@code repeats < 1} or {@code warmup < 0}
     */
    public Result run(int warmup, int repeats) {
        if (repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("need repeats >= 1 and warmup >= 0, got " + repeats + ", " + warmup);
        }
        RocCurve roc = null;
        for (int i = 0; i < warmup; i++) {
            roc = RocCurve.of(scores, signal);
            roc.auc();
        }
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        double auc = Double.NaN;
        for (int r = 0; r < repeats; r++) {
            long cpuStart = Timing.processCpuNanos();
            long start = System.nanoTime();
            roc = RocCurve.of(scores, signal);
            auc = roc.auc();
            seconds[r] = (System.nanoTime() - start) / 1e9;
            cpuSeconds[r] = cpuStart < 0 ? Double.NaN : (Timing.processCpuNanos() - cpuStart) / 1e9;
        }
        return new Result(scores.length, Timing.median(seconds), Timing.median(cpuSeconds), auc, roc.size());
    }
}
