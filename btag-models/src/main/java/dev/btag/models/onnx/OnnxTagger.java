package dev.btag.models.onnx;

import ai.djl.translate.TranslateException;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.models.predict.JetInputs;
import dev.btag.models.predict.JetScorer;
import dev.btag.models.predict.Predictions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An ONNX model used as a tagger, run in ONNX Runtime (its own Java API): an exported btag tagger or a model from
 * another framework. Raw features (and the objects of the collections it reads) in, N x classes probabilities out.
 *
 * <p>Inputs are matched by name: {@link OnnxNames#FEATURES}, and one input per collection of the layout the model is
 * opened with ({@link Options.Builder#optLayout}, the tutorial's by default), named after the collection
 * ({@link OnnxNames#TRACKS} also stands for the layout's first collection when none has that name). Every input of
 * the model must be one that btag can feed, float32, rank 2 for the features and 3 for a collection, (batch, objects,
 * variables), with fixed sizes that agree with btag's (the features' count; the collection's variables and, for the
 * tutorial's arrays, its object slots); otherwise opening fails with an {@link OnnxModelException} naming the input
 * and both shapes. The model's collection inputs, in the model's input order ({@link #collectionNames()}), are the
 * collections of {@link JetInputs}; btag's exported DeepJet-style tagger has one per branch (charged, neutral,
 * vertices), its track taggers one ({@code tracks}), the DNN none. The feature names come from the model's
 * {@value OnnxNames#INPUTS} metadata; a model without it reads the tutorial's 15 features when its features input
 * has 15 columns (or a dynamic width). The output is the one named {@link OnnxNames#PROBABILITIES}, or the only one.
 * A fixed batch size in the model is honoured (the last batch is padded). With {@link OutputKind#LOGITS} a softmax
 * is applied; with {@link OutputKind#PROBABILITIES} rows that are not probabilities are refused.
 *
 * <p>Thread-safe: ONNX Runtime sessions may run concurrently, and each calling thread keeps its own input buffers.
 * Close it when done.
 */
public final class OnnxTagger implements JetScorer {

    /** Jets per call into ONNX Runtime, unless the model fixes its batch size. */
    public static final int DEFAULT_BATCH_SIZE = 4096;
    /**
     * ONNX Runtime's default intra-op thread count here. One thread: ONNX Runtime's LSTM and GRU kernels split every
     * time step over the threads, and on the 2-vCPU development machine two (non-spinning) threads made the GRU 4-18x
     * and the LSTM up to 1.4x slower than one, while the DNN gained nothing and the 1x1-CNN 1.3-1.6x
     * (docs/performance.md). One thread is also what an event loop that scores one jet at a time wants.
     */
    public static final int DEFAULT_THREADS = 1;
    /** A probability row may miss 1 by this much (float32 softmax rounding is far smaller). */
    private static final double ROW_SUM_TOLERANCE = 1e-3;

    private final String name;
    private final OrtSession session;
    private final OutputKind outputKind;
    private final Map<String, String> metadata;
    private final List<String> featureNames;
    private final List<OnnxSignature.CollectionInput> collections;
    private final Layout layout;
    private final String output;
    /** The one output asked of each run. */
    private final Set<String> requested;
    private final int classes;
    private final int batchSize;
    private final boolean paddedBatch;
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    private OnnxTagger(Path file, OrtSession session, Options options) throws IOException, OrtException {
        this.name = file.getFileName().toString();
        this.session = session;
        this.outputKind = options.outputKind;
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
        this.layout = options.layout;
        OnnxSignature signature = OnnxSignature.match(file, session, metadata, layout);
        this.featureNames = signature.featureNames();
        this.collections = signature.collections();
        this.output = signature.output();
        this.requested = Set.of(output);
        this.classes = signature.classes();
        this.paddedBatch = signature.fixedBatch() > 0;
        this.batchSize = paddedBatch ? signature.fixedBatch() : options.batchSize;
    }

    /**
     * Opens a model whose output holds probabilities, with the default options.
     *
     * @param file an {@code .onnx} file
     * @return the tagger; close it
     * @throws IOException if the file is missing ({@link NoSuchFileException}), not an ONNX model, or its inputs or
     *     output do not match ({@link OnnxModelException}, one line naming the file)
     */
    public static OnnxTagger open(Path file) throws IOException {
        return open(file, options().build());
    }

    /**
     * Opens a model.
     *
     * @param file an {@code .onnx} file
     * @param options the output kind, threads and batch size
     * @return the tagger; close it
     * @throws IOException if the file is missing, not an ONNX model, or does not match (see {@link #open(Path)})
     */
    public static OnnxTagger open(Path file, Options options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "ONNX model not found");
        }
        return open(file, Files.readAllBytes(file), options);
    }

    /**
     * Opens a model held in memory (the agreement check runs an export before it is written).
     *
     * @param file the name to report, as if the model were this file
     * @param model the serialised model
     * @param options the options
     * @return the tagger
     * @throws OnnxModelException if the bytes are not a usable ONNX model
     */
    static OnnxTagger open(Path file, byte[] model, Options options) throws OnnxModelException {
        OrtSession session;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setInterOpNumThreads(1);
            if (options.threads > 0) {
                so.setIntraOpNumThreads(options.threads);
            }
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = environment().createSession(model, so);
        } catch (OrtException e) {
            throw new OnnxModelException(file, "not a valid ONNX model (" + oneLine(e) + ")", e);
        }
        try {
            return new OnnxTagger(file, session, options);
        } catch (OrtException | IOException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof OnnxModelException) {
                throw (OnnxModelException) e;
            }
            throw new OnnxModelException(file, "cannot read the model's inputs and outputs (" + oneLine(e) + ")", e);
        }
    }

    /**
     * Starts options: probabilities, {@value #DEFAULT_THREADS} intra-op thread, batches of
     * {@value #DEFAULT_BATCH_SIZE}.
     *
     * @return a new builder
     */
    public static Options.Builder options() {
        return new Options.Builder();
    }

    /** The ONNX Runtime environment, created once per JVM with warnings off. */
    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "btag");
    }

    /**
     * Returns the file's name.
     *
     * @return for example {@code tagger.onnx}
     */
    @Override
    public String name() {
        return name;
    }

    /**
     * Returns the number of output classes.
     *
     * @return 6 for the tutorial's classes
     */
    @Override
    public int classes() {
        return classes;
    }

    /**
     * Returns the model's custom metadata ({@link OnnxMetadata} describes btag's keys).
     *
     * @return an unmodifiable map
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Returns the features the model reads, in order.
     *
     * @return the names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Tells whether the model reads the tracks.
     *
     * @return {@code true} when it has a {@link OnnxNames#TRACKS} input
     */
    public boolean readsTracks() {
        return collectionNames().contains(OnnxNames.TRACKS);
    }

    /**
     * Returns the collection inputs the model reads, in the model's input order: the order of the collections of a
     * {@link JetInputs} given to {@link #predict(JetInputs)}.
     *
     * @return the input names, for example {@code [charged, neutral, vertices]}; empty for a model of the features
     *     only
     */
    public List<String> collectionNames() {
        return collections.stream().map(OnnxSignature.CollectionInput::name).toList();
    }

    /**
     * Predicts class probabilities.
     *
     * @param inputs raw features (N x F) and one raw (N x O x V) array per collection input, in the order of
     *     {@link #collectionNames()} (the tracks, N x 10 x 21, for a track tagger)
     * @return N x classes probabilities
     * @throws IllegalArgumentException if the array lengths do not fit N, or the model's rows are not probabilities
     *     (the message suggests {@link OutputKind#LOGITS})
     * @throws TranslateException if ONNX Runtime fails (the message names the file)
     */
    @Override
    public float[] predict(JetInputs inputs) throws TranslateException {
        int n = inputs.jets();
        int f = featureNames.size();
        if (inputs.features().length != (long) n * f) {
            throw new IllegalArgumentException(name + ": " + n + " jets need " + (long) n * f + " feature values, got "
                + inputs.features().length);
        }
        for (int i = 0; i < collections.size(); i++) {
            OnnxSignature.CollectionInput c = collections.get(i);
            if (inputs.collection(i).length != (long) n * c.valuesPerJet()) {
                throw new IllegalArgumentException(name + ": input '" + c.name() + "': " + n + " jets x "
                    + c.objects() + " x " + c.variables() + " need " + (long) n * c.valuesPerJet() + " values, got "
                    + inputs.collection(i).length);
            }
        }
        float[] out = new float[n * classes];
        Buffers b = buffers.get();
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            run(b, inputs, from, count, out);
        }
        return out;
    }

    /**
     * Predicts the jets {@code [from, to)} of a tutorial-layout file, in chunks of {@value #DEFAULT_BATCH_SIZE} jets
     * or the model's batch size ({@link #predict(TutorialFile)} is the whole file). When {@code from} is a multiple
     * of the batch size the forward passes hold the same jets as the whole file's.
     *
     * @param file an open file
     * @param from the first row
     * @param to one past the last row
     * @return one row per jet
     * @throws IllegalArgumentException if the range is outside the file, or a feature the model reads is not a
     *     column of the tutorial layout
     * @throws TranslateException if ONNX Runtime fails
     */
    @Override
    public Predictions predict(TutorialFile file, int from, int to) throws TranslateException {
        JetScorer.checkRange(file, from, to);
        Layout reading = layout == null ? Layout.tutorial() : layout;
        boolean tracks = readsTracks() && collections.size() == 1 && reading.isTutorial();
        if (!collections.isEmpty() && !tracks) {
            try (JetFile jets = JetFile.open(file.path(), reading)) {
                return predict(jets, from, to);
            } catch (IOException e) {
                throw new UncheckedIOException(file.path() + ": " + e.getMessage(), e);
            }
        }
        FeatureSet features;
        try {
            features = FeatureSet.ofNames("onnx", featureNames.toArray(new String[0]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.path() + ": the model " + name + " reads features that are not"
                + " columns of the tutorial layout: " + e.getMessage(), e);
        }
        int n = to - from;
        float[] out = new float[n * classes];
        int chunk = Math.max(batchSize, DEFAULT_BATCH_SIZE / batchSize * batchSize);
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            float[] p = predict(new JetInputs(end - start, file.features(features, from + start, from + end),
                tracks ? file.tracks(from + start, from + end) : new float[0]));
            System.arraycopy(p, 0, out, start * classes, p.length);
        }
        return new Predictions(n, classes, out);
    }

    /**
     * Predicts the jets {@code [from, to)} of a file read through a layout: its features (which must be the model's,
     * in order) and the raw objects of each collection the model reads, found by name in the file's layout, in chunks
     * of {@value #DEFAULT_BATCH_SIZE} jets or the model's batch size.
     *
     * @param file an open file (not closed)
     * @param from the first row, in [0, jets]
     * @param to one past the last row, in [from, jets]
     * @return {@code to - from} rows of predictions, in file order
     * @throws IllegalArgumentException if the range is outside the file, or the file's layout lists other features,
     *     lacks a collection the model reads or gives it another shape (the message names the file and the input)
     * @throws TranslateException if ONNX Runtime fails
     */
    @Override
    public Predictions predict(JetFile file, int from, int to) throws TranslateException {
        if (from < 0 || to < from || to > file.jetCount()) {
            throw new IllegalArgumentException(file.path() + ": rows [" + from + ", " + to + ") are outside the "
                + file.jetCount() + " jets of the file");
        }
        List<String> features = file.layout().jets().features();
        if (!features.equals(featureNames)) {
            throw new IllegalArgumentException(file.path() + ": input '" + OnnxNames.FEATURES + "': the layout lists "
                + features + ", the model " + name + " reads " + featureNames);
        }
        int[] indices = OnnxSignature.collectionIndices(collections, file);
        int n = to - from;
        float[] out = new float[n * classes];
        int chunk = Math.max(batchSize, DEFAULT_BATCH_SIZE / batchSize * batchSize);
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            List<float[]> objects = new ArrayList<>();
            for (int index : indices) {
                objects.add(file.collection(index, from + start, from + end));
            }
            float[] p = predict(new JetInputs(end - start, file.features(from + start, from + end), objects));
            System.arraycopy(p, 0, out, start * classes, p.length);
        }
        return new Predictions(n, classes, out);
    }

    /** Closes the session. */
    @Override
    public void close() {
        closeQuietly(session);
    }

    /** Runs jets [from, from + count) and writes their rows into {@code out}. */
    private void run(Buffers b, JetInputs inputs, int from, int count, float[] out) throws TranslateException {
        int rows = paddedBatch ? batchSize : count;
        int f = featureNames.size();
        Map<String, OnnxTensor> feed = new HashMap<>();
        OrtEnvironment env = environment();
        try {
            b.features = fill(b.features, inputs.features(), from * f, count * f, rows * f);
            feed.put(OnnxNames.FEATURES, OnnxTensor.createTensor(env, b.features, new long[] {rows, f}));
            if (b.collections.length != collections.size()) {
                b.collections = new FloatBuffer[collections.size()];
            }
            for (int i = 0; i < collections.size(); i++) {
                OnnxSignature.CollectionInput c = collections.get(i);
                int v = c.valuesPerJet();
                b.collections[i] = fill(b.collections[i], inputs.collection(i), from * v, count * v, rows * v);
                feed.put(c.name(), OnnxTensor.createTensor(env, b.collections[i],
                    new long[] {rows, c.objects(), c.variables()}));
            }
            try (OrtSession.Result result = session.run(feed, requested)) {
                OnnxValue value = result.get(0);
                if (!(value instanceof OnnxTensor) || ((OnnxTensor) value).getInfo().type != OnnxJavaType.FLOAT) {
                    throw new IllegalArgumentException(name + ": output '" + output + "' is not a float32 tensor");
                }
                FloatBuffer probabilities = ((OnnxTensor) value).getFloatBuffer();
                probabilities.get(out, from * classes, count * classes);
            }
        } catch (OrtException e) {
            throw new TranslateException(name + ": ONNX Runtime failed (" + oneLine(e) + ")", e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
        finish(out, from, count);
    }

    /** Applies the softmax to logits, or checks that rows are probabilities. */
    private void finish(float[] out, int from, int count) {
        for (int i = from; i < from + count; i++) {
            int o = i * classes;
            if (outputKind == OutputKind.LOGITS) {
                softmax(out, o, classes);
                continue;
            }
            double sum = 0;
            boolean negative = false;
            for (int c = 0; c < classes; c++) {
                sum += out[o + c];
                negative |= out[o + c] < 0 || Float.isNaN(out[o + c]);
            }
            if (negative || Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException(name + ": output '" + output + "' of jet " + i + " is not a"
                    + " probability row (sum " + (float) sum + (negative ? ", a value negative or NaN" : "")
                    + "); if the model outputs logits, use --logits (OutputKind.LOGITS)");
            }
        }
    }

    /**
     * Replaces {@code values[offset, offset + n)} by their softmax, in float32 after subtracting the maximum.
     *
     * @param values the row-major array
     * @param offset the first value of the row
     * @param n the row's length
     */
    static void softmax(float[] values, int offset, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            max = Math.max(max, values[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < n; c++) {
            double e = Math.exp(values[offset + c] - max);
            values[offset + c] = (float) e;
            sum += e;
        }
        for (int c = 0; c < n; c++) {
            values[offset + c] = (float) (values[offset + c] / sum);
        }
    }

    /**
     * Copies {@code count} values into a native-order direct buffer of {@code size} values (zero-padded), growing it
     * if needed; ONNX Runtime reads a direct buffer in place.
     */
    private static FloatBuffer fill(FloatBuffer buffer, float[] values, int offset, int count, int size) {
        FloatBuffer target = buffer != null && buffer.capacity() >= size ? buffer
            : ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        target.clear();
        target.put(values, offset, count);
        for (int i = count; i < size; i++) {
            target.put(0f);
        }
        target.flip();
        return target;
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing left to free that the caller could act on
        }
    }

    /**
     * The message of an error on one line.
     *
     * @param e the error
     * @return its message with line breaks replaced by spaces, or its type when it has none
     */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace('\n', ' ').replace('\r', ' ')
            .trim();
    }

    /** One thread's input buffers. */
    private static final class Buffers {
        private FloatBuffer features;
        private FloatBuffer[] collections = new FloatBuffer[0];
    }

    /** How an ONNX tagger runs. Immutable; build it with {@link OnnxTagger#options()}. */
    public static final class Options {
        private final OutputKind outputKind;
        private final int threads;
        private final int batchSize;
        private final Layout layout;

        private Options(Builder b) {
            outputKind = b.outputKind;
            threads = b.threads;
            batchSize = b.batchSize;
            layout = b.layout;
        }

        /** Builds {@link Options}; every setting is optional. */
        public static final class Builder {
            private OutputKind outputKind = OutputKind.PROBABILITIES;
            private int threads = DEFAULT_THREADS;
            private int batchSize = DEFAULT_BATCH_SIZE;
            /** The layout, or {@code null}: collection inputs taken as the model fixes them (the export's check). */
            private Layout layout = Layout.tutorial();

            private Builder() {
            }

            /**
             * Sets the layout whose collections the model's inputs are matched to by name, and through which
             * {@link OnnxTagger#predict(TutorialFile, int, int)} reads a file when the model reads more than the
             * tracks (default: the tutorial layout).
             *
             * @param layout the layout
             * @return this builder
             */
            public Builder optLayout(Layout layout) {
                this.layout = Objects.requireNonNull(layout, "layout");
                return this;
            }

            /**
             * Takes every input other than the features as a collection of the shape the model fixes, in the model's
             * input order, without matching it to a layout, and accepts any number of classes: for jets given as
             * {@link JetInputs} in the tagger's own input order (the export's agreement check, benchmarks). Files are
             * then read through the tutorial layout.
             *
             * @return this builder
             */
            public Builder optInputsAsExported() {
                this.layout = null;
                return this;
            }

            /**
             * Sets what the model's output holds (default {@link OutputKind#PROBABILITIES}).
             *
             * @param kind probabilities or logits
             * @return this builder
             */
            public Builder optOutputKind(OutputKind kind) {
                this.outputKind = Objects.requireNonNull(kind, "kind");
                return this;
            }

            /**
             * Sets ONNX Runtime's intra-op thread count (default {@value OnnxTagger#DEFAULT_THREADS}; 0 lets ONNX
             * Runtime choose, one per physical core). Idle threads sleep rather than spin.
             *
             * @param threads 0 or more
             * @return this builder
             */
            public Builder optThreads(int threads) {
                this.threads = threads;
                return this;
            }

            /**
             * Sets the jets per call into ONNX Runtime (default {@value OnnxTagger#DEFAULT_BATCH_SIZE}); ignored
             * when the model fixes its batch size.
             *
             * @param batchSize at least 1
             * @return this builder
             */
            public Builder optBatchSize(int batchSize) {
                this.batchSize = batchSize;
                return this;
            }

            /**
             * Validates and builds.
             *
             * @return the options
             * @throws IllegalArgumentException for negative threads or a batch size below 1 (the message names it)
             */
            public Options build() {
                if (threads < 0) {
                    throw new IllegalArgumentException("threads must be 0 (ONNX Runtime's choice) or more, got "
                        + threads);
                }
                if (batchSize < 1) {
                    throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
                }
                return new Options(this);
            }
        }
    }
}
