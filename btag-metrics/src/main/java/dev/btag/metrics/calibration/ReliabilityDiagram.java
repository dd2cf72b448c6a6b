package dev.btag.metrics.calibration;

import dev.btag.metrics.binning.Binning;
import dev.btag.metrics.efficiency.BinnedEfficiency;
import dev.btag.metrics.efficiency.ClopperPearson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The reliability diagram of one class: in bins of the predicted probability of the class, the mean predicted
 * probability and the observed fraction of jets of that class, with a Clopper&ndash;Pearson interval (68.27%), plus
 * the expected and maximum calibration errors. A perfectly calibrated tagger has observed = predicted in every bin.
 * This record is immutable: its arrays are copied in and out.
 *
 * <p>Bins are equal-width over [0, 1]; a probability of exactly 1 is counted in the last bin. The expected
 * calibration error is {@code ECE = sum_b (W_b / W) |observed_b - predicted_b|} over the non-empty bins ({@code W_b}
 * the weight in bin b), the maximum calibration error {@code MCE = max_b |observed_b - predicted_b|}. With weights, the
 * means and fractions are weighted and the intervals use Kish's effective counts. Empty bins have NaN mean,
 * fraction and interval bounds 0 and 1.
 *
 * @param name the class's name, for example {@code "b"}
 * @param binning the bins of the predicted probability
 * @param count the number of jets per bin
 * @param weight the weight per bin (equal to {@code count} without weights)
 * @param meanPredicted the mean predicted probability per bin
 * @param observed the observed fraction of jets of the class per bin
 * @param lower the lower bound of the observed fraction's interval per bin
 * @param upper the upper bound per bin
 * @param expectedCalibrationError the ECE
 * @param maxCalibrationError the MCE
 */
public record ReliabilityDiagram(String name, Binning binning, double[] count, double[] weight,
        double[] meanPredicted, double[] observed, double[] lower, double[] upper, double expectedCalibrationError,
        double maxCalibrationError) {

    /** The default number of probability bins. */
    public static final int DEFAULT_BINS = 10;

    /**
     * Copies and checks the arrays.
     *
     * @param name the class name
     * @param binning the bins
     * @param count the counts
     * @param weight the weights
     * @param meanPredicted the mean predictions
     * @param observed the observed fractions
     * @param lower the lower bounds
     * @param upper the upper bounds
     * @param expectedCalibrationError the ECE
     * @param maxCalibrationError the MCE
     * @throws IllegalArgumentException if an array does not have one entry per bin
     */
    public ReliabilityDiagram {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(binning, "binning");
        count = count.clone();
        weight = weight.clone();
        meanPredicted = meanPredicted.clone();
        observed = observed.clone();
        lower = lower.clone();
        upper = upper.clone();
        for (double[] a : new double[][] {count, weight, meanPredicted, observed, lower, upper}) {
            if (a.length != binning.bins()) {
                throw new IllegalArgumentException("an array has " + a.length + " entries for " + binning.bins()
                    + " bins");
            }
        }
    }

    /**
     * The diagram of one class from per-jet predictions and outcomes.
     *
     * @param name the class's name
     * @param predicted the predicted probability per jet, in [0, 1]
     * @param outcome whether each jet is of the class
     * @param weights the weight per jet (finite, non-negative), or {@code null}
     * @param bins the number of equal-width bins over [0, 1], at least 1
     * @return the diagram
     * @throws IllegalArgumentException if the lengths differ, a prediction is outside [0, 1] or NaN, or a weight is
     *     invalid (the message names the index)
     */
    public static ReliabilityDiagram of(String name, double[] predicted, boolean[] outcome, double[] weights,
            int bins) {
        if (outcome.length != predicted.length || (weights != null && weights.length != predicted.length)) {
            throw new IllegalArgumentException("predicted has " + predicted.length + " entries, outcome "
                + outcome.length + (weights == null ? "" : ", weights " + weights.length) + "; lengths must match");
        }
        Sums sums = new Sums(1, bins, weights != null);
        for (int i = 0; i < predicted.length; i++) {
            double w = weight(weights, i);
            sums.add(0, check(predicted[i], "predicted[" + i + "]"), outcome[i], w);
        }
        return sums.diagram(0, name);
    }

    /**
     * The diagrams of all classes at once, from row-major one-hot labels and probabilities (one pass). Jets whose
     * label row is all zero (undefined jets) are left out, as the confusion matrix leaves them out.
     *
     * @param classNames the class names, one per column
     * @param oneHot row-major N x C labels (0 or 1)
     * @param probabilities row-major N x C predicted probabilities, each in [0, 1]
     * @param weights the weight per jet, or {@code null}
     * @param bins the number of bins, at least 1
     * @return one diagram per class, in column order
     * @throws IllegalArgumentException if the sizes disagree, a probability is outside [0, 1] or NaN (the message
     *     names row and column), or a weight is invalid
     */
    public static List<ReliabilityDiagram> perClass(List<String> classNames, float[] oneHot, float[] probabilities,
            double[] weights, int bins) {
        int classes = classNames.size();
        if (classes == 0 || oneHot.length != probabilities.length || probabilities.length % classes != 0) {
            throw new IllegalArgumentException(oneHot.length + " labels and " + probabilities.length
                + " probabilities are not N x " + classes);
        }
        int n = probabilities.length / classes;
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException("weights has " + weights.length + " entries for " + n + " jets");
        }
        Sums sums = new Sums(classes, bins, weights != null);
        for (int r = 0, o = 0; r < n; r++, o += classes) {
            String problem = addRow(sums, oneHot, probabilities, weights, classes, r, o);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        List<ReliabilityDiagram> out = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            out.add(sums.diagram(c, classNames.get(c)));
        }
        return List.copyOf(out);
    }

    /**
     * Adds one row of labels and probabilities to the sums (a row whose labels are all zero is left out).
     *
     * @return {@code null}, or what is wrong (a weight or probability out of range, naming row and column), in which
     *     case the sums are no longer usable
     */
    static String addRow(Sums sums, float[] oneHot, float[] probabilities, double[] weights, int classes, int r,
            int o) {
        boolean defined = false;
        for (int c = 0; c < classes; c++) {
            defined |= oneHot[o + c] != 0;
        }
        if (!defined) {
            return null;
        }
        double w = weights == null ? 1 : weights[r];
        if (!Double.isFinite(w) || w < 0) {
            return "weights[" + r + "] is " + w + ": weights must be finite and non-negative";
        }
        for (int c = 0; c < classes; c++) {
            float p = probabilities[o + c];
            if (!(p >= 0 && p <= 1)) {
                return "probabilities row " + r + ", column " + c + " is " + p + "; probabilities must be in [0, 1]";
            }
            sums.add(c, p, oneHot[o + c] != 0, w);
        }
        return null;
    }

    private static double weight(double[] weights, int i) {
        if (weights == null) {
            return 1;
        }
        double w = weights[i];
        if (!Double.isFinite(w) || w < 0) {
            throw new IllegalArgumentException("weights[" + i + "] is " + w
                + ": weights must be finite and non-negative");
        }
        return w;
    }

    private static double check(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " is " + p + "; probabilities must be in [0, 1]");
        }
        return p;
    }

    /**
     * The diagram of one class from per-bin sums counted elsewhere (for example summed over the partitions of a
     * distributed job); the bins are {@code count.length} equal-width bins over [0, 1], a jet of predicted
     * probability p falling in bin {@code min(bins - 1, floor(p * bins))}.
     *
     * @param name the class's name
     * @param count the number of jets per bin
     * @param weight the summed weight per bin ({@code count} when unweighted)
     * @param weightSquares the summed squared weight per bin, or {@code null} when unweighted
     * @param weightedPredicted the summed weight x predicted probability per bin
     * @param weightedPositive the summed weight of the jets of the class per bin
     * @return the diagram; empty bins have NaN mean and fraction
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public static ReliabilityDiagram fromSums(String name, double[] count, double[] weight, double[] weightSquares,
            double[] weightedPredicted, double[] weightedPositive) {
        int bins = count.length;
        if (bins < 1 || weight.length != bins || weightedPredicted.length != bins || weightedPositive.length != bins
            || (weightSquares != null && weightSquares.length != bins)) {
            throw new IllegalArgumentException("reliability sums need one entry per bin (at least 1), got "
                + count.length + ", " + weight.length + ", " + weightedPredicted.length + ", "
                + weightedPositive.length);
        }
        Binning binning = Binning.uniform(bins, 0, 1);
        BinnedEfficiency fraction = BinnedEfficiency.fromSums(binning, weightedPositive, weight, weightSquares,
            ClopperPearson.ONE_SIGMA);
        double[] mean = new double[bins];
        double[] observed = fraction.efficiency();
        double total = 0;
        double ece = 0;
        double mce = 0;
        for (int b = 0; b < bins; b++) {
            mean[b] = weight[b] > 0 ? weightedPredicted[b] / weight[b] : Double.NaN;
            if (weight[b] > 0) {
                double gap = Math.abs(observed[b] - mean[b]);
                total += weight[b];
                ece += weight[b] * gap;
                mce = Math.max(mce, gap);
            }
        }
        return new ReliabilityDiagram(name, binning, count, weight, mean, observed, fraction.lower(),
            fraction.upper(), total > 0 ? ece / total : Double.NaN, total > 0 ? mce : Double.NaN);
    }

    /**
     * Per-class, per-bin sums (also filled by {@link ConfusionAndCalibration}'s pass). Unweighted, the jets are counted
     * in {@code long}s and the weight of a bin is its count: the same doubles as summing weights of 1 (counts below
     * 2^53 are exact), with one array fewer to update per jet and class.
     */
    static final class Sums {
        private final int bins;
        private final long[] count;
        private final double[] weight;
        private final double[] squares;
        private final double[] predicted;
        private final double[] positive;

        Sums(int classes, int bins, boolean weighted) {
            if (bins < 1) {
                throw new IllegalArgumentException("a reliability diagram needs at least 1 bin, got " + bins);
            }
            this.bins = bins;
            count = new long[classes * bins];
            weight = weighted ? new double[classes * bins] : null;
            squares = weighted ? new double[classes * bins] : null;
            predicted = new double[classes * bins];
            positive = new double[classes * bins];
        }

        /** The bin of a probability in [0, 1]; 1 falls in the last bin. */
        private int bin(double p) {
            return Math.min(bins - 1, (int) (p * bins));
        }

        /** Adds one jet to class {@code c}'s diagram; {@code w} must be 1 when the sums are unweighted. */
        void add(int c, double p, boolean isClass, double w) {
            int at = c * bins + bin(p);
            count[at]++;
            if (weight != null) {
                weight[at] += w;
                squares[at] += w * w;
                predicted[at] += w * p;
            } else {
                predicted[at] += p;
            }
            if (isClass) {
                positive[at] += w;
            }
        }

        /**
         * Adds one jet of class {@code truth} to every class's diagram, exactly as {@link #add} column by column would.
         *
         * @param probabilities row-major probabilities; the row's {@code classes} values from {@code o} must all be
         *     in [0, 1]
         * @param truth the jet's class, in [0, classes)
         * @param w the jet's weight, finite and non-negative; 1 when the sums are unweighted
         */
        void addRow(float[] probabilities, int o, int classes, int truth, double w) {
            if (weight == null) {
                for (int c = 0, at = 0; c < classes; c++, at += bins) {
                    double p = probabilities[o + c];
                    int b = at + bin(p);
                    count[b]++;
                    predicted[b] += p;
                }
            } else {
                double w2 = w * w;
                for (int c = 0, at = 0; c < classes; c++, at += bins) {
                    double p = probabilities[o + c];
                    int b = at + bin(p);
                    count[b]++;
                    weight[b] += w;
                    squares[b] += w2;
                    predicted[b] += w * p;
                }
            }
            positive[truth * bins + bin(probabilities[o + truth])] += w;
        }

        ReliabilityDiagram diagram(int c, String name) {
            int from = c * bins;
            int to = from + bins;
            double[] n = new double[bins];
            for (int b = 0; b < bins; b++) {
                n[b] = count[from + b];
            }
            return fromSums(name, n, weight == null ? n : Arrays.copyOfRange(weight, from, to),
                squares == null ? null : Arrays.copyOfRange(squares, from, to),
                Arrays.copyOfRange(predicted, from, to), Arrays.copyOfRange(positive, from, to));
        }
    }

    /**
     * The counts.
     *
     * @return a copy
     */
    @Override
    public double[] count() {
        return count.clone();
    }

    /**
     * The weights.
     *
     * @return a copy
     */
    @Override
    public double[] weight() {
        return weight.clone();
    }

    /**
     * The mean predictions.
     *
     * @return a copy, NaN for empty bins
     */
    @Override
    public double[] meanPredicted() {
        return meanPredicted.clone();
    }

    /**
     * The observed fractions.
     *
     * @return a copy, NaN for empty bins
     */
    @Override
    public double[] observed() {
        return observed.clone();
    }

    /**
     * The lower bounds.
     *
     * @return a copy
     */
    @Override
    public double[] lower() {
        return lower.clone();
    }

    /**
     * The upper bounds.
     *
     * @return a copy
     */
    @Override
    public double[] upper() {
        return upper.clone();
    }

    /**
     * Compares by value.
     *
     * @param other the other object
     * @return whether it is an equal diagram
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ReliabilityDiagram d && name.equals(d.name) && binning.equals(d.binning)
            && Arrays.equals(count, d.count) && Arrays.equals(weight, d.weight)
            && Arrays.equals(meanPredicted, d.meanPredicted) && Arrays.equals(observed, d.observed)
            && Arrays.equals(lower, d.lower) && Arrays.equals(upper, d.upper)
            && Double.compare(expectedCalibrationError, d.expectedCalibrationError) == 0
            && Double.compare(maxCalibrationError, d.maxCalibrationError) == 0;
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, binning, Arrays.hashCode(count), Arrays.hashCode(observed),
            expectedCalibrationError);
    }

    /**
     * A summary.
     *
     * @return the name, bins and ECE
     */
    @Override
    public String toString() {
        return "ReliabilityDiagram[" + name + ", " + binning.bins() + " bins, ECE=" + expectedCalibrationError + "]";
    }
}
