package dev.btag.models.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam with Keras' defaults (beta1 0.9, beta2 0.999, epsilon 1e-7) whose state can be saved and restored, so a
 * resumed training continues exactly where it stopped. The update is DJL's fused Adam kernel, as in
 * {@code ai.djl.training.optimizer.Adam}: {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code w -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)}, with {@code t} the per-parameter update count.
 * DJL's own Adam keeps its moments private; this one exposes them through {@link #exportState()} and
 * {@link #importState(byte[], NDManager)}.
 */
public final class TaggerAdam extends Optimizer {

    private static final int STATE_VERSION = 1;

    private final Tracker learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final Map<String, Map<Device, NDArray>> means = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, NDArray>> variances = new ConcurrentHashMap<>();
    private final Map<String, Map<Device, Integer>> counts = new ConcurrentHashMap<>();
    private final Map<String, Saved> pending = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();

    private record Saved(int count, NDArray mean, NDArray variance) { }

    /**
     * Creates the optimiser.
     *
     * @param learningRate the learning-rate schedule, read at every update (the trainer passes the run's
     *     {@link TrainingContext#learningRate()}, which {@link PlateauLearningRate} lowers)
     */
    public TaggerAdam(Tracker learningRate) {
        super(new Builder());
        this.learningRate = learningRate;
        this.beta1 = 0.9f;
        this.beta2 = 0.999f;
        this.epsilon = 1e-7f;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        Device device = weight.getDevice();
        Map<Device, Integer> deviceCounts = counts.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>());
        Saved saved = pending.get(nameOf(parameterId));
        if (saved != null && !deviceCounts.containsKey(device)) {
            deviceCounts.put(device, saved.count);
            means.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>())
                .put(device, saved.mean.toDevice(device, true));
            variances.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>())
                .put(device, saved.variance.toDevice(device, true));
        }
        int t = deviceCounts.merge(device, 1, Integer::sum);
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float lr = learningRate.getNewValue(parameterId, t);
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        NDArray m = withDefaultState(means, parameterId, device, k -> weight.zerosLike());
        NDArray v = withDefaultState(variances, parameterId, device, k -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight), lr, corrected,
            getWeightDecay(), rescaleGrad, clipGrad, beta1, beta2, epsilon, true, false);
    }

    /**
     * Gives the parameters stable names (their paths in the block, for example {@code 02Linear_weight}); the
     * exported state is keyed by these, since DJL's parameter ids are random per model instance.
     *
     * @param idToName parameter id to name
     */
    public void nameParameters(Map<String, String> idToName) {
        names.putAll(idToName);
    }

    private String nameOf(String parameterId) {
        return names.getOrDefault(parameterId, parameterId);
    }

    /**
     * Serialises the moments and update counts (of the first device holding each parameter).
     *
     * @return the state, for {@link #importState(byte[], NDManager)}
     */
    public byte[] exportState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_VERSION);
            Map<String, Saved> state = new TreeMap<>(pending);
            for (Map.Entry<String, Map<Device, NDArray>> e : means.entrySet()) {
                Device device = e.getValue().keySet().iterator().next();
                state.put(nameOf(e.getKey()), new Saved(counts.get(e.getKey()).get(device), e.getValue().get(device),
                    variances.get(e.getKey()).get(device)));
            }
            out.writeInt(state.size());
            for (Map.Entry<String, Saved> e : state.entrySet()) {
                write(out, e.getKey(), e.getValue().count, e.getValue().mean, e.getValue().variance);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, String id, int count, NDArray m, NDArray v) throws IOException {
        out.writeUTF(id);
        out.writeInt(count);
        byte[] mb = m.encode();
        out.writeInt(mb.length);
        out.write(mb);
        byte[] vb = v.encode();
        out.writeInt(vb.length);
        out.write(vb);
    }

    /**
     * Restores state written by {@link #exportState()}; it takes effect at each parameter's next update.
     *
     * @param state the serialised state
     * @param manager the manager that will own the restored arrays (the model's)
     * @throws IOException if the state is damaged or of another version
     */
    public void importState(byte[] state, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int version = in.readInt();
            if (version != STATE_VERSION) {
                throw new IOException("optimiser state version " + version + " is not supported (expected "
                    + STATE_VERSION + ")");
            }
            int n = in.readInt();
            means.clear();
            variances.clear();
            counts.clear();
            pending.clear();
            for (int i = 0; i < n; i++) {
                String id = in.readUTF();
                int count = in.readInt();
                NDArray m = NDArray.decode(manager, in.readNBytes(in.readInt()));
                NDArray v = NDArray.decode(manager, in.readNBytes(in.readInt()));
                pending.put(id, new Saved(count, m, v));
            }
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
