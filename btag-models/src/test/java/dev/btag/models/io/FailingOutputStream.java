package dev.btag.models.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.UnaryOperator;

/** Fault injection without root: a stream that takes {@code budget} bytes, then fails like a full disk. */
final class FailingOutputStream extends FilterOutputStream {

    /** The message of the injected error, the JDK's for {@code ENOSPC}. */
    static final String NO_SPACE = "No space left on device";

    private long budget;

    private FailingOutputStream(OutputStream out, long budget) {
        super(out);
        this.budget = budget;
    }

    /**
     * A wrapper for the writers' fault-injection seams.
     *
     * @param budget bytes accepted before writes fail
     * @return wraps a stream in a failing one
     */
    static UnaryOperator<OutputStream> after(long budget) {
        return out -> new FailingOutputStream(out, budget);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int n = (int) Math.min(len, budget);
        out.write(b, off, n);
        budget -= n;
        if (n < len) {
            throw new IOException(NO_SPACE);
        }
    }
}
