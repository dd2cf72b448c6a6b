package dev.btag.examples.bench;

import dev.btag.data.npy.NpzWriter;
import dev.btag.metrics.binning.BinnedVariable;
import dev.btag.metrics.binning.Overflow;
import dev.btag.metrics.calibration.ConfusionAndCalibration;
import dev.btag.metrics.calibration.ReliabilityDiagram;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.metrics.confusion.ConfusionMatrix;
import dev.btag.metrics.discriminant.Discriminant;
import dev.btag.metrics.discriminant.Discriminants;
import dev.btag.metrics.efficiency.ClopperPearson;
import dev.btag.metrics.efficiency.EfficiencyMaps;
import dev.btag.metrics.roc.JetBins;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.roc.RocScan;
import dev.btag.metrics.selection.FlavourGroup;
import dev.btag.metrics.workingpoint.WorkingPoint;
import dev.btag.metrics.workingpoint.WorkingPointTarget;
import dev.btag.metrics.workingpoint.WorkingPoints;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.EvaluationOutputs;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.evaluate.TestSample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The evaluation benchmark behind {@code btag bench evaluate}: everything {@link TaggerEvaluation#standard()} computes
 * for N jets held in memory (five flavour comparisons with ROC, DeLong AUC and seven working points each, binned
 * performance in pT and |eta|, the confusion matrix, six reliability diagrams and the BvsL efficiency maps), timed
 * against one ROC + AUC of N jets ({@link RocBenchmark}, the figure of {@code btag bench roc}), the two interleaved
 * round by round so that both see the same load. Medians of the timed rounds, after warm-up rounds; wall-clock and
 * process CPU time.
 *
 * <p>The jets are synthetic and say so (the evaluation's sample is flagged synthetic): truth codes with the
 * flavour fractions b 20%, c 10%, light 45%, gluon 20%, undefined 5% (b split into b, bb and leptonic b as 70/10/20),
 * six class probabilities from a softmax of uniform noise with the true class raised (float32, as a network outputs
 * them, so nearly every discriminant value is distinct), jet pT 20 GeV plus an exponential of mean 60 GeV, |eta|
 * uniform in [0, 2.5]. Optionally the outputs are also written ({@link EvaluationOutputs#writeAll}) and timed apart.
 */
public final class EvaluateBenchmark {

    private final float[] probabilities;
    private final TestSample sample;
    private final RocBenchmark roc;

    private EvaluateBenchmark(float[] probabilities, TestSample sample, RocBenchmark roc) {
        this.probabilities = probabilities;
        this.sample = sample;
        this.roc = roc;
    }

    /**
     * The timings. This record is immutable.
     *
     * @param n the number of jets
     * @param rounds the number of timed rounds
     * @param rocSeconds median wall-clock time of one ROC + AUC of N jets
     * @param rocCpuSeconds median process CPU time of it
     * @param evaluateSeconds median wall-clock time of the whole evaluation of N jets (in memory, nothing written)
     * @param evaluateCpuSeconds median process CPU time of it
     * @param comparisonRocSeconds median wall-clock time of the five comparisons' bare ROC curves
     *     ({@link FlavourComparison#roc(double[], int[])}, discriminants included): what any evaluation must sort;
     *     NaN unless asked for
     * @param comparisonRocParallelSeconds median wall-clock time of the same bare ROC curves, discriminants included,
     *     with their trapezoid AUCs, computed side by side in a parallel stream as the evaluation runs its comparisons:
     *     the least any exact evaluation of these comparisons can take on this machine; NaN unless asked for
     * @param writeSeconds median wall-clock time of writing every output file (metrics.json, predictions.npz, the
     *     efficiency-map files and the plots); NaN unless asked for
     * @param auc the b-vs-light+gluon AUC of the last evaluation (a check that the work was done)
     */
    public record Result(int n, int rounds, double rocSeconds, double rocCpuSeconds, double evaluateSeconds,
            double evaluateCpuSeconds, double comparisonRocSeconds, double comparisonRocParallelSeconds,
            double writeSeconds, double auc) {

        /**
         * The evaluation's wall-clock time in units of one ROC + AUC.
         *
         * @return {@code evaluateSeconds / rocSeconds}
         */
        public double ratio() {
            return evaluateSeconds / rocSeconds;
        }

        /**
         * The evaluation's CPU time in units of one ROC + AUC's.
         *
         * @return {@code evaluateCpuSeconds / rocCpuSeconds}
         */
        public double cpuRatio() {
            return evaluateCpuSeconds / rocCpuSeconds;
        }

        /**
         * The bare comparison curves side by side, in units of one ROC + AUC: the floor of {@link #ratio()} for an
         * exact evaluation of these comparisons.
         *
         * @return {@code comparisonRocParallelSeconds / rocSeconds}, NaN unless the breakdown was asked for
         */
        public double floorRatio() {
            return comparisonRocParallelSeconds / rocSeconds;
        }
    }

    /**
     * Generates the jets.
     *
     * @param n the number of jets, at least 1000
     * @param seed the random seed
     * @return the benchmark data
     * @throws IllegalArgumentException if {@code n < 1000}
     */
    public static EvaluateBenchmark generate(int n, long seed) {
        if (n < 1000) {
            throw new IllegalArgumentException("--n must be at least 1000, got " + n);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] truth = new int[n];
        float[] oneHot = new float[n * Discriminants.CLASSES];
        float[] probabilities = new float[n * Discriminants.CLASSES];
        double[] pt = new double[n];
        double[] absEta = new double[n];
        double[] z = new double[Discriminants.CLASSES];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int cls;
            if (u < 0.20) {
                double v = random.nextDouble();
                cls = v < 0.7 ? 0 : v < 0.8 ? 1 : 2;
                truth[i] = 5;
            } else if (u < 0.30) {
                cls = 3;
                truth[i] = 4;
            } else if (u < 0.75) {
                cls = 4;
                truth[i] = 1;
            } else if (u < 0.95) {
                cls = 5;
                truth[i] = 21;
            } else {
                cls = -1;
                truth[i] = 0;
            }
            if (cls >= 0) {
                oneHot[i * Discriminants.CLASSES + cls] = 1;
            }
            double sum = 0;
            for (int c = 0; c < z.length; c++) {
                z[c] = Math.exp(2 * random.nextDouble() + (c == cls ? 1.5 : 0));
                sum += z[c];
            }
            for (int c = 0; c < z.length; c++) {
                probabilities[i * Discriminants.CLASSES + c] = (float) (z[c] / sum);
            }
            pt[i] = 20 - 60 * Math.log(1 - random.nextDouble());
            absEta[i] = 2.5 * random.nextDouble();
        }
        TestSample sample = new TestSample(null, truth, oneHot, pt, absEta, null, true);
        return new EvaluateBenchmark(probabilities, sample, RocBenchmark.generate(n, seed));
    }

    /**
     * Writes the jets as an uncompressed {@code .npz} for a peer to time the same numbers: {@code probabilities}
     * (N x 6 float32, classes b, bb, leptonic b, c, uds, g), {@code truth} (int32 codes 5, 4, 1, 21, 0), {@code pt}
     * (GeV) and {@code absEta} (float64), and {@code synthetic} (one bool, true).
     *
     * @param file the file to write
     * @throws IOException if it cannot be written
     */
    public void save(Path file) throws IOException {
        NpzWriter.write(file, false, writer -> {
            writer.write("probabilities", probabilities, sample.jets(), Discriminants.CLASSES);
            writer.write("truth", sample.truthCodes(), sample.jets());
            writer.write("pt", sample.pt(), sample.jets());
            writer.write("absEta", sample.absEta(), sample.jets());
            writer.write("synthetic", new boolean[] {true}, 1);
        });
    }

    /**
     * The number of jets.
     *
     * @return N
     */
    public int size() {
        return sample.jets();
    }

    /**
     * Times the evaluation against one ROC + AUC, interleaved.
     *
     * @param warmup untimed rounds first, 0 or more
     * @param rounds timed rounds, at least 1
     * @param breakdown whether to time the five comparisons' bare ROC curves too (one after the other, and side by
     *     side)
     * @param writeDir where to write (and time) every output each round, or {@code null} to write nothing
     * @return the medians
     * @throws IOException if an output cannot be written
     * @throws IllegalArgumentException if {@code rounds < 1} or {@code warmup < 0}
     */
    public Result run(int warmup, int rounds, boolean breakdown, Path writeDir) throws IOException {
        return run(warmup, rounds, breakdown, writeDir, TaggerEvaluation.standard());
    }

    /**
     * Times an evaluation with other settings (for example only the three b-tagging comparisons) against one ROC +
     * AUC, interleaved.
     *
     * @param warmup untimed rounds first, 0 or more
     * @param rounds timed rounds, at least 1
     * @param breakdown whether to time the evaluated comparisons' bare ROC curves too (one after the other, and side
     *     by side)
     * @param writeDir where to write (and time) every output each round, or {@code null}
     * @param evaluation the evaluation to time
     * @return the medians
     * @throws IOException if an output cannot be written
     * @throws IllegalArgumentException if {@code rounds < 1} or {@code warmup < 0}
     */
    public Result run(int warmup, int rounds, boolean breakdown, Path writeDir, TaggerEvaluation evaluation)
            throws IOException {
        if (rounds < 1 || warmup < 0) {
            throw new IllegalArgumentException("need rounds >= 1 and warmup >= 0, got " + rounds + ", " + warmup);
        }
        double[][] t = new double[7][rounds];
        double auc = Double.NaN;
        for (int r = -warmup; r < rounds; r++) {
            RocBenchmark.Result one = roc.run(0, 1);
            long cpu = Timing.processCpuNanos();
            long start = System.nanoTime();
            Evaluation e = evaluation.evaluate("benchmark", probabilities, sample);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (Timing.processCpuNanos() - cpu) / 1e9;
            auc = e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc();
            double sequential = breakdown ? comparisonRocs(e, false) : Double.NaN;
            double floor = breakdown ? comparisonRocs(e, true) : Double.NaN;
            double write = Double.NaN;
            if (writeDir != null) {
                long w = System.nanoTime();
                EvaluationOutputs.writeAll(e, null, writeDir);
                write = (System.nanoTime() - w) / 1e9;
            }
            if (r >= 0) {
                t[0][r] = one.seconds();
                t[1][r] = one.cpuSeconds();
                t[2][r] = seconds;
                t[3][r] = cpuSeconds;
                t[4][r] = sequential;
                t[5][r] = floor;
                t[6][r] = write;
            }
        }
        double[] m = new double[t.length];
        for (int k = 0; k < t.length; k++) {
            m[k] = Timing.median(t[k]);
        }
        return new Result(size(), rounds, m[0], m[1], m[2], m[3], m[4], m[5], m[6], auc);
    }

    /**
     * The evaluated comparisons' bare ROC curves and trapezoid AUCs, discriminants included: one after the other, or
     * side by side in a parallel stream (as {@link TaggerEvaluation} runs its comparisons, on the same common pool).
     */
    private double comparisonRocs(Evaluation e, boolean parallel) {
        int[] truth = sample.truthCodes();
        List<FlavourComparison> comparisons = e.comparisons().stream().map(r -> r.comparison()).toList();
        long start = System.nanoTime();
        (parallel ? comparisons.parallelStream() : comparisons.stream()).forEach(c -> {
            RocCurve curve = c.roc(c.score(probabilities), truth);
            if (!(curve.auc() >= 0)) {
                throw new IllegalStateException("no AUC");
            }
        });
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Where the evaluation's time goes: the work of {@link TaggerEvaluation#standard()} done part by part with the
     * library's public calls, one after the other on the calling thread (each comparison's scan still sorts its two
     * classes in parallel), so that each part's process CPU time is its own. The parts: the five discriminants
     * ({@code discriminants}), the jets' pT and |eta| bins ({@code jetBins}), the confusion matrix and the six
     * reliability diagrams in their one pass ({@code confusionAndCalibration}), per comparison its scan
     * ({@code scan.NAME}: gathering, sorting, the curve, the AUC, the per-slot sums), its working points and binned
     * rates ({@code rates.NAME}) and its bins' curves and AUCs ({@code bins.NAME}), and the BvsL efficiency maps
     * ({@code maps}); then one ROC + AUC ({@code roc}) for scale.
     *
     * @param rounds how many times to repeat (the medians are reported), at least 1
     * @return per part, {median CPU seconds, median wall-clock seconds}, in the order above
     */
    public java.util.Map<String, double[]> parts(int rounds) {
        java.util.Map<String, double[][]> times = new java.util.LinkedHashMap<>();
        float[] oneHot = sample.oneHot();
        int[] truth = sample.truthCodes();
        double[] pt = sample.pt();
        double[] absEta = sample.absEta();
        List<FlavourComparison> comparisons = FlavourComparison.ALL;
        List<Discriminant> discriminants = comparisons.stream().map(FlavourComparison::discriminant).distinct()
            .toList();
        for (int r = 0; r < rounds; r++) {
            double[][] scores = time(times, "discriminants", r, rounds,
                () -> Discriminants.computeAll(discriminants, probabilities));
            JetBins bins = time(times, "jetBins", r, rounds, () -> JetBins.of(List.of(
                BinnedVariable.of(TaggerEvaluation.PT, TaggerEvaluation.DEFAULT_PT_BINS, pt),
                BinnedVariable.of(TaggerEvaluation.ABS_ETA, TaggerEvaluation.DEFAULT_ABS_ETA_BINS, absEta)),
                pt.length));
            time(times, "confusionAndCalibration", r, rounds, () -> ConfusionAndCalibration.of(
                ConfusionMatrix.SIX_CLASSES, oneHot, probabilities, null, ReliabilityDiagram.DEFAULT_BINS));
            List<EfficiencyMaps.Cut> cuts = List.of();
            for (FlavourComparison c : comparisons) {
                double[] score = scores[discriminants.indexOf(c.discriminant())];
                RocScan scan = time(times, "scan." + c.name(), r, rounds,
                    () -> RocScan.of(score, truth, c.selection(), null, bins));
                List<WorkingPoint> points = time(times, "rates." + c.name(), r, rounds, () -> {
                    List<WorkingPointTarget> targets = new ArrayList<>(WorkingPointTarget.FIXED_MISTAGS);
                    targets.addAll(WorkingPointTarget.FIXED_EFFICIENCIES);
                    List<WorkingPoint> all = WorkingPoints.at(scan.roc(), targets);
                    for (int v = 0; v < 2; v++) {
                        for (WorkingPoint wp : all) {
                            scan.signalPassing(v, wp.threshold(), Overflow.LAST_BIN, ClopperPearson.ONE_SIGMA);
                            scan.backgroundPassing(v, wp.threshold(), Overflow.LAST_BIN, ClopperPearson.ONE_SIGMA);
                        }
                    }
                    return all;
                });
                time(times, "bins." + c.name(), r, rounds,
                    () -> scan.binned(0, Overflow.LAST_BIN, TaggerEvaluation.BIN_CURVE_POINTS));
                if (c == FlavourComparison.B_VS_LIGHT_GLUON) {
                    cuts = points.stream().map(wp -> new EfficiencyMaps.Cut(wp.name(), wp.threshold())).toList();
                }
            }
            List<EfficiencyMaps.Cut> mapCuts = cuts;
            double[] bvsl = scores[discriminants.indexOf(Discriminant.B_VS_L)];
            time(times, "maps", r, rounds, () -> EfficiencyMaps.of("BvsL", bins.variables().get(0),
                bins.variables().get(1), truth, bvsl, null, mapCuts, FlavourGroup.STANDARD, ClopperPearson.ONE_SIGMA));
            time(times, "roc", r, rounds, () -> roc.run(0, 1));
        }
        java.util.Map<String, double[]> out = new java.util.LinkedHashMap<>();
        times.forEach((k, v) -> out.put(k, new double[] {Timing.median(v[0]), Timing.median(v[1])}));
        return out;
    }

    private static <T> T time(java.util.Map<String, double[][]> times, String part, int round, int rounds,
            java.util.function.Supplier<T> work) {
        long cpu = Timing.processCpuNanos();
        long start = System.nanoTime();
        T result = work.get();
        double[][] t = times.computeIfAbsent(part, k -> new double[2][rounds]);
        t[0][round] = (Timing.processCpuNanos() - cpu) / 1e9;
        t[1][round] = (System.nanoTime() - start) / 1e9;
        return result;
    }

}
