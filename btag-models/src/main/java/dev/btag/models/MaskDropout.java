package dev.btag.models;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Inverted dropout, as Keras' {@code Dropout(rate)} and DJL's {@code Dropout}: during training each element is
 * zeroed with probability {@code rate} and the survivors are multiplied by {@code 1 / (1 - rate)}; at inference the
 * block is the identity. Gradients flow through the multiplication by the mask.
 *
 * <p>Why not DJL's block: on the CPU, libtorch's dropout draws one Mersenne-Twister number per element in a serial
 * loop (about 10 ns per element on the development machine). The taggers' heads and 1x1 convolutions drop about a
 * million activations per batch of 512, which made mask drawing a fifth of a CNN training step. This block draws the
 * mask in Java with {@link SplittableRandom} (two elements per 64-bit draw) and hands it to the engine as one
 * float32 array, a third to a half of libtorch's cost (measurements in docs/performance.md). On a GPU the engine's
 * dropout is used instead: there the mask is drawn on the device and a copy from the host would cost more.
 *
 * <p>Reproducibility: the stream is seeded from {@link #reseed(long)} (which {@code TaggerTrainer} calls every epoch
 * with a value derived from its seed and the epoch) or, if that was never called, from the engine's random seed when
 * one was set, at the first training pass and again whenever that seed changes (setting the same engine seed twice
 * does not restart the masks; {@link #reseed(long)} does); otherwise from an unpredictable seed. Each dropout layer
 * of a tagger mixes its own index into the seed, so layers draw independent masks. Not thread-safe while training
 * (training is single-threaded per block); inference touches no state.
 *
 * <p>The drop decision compares 32 random bits with {@code rate * 2^32}, so the realised drop probability differs
 * from {@code rate} by less than {@code 2^-32}.
 */
final class MaskDropout extends AbstractBlock {

    /** Same as DJL's {@code Dropout}, whose saved form (input shapes only) this block writes and reads. */
    private static final byte VERSION = 2;

    private final float rate;
    private final long layer;
    private final long threshold;
    private final float keepScale;
    private SplittableRandom random;
    private boolean explicitSeed;
    private Integer engineSeed;
    private ByteBuffer direct = ByteBuffer.allocateDirect(0);
    private FloatBuffer floats = direct.asFloatBuffer();

    /**
     * Creates the block.
     *
     * @param rate the probability of dropping an element, in [0, 1)
     * @param layer this layer's index among the tagger's dropout layers (mixed into the seed)
     */
    MaskDropout(float rate, int layer) {
        super(VERSION);
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.layer = layer;
        this.threshold = (long) Math.floor(rate * 4294967296.0);
        this.keepScale = 1f / (1f - rate);
    }

    /**
     * Restarts the mask stream from a seed; the same seed gives the same masks for the same sequence of inputs.
     *
     * @param seed any value
     */
    void reseed(long seed) {
        random = stream(seed);
        explicitSeed = true;
    }

    /**
     * The stream for a seed and this layer. The seed goes through a non-linear mixer and {@code split()} draws a
     * fresh increment: {@code new SplittableRandom(s)} alone would make the streams of nearby seeds shifted copies of
     * each other (its constructor adds a fixed increment per draw), so consecutive epochs would reuse masks.
     */
    private SplittableRandom stream(long seed) {
        return new SplittableRandom(fmix64(fmix64(seed) + layer + 1)).split();
    }

    /** MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output. */
    private static long fmix64(long h) {
        long k = h;
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training || rate == 0f) {
            return new NDList(x);
        }
        if (!Device.Type.CPU.equals(x.getDevice().getDeviceType())) {
            return x.getNDArrayInternal().dropout(x, rate, true);
        }
        Shape shape = x.getShape();
        try (NDArray mask = maskArray(x.getManager(), shape)) {
            return new NDList(x.mul(mask));
        }
    }

    /**
     * The mask as an engine-owned array. The values are drawn into one direct buffer that this block reuses: an array
     * made from a direct buffer by DJL shares its memory and keeps the buffer alive until the Java garbage collector
     * runs, so a fresh buffer per batch would pile up native memory between collections. The mask is therefore
     * copied into engine memory ({@code duplicate}) and the view on the buffer closed at once.
     */
    private NDArray maskArray(NDManager manager, Shape shape) {
        int n = Math.toIntExact(shape.size());
        if (direct.capacity() < n * Float.BYTES) {
            direct = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
            floats = direct.asFloatBuffer();
        }
        fill(floats, n);
        direct.clear().limit(n * Float.BYTES);
        try (NDArray view = manager.create(direct, shape, DataType.FLOAT32)) {
            return view.duplicate();
        }
    }

    /** Writes 0 or 1 / (1 - rate) into the first n elements of m. */
    private void fill(FloatBuffer m, int n) {
        SplittableRandom r = stream();
        long t = threshold;
        float keep = keepScale;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            long bits = r.nextLong();
            m.put(i, (bits & 0xFFFFFFFFL) < t ? 0f : keep);
            m.put(i + 1, (bits >>> 32) < t ? 0f : keep);
        }
        if (i < n) {
            m.put(i, (r.nextLong() & 0xFFFFFFFFL) < t ? 0f : keep);
        }
    }

    private SplittableRandom stream() {
        if (!explicitSeed) {
            Integer seed = Engine.getInstance().getSeed();
            if (random == null || !Objects.equals(seed, engineSeed)) {
                engineSeed = seed;
                random = seed == null ? new SplittableRandom() : stream(seed);
            }
        }
        return random;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "MaskDropout(rate=" + rate + ")";
    }
}
