package dev.btag.data.dataset;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import java.nio.ByteBuffer;
import java.util.List;

/** A batch that returns its direct buffers to the pool when closed. */
final class PooledBatch extends Batch {
    private final BufferPool pool;
    private final List<ByteBuffer> used;
    private boolean closed;

    PooledBatch(NDManager manager, NDList data, NDList labels, int size, long progress, long total,
                List<Integer> indices, BufferPool pool, List<ByteBuffer> used) {
        super(manager, data, labels, size, Batchifier.STACK, Batchifier.STACK, progress, total, indices);
        this.pool = pool;
        this.used = used;
    }

    @Override
    public void close() {
        super.close();
        if (!closed) {
            closed = true;
            pool.give(used);
        }
    }

    /** The row indices of a batch as a read-only list, boxed only when read. */
    static final class RowList extends java.util.AbstractList<Integer> implements java.util.RandomAccess {
        private final int[] rows;

        RowList(int[] rows) {
            this.rows = rows;
        }

        @Override
        public Integer get(int index) {
            return rows[index];
        }

        @Override
        public int size() {
            return rows.length;
        }
    }
}
