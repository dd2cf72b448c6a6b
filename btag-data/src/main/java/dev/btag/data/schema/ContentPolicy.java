package dev.btag.data.schema;

/** What {@link TutorialFile#open(java.nio.file.Path, ContentPolicy)} does with suspicious content. */
public enum ContentPolicy {
    /** Count non-finite values and inconsistent truth rows in the {@link ValidationReport}; open anyway. */
    REPORT,
    /** Reject the file on the first non-finite value or inconsistent truth row, naming its row and column. */
    REJECT
}
