package dev.btag.examples.roc;

import dev.btag.data.npy.NpyArray;
import dev.btag.data.npy.NpzFile;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.roc.InvalidEntryException;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.workingpoint.WorkingPoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The ROC curve, AUC and working points of a score array against a label array of one {@code .npz} (or
 * {@code .npy}) file: what {@code btag roc} computes.
 *
 * <p>The score, label and (optional) weight arrays must hold one value per entry: shape {@code (N)} or
 * {@code (N, 1)}, any numeric or bool dtype. An entry is signal when its label equals one of the signal values
 * (compared as doubles; bool labels read as 0 and 1); it is background when its label is one of the background
 * values, or, when none are given, any other value. Entries that are neither are left out (for example c jets in a
 * b-versus-light comparison). Every problem is reported with an exception whose message starts with the file name and
 * names the array: missing arrays, wrong shapes, different lengths, NaN labels, non-finite scores or bad weights (with
 * the entry index), and a selection with no signal or no background.
 */
public final class NpzRoc {

    private final Path file;
    private final String scoreName;
    private final String labelName;
    private final double[] signalValues;
    private final double[] backgroundValues;
    private final String weightName;

    private NpzRoc(Builder b) {
        this.file = b.file;
        this.scoreName = b.scoreName;
        this.labelName = b.labelName;
        this.signalValues = b.signalValues.clone();
        this.backgroundValues = b.backgroundValues == null ? null : b.backgroundValues.clone();
        this.weightName = b.weightName;
    }

    /**
     * Starts a request.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the file, array names and label values of an {@link NpzRoc}. */
    public static final class Builder {
        private Path file;
        private String scoreName;
        private String labelName;
        private double[] signalValues;
        private double[] backgroundValues;
        private String weightName;

        private Builder() {
        }

        /**
         * Sets the file.
         *
         * @param file an {@code .npz} archive or {@code .npy} file
         * @return this builder
         */
        public Builder setFile(Path file) {
            this.file = file;
            return this;
        }

        /**
         * Sets the score array.
         *
         * @param name the array name (without {@code .npy})
         * @return this builder
         */
        public Builder setScore(String name) {
            this.scoreName = name;
            return this;
        }

        /**
         * Sets the label array.
         *
         * @param name the array name
         * @return this builder
         */
        public Builder setLabel(String name) {
            this.labelName = name;
            return this;
        }

        /**
         * Sets the label values that mark signal entries (required: the signal is always explicit).
         *
         * @param values one or more label values, for example {@code 1} for 0/1 labels or {@code 5} for b jets
         * @return this builder
         */
        public Builder setSignal(double... values) {
            this.signalValues = values.clone();
            return this;
        }

        /**
         * Restricts the background to these label values; entries with other non-signal labels are left out.
         *
         * @param values the background label values, or {@code null} for "every other label" (the default)
         * @return this builder
         */
        public Builder optBackground(double... values) {
            this.backgroundValues = values == null ? null : values.clone();
            return this;
        }

        /**
         * Sets the weight array.
         *
         * @param name the array name, or {@code null} for unit weights (the default)
         * @return this builder
         */
        public Builder optWeight(String name) {
            this.weightName = name;
            return this;
        }

        /**
         * Checks the request.
         *
         * @return the request
         * @throws IllegalStateException if the file, score, label or signal values are missing, or a value is both
         *     signal and background
         */
        public NpzRoc build() {
            if (file == null || scoreName == null || labelName == null) {
                throw new IllegalStateException("file, score array and label array are required");
            }
            if (signalValues == null || signalValues.length == 0) {
                throw new IllegalStateException("the signal label values are required");
            }
            if (backgroundValues != null) {
                for (double v : backgroundValues) {
                    for (double s : signalValues) {
                        if (v == s) {
                            throw new IllegalStateException("label value " + v + " is both signal and background");
                        }
                    }
                }
            }
            return new NpzRoc(this);
        }
    }

    /**
     * Reads the arrays and computes the summary.
     *
     * @return the curve, AUC with DeLong's standard error, counts and the standard working points
     * @throws IOException if the file cannot be read or lacks an array (the message names the file)
     * @throws IllegalArgumentException if the arrays do not fit together or hold invalid values (the message names
     *     the file, the array and, where it applies, the entry)
     */
    public RocSummary compute() throws IOException {
        double[] scores;
        double[] labels;
        double[] weights = null;
        try (NpzFile npz = NpzFile.open(file)) {
            scores = readColumn(npz, scoreName);
            labels = readColumn(npz, labelName);
            if (weightName != null) {
                weights = readColumn(npz, weightName);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        checkLength(labelName, labels.length, scores.length);
        if (weights != null) {
            checkLength(weightName, weights.length, scores.length);
        }
        int n = scores.length;
        int[] keep = new int[n];
        boolean[] signal = new boolean[n];
        int kept = 0;
        long nSignal = 0;
        for (int i = 0; i < n; i++) {
            double label = labels[i];
            if (Double.isNaN(label)) {
                throw fail("array '" + labelName + "' entry " + i + " is NaN");
            }
            boolean isSignal = contains(signalValues, label);
            if (isSignal || backgroundValues == null || contains(backgroundValues, label)) {
                signal[kept] = isSignal;
                keep[kept++] = i;
                nSignal += isSignal ? 1 : 0;
            }
        }
        if (kept < n) {
            scores = pick(scores, keep, kept);
            signal = Arrays.copyOf(signal, kept);
            weights = weights == null ? null : pick(weights, keep, kept);
        }
        if (nSignal == 0 || nSignal == kept) {
            throw fail("labels in '" + labelName + "' give " + nSignal + " signal and " + (kept - nSignal)
                + " background entries (signal values " + describe(signalValues) + ", background "
                + (backgroundValues == null ? "every other value" : describe(backgroundValues))
                + "); a ROC curve needs both");
        }
        try {
            RocCurve curve = weights == null ? RocCurve.of(scores, signal) : RocCurve.of(scores, signal, weights);
            AucEstimate auc = weights == null ? AucEstimate.delong(scores, signal)
                : AucEstimate.delong(scores, signal, weights);
            return new RocSummary(curve, auc, nSignal, kept - nSignal, WorkingPoints.standard(curve));
        } catch (InvalidEntryException e) {
            // the index is into the kept entries: restate it with the file's array name and row
            int original = kept < n ? keep[e.index()] : e.index();
            String array = e.array() == InvalidEntryException.Array.SCORES ? scoreName : weightName;
            throw fail("array '" + array + "' entry " + original + " is " + e.value() + ": " + e.rule());
        }
    }

    private double[] readColumn(NpzFile npz, String name) throws IOException {
        NpyArray array = npz.get(name);
        long[] shape = array.shape();
        boolean column = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (!column) {
            throw fail("array '" + name + "' has shape " + Arrays.toString(shape)
                + "; expected one value per entry, shape (N) or (N, 1)");
        }
        return array.toDoubleArray();
    }

    private void checkLength(String name, int length, int expected) {
        if (length != expected) {
            throw fail("array '" + name + "' has " + length + " entries but score array '" + scoreName + "' has "
                + expected);
        }
    }

    private IllegalArgumentException fail(String problem) {
        return new IllegalArgumentException(file + ": " + problem);
    }

    private static boolean contains(double[] values, double v) {
        for (double x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static double[] pick(double[] values, int[] rows, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static String describe(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            double v = values[i];
            s.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v));
        }
        return s.append(']').toString();
    }
}
