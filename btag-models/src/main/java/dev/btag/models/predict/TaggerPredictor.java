package dev.btag.models.predict;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import dev.btag.data.dataset.CollectionStandardizer;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.models.InferenceMode;
import dev.btag.models.InputSpec;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Class probabilities for many jets from a {@link Tagger}: raw features (and tracks) in, N x 6 softmax
 * probabilities out (b, bb, leptonic b, c, uds, g), in bulk batches of {@link #batchSize()} jets.
 *
 * <p>The tagger's standardisation ({@link InputSpec}) is applied here, so pass the features as read from the file.
 * Thread-safe: each calling thread gets its own DJL {@link Predictor} (DJL's predictors are not thread-safe), all
 * sharing the tagger's parameters; autograd is off while predicting. Close the predictor to free them (the tagger
 * stays open and is the caller's to close), and only once every thread's predictions have returned: a prediction
 * started after {@link #close()} throws {@link IllegalStateException}.
 */
public final class TaggerPredictor implements JetScorer {

    /**
     * The default number of jets per forward pass. Measured on a 2-vCPU machine with one intra-op thread
     * ({@code btag bench predict --compare-batch-sizes}, docs/performance.md), 1024 jets gave the recurrent and
     * convolutional taggers 6-43% more jets per second than 4096, whose intermediate arrays (up to 42 MB for the
     * LSTM's gates) no longer fit the caches and are handed back to the system after every batch; the DNN is within
     * its noise either way.
     */
    public static final int DEFAULT_BATCH_SIZE = 1024;

    /** Jets read from a file at a time by {@link #predict(TutorialFile)}. */
    public static final int FILE_CHUNK = 16384;

    private final Tagger tagger;
    private final int batchSize;
    private final int fileChunk;
    private final Queue<Worker> created = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Worker> perThread;
    private volatile boolean closed;

    /**
     * Creates a predictor with the default batch size.
     *
     * @param tagger an initialised (trained or loaded) tagger
     */
    public TaggerPredictor(Tagger tagger) {
        this(tagger, DEFAULT_BATCH_SIZE);
    }

    /**
     * Creates a predictor.
     *
     * @param tagger an initialised (trained or loaded) tagger
     * @param batchSize jets per forward pass, at least 1
     * @throws IllegalArgumentException for a batch size below 1
     */
    public TaggerPredictor(Tagger tagger, int batchSize) {
        this(tagger, batchSize, FILE_CHUNK);
    }

    /** As {@link #TaggerPredictor(Tagger, int)}, reading files in chunks of {@code fileChunk} jets (for tests). */
    TaggerPredictor(Tagger tagger, int batchSize, int fileChunk) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (fileChunk < 1) {
            throw new IllegalArgumentException("file chunk must be at least 1 jet, got " + fileChunk);
        }
        this.tagger = tagger;
        this.batchSize = batchSize;
        this.fileChunk = fileChunk;
        perThread = ThreadLocal.withInitial(() -> {
            Translator translator = new Translator(tagger.spec(), tagger.inputs());
            Worker worker = new Worker(tagger.model().newPredictor(translator), translator);
            created.add(worker);
            return worker;
        });
    }

    /**
     * Returns the jets per forward pass.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the tagger's architecture name.
     *
     * @return for example {@code lstm}
     */
    @Override
    public String name() {
        return tagger.spec().architecture().cliName();
    }

    /**
     * Returns the number of output classes.
     *
     * @return 6 for the tutorial's taggers
     */
    @Override
    public int classes() {
        return tagger.spec().classes();
    }

    /**
     * Predicts class probabilities.
     *
     * @param inputs raw features (N x F) and, for track taggers, tracks (N x T x V)
     * @return N x classes probabilities, row-major; each row sums to 1 (to float rounding)
     * @throws IllegalArgumentException if the array lengths do not fit N and the tagger's input shape; the message
     *     gives the expected and actual lengths
     * @throws IllegalStateException if the predictor is closed
     * @throws TranslateException if the engine fails
     */
    @Override
    public float[] predict(JetInputs inputs) throws TranslateException {
        float[] out = new float[inputs.jets() * classes()];
        predictInto(inputs, out, 0);
        return out;
    }

    /** Writes the probabilities of {@code inputs} into rows [firstRow, firstRow + N) of {@code out}. */
    private void predictInto(JetInputs inputs, float[] out, int firstRow) throws TranslateException {
        if (closed) {
            throw new IllegalStateException("the predictor is closed");
        }
        TaggerSpec spec = tagger.spec();
        int f = spec.featureCount();
        int tv = spec.architecture().usesTracks() ? spec.trackCount() * spec.trackVariables() : 0;
        if (inputs.features().length != (long) inputs.jets() * f) {
            throw new IllegalArgumentException("features hold " + inputs.features().length + " values; "
                + inputs.jets() + " jets x " + f + " features of the " + spec.architecture().cliName()
                + " tagger need " + (long) inputs.jets() * f);
        }
        if (tv > 0 && inputs.tracks().length != (long) inputs.jets() * tv) {
            throw new IllegalArgumentException("tracks hold " + inputs.tracks().length + " values; " + inputs.jets()
                + " jets x " + spec.trackCount() + " x " + spec.trackVariables() + " need " + (long) inputs.jets() * tv);
        }
        Predictor<Batch, Integer> predictor = perThread.get().predictor();
        InferenceMode inference = InferenceMode.enter();
        try {
            for (int from = 0; from < inputs.jets(); from += batchSize) {
                predictor.predict(new Batch(inputs, from, Math.min(inputs.jets(), from + batchSize), out,
                    firstRow + from));
            }
        } finally {
            inference.close();
        }
    }

    /**
     * Predicts class probabilities and wraps them.
     *
     * @param inputs raw features and tracks, as for {@link #predict(JetInputs)}
     * @return the predictions
     * @throws TranslateException if the engine fails
     */
    public Predictions predictAll(JetInputs inputs) throws TranslateException {
        return new Predictions(inputs.jets(), classes(), predict(inputs));
    }

    /**
     * Predicts the jets {@code [from, to)} of a tutorial-layout file, reading them in chunks of {@value #FILE_CHUNK}
     * jets (features by the tagger's feature names, tracks from {@code arr_1}); {@link #predict(TutorialFile)} is
     * the whole file. When {@code from} is a multiple of {@link #batchSize()} (and the file chunk a multiple of the
     * batch size, as by default) the forward passes hold the same jets as the whole file's, so the probabilities
     * are bit for bit the same.
     *
     * @param file an open file
     * @param from the first row
     * @param to one past the last row
     * @return the predictions, one row per jet in file order
     * @throws IllegalArgumentException if the range is outside the file, or a feature of the tagger is not a column
     *     of the file's schema (the message names the file)
     * @throws TranslateException if the engine fails
     */
    @Override
    public Predictions predict(TutorialFile file, int from, int to) throws TranslateException {
        JetScorer.checkRange(file, from, to);
        FeatureSet features;
        try {
            features = tagger.inputs().featureSet();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.path() + ": the tagger reads features that are not columns of the"
                + " tutorial layout: " + e.getMessage(), e);
        }
        int n = to - from;
        boolean tracks = tagger.spec().architecture().usesTracks();
        float[] out = new float[n * classes()];
        for (int start = 0; start < n; start += fileChunk) {
            int end = Math.min(n, start + fileChunk);
            predictInto(new JetInputs(end - start, file.features(features, from + start, from + end),
                tracks ? file.tracks(from + start, from + end) : new float[0]), out, start);
        }
        return new Predictions(n, classes(), out);
    }

    /**
     * Predicts every jet of a file read through a layout, in chunks of {@value #FILE_CHUNK} jets: the layout's
     * features and, for a track tagger, the objects of the collection the tagger reads (its name from the tagger's
     * {@link LayoutInputs}, else the layout's first collection), standardised as in training.
     *
     * @param file an open file
     * @return the predictions, one row per jet in file order
     * @throws IllegalArgumentException when the file's layout declares other inputs than the tagger reads (the
     *     message names the file, the input and the field)
     * @throws TranslateException if the engine fails
     */
    public Predictions predict(JetFile file) throws TranslateException {
        return predict(file, 0, file.jetCountAsInt());
    }

    /**
     * Predicts the jets {@code [from, to)} of a file read through a layout, as {@link #predict(JetFile)} does for the
     * whole file; starting on a multiple of {@link #batchSize()}, the forward passes hold the same jets as the whole
     * file's, so the probabilities are bit for bit the same.
     *
     * @param file an open file
     * @param from the first row, in [0, jets]
     * @param to one past the last row, in [from, jets]
     * @return the predictions, one row per jet in file order
     * @throws IllegalArgumentException when the range is outside the file or the file's layout declares other inputs
     *     than the tagger reads (the message names the file, the input and the field)
     * @throws TranslateException if the engine fails
     */
    public Predictions predict(JetFile file, int from, int to) throws TranslateException {
        if (from < 0 || to < from || to > file.jetCount()) {
            throw new IllegalArgumentException(file.path() + ": rows [" + from + ", " + to + ") are outside the "
                + file.jetCount() + " jets of the file");
        }
        LayoutInputs reading = tagger.layoutInputs().orElse(null);
        if (reading != null) {
            reading.checkReads(file.layout(), file.path());
        } else if (!file.layout().jets().features().equals(tagger.inputs().featureNames())) {
            throw new IllegalArgumentException(file.path() + ": input 'features': the layout lists "
                + file.layout().jets().features() + ", the tagger reads " + tagger.inputs().featureNames());
        }
        boolean tracks = tagger.spec().architecture().usesTracks();
        int collection = -1;
        CollectionStandardizer standardizer = null;
        if (tracks) {
            String name = reading != null && reading.collection() != null ? reading.collection()
                : file.layout().collections().isEmpty() ? null : file.layout().collections().get(0).name();
            if (name == null) {
                throw new IllegalArgumentException(file.path() + ": the " + tagger.spec().architecture().cliName()
                    + " tagger reads a collection but the layout declares none");
            }
            collection = file.collectionIndex(name);
            standardizer = reading == null ? null : reading.collectionStandardizer();
        }
        int n = to - from;
        float[] out = new float[n * classes()];
        for (int start = from; start < to; start += fileChunk) {
            int end = Math.min(to, start + fileChunk);
            float[] objects = new float[0];
            if (collection >= 0) {
                objects = file.collection(collection, start, end);
                if (standardizer != null) {
                    standardizer.applyInPlace(objects, file.realObjects(collection, start, end, objects));
                }
            }
            predictInto(new JetInputs(end - start, file.features(start, end), objects), out, start - from);
        }
        return new Predictions(n, classes(), out);
    }

    /**
     * Closes every per-thread DJL predictor and drops the per-thread buffers; the tagger stays open. Call it only
     * when no thread is predicting any more.
     */
    @Override
    public void close() {
        closed = true;
        for (Worker w; (w = created.poll()) != null;) {
            w.predictor().close();
            w.translator().release();
        }
    }

    /** One thread's DJL predictor and the translator that holds its buffers. */
    private record Worker(Predictor<Batch, Integer> predictor, Translator translator) {
    }

    /** Jets [from, to) of a block, and where their probabilities go: rows from {@code outRow} of {@code out}. */
    private record Batch(JetInputs inputs, int from, int to, float[] out, int outRow) {
        int jets() {
            return to - from;
        }
    }

    /**
     * Turns a batch into the block's inputs and its logits into probabilities written in place. One per thread
     * (each DJL predictor gets its own), so it can keep its buffers: the standardised features and the tracks are
     * written into reused native-order direct buffers that PyTorch wraps without copying (a fresh buffer per batch
     * would be mapped and zeroed by the system each time), and the probabilities are read from the engine's memory
     * straight into the caller's output array.
     */
    private static final class Translator implements NoBatchifyTranslator<Batch, Integer> {
        private static final String BATCH = "btag.batch";
        private final TaggerSpec spec;
        private final InputSpec inputSpec;
        private final int trackValues;
        private float[] scratch;
        private ByteBuffer featureBytes;
        private ByteBuffer trackBytes;

        Translator(TaggerSpec spec, InputSpec inputSpec) {
            this.spec = spec;
            this.inputSpec = inputSpec;
            this.trackValues = spec.architecture().usesTracks() ? spec.trackCount() * spec.trackVariables() : 0;
            release();
        }

        @Override
        public NDList processInput(TranslatorContext ctx, Batch batch) {
            NDManager manager = ctx.getNDManager();
            ctx.setAttachment(BATCH, batch);
            int b = batch.jets();
            int f = spec.featureCount();
            if (scratch.length < b * f) {
                scratch = new float[b * f];
            }
            System.arraycopy(batch.inputs().features(), batch.from() * f, scratch, 0, b * f);
            inputSpec.standardiseInPlace(scratch, b);
            featureBytes = fill(featureBytes, scratch, 0, b * f);
            NDList list = new NDList(manager.create(featureBytes, new Shape(b, f), DataType.FLOAT32));
            if (trackValues > 0) {
                trackBytes = fill(trackBytes, batch.inputs().tracks(), batch.from() * trackValues, b * trackValues);
                list.add(manager.create(trackBytes, new Shape(b, spec.trackCount(), spec.trackVariables()),
                    DataType.FLOAT32));
            }
            return list;
        }

        @Override
        public Integer processOutput(TranslatorContext ctx, NDList list) {
            Batch batch = (Batch) ctx.getAttachment(BATCH);
            NDArray probabilities = list.singletonOrThrow().softmax(1);
            int values = batch.jets() * spec.classes();
            probabilities.toByteBuffer(true).asFloatBuffer().get(batch.out(), batch.outRow() * spec.classes(),
                values);
            return values;
        }

        /** Drops the buffers (at creation, and when the predictor closes: they are freed as garbage). */
        void release() {
            scratch = new float[0];
            featureBytes = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());
            trackBytes = featureBytes;
        }

        /** Copies {@code count} floats from {@code values[offset]} into {@code buffer}, growing it if needed. */
        private static ByteBuffer fill(ByteBuffer buffer, float[] values, int offset, int count) {
            ByteBuffer target = buffer.capacity() >= count * Float.BYTES ? buffer
                : ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder());
            target.clear().limit(count * Float.BYTES);
            target.asFloatBuffer().put(values, offset, count);
            return target;
        }
    }
}
