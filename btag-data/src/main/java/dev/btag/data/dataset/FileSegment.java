package dev.btag.data.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows {@code [from, to)} of one file of a {@link StreamingJetDataset}.
 *
 * @param file the file's index in {@link StreamingJetDataset#files()}
 * @param from first row
 * @param to end row
 */
public record FileSegment(int file, long from, long to) {

    /** Segments cut after {@code splitAt} jets: those before, and those after. */
    static List<List<FileSegment>> cut(List<FileSegment> segments, long splitAt) {
        List<FileSegment> before = new ArrayList<>();
        List<FileSegment> after = new ArrayList<>();
        long seen = 0;
        for (FileSegment s : segments) {
            long n = s.to() - s.from();
            long at = Math.max(0, Math.min(n, splitAt - seen));
            if (at > 0) {
                before.add(new FileSegment(s.file(), s.from(), s.from() + at));
            }
            if (at < n) {
                after.add(new FileSegment(s.file(), s.from() + at, s.to()));
            }
            seen += n;
        }
        return List.of(before, after);
    }
}
