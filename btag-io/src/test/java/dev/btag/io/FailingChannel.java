package dev.btag.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.UnaryOperator;

/**
 * Fault injection without root: a file channel that behaves like a disk with {@code budget} bytes free for a new
 * file. Writes that extend the file succeed until the budget is spent (the last one partially, as {@code write(2)}
 * does), then fail with {@code IOException("No space left on device")}; rewriting bytes already written costs
 * nothing, as on a real disk.
 */
public final class FailingChannel extends FileChannel {

    /** The message of the injected error, the same as the JDK's for {@code ENOSPC}. */
    public static final String NO_SPACE = "No space left on device";

    private final FileChannel delegate;
    private long budget;
    private long end;

    private FailingChannel(FileChannel delegate, long budget) {
        this.delegate = delegate;
        this.budget = budget;
    }

    /**
     * A wrapper for the writers' fault-injection seams.
     *
     * @param budget bytes that can be written before writes fail
     * @return wraps a channel in a failing one
     */
    public static UnaryOperator<FileChannel> after(long budget) {
        return channel -> new FailingChannel(channel, budget);
    }

    /** Writes at {@code position}; only bytes beyond the end written so far use up the budget. */
    private int limited(ByteBuffer src, long position, IoWrite write) throws IOException {
        long allowed = Math.max(0, end + budget - position);
        if (allowed == 0 && src.hasRemaining()) {
            throw new IOException(NO_SPACE);
        }
        int limit = src.limit();
        src.limit(src.position() + (int) Math.min(src.remaining(), allowed));
        try {
            int written = write.apply(src);
            long grown = Math.max(0, position + written - end);
            budget -= grown;
            end += grown;
            return written;
        } finally {
            src.limit(limit);
        }
    }

    @FunctionalInterface
    private interface IoWrite {
        int apply(ByteBuffer src) throws IOException;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return limited(src, delegate.position(), delegate::write);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return limited(src, position, b -> delegate.write(b, position));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        throw new UnsupportedOperationException("not needed by the writers under test");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new UnsupportedOperationException("not needed by the writers under test");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
