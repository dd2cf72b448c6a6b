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
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.models.InferenceMode;
import dev.btag.models.InputSpec;
import dev.btag.models.LayoutInputs;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
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
     * @param inputs raw features (N x F) and, for track taggers, tracks (N x T x V), or for a DeepJet-style tagger
     *     one (N x O x V) array per branch
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
        if (inputs.features().length != (long) inputs.jets() * f) {
            throw new IllegalArgumentException("features hold " + inputs.features().length + " values; "
                + inputs.jets() + " jets x " + f + " features of the " + spec.architecture().cliName()
                + " tagger need " + (long) inputs.jets() * f);
        }
        List<Shape> shapes = spec.collectionShapes();
        for (int i = 0; i < shapes.size(); i++) {
            long values = shapes.get(i).size();
            if (inputs.collection(i).length != inputs.jets() * values) {
                throw new IllegalArgumentException(collectionName(i) + " hold " + inputs.collection(i).length
                    + " values; " + inputs.jets() + " jets x " + shapes.get(i).get(0) + " x " + shapes.get(i).get(1)
                    + " need " + inputs.jets() * values);
            }
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

    /** The name of input collection i for messages: {@code tracks}, or the branch's collection. */
    private String collectionName(int i) {
        List<dev.btag.models.ObjectBranch> branches = tagger.spec().branches();
        return branches.isEmpty() ? "tracks" : "collection '" + branches.get(i).collection() + "' values";
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
     * Predicts every jet of a tutorial-layout file, reading it in chunks of {@value #FILE_CHUNK} jets (features by
     * the tagger's feature names, tracks from {@code arr_1}). A DeepJet-style tagger reads the file through its
     * training layout instead ({@link #predict(JetFile)}), as it needs the collections of that layout.
     *
     * @param file an open file
     * @return the predictions, one row per jet in file order
     * @throws IllegalArgumentException if a feature of the tagger is not a column of the file's schema (the message
     *     names the file)
     * @throws TranslateException if the engine fails
     * @throws java.io.UncheckedIOException if a DeepJet-style tagger cannot read the file through its layout
     */
    @Override
    public Predictions predict(TutorialFile file) throws TranslateException {
        return predict(file, 0, file.jetCountAsInt());
    }

    /**
     * Predicts the jets {@code [from, to)} of a tutorial-layout file, as {@link #predict(TutorialFile)} does for the
     * whole file; starting on a multiple of {@link #batchSize()}, the forward passes hold the same jets as the whole
     * file's, so the probabilities are bit for bit the same.
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
        if (!tagger.spec().branches().isEmpty()) {
            Layout layout = tagger.layoutInputs().map(LayoutInputs::layout).orElse(Layout.tutorial());
            try (JetFile jets = JetFile.open(file.path(), layout)) {
                return predict(jets, from, to);
            } catch (IOException e) {
                throw new UncheckedIOException(file.path() + ": " + e.getMessage(), e);
            }
        }
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
        for (int start = from; start < to; start += fileChunk) {
            int end = Math.min(to, start + fileChunk);
            predictInto(new JetInputs(end - start, file.features(features, start, end),
                tracks ? file.tracks(start, end) : new float[0]), out, start - from);
        }
        return new Predictions(n, classes(), out);
    }

    /**
     * Predicts every jet of a file read through a layout, in chunks of {@value #FILE_CHUNK} jets: the layout's
     * features and the objects of each collection the tagger reads (their names from the tagger's
     * {@link LayoutInputs}, else the layout's first collection for a track tagger), standardised as in training.
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
    @Override
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
        List<String> names = collectionsRead(file, reading);
        int[] collections = names.stream().mapToInt(file::collectionIndex).toArray();
        int n = to - from;
        float[] out = new float[n * classes()];
        for (int start = from; start < to; start += fileChunk) {
            int end = Math.min(to, start + fileChunk);
            List<float[]> objects = new ArrayList<>();
            for (int i = 0; i < collections.length; i++) {
                float[] values = file.collection(collections[i], start, end);
                CollectionStandardizer standardizer = reading == null
                    || i >= reading.collectionStandardizers().size() ? null : reading.collectionStandardizers().get(i);
                if (standardizer != null) {
                    standardizer.applyInPlace(values, file.realObjects(collections[i], start, end, values));
                }
                objects.add(values);
            }
            predictInto(new JetInputs(end - start, file.features(start, end), objects), out, start - from);
        }
        return new Predictions(n, classes(), out);
    }

    /**
     * The collections the tagger reads from a file, in input order: those its layout inputs name, else (a tagger
     * saved before layouts) the layout's first for a track tagger, none for the DNN.
     */
    private List<String> collectionsRead(JetFile file, LayoutInputs reading) {
        if (!tagger.spec().architecture().usesTracks()) {
            return List.of();
        }
        if (reading != null && !reading.collections().isEmpty()) {
            return reading.collections();
        }
        if (file.layout().collections().isEmpty()) {
            throw new IllegalArgumentException(file.path() + ": the " + tagger.spec().architecture().cliName()
                + " tagger reads a collection but the layout declares none");
        }
        return List.of(file.layout().collections().get(0).name());
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
        private final List<Shape> shapes;
        private float[] scratch;
        private ByteBuffer featureBytes;
        private ByteBuffer[] objectBytes;

        Translator(TaggerSpec spec, InputSpec inputSpec) {
            this.spec = spec;
            this.inputSpec = inputSpec;
            this.shapes = spec.collectionShapes();
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
            for (int i = 0; i < shapes.size(); i++) {
                int values = (int) shapes.get(i).size();
                objectBytes[i] = fill(objectBytes[i], batch.inputs().collection(i), batch.from() * values,
                    b * values);
                list.add(manager.create(objectBytes[i], new Shape(b, shapes.get(i).get(0), shapes.get(i).get(1)),
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
            objectBytes = new ByteBuffer[shapes.size()];
            java.util.Arrays.fill(objectBytes, featureBytes);
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
