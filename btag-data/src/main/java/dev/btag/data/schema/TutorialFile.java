package dev.btag.data.schema;

import dev.btag.data.npy.NpyArray;
import dev.btag.data.npy.NpyFormatException;
import dev.btag.data.npy.NpzFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A file with the tutorial's layout ({@code test93_0_20000.npz} and the synthetic sample), opened and validated.
 *
 * <p>{@link #open(Path)} checks the layout and fails with an {@link NpyFormatException} naming the file, the array
 * and the problem when any of these does not hold: entries {@code arr_0} … {@code arr_5} exist; each has the shape of
 * {@link JetArray#shape(long)} ({@code arr_0} exactly 52 columns); all have the same number of jets. It then reads
 * {@code arr_0} (in chunks) and counts NaN/infinite values and inconsistent truth rows into a
 * {@link ValidationReport}; with {@link ContentPolicy#REJECT} the first such row is an error instead. Extra entries
 * (such as the synthetic marker {@value #SYNTHETIC_ENTRY}) are allowed and listed.
 *
 * <p>Reading: every accessor reads row ranges lazily from the archive (stored entries are memory-mapped by the npz
 * reader), so the file never needs to fit in the Java heap; only the returned arrays do. Values of any numeric dtype
 * are converted to float. The file stays open until {@link #close()}. Not thread-safe. Data that turns out to be
 * corrupt while reading (after the layout check) is reported as an {@link java.io.UncheckedIOException} wrapping the
 * npz reader's {@link NpyFormatException}.
 */
public final class TutorialFile implements AutoCloseable {

    /** The extra entry that marks btag's synthetic sample (see {@code dev.btag.data.synthetic.SyntheticSample}). */
    public static final String SYNTHETIC_ENTRY = "btag_synthetic";

    private static final int CHUNK_ROWS = 4096;

    private final NpzFile npz;
    private final long jetCount;
    private final Map<JetArray, NpyArray> arrays;
    private ValidationReport report;

    private TutorialFile(NpzFile npz, long jetCount, Map<JetArray, NpyArray> arrays) {
        this.npz = npz;
        this.jetCount = jetCount;
        this.arrays = arrays;
    }

    /**
     * Opens and validates a file, counting suspicious content ({@link ContentPolicy#REPORT}).
     *
     * @param path a {@code .npz} file with the tutorial layout
     * @return the open file; close it
     * @throws NpyFormatException when the layout is wrong, naming the file, array and problem
     * @throws IOException when the file cannot be read
     */
    public static TutorialFile open(Path path) throws IOException {
        return open(path, ContentPolicy.REPORT);
    }

    /**
     * Opens and validates a file.
     *
     * @param path a {@code .npz} file with the tutorial layout
     * @param policy whether suspicious content is counted or rejected
     * @return the open file; close it
     * @throws NpyFormatException when the layout is wrong, or (with {@link ContentPolicy#REJECT}) on the first
     *     non-finite value or inconsistent truth row, naming the file, array, row and column
     * @throws IOException when the file cannot be read
     */
    public static TutorialFile open(Path path, ContentPolicy policy) throws IOException {
        Objects.requireNonNull(policy, "policy");
        NpzFile npz = NpzFile.open(path);
        try {
            Map<JetArray, NpyArray> arrays = new EnumMap<>(JetArray.class);
            long jets = -1;
            for (JetArray array : JetArray.values()) {
                if (!npz.contains(array.entryName())) {
                    throw new NpyFormatException(path, null, "missing array " + array.entryName()
                        + " (a tutorial file holds arr_0 ... arr_5; this one has " + npz.names() + ")");
                }
                NpyArray data = npz.get(array.entryName());
                checkShape(path, array, data);
                long n = data.shape()[0];
                if (jets < 0) {
                    jets = n;
                } else if (n != jets) {
                    throw new NpyFormatException(path, array.entryName() + ".npy",
                        "has " + n + " jets but arr_0 has " + jets + " (all arrays need the same number of jets)");
                }
                arrays.put(array, data);
            }
            TutorialFile file = new TutorialFile(npz, jets, arrays);
            file.report = file.validateJetTable(policy);
            return file;
        } catch (IOException | RuntimeException e) {
            npz.close();
            throw e;
        }
    }

    private static void checkShape(Path path, JetArray array, NpyArray data) throws NpyFormatException {
        long[] shape = data.shape();
        long[] row = array.rowShape();
        boolean ok = shape.length == row.length + 1;
        for (int i = 0; ok && i < row.length; i++) {
            ok = shape[i + 1] == row[i];
        }
        if (!ok) {
            String expected = "(N, " + Arrays.toString(row).replace("[", "").replace("]", "") + ")";
            String problem = array == JetArray.JETS && shape.length == 2
                ? "has " + shape[1] + " columns, expected 52 (jet_pt ... the integer truth), shape " + expected
                : "has shape " + Arrays.toString(shape) + ", expected " + expected;
            throw new NpyFormatException(path, array.entryName() + ".npy", problem);
        }
    }

    private ValidationReport validateJetTable(ContentPolicy policy) throws IOException {
        NpyArray table = arrays.get(JetArray.JETS);
        long nonFinite = 0;
        long inconsistent = 0;
        List<Long> first = new ArrayList<>();
        for (long from = 0; from < jetCount; from += CHUNK_ROWS) {
            long to = Math.min(jetCount, from + CHUNK_ROWS);
            float[] rows = table.rowsAsFloatArray(from, to);
            int n = (int) (to - from);
            for (int r = 0; r < n; r++) {
                long jet = from + r;
                for (int c = 0; c < JetColumn.COUNT; c++) {
                    float v = rows[r * JetColumn.COUNT + c];
                    if (!Float.isFinite(v)) {
                        nonFinite++;
                        if (policy == ContentPolicy.REJECT) {
                            throw new NpyFormatException(path(), "arr_0.npy", "row " + jet + ", column " + c + " "
                                + JetColumn.fromIndex(c).columnName() + ": value " + v + " is not finite");
                        }
                    }
                }
                String problem = truthProblem(rows, r);
                if (problem != null) {
                    inconsistent++;
                    if (first.size() < ValidationReport.MAX_LISTED) {
                        first.add(jet);
                    }
                    if (policy == ContentPolicy.REJECT) {
                        throw new NpyFormatException(path(), "arr_0.npy", "row " + jet + ": " + problem);
                    }
                }
            }
        }
        List<String> extra = new ArrayList<>();
        for (String name : npz.names()) {
            if (!isTutorialEntry(name)) {
                extra.add(name);
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(JetArray.JETS.entryName(), nonFinite);
        return new ValidationReport(path(), jetCount, counts, inconsistent, first, extra,
            npz.contains(SYNTHETIC_ENTRY));
    }

    private static boolean isTutorialEntry(String name) {
        for (JetArray array : JetArray.values()) {
            if (array.entryName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a jet-table row's truth columns contradict each other, or {@code null} when they agree. Checks, in order:
     * the one-hot columns 43–49 (exactly one 1, the rest 0); column 50 against the code they imply
     * ({@link TrainingClass#truthCodeOfOneHot}); the detailed flags 19–30 (exactly one 1, feeding the same class);
     * column 51 (a valid code).
     *
     * @param jets jet-table rows, row-major with 52 columns
     * @param row the row within {@code jets}
     * @return a short description naming the column(s), or {@code null}
     */
    static String truthProblem(float[] jets, int row) {
        int base = row * JetColumn.COUNT;
        int code = TrainingClass.truthCodeOfOneHot(jets, row);
        if (code < 0) {
            return "one-hot columns 43-49 are not exactly one 1 and six 0s: "
                + Arrays.toString(Arrays.copyOfRange(jets, base + 43, base + 50));
        }
        float truth = jets[base + JetColumn.TRUTH.index()];
        if (truth != code) {
            return "column 50 (integer truth) is " + truth + " but the one-hot columns 43-49 imply " + code;
        }
        TruthFlag set = null;
        for (TruthFlag flag : TruthFlag.values()) {
            float v = jets[base + flag.column(false).index()];
            if (v == 1f) {
                if (set != null) {
                    return "detailed truth flags " + set.column(false).columnName() + " and "
                        + flag.column(false).columnName() + " are both set";
                }
                set = flag;
            } else if (v != 0f) {
                return "detailed truth flag column " + flag.column(false).index() + " "
                    + flag.column(false).columnName() + " is " + v + ", not 0 or 1";
            }
        }
        if (set == null) {
            return "no detailed truth flag (columns 19-30) is set";
        }
        if (set.flavour().truthCode() != code) {
            return "detailed truth flag " + set.column(false).columnName() + " disagrees with column 50 = " + code;
        }
        if (Flavour.fromTruthValue(jets[base + JetColumn.TRUTH_PHYS.index()]) == null) {
            return "column 51 (isPhys integer truth) is " + jets[base + JetColumn.TRUTH_PHYS.index()]
                + ", not one of 5, 4, 1, 21, 0";
        }
        return null;
    }

    /**
     * The file.
     *
     * @return its path
     */
    public Path path() {
        return npz.path();
    }

    /**
     * The number of jets N (rows of every array).
     *
     * @return N
     */
    public long jetCount() {
        return jetCount;
    }

    /**
     * The jet count as an int, for in-memory use.
     *
     * @return N
     * @throws IllegalStateException when N exceeds {@code Integer.MAX_VALUE}
     */
    public int jetCountAsInt() {
        if (jetCount > Integer.MAX_VALUE) {
            throw new IllegalStateException(path() + " has " + jetCount + " jets, too many to index with an int");
        }
        return (int) jetCount;
    }

    /**
     * What validation found in the content ({@code arr_0}; after {@link #scanAllArrays()} all arrays).
     *
     * @return the report
     */
    public ValidationReport report() {
        return report;
    }

    /**
     * Whether the file carries btag's synthetic-sample marker entry {@value #SYNTHETIC_ENTRY}; outputs made from such
     * a file must say "Synthetic sample — not CMS data".
     *
     * @return {@code true} for the synthetic sample
     */
    public boolean isSynthetic() {
        return npz.contains(SYNTHETIC_ENTRY);
    }

    /**
     * The text of the synthetic marker entry (UTF-8 bytes), e.g. its generator, seed and note.
     *
     * @return the text, or empty when the file is not synthetic
     * @throws IOException when the entry cannot be read
     */
    public Optional<String> syntheticNote() throws IOException {
        if (!isSynthetic()) {
            return Optional.empty();
        }
        int[] values = npz.get(SYNTHETIC_ENTRY).toIntArray();
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Scans every array (in chunks) for NaN and infinite values and returns the updated report, which
     * {@link #report()} returns from then on. Reads the whole file once (about 1 GB for 20,000 jets).
     *
     * @return the report with a count for every array
     */
    public ValidationReport scanAllArrays() {
        Map<String, Long> counts = new LinkedHashMap<>(report.nonFinite());
        for (JetArray array : JetArray.values()) {
            if (array == JetArray.JETS) {
                continue;
            }
            NpyArray data = arrays.get(array);
            long rowsPerChunk = Math.max(1, (1 << 20) / array.valuesPerJet());
            long count = 0;
            for (long from = 0; from < jetCount; from += rowsPerChunk) {
                float[] values = data.rowsAsFloatArray(from, Math.min(jetCount, from + rowsPerChunk));
                for (float v : values) {
                    if (!Float.isFinite(v)) {
                        count++;
                    }
                }
            }
            counts.put(array.entryName(), count);
        }
        report = new ValidationReport(report.path(), jetCount, counts, report.inconsistentTruthRows(),
            report.firstInconsistentRows(), report.extraEntries(), report.synthetic());
        return report;
    }

    /**
     * The lazy array view of one of the six arrays, valid until this file is closed.
     *
     * @param array which array
     * @return its view
     */
    public NpyArray array(JetArray array) {
        return arrays.get(array);
    }

    /**
     * Jets {@code [from, to)} of an array, C order, {@code (to - from) * array.valuesPerJet()} floats.
     *
     * @param array which array
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return a new array
     * @throws IndexOutOfBoundsException for a range outside {@code [0, jetCount()]}
     */
    public float[] rows(JetArray array, long from, long to) {
        return arrays.get(array).rowsAsFloatArray(from, to);
    }

    /**
     * One column of the jet table for every jet.
     *
     * @param column the column
     * @return a new array of {@link #jetCount()} values
     */
    public float[] column(JetColumn column) {
        return columns(new int[] {column.index()}, 0, jetCount);
    }

    /**
     * The features of jets {@code [from, to)}: row-major, {@code features.size()} values per jet in feature order.
     *
     * @param features the columns to take
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return a new array of {@code (to - from) * features.size()} values
     */
    public float[] features(FeatureSet features, long from, long to) {
        return columns(features.indices(), from, to);
    }

    /**
     * The seeding tracks ({@code arr_1}) of jets {@code [from, to)}: (to - from) × 10 × 21 values, C order.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return a new array
     */
    public float[] tracks(long from, long to) {
        return rows(JetArray.SEEDING_TRACKS, from, to);
    }

    /**
     * The six-class labels (columns 43–48, {@link TrainingClass} order) of jets {@code [from, to)}, row-major; an
     * undefined jet has an all-zero row, as {@code arr_0[:, -9:-3]} in Keras.
     *
     * @param from first jet, inclusive
     * @param to end jet, exclusive
     * @return a new array of {@code (to - from) * 6} values
     */
    public float[] oneHotLabels(long from, long to) {
        int[] indices = new int[TrainingClass.COUNT];
        for (TrainingClass c : TrainingClass.values()) {
            indices[c.ordinal()] = c.column().index();
        }
        return columns(indices, from, to);
    }

    /**
     * The integer truth (column 50) of every jet: 5, 4, 1, 21 or 0, and -1 where the stored value is no valid code
     * (counted as inconsistent in the {@link #report()}).
     *
     * @return a new array of {@link #jetCount()} codes
     */
    public int[] truthCodes() {
        float[] values = column(JetColumn.TRUTH);
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            Flavour flavour = Flavour.fromTruthValue(values[i]);
            codes[i] = flavour == null ? -1 : flavour.truthCode();
        }
        return codes;
    }

    private float[] columns(int[] indices, long from, long to) {
        if (from < 0 || to < from || to > jetCount) {
            throw new IndexOutOfBoundsException(
                "jets [" + from + ", " + to + ") of " + path() + " (it has " + jetCount + ")");
        }
        long total = (to - from) * indices.length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many values for one Java array: " + total);
        }
        float[] out = new float[(int) total];
        NpyArray table = arrays.get(JetArray.JETS);
        int k = 0;
        for (long start = from; start < to; start += CHUNK_ROWS) {
            long end = Math.min(to, start + CHUNK_ROWS);
            float[] rows = table.rowsAsFloatArray(start, end);
            int n = (int) (end - start);
            for (int r = 0; r < n; r++) {
                int base = r * JetColumn.COUNT;
                for (int index : indices) {
                    out[k++] = rows[base + index];
                }
            }
        }
        return out;
    }

    /**
     * Closes the archive; array views and lazy reads become invalid.
     *
     * @throws IOException when closing fails
     */
    @Override
    public void close() throws IOException {
        npz.close();
    }
}
