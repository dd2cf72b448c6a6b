package dev.btag.data.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reusable native-order direct buffers for batch arrays, pooled by exact size. Fresh direct buffers are expensive
 * (the memory is mapped and zeroed each time, and freed only by the garbage collector); a dataset keeps the buffers
 * of closed batches and hands them out again. Thread-safe.
 */
final class BufferPool {

    private static final int MAX_PER_SIZE = 16;

    private final Map<Integer, Queue<ByteBuffer>> free = new ConcurrentHashMap<>();

    /** A direct buffer of exactly {@code floats} float32 values, position 0, native byte order. */
    ByteBuffer take(int floats) {
        int bytes = floats * Float.BYTES;
        Queue<ByteBuffer> queue = free.get(bytes);
        ByteBuffer buffer = queue == null ? null : queue.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        return buffer;
    }

    /** Returns buffers for reuse (their contents may be overwritten from now on). */
    void give(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            Queue<ByteBuffer> queue = free.computeIfAbsent(buffer.capacity(), k -> new ConcurrentLinkedQueue<>());
            if (queue.size() < MAX_PER_SIZE) {
                queue.offer(buffer);
            }
        }
    }
}
