package dev.btag.data.schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What {@link TutorialFile#open} found in a file's content besides its layout, which it has already checked: values
 * that are not finite and truth rows that contradict themselves. Such rows are counted, never repaired or silently
 * dropped; the caller decides ({@link #requireClean()} turns any finding into an exception). This class is immutable.
 *
 * @param path the file
 * @param jetCount the number of jets N
 * @param nonFinite NaN and infinite values per array entry name ({@code arr_0} always; the other arrays only after
 *     {@link TutorialFile#scanAllArrays()}, otherwise absent)
 * @param inconsistentTruthRows rows of {@code arr_0} whose truth columns contradict each other: the one-hot
 *     columns 43–49 are not exactly one 1 and six 0s, column 50 is not the code they imply, the detailed flags 19–30
 *     are not exactly one 1 or feed another class, or column 51 is no valid truth code
 * @param firstInconsistentRows up to {@value #MAX_LISTED} indices of such rows, ascending
 * @param extraEntries archive entries besides {@code arr_0} … {@code arr_5}, in archive order
 * @param synthetic whether the file carries btag's synthetic-sample marker entry
 */
public record ValidationReport(Path path, long jetCount, Map<String, Long> nonFinite, long inconsistentTruthRows,
                               List<Long> firstInconsistentRows, List<String> extraEntries, boolean synthetic) {

    /** How many inconsistent row indices a report lists at most. */
    public static final int MAX_LISTED = 10;

    /**
     * Copies the collections.
     *
     * @param path the file
     * @param jetCount the number of jets
     * @param nonFinite NaN and infinite values per array entry name
     * @param inconsistentTruthRows the number of inconsistent truth rows
     * @param firstInconsistentRows the first of them
     * @param extraEntries entries besides arr_0 ... arr_5
     * @param synthetic whether the synthetic marker is present
     */
    public ValidationReport {
        Objects.requireNonNull(path, "path");
        nonFinite = java.util.Collections.unmodifiableMap(new TreeMap<>(nonFinite));
        firstInconsistentRows = List.copyOf(firstInconsistentRows);
        extraEntries = List.copyOf(extraEntries);
    }

    /**
     * The total number of NaN and infinite values found.
     *
     * @return the sum over {@link #nonFinite()}
     */
    public long nonFiniteTotal() {
        long total = 0;
        for (long n : nonFinite.values()) {
            total += n;
        }
        return total;
    }

    /**
     * Whether nothing suspicious was found.
     *
     * @return {@code true} when there are no non-finite values and no inconsistent truth rows
     */
    public boolean isClean() {
        return nonFiniteTotal() == 0 && inconsistentTruthRows == 0;
    }

    /**
     * Throws when the report is not clean.
     *
     * @return this report, for chaining
     * @throws IllegalStateException naming the file and what was found
     */
    public ValidationReport requireClean() {
        if (!isClean()) {
            throw new IllegalStateException(summary());
        }
        return this;
    }

    /**
     * The policy of training and evaluation for truth rows that contradict themselves: refuse the file. A row whose
     * one-hot classes and integer truth disagree would be trained as one class and judged as another, so no result
     * made from it can be trusted; the message lists the first rows so they can be fixed or removed.
     *
     * @return this report, for chaining
     * @throws IllegalArgumentException when there are inconsistent truth rows, naming the file, their count and the
     *     first of them
     */
    public ValidationReport requireConsistentTruth() {
        if (inconsistentTruthRows > 0) {
            throw new IllegalArgumentException(path + ": " + inconsistentTruthRows + " of " + jetCount
                + " jets have truth columns that contradict each other (one-hot columns 43-49, integer truth 50,"
                + " flags 19-30; first rows: " + firstInconsistentRows.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", ")) + "); btag refuses to train or evaluate on them:"
                + " fix or remove those rows");
        }
        return this;
    }

    /**
     * One line for logs and the command line, e.g. {@code "train.npz: 20000 jets, 0 non-finite values, 3
     * inconsistent truth rows (first: 17, 512, 9000)"}.
     *
     * @return the summary
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(path).append(": ").append(jetCount).append(" jets, ");
        sb.append(nonFiniteTotal()).append(" non-finite values");
        if (nonFiniteTotal() > 0) {
            sb.append(' ').append(nonFinite);
        }
        sb.append(", ").append(inconsistentTruthRows).append(" inconsistent truth rows");
        if (!firstInconsistentRows.isEmpty()) {
            sb.append(" (first: ");
            for (int i = 0; i < firstInconsistentRows.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(firstInconsistentRows.get(i));
            }
            sb.append(')');
        }
        if (synthetic) {
            sb.append(", synthetic sample");
        }
        return sb.toString();
    }
}
