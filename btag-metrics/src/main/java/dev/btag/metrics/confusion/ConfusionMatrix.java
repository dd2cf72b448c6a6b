package dev.btag.metrics.confusion;

import dev.btag.metrics.selection.OneHotLabels;
import java.util.List;

/**
 * A confusion matrix: {@code counts[t][p]} is the number of entries of true class {@code t} predicted as class
 * {@code p}. This record is immutable: the counts are copied in and out.
 *
 * @param classNames the class names, one per row and column
 * @param counts the square matrix of counts, non-negative
 */
public record ConfusionMatrix(List<String> classNames, long[][] counts) {

    /** The tutorial's six training classes, in label order. */
    public static final List<String> SIX_CLASSES = List.of("b", "bb", "lepb", "c", "uds", "g");

    /** The coarse view: b (b, bb, leptonic b), c, light (uds), gluon. */
    public static final List<String> COARSE_CLASSES = List.of("b", "c", "light", "gluon");

    /** Maps each of the six classes to its coarse class: b, bb, leptonic b to b; c; uds to light; g to gluon. */
    private static final int[] SIX_TO_COARSE = {0, 0, 0, 1, 2, 3};

    /**
     * Copies and checks the components.
     *
     * @param classNames the class names
     * @param counts the counts
     * @throws IllegalArgumentException if the matrix is not square with one row per name, or a count is negative
     * @throws NullPointerException if a component is null
     */
    public ConfusionMatrix {
        classNames = List.copyOf(classNames);
        int n = classNames.size();
        if (n == 0 || counts.length != n) {
            throw new IllegalArgumentException("counts has " + counts.length + " rows for " + n + " classes");
        }
        long[][] copy = new long[n][];
        for (int t = 0; t < n; t++) {
            if (counts[t].length != n) {
                throw new IllegalArgumentException(
                    "counts row " + t + " has " + counts[t].length + " entries, not " + n);
            }
            copy[t] = counts[t].clone();
            for (long c : copy[t]) {
                if (c < 0) {
                    throw new IllegalArgumentException("counts row " + t + " holds a negative count " + c);
                }
            }
        }
        counts = copy;
    }

    /**
     * Counts pairs of true and predicted class indices.
     *
     * @param classNames the class names; class indices run over {@code [0, classNames.size())}
     * @param truth the true class of each entry
     * @param predicted the predicted class of each entry, as long as {@code truth}
     * @return the matrix
     * @throws IllegalArgumentException if the lengths differ or an index is out of range (the message names the
     *     array and the entry)
     */
    public static ConfusionMatrix of(List<String> classNames, int[] truth, int[] predicted) {
        int n = classNames.size();
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(
                "truth has " + truth.length + " entries but predicted has " + predicted.length);
        }
        long[][] counts = new long[n][n];
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            int p = predicted[i];
            if (t < 0 || t >= n) {
                throw new IllegalArgumentException(
                    "truth[" + i + "] = " + t + " is not a class index in [0, " + n + ")");
            }
            if (p < 0 || p >= n) {
                throw new IllegalArgumentException(
                    "predicted[" + i + "] = " + p + " is not a class index in [0, " + n + ")");
            }
            counts[t][p]++;
        }
        return new ConfusionMatrix(classNames, counts);
    }

    /**
     * Counts true classes against the most probable class of each entry.
     *
     * @param classNames the class names
     * @param truth the true class of each entry
     * @param probabilities row-major N x {@code classNames.size()} class probabilities (or any scores)
     * @return the matrix
     * @throws IllegalArgumentException as {@link #of(List, int[], int[])} and {@link #argmax(float[], int)}
     */
    public static ConfusionMatrix fromProbabilities(List<String> classNames, int[] truth, float[] probabilities) {
        return of(classNames, truth, argmax(probabilities, classNames.size()));
    }

    /**
     * Counts one-hot true classes against the most probable class, leaving out entries whose one-hot row is all zero
     * (the tutorial's undefined jets, which belong to no class; Keras' {@code argmax} would count them as class 0).
     *
     * @param classNames the class names, one per column
     * @param oneHotTruth row-major N x {@code classNames.size()} one-hot labels
     * @param probabilities row-major N x {@code classNames.size()} class probabilities
     * @return the matrix of the entries that have a class
     * @throws IllegalArgumentException if the arrays differ in length, are not N x classes, a label row has more than
     *     one flag, or a probability is NaN (the messages name the row)
     */
    public static ConfusionMatrix fromOneHot(List<String> classNames, float[] oneHotTruth, float[] probabilities) {
        if (oneHotTruth.length != probabilities.length) {
            throw new IllegalArgumentException("one-hot labels have " + oneHotTruth.length
                + " values but probabilities have " + probabilities.length);
        }
        int n = classNames.size();
        if (n < 1 || probabilities.length % n != 0) {
            throw new IllegalArgumentException("probabilities have " + probabilities.length
                + " values, not a multiple of " + n + " classes");
        }
        // one pass, no per-jet arrays: the same counts as of(classIndices, argmax) over the rows that have a class
        long[][] counts = new long[n][n];
        int rows = probabilities.length / n;
        for (int r = 0; r < rows; r++) {
            int predicted = argmaxRow(probabilities, n, r);
            int truth = OneHotLabels.classIndex(oneHotTruth, n, r);
            if (truth >= 0) {
                counts[truth][predicted]++;
            }
        }
        return new ConfusionMatrix(classNames, counts);
    }

    /**
     * The index of the largest value of each row; the first one on ties (as numpy's {@code argmax}).
     *
     * @param probabilities row-major N x {@code classes} values
     * @param classes the number of columns, at least 1
     * @return one column index per row
     * @throws IllegalArgumentException if the length is not a multiple of {@code classes} or a value is NaN (the
     *     message names the row and column)
     */
    public static int[] argmax(float[] probabilities, int classes) {
        if (classes < 1 || probabilities.length % classes != 0) {
            throw new IllegalArgumentException("probabilities have " + probabilities.length
                + " values, not a multiple of " + classes + " classes");
        }
        int rows = probabilities.length / classes;
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = argmaxRow(probabilities, classes, r);
        }
        return out;
    }

    /**
     * The index of the largest value of one row, as {@link #argmax(float[], int)} gives it, without allocating.
     *
     * @param probabilities row-major N x {@code classes} values
     * @param classes the number of columns, at least 1
     * @param r the row, in [0, N)
     * @return the first column holding the row's largest value
     * @throws IllegalArgumentException if a value of the row is NaN (the message names the row and column)
     */
    public static int argmaxRow(float[] probabilities, int classes, int r) {
        int best = 0;
        int base = r * classes;
        for (int c = 0; c < classes; c++) {
            float v = probabilities[base + c];
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("probabilities row " + r + ", column " + c + " is NaN");
            }
            if (v > probabilities[base + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The counts.
     *
     * @return a copy of the matrix
     */
    @Override
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /**
     * The number of classes.
     *
     * @return the number of rows (and columns)
     */
    public int size() {
        return classNames.size();
    }

    /**
     * One count.
     *
     * @param trueClass the row
     * @param predictedClass the column
     * @return {@code counts()[trueClass][predictedClass]}
     */
    public long count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /**
     * The number of entries of a true class (a row sum).
     *
     * @param trueClass the row
     * @return the sum of the row
     */
    public long trueCount(int trueClass) {
        long sum = 0;
        for (long c : counts[trueClass]) {
            sum += c;
        }
        return sum;
    }

    /**
     * The number of entries.
     *
     * @return the sum of all counts
     */
    public long total() {
        long sum = 0;
        for (int t = 0; t < counts.length; t++) {
            sum += trueCount(t);
        }
        return sum;
    }

    /**
     * The fraction of entries on the diagonal.
     *
     * @return the accuracy, NaN for an empty matrix
     */
    public double accuracy() {
        long diagonal = 0;
        for (int t = 0; t < counts.length; t++) {
            diagonal += counts[t][t];
        }
        return (double) diagonal / total();
    }

    /**
     * The normalised matrix.
     *
     * @param normalization by true class (rows sum to 1), by predicted class (columns sum to 1) or overall
     * @return a new matrix of fractions; rows (columns) without entries are all zero
     */
    public double[][] normalized(Normalization normalization) {
        int n = size();
        double[] rowSums = new double[n];
        double[] columnSums = new double[n];
        double all = 0;
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                rowSums[t] += counts[t][p];
                columnSums[p] += counts[t][p];
                all += counts[t][p];
            }
        }
        double[][] out = new double[n][n];
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                double denominator = switch (normalization) {
                    case TRUE -> rowSums[t];
                    case PREDICTED -> columnSums[p];
                    case ALL -> all;
                };
                out[t][p] = denominator > 0 ? counts[t][p] / denominator : 0.0;
            }
        }
        return out;
    }

    /**
     * Merges classes: entry counts of classes mapped to the same new class are added.
     *
     * @param newNames the names of the merged classes
     * @param mapping for each current class, the index of its merged class in {@code newNames}
     * @return the merged matrix
     * @throws IllegalArgumentException if {@code mapping} does not have one entry per class or points outside
     *     {@code newNames}
     */
    public ConfusionMatrix merge(List<String> newNames, int[] mapping) {
        int n = size();
        int m = newNames.size();
        if (mapping.length != n) {
            throw new IllegalArgumentException("mapping has " + mapping.length + " entries for " + n + " classes");
        }
        long[][] merged = new long[m][m];
        for (int t = 0; t < n; t++) {
            if (mapping[t] < 0 || mapping[t] >= m) {
                throw new IllegalArgumentException("mapping[" + t + "] = " + mapping[t] + " is outside [0, " + m + ")");
            }
            for (int p = 0; p < n; p++) {
                merged[mapping[t]][mapping[p]] += counts[t][p];
            }
        }
        return new ConfusionMatrix(newNames, merged);
    }

    /**
     * The coarse b / c / light / gluon view of a six-class matrix (b, bb and leptonic b merge into b).
     *
     * @return the 4 x 4 matrix with {@link #COARSE_CLASSES}
     * @throws IllegalStateException if this matrix does not have six classes
     */
    public ConfusionMatrix coarse() {
        if (size() != SIX_CLASSES.size()) {
            throw new IllegalStateException(
                "the coarse view needs the six training classes, this matrix has " + size());
        }
        return merge(COARSE_CLASSES, SIX_TO_COARSE);
    }

    /**
     * Compares names and counts.
     *
     * @param other the other object
     * @return whether {@code other} is an equal matrix
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix m && classNames.equals(m.classNames)
            && java.util.Arrays.deepEquals(counts, m.counts);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * classNames.hashCode() + java.util.Arrays.deepHashCode(counts);
    }

    /**
     * The matrix as text.
     *
     * @return names and counts
     */
    @Override
    public String toString() {
        return "ConfusionMatrix" + classNames + java.util.Arrays.deepToString(counts);
    }
}
