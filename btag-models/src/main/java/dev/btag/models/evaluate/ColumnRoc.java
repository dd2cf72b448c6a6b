package dev.btag.models.evaluate;

import dev.btag.data.layout.Layout;
import dev.btag.data.npy.NpyArray;
import dev.btag.data.npy.NpzFile;
import dev.btag.data.ntuple.JetFile;
import dev.btag.metrics.roc.AucEstimate;
import dev.btag.metrics.roc.InvalidEntryException;
import dev.btag.metrics.roc.RocCurve;
import dev.btag.metrics.workingpoint.WorkingPoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The ROC curve, AUC and working points of a score column against a label column of one or more files, taken
 * together in the order given: what {@code btag roc} computes, so that any tagger's stored scores can be evaluated.
 *
 * <p>Without a layout each file is an {@code .npz} archive (or one {@code .npy} file) and the score, label and
 * (optional) weight name arrays that hold one value per entry: shape {@code (N)} or {@code (N, 1)}, any numeric or
 * bool dtype. With a {@link Layout} each file is read through it ({@link JetFile}: npz or HDF5, checked against the
 * layout when opened) and the names are fields or columns of its jet table ({@link JetFile#jetValues}), declared by
 * the layout or not.
 *
 * <p>An entry is signal when its label equals one of the signal values (compared as doubles; bool labels read as 0
 * and 1); it is background when its label is one of the background values, or, when none are given, any other value.
 * Entries that are neither are left out (for example c jets in a b-versus-light comparison). Every problem is reported
 * with an exception whose message starts with the file's name and names the array or field: missing arrays or
 * fields, wrong shapes, different lengths, NaN labels, non-finite scores or bad weights (with the entry index in that
 * file), and a selection with no signal or no background (naming the first file, or every file when there are
 * several). Immutable once built; {@link #compute()} may be called from several threads.
 */
public final class ColumnRoc {

    private final List<Path> files;
    private final Layout layout;
    private final String scoreName;
    private final String labelName;
    private final double[] signalValues;
    private final double[] backgroundValues;
    private final String weightName;

    private ColumnRoc(Builder b) {
        this.files = List.copyOf(b.files);
        this.layout = b.layout;
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

    /** Collects the files, column names and label values of a {@link ColumnRoc}. */
    public static final class Builder {
        private List<Path> files;
        private Layout layout;
        private String scoreName;
        private String labelName;
        private double[] signalValues;
        private double[] backgroundValues;
        private String weightName;

        private Builder() {
        }

        /**
         * Sets one file.
         *
         * @param file an {@code .npz} archive or {@code .npy} file, or a file the layout reads
         * @return this builder
         */
        public Builder setFile(Path file) {
            this.files = List.of(file);
            return this;
        }

        /**
         * Sets the files, taken together in this order.
         *
         * @param files one or more files
         * @return this builder
         */
        public Builder setFiles(List<Path> files) {
            this.files = List.copyOf(files);
            return this;
        }

        /**
         * Reads the files through a layout: the names are then fields or columns of its jet table.
         *
         * @param layout the layout, or {@code null} for plain npz arrays (the default)
         * @return this builder
         */
        public Builder optLayout(Layout layout) {
            this.layout = layout;
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
         * @throws IllegalStateException if the files, score, label or signal values are missing, or a value is both
         *     signal and background
         */
        public ColumnRoc build() {
            if (files == null || files.isEmpty() || scoreName == null || labelName == null) {
                throw new IllegalStateException("files, score array and label array are required");
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
            return new ColumnRoc(this);
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
        double[][] scoreParts = new double[files.size()][];
        double[][] labelParts = new double[files.size()][];
        double[][] weightParts = weightName == null ? null : new double[files.size()][];
        for (int f = 0; f < files.size(); f++) {
            double[][] read = read(files.get(f));
            scoreParts[f] = read[0];
            labelParts[f] = read[1];
            checkLength(files.get(f), labelName, read[1].length, read[0].length);
            if (weightParts != null) {
                weightParts[f] = read[2];
                checkLength(files.get(f), weightName, read[2].length, read[0].length);
            }
        }
        long[] starts = new long[files.size()];
        for (int f = 1; f < files.size(); f++) {
            starts[f] = starts[f - 1] + scoreParts[f - 1].length;
        }
        double[] scores = concat(scoreParts);
        double[] labels = concat(labelParts);
        double[] weights = weightParts == null ? null : concat(weightParts);
        int n = scores.length;
        int[] keep = new int[n];
        boolean[] signal = new boolean[n];
        int kept = 0;
        long nSignal = 0;
        for (int i = 0; i < n; i++) {
            double label = labels[i];
            if (Double.isNaN(label)) {
                throw entryFailure(starts, i, labelName, "is NaN");
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
            throw fail(files.size() == 1 ? files.get(0).toString() : String.valueOf(files), "labels in '"
                + labelName + "' give " + nSignal + " signal and " + (kept - nSignal)
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
            throw entryFailure(starts, original, array, "is " + e.value() + ": " + e.rule());
        }
    }

    /** The score, label and weight (or null) columns of one file. */
    private double[][] read(Path file) throws IOException {
        if (layout != null) {
            try (JetFile jets = JetFile.open(file, layout)) {
                long n = jets.jetCount();
                return new double[][] {jets.jetValues(scoreName, "score", 0, n),
                    jets.jetValues(labelName, "label", 0, n),
                    weightName == null ? null : jets.jetValues(weightName, "weight", 0, n)};
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        try (NpzFile npz = NpzFile.open(file)) {
            return new double[][] {readColumn(file, npz, scoreName), readColumn(file, npz, labelName),
                weightName == null ? null : readColumn(file, npz, weightName)};
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static double[] readColumn(Path file, NpzFile npz, String name) throws IOException {
        NpyArray array = npz.get(name);
        long[] shape = array.shape();
        boolean column = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (!column) {
            throw fail(file.toString(), "array '" + name + "' has shape " + Arrays.toString(shape)
                + "; expected one value per entry, shape (N) or (N, 1)");
        }
        return array.toDoubleArray();
    }

    private void checkLength(Path file, String name, int length, int expected) {
        if (length != expected) {
            throw fail(file.toString(), "array '" + name + "' has " + length + " entries but score array '"
                + scoreName + "' has " + expected);
        }
    }

    /** A bad entry, named by its file and its index in that file. */
    private IllegalArgumentException entryFailure(long[] starts, long index, String array, String problem) {
        int f = files.size() - 1;
        while (starts[f] > index) {
            f--;
        }
        return fail(files.get(f).toString(), "array '" + array + "' entry " + (index - starts[f]) + " " + problem);
    }

    private static IllegalArgumentException fail(String file, String problem) {
        return new IllegalArgumentException(file + ": " + problem);
    }

    private static double[] concat(double[][] parts) {
        if (parts.length == 1) {
            return parts[0];
        }
        double[] out = new double[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
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
