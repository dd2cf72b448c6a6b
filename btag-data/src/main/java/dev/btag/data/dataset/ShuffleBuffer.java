package dev.btag.data.dataset;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The shuffle buffer of a {@link StreamingJetDataset}, as {@code tf.data}'s: it holds up to {@code capacity} jets;
 * once full, each incoming jet takes the place of a jet drawn at random, which goes into the batch being filled. At
 * the end of the stream the jets left are emitted in a random order. With capacity 0 jets pass straight through in
 * stream order. Batches of {@code batchSize} jets (the last may be smaller) go to a sink. Not thread-safe: one
 * assembler thread owns it.
 */
final class ShuffleBuffer {

    /**
     * A batch ready to become arrays: the first {@code size} jets of each array are filled; {@code objects} holds one
     * array per collection (none without a collection).
     */
    record ReadyBatch(int size, float[] features, float[][] objects, float[] labels) {
    }

    private final int capacity;
    private final int f;
    /** The values per jet of each collection, O × V. */
    private final int[] ov;
    private final int k;
    private final int batchSize;
    private final SplittableRandom random;
    private final Consumer<ReadyBatch> sink;
    private final float[] bufferFeatures;
    private final float[][] bufferObjects;
    private final float[] bufferLabels;
    private int size;
    private ReadyBatch batch;
    private int filled;

    ShuffleBuffer(int capacity, int features, int[] objectValues, int classes, int batchSize, SplittableRandom random,
                  Consumer<ReadyBatch> sink) {
        this.capacity = capacity;
        this.f = features;
        this.ov = objectValues.clone();
        this.k = classes;
        this.batchSize = batchSize;
        this.random = random;
        this.sink = sink;
        this.bufferFeatures = new float[capacity * f];
        this.bufferObjects = objectArrays(capacity);
        this.bufferLabels = new float[capacity * k];
        this.batch = newBatch();
    }

    private ReadyBatch newBatch() {
        return new ReadyBatch(batchSize, new float[batchSize * f], objectArrays(batchSize), new float[batchSize * k]);
    }

    /** One array of {@code jets × O × V} values per collection. */
    private float[][] objectArrays(int jets) {
        float[][] arrays = new float[ov.length][];
        for (int j = 0; j < ov.length; j++) {
            arrays[j] = new float[jets * ov[j]];
        }
        return arrays;
    }

    /** Copies the objects of one jet between two sets of per-collection arrays. */
    private void copyObjects(float[][] from, int fromJet, float[][] to, int toJet) {
        for (int j = 0; j < ov.length; j++) {
            System.arraycopy(from[j], fromJet * ov[j], to[j], toJet * ov[j], ov[j]);
        }
    }

    /** Adds the jets of a block, emitting what the buffer pushes out. */
    void add(JetBlock block) {
        for (int i = 0; i < block.jets(); i++) {
            if (capacity == 0) {
                emit(block.features(), block.objects(), block.labels(), i);
            } else if (size < capacity) {
                store(block, i, size++);
            } else {
                int slot = random.nextInt(capacity);
                emit(bufferFeatures, bufferObjects, bufferLabels, slot);
                store(block, i, slot);
            }
        }
    }

    /** Emits the jets left, in random order, and the last (partial) batch. */
    void finish() {
        for (int i = size - 1; i >= 0; i--) {
            int j = random.nextInt(i + 1);
            emit(bufferFeatures, bufferObjects, bufferLabels, j);
            if (j != i) {
                move(i, j);
            }
        }
        size = 0;
        if (filled > 0) {
            sink.accept(new ReadyBatch(filled, batch.features(), batch.objects(), batch.labels()));
            filled = 0;
        }
    }

    private void store(JetBlock block, int jet, int slot) {
        System.arraycopy(block.features(), jet * f, bufferFeatures, slot * f, f);
        copyObjects(block.objects(), jet, bufferObjects, slot);
        System.arraycopy(block.labels(), jet * k, bufferLabels, slot * k, k);
    }

    private void move(int from, int to) {
        System.arraycopy(bufferFeatures, from * f, bufferFeatures, to * f, f);
        copyObjects(bufferObjects, from, bufferObjects, to);
        System.arraycopy(bufferLabels, from * k, bufferLabels, to * k, k);
    }

    private void emit(float[] features, float[][] objects, float[] labels, int jet) {
        System.arraycopy(features, jet * f, batch.features(), filled * f, f);
        copyObjects(objects, jet, batch.objects(), filled);
        System.arraycopy(labels, jet * k, batch.labels(), filled * k, k);
        if (++filled == batchSize) {
            sink.accept(batch);
            batch = newBatch();
            filled = 0;
        }
    }
}
