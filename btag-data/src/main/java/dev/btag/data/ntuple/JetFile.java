package dev.btag.data.ntuple;

import dev.btag.data.hdf5.Hdf5File;
import dev.btag.data.layout.ClassLabel;
import dev.btag.data.layout.FileFormat;
import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.source.ArrayFile;
import dev.btag.data.source.NpzArrayFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A jet ntuple read through a {@link Layout}: an npz or HDF5 file whose arrays and fields were checked against the
 * layout when it was opened, read lazily by row range. Every read method returns a new row-major float32 (or int,
 * double) array and is safe to call from several threads at once; the file stays open until {@link #close()}.
 *
 * <p>What each method returns, for jets {@code [from, to)} ({@code n = to - from}):
 * {@link #features} n × F in {@code jets.features} order; {@link #collection} n × objects × variables in the
 * collection's {@code variables} order; {@link #classes} the class index of each jet (-1 for a jet of no class);
 * {@link #oneHot} n × K one-hot rows (all zero for a jet of no class; a one-hot label's columns are copied as
 * stored, so the tutorial file gives exactly the values {@code arr_0[:, 43:49]} holds).
 */
public final class JetFile implements AutoCloseable {

    private final ArrayFile file;
    private final Layout layout;
    private final Binding binding;
    private final long jets;

    private JetFile(ArrayFile file, Layout layout, Binding binding) {
        this.file = file;
        this.layout = layout;
        this.binding = binding;
        this.jets = binding.table.rows();
    }

    /**
     * Opens a file with a layout, in the layout's format (or the one the extension implies).
     *
     * @param path the file
     * @param layout the layout
     * @return the open file; close it
     * @throws LayoutMismatchException when the file does not hold what the layout declares (the first problem,
     *     naming the file and the layout key)
     * @throws IOException when the file cannot be read
     * @throws dev.btag.data.layout.LayoutException when the layout declares no format and the extension is unknown
     */
    public static JetFile open(Path path, Layout layout) throws IOException {
        return open(openArrays(path, layout), layout);
    }

    /**
     * Reads a file with a layout, taking ownership of the open file (closed when this is closed, or on failure).
     *
     * @param file the open array file
     * @param layout the layout
     * @return the jet file
     * @throws LayoutMismatchException when the file does not hold what the layout declares
     * @throws IOException when an array's metadata cannot be read
     */
    public static JetFile open(ArrayFile file, Layout layout) throws IOException {
        try {
            List<LayoutProblem> problems = new ArrayList<>();
            Binding binding = Binding.resolve(file, Objects.requireNonNull(layout, "layout"), problems);
            if (binding == null) {
                LayoutProblem first = problems.get(0);
                throw new LayoutMismatchException(file.path(), first.key(), first.problem());
            }
            return new JetFile(file, layout, binding);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Every way a file disagrees with a layout, without failing at the first.
     *
     * @param path the file
     * @param layout the layout
     * @return the problems; empty when the file can be read with the layout
     * @throws IOException when the file cannot be read at all
     */
    public static List<LayoutProblem> check(Path path, Layout layout) throws IOException {
        try (ArrayFile arrays = openArrays(path, layout)) {
            List<LayoutProblem> problems = new ArrayList<>();
            Binding.resolve(arrays, layout, problems);
            return problems;
        }
    }

    /**
     * Opens a file's arrays in the layout's format.
     *
     * @param path the file
     * @param layout the layout (for its format)
     * @return the open array file
     * @throws IOException when the file cannot be read
     */
    public static ArrayFile openArrays(Path path, Layout layout) throws IOException {
        return layout.formatOf(path) == FileFormat.HDF5 ? Hdf5File.open(path) : NpzArrayFile.open(path);
    }

    /**
     * The file.
     *
     * @return its path
     */
    public Path path() {
        return file.path();
    }

    /**
     * The layout the file is read with.
     *
     * @return the layout
     */
    public Layout layout() {
        return layout;
    }

    /**
     * The arrays underneath.
     *
     * @return the open array file
     */
    public ArrayFile arrays() {
        return file;
    }

    /**
     * The number of jets N.
     *
     * @return the rows of the jet table
     */
    public long jetCount() {
        return jets;
    }

    /**
     * The jet count as an int, for in-memory use.
     *
     * @return N
     * @throws IllegalStateException when N exceeds {@code Integer.MAX_VALUE}
     */
    public int jetCountAsInt() {
        if (jets > Integer.MAX_VALUE) {
            throw new IllegalStateException(path() + " has " + jets + " jets, too many to index with an int");
        }
        return (int) jets;
    }

    /**
     * Whether the file carries btag's synthetic-sample marker ({@value TutorialFile#SYNTHETIC_ENTRY}).
     *
     * @return {@code true} for btag's synthetic sample
     */
    public boolean isSynthetic() {
        return file.contains(TutorialFile.SYNTHETIC_ENTRY);
    }

    /**
     * The number of features F.
     *
     * @return {@code layout().jets().features().size()}
     */
    public int featureCount() {
        return binding.features.length;
    }

    /**
     * The jet features.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return n × F values
     */
    public float[] features(long from, long to) {
        return binding.table.readFloats(from, to, binding.features);
    }

    /**
     * The object slots per jet of a collection.
     *
     * @param collection the collection's index in the layout
     * @return its objects per jet
     */
    public int objectCount(int collection) {
        return binding.collections.get(collection).objects();
    }

    /**
     * The variables per object of a collection, as the tagger reads them.
     *
     * @param collection the collection's index in the layout
     * @return its variable count
     */
    public int variableCount(int collection) {
        return binding.collections.get(collection).variables().length;
    }

    /**
     * The objects of a collection.
     *
     * @param collection the collection's index in the layout
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return n × objects × variables values
     */
    public float[] collection(int collection, long from, long to) {
        Binding.BoundCollection c = binding.collections.get(collection);
        return c.array().readFloats(from, to, c.variables());
    }

    /**
     * Which objects of a collection are real rather than padding: where the collection's {@code valid} field is
     * non-zero, or (without one) where not every variable is zero.
     *
     * @param collection the collection's index in the layout
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @param values the same jets' {@link #collection} values (used when there is no valid field)
     * @return n × objects flags
     */
    public boolean[] realObjects(int collection, long from, long to, float[] values) {
        Binding.BoundCollection c = binding.collections.get(collection);
        int n = Math.toIntExact(to - from) * c.objects();
        boolean[] real = new boolean[n];
        if (c.valid() >= 0) {
            float[] flags = c.array().readFloats(from, to, new int[] {c.valid()});
            for (int i = 0; i < n; i++) {
                real[i] = flags[i] != 0;
            }
            return real;
        }
        int v = c.variables().length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < v; j++) {
                if (values[i * v + j] != 0) {
                    real[i] = true;
                    break;
                }
            }
        }
        return real;
    }

    /**
     * The class of each jet.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return n class indices in {@code label} order; -1 for a jet of no class (an all-zero one-hot row, or an
     *     ignored code)
     * @throws UncheckedIOException wrapping a {@link LayoutMismatchException} when a label code is no integer or no
     *     class lists it, or a one-hot row marks two classes (naming the file, key, row and value)
     */
    public int[] classes(long from, long to) {
        ClassLabel label = layout.label();
        int n = Math.toIntExact(to - from);
        int[] out = new int[n];
        if (label.oneHot()) {
            float[] rows = binding.table.readFloats(from, to, binding.oneHot);
            int k = label.size();
            for (int i = 0; i < n; i++) {
                out[i] = -1;
                for (int j = 0; j < k; j++) {
                    if (rows[i * k + j] == 1f) {
                        if (out[i] >= 0) {
                            throw mismatch("label.onehot", "row " + (from + i) + " marks two classes, "
                                + label.classes().get(out[i]).name() + " and " + label.classes().get(j).name());
                        }
                        out[i] = j;
                    }
                }
            }
            return out;
        }
        double[] codes = labelCodes(from, to);
        for (int i = 0; i < n; i++) {
            double code = codes[i];
            if (code != Math.rint(code) || Math.abs(code) > 0x1p62) {
                throw mismatch("label.field", "row " + (from + i) + " has label " + code + ", not an integer code");
            }
            int c = label.classOfCode((long) code);
            if (c == -2) {
                throw mismatch("label.classes", "code " + (long) code + " (row " + (from + i) + ") is in no class"
                    + " and not in label.ignore");
            }
            out[i] = c;
        }
        return out;
    }

    /**
     * The raw codes of an integer label field.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return n codes as stored (converted to double)
     * @throws IllegalStateException when the label is one-hot
     */
    public double[] labelCodes(long from, long to) {
        if (binding.label < 0) {
            throw new IllegalStateException("layout " + layout.source() + " has a one-hot label, not a label field");
        }
        return binding.table.readDoubles(from, to, binding.label);
    }

    /**
     * The one-hot labels.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return n × K values
     * @throws UncheckedIOException as {@link #classes}, for an integer label field
     */
    public float[] oneHot(long from, long to) {
        ClassLabel label = layout.label();
        if (label.oneHot()) {
            return binding.table.readFloats(from, to, binding.oneHot);
        }
        int[] classes = classes(from, to);
        int k = label.size();
        float[] out = new float[classes.length * k];
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= 0) {
                out[i * k + classes[i]] = 1f;
            }
        }
        return out;
    }

    /**
     * The features and the one-hot labels of the same jets, the jet table read once when the label is one-hot.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return {@code [features (n × F), oneHot (n × K)]}, as {@link #features} and {@link #oneHot} give them
     * @throws UncheckedIOException as {@link #classes}, for an integer label field
     */
    public float[][] featuresAndOneHot(long from, long to) {
        if (!layout.label().oneHot()) {
            return new float[][] {features(from, to), oneHot(from, to)};
        }
        int f = binding.features.length;
        int k = binding.oneHot.length;
        int[] both = new int[f + k];
        System.arraycopy(binding.features, 0, both, 0, f);
        System.arraycopy(binding.oneHot, 0, both, f, k);
        float[] rows = binding.table.readFloats(from, to, both);
        int n = Math.toIntExact(to - from);
        float[] features = new float[n * f];
        float[] labels = new float[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows, i * (f + k), features, i * f, f);
            System.arraycopy(rows, i * (f + k) + f, labels, i * k, k);
        }
        return new float[][] {features, labels};
    }

    /**
     * Whether the layout declares a weight.
     *
     * @return {@code true} when {@link #weights} can be read
     */
    public boolean hasWeights() {
        return binding.weight >= 0;
    }

    /**
     * The per-jet weights.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return n weights
     * @throws IllegalStateException when the layout declares no weight
     */
    public double[] weights(long from, long to) {
        return jetField(binding.weight, "weight", from, to);
    }

    /**
     * Whether the layout declares the pT field.
     *
     * @return {@code true} when {@link #pt} can be read
     */
    public boolean hasPt() {
        return binding.pt >= 0;
    }

    /**
     * The jet pT values.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return n values in GeV
     * @throws IllegalStateException when the layout declares no {@code kinematics.pt}
     */
    public double[] pt(long from, long to) {
        return jetField(binding.pt, "kinematics.pt", from, to);
    }

    /**
     * Whether the layout declares the η field.
     *
     * @return {@code true} when {@link #eta} can be read
     */
    public boolean hasEta() {
        return binding.eta >= 0;
    }

    /**
     * The jet η values.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return n values
     * @throws IllegalStateException when the layout declares no {@code kinematics.eta}
     */
    public double[] eta(long from, long to) {
        return jetField(binding.eta, "kinematics.eta", from, to);
    }

    /**
     * The names of the jet table's columns: the fields of a compound table, the declared {@code jets.columns} of a
     * numeric one.
     *
     * @return the names, in storage order
     */
    public List<String> jetColumns() {
        return binding.tableColumns;
    }

    /**
     * The values of any field or column of the jet table, declared by the layout or not (a score stored in the
     * ntuple, a truth code, a weight), for example for a ROC curve of a stored tagger's output.
     *
     * @param name the field or column name
     * @param key what asks for it, named in the error (for example {@code --score})
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return n values converted to double
     * @throws LayoutMismatchException when the table has no such field or column (naming the file, the key, the
     *     array and the names it has)
     */
    public double[] jetValues(String name, String key, long from, long to) throws LayoutMismatchException {
        List<LayoutProblem> problems = new ArrayList<>();
        int column = Binding.column(binding.table, binding.tableColumns, name, key, problems);
        if (column < 0) {
            throw new LayoutMismatchException(path(), key, problems.get(0).problem());
        }
        return binding.table.readDoubles(from, to, column);
    }

    private double[] jetField(int column, String key, long from, long to) {
        if (column < 0) {
            throw new IllegalStateException("layout " + layout.source() + " declares no " + key);
        }
        return binding.table.readDoubles(from, to, column);
    }

    /**
     * The collection of a layout by name, as an index.
     *
     * @param name the collection's name
     * @return its index in {@code layout().collections()}
     * @throws dev.btag.data.layout.LayoutException when there is none of that name
     */
    public int collectionIndex(String name) {
        ObjectCollection c = layout.collection(name);
        return layout.collections().indexOf(c);
    }

    private UncheckedIOException mismatch(String key, String problem) {
        LayoutMismatchException e = new LayoutMismatchException(path(), key, problem);
        return new UncheckedIOException(e.getMessage(), e);
    }

    /**
     * Closes the file.
     *
     * @throws IOException when closing fails
     */
    @Override
    public void close() throws IOException {
        file.close();
    }
}
