package dev.btag.examples.bench;

import dev.btag.data.npy.NpzWriter;
import dev.btag.data.weight.KinematicReweighter;
import dev.btag.data.weight.Reweighting;
import dev.btag.data.weight.WeightInputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reweighting benchmark behind {@code btag bench reweight}: {@link KinematicReweighter#deepJet()} (pT × |η| to
 * the b class, 19 × 5 cells) on N jets held in memory, timed after warm-up runs, median of the timed runs. The time
 * covers the whole {@code reweight} call: binning every jet, the per-class histograms, the factors, the weights and
 * the histograms after.
 *
 * <p>The jets are synthetic, with the tutorial's class mix and the synthetic sample's spectra: pT from a power law
 * between 30 and 1000 GeV (pT^-3.3 for the three b classes and c, pT^-4 for uds and g), |η| flat below 2.5, 1%
 * undefined. {@link #save(Path)} writes them as an {@code .npz} ({@code pt}, {@code abseta} float32,
 * {@code classes} int32) so that the numpy peer ({@code bench_reweight_numpy.py}) times the same numbers.
 */
public final class ReweightBenchmark {

    private static final double[] CLASS_FRACTIONS = {0.12, 0.03, 0.06, 0.125, 0.43, 0.225};

    private final float[] pt;
    private final float[] abseta;
    private final int[] classes;

    private ReweightBenchmark(float[] pt, float[] abseta, int[] classes) {
        this.pt = pt;
        this.abseta = abseta;
        this.classes = classes;
    }

    /**
     * The timing of one benchmark. This record is immutable.
     *
     * @param n the number of jets
     * @param seconds the median wall-clock time of one reweighting, in seconds
     * @param cpuSeconds the median CPU time of the whole process during one reweighting, in seconds (NaN where the
     *     JVM does not report it)
     * @param weightSum the sum of the weights (a check that the work was done)
     */
    public record Result(int n, double seconds, double cpuSeconds, double weightSum) {
    }

    /**
     * Generates synthetic jets.
     *
     * @param n the number of jets, at least 1
     * @param seed the random seed
     * @return the benchmark data
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static ReweightBenchmark generate(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be at least 1, got " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] pt = new float[n];
        float[] abseta = new float[n];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int c = -1;
            double acc = 0.01;
            for (int k = 0; k < CLASS_FRACTIONS.length && c < 0; k++) {
                acc += CLASS_FRACTIONS[k] * 0.99;
                if (u < acc) {
                    c = k;
                }
            }
            classes[i] = u < 0.01 ? -1 : c < 0 ? 5 : c;
            double index = classes[i] >= 0 && classes[i] <= 3 ? 3.3 : 4.0;
            double a = Math.pow(30, 1 - index);
            double b = Math.pow(1000, 1 - index);
            pt[i] = (float) Math.pow(a + random.nextDouble() * (b - a), 1 / (1 - index));
            abseta[i] = (float) (2.5 * random.nextDouble());
        }
        return new ReweightBenchmark(pt, abseta, classes);
    }

    /**
     * Writes the jets as an uncompressed {@code .npz}: {@code pt}, {@code abseta} (float32) and {@code classes}
     * (int32, -1 for undefined).
     *
     * @param file the file to write
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        try (NpzWriter writer = NpzWriter.create(file, false)) {
            writer.write("pt", pt, pt.length);
            writer.write("abseta", abseta, abseta.length);
            writer.write("classes", classes, classes.length);
        }
    }

    /**
     * Times the reweighting.
     *
     * @param warmup untimed runs first (JIT compilation), 0 or more
     * @param repeats timed runs, at least 1
     * @return the median time
     * @throws IllegalArgumentException if {@code repeats < 1} or {@code warmup < 0}
     */
    public Result run(int warmup, int repeats) {
        if (repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("need repeats >= 1 and warmup >= 0, got " + repeats + ", " + warmup);
        }
        WeightInputs in = WeightInputs.of(List.of("pt", "abseta"), List.of(pt, abseta), classes,
            WeightInputs.TUTORIAL_CLASSES, null);
        KinematicReweighter reweighter = KinematicReweighter.deepJet();
        for (int i = 0; i < warmup; i++) {
            reweighter.reweight(in);
        }
        double[] seconds = new double[repeats];
        double[] cpuSeconds = new double[repeats];
        Reweighting last = null;
        for (int r = 0; r < repeats; r++) {
            long cpuStart = Timing.processCpuNanos();
            long start = System.nanoTime();
            last = reweighter.reweight(in);
            seconds[r] = (System.nanoTime() - start) / 1e9;
            cpuSeconds[r] = cpuStart < 0 ? Double.NaN : (Timing.processCpuNanos() - cpuStart) / 1e9;
        }
        double sum = 0;
        for (int c = 0; c < WeightInputs.TUTORIAL_CLASSES.size(); c++) {
            for (double v : last.after(c)) {
                sum += v;
            }
        }
        return new Result(pt.length, Timing.median(seconds), Timing.median(cpuSeconds), sum);
    }
}
