package dev.btag.models.train;

/** How {@link ProgressListener} shows the progress of the training epochs. */
public enum ProgressMode {
    /** {@link #BAR} when the JVM has a console ({@code System.console() != null}), {@link #LINES} otherwise. */
    AUTO,
    /** A progress bar per epoch, redrawn with carriage returns a few times a second: for a terminal. */
    BAR,
    /** One line per epoch, written when the epoch ends: for a log file or a pipe. */
    LINES;

    /**
     * Resolves {@link #AUTO} for this JVM.
     *
     * @return {@link #BAR} or {@link #LINES}
     */
    public ProgressMode resolve() {
        if (this != AUTO) {
            return this;
        }
        return System.console() != null ? BAR : LINES;
    }
}
