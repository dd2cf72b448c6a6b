package dev.btag.data.dataset;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Progress;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A DJL {@link Dataset} of jets streamed from many files through one {@link Layout}, for samples that do not fit in
 * memory. Batches have the shapes of {@link JetDataset}'s: {@code NDList[features (B, F), objects (B, O, V), ...]}
 * (one objects array per collection read, in the order given to {@link Builder#optCollections}; none without a
 * collection) and labels {@code NDList[oneHot (B, K)]}.
 *
 * <p>How an epoch streams: the jets are segments of files (whole files, or the parts a {@link #kerasSplit} leaves);
 * with shuffling, the segments come in a seeded per-epoch order and the jets pass through a seeded shuffle buffer of
 * {@link Builder#optShuffleBuffer} jets that mixes them across files; without, they come in file order. Worker
 * threads read blocks of {@link Builder#optBlockRows} rows (and standardise them), an assembler thread fills batches
 * from the shuffle buffer, and up to {@link Builder#optPrefetch} batches wait in a queue, so the trainer rarely waits
 * ({@link #waitSeconds()} measures how long it did); a shuffled epoch that has read its last block starts the next
 * epoch ahead (call {@link #stop()} when done). Memory holds the blocks in flight, the shuffle buffer and the
 * queue: it does not grow with the number or size of the files, and each file is open only while it is read. The
 * same seed gives the same epochs.
 *
 * <p>Every file is opened once when the dataset is built, to check it against the layout and count its jets; a file
 * that does not match fails the build with a message naming it. Standardisation is fitted by a streamed pass,
 * {@link #fitStandardizer()} and {@link #fitCollectionStandardizers()}, on training jets only; a collection's is fitted
 * and applied over its real objects only (padding stays zero), as {@link JetDataset}'s.
 */
public final class StreamingJetDataset implements Dataset {

    /** The settings the builder left. */
    private final StreamSettings settings;
    private final List<FileSegment> segments;
    private final long size;
    private final Standardizer standardizer;
    /** One entry per collection read, {@code null} where its objects enter raw. */
    private final List<CollectionStandardizer> collectionStandardizers;
    private final BufferPool buffers = new BufferPool();
    private final StreamEpochs epochs = new StreamEpochs();
    private int epoch;

    private StreamingJetDataset(StreamSettings settings, List<FileSegment> segments, Standardizer standardizer,
                                List<CollectionStandardizer> collectionStandardizers) {
        this.settings = settings;
        this.segments = List.copyOf(segments);
        this.size = segments.stream().mapToLong(s -> s.to() - s.from()).sum();
        this.standardizer = standardizer;
        this.collectionStandardizers = collectionStandardizers;
    }

    /**
     * A builder; {@link Builder#setFiles}, {@link Builder#setLayout} and {@link Builder#setSampling} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The files, in the order given.
     *
     * @return the files
     */
    public List<Path> files() {
        return settings.files();
    }

    /**
     * The layout the files are read with.
     *
     * @return the layout
     */
    public Layout layout() {
        return settings.layout();
    }

    /**
     * The jets this dataset covers.
     *
     * @return the sum of its segments' rows
     */
    public long size() {
        return size;
    }

    /**
     * The segments this dataset covers, in their unshuffled order.
     *
     * @return the segments
     */
    public List<FileSegment> segments() {
        return segments;
    }

    /**
     * The batch size.
     *
     * @return B
     */
    public int batchSize() {
        return settings.batchSize();
    }

    /**
     * The Keras split over the files in the order given: training = the first jets, validation = the last
     * {@code validationFraction} of them (split at {@code (long) (n * (1 - fraction))} as Keras does), unshuffled.
     *
     * @param validationFraction in [0, 1)
     * @return the two datasets, with this dataset's settings (the validation one never shuffles)
     * @throws IllegalArgumentException for a fraction outside [0, 1)
     */
    public Split kerasSplit(double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), not " + validationFraction);
        }
        List<List<FileSegment>> parts = FileSegment.cut(segments, (long) (size * (1.0 - validationFraction)));
        List<FileSegment> train = parts.get(0);
        List<FileSegment> validation = parts.get(1);
        return new Split(new StreamingJetDataset(settings, train, standardizer, collectionStandardizers),
            new StreamingJetDataset(settings.sequential(), validation, standardizer, collectionStandardizers));
    }

    /**
     * This dataset with standardisations applied by the readers (the files are not read again).
     *
     * @param features the feature standardisation, or {@code null}
     * @param objects one entry per collection read, in its order ({@link #fitCollectionStandardizers()}), each
     *     {@code null} for raw objects
     * @return a new dataset over the same segments
     * @throws IllegalArgumentException when the number of entries or a variable count differs from the collections'
     */
    public StreamingJetDataset withStandardizers(Standardizer features, List<CollectionStandardizer> objects) {
        return new StreamingJetDataset(settings, segments, features,
            ObjectBatches.checked(collectionNames(), settings.variableCounts(), objects));
    }

    /**
     * The feature standardisation this dataset applies.
     *
     * @return it, or {@code null}
     */
    public Standardizer standardizer() {
        return standardizer;
    }

    /**
     * The standardisations this dataset applies to the real objects of each collection it reads.
     *
     * @return one entry per collection, in input order, {@code null} where the objects enter raw (unmodifiable)
     */
    public List<CollectionStandardizer> collectionStandardizers() {
        return collectionStandardizers;
    }

    /**
     * Fits the feature standardisation with one streamed pass over this dataset's jets (in segment order; the
     * arithmetic of {@link Standardizer#fit}).
     *
     * @return the standardisation
     * @throws IOException when a file cannot be read
     */
    public Standardizer fitStandardizer() throws IOException {
        return StreamedFit.features(this);
    }

    /**
     * Fits one standardisation per collection read with one streamed pass over this dataset's jets (in segment
     * order): per variable, over real objects only, the arithmetic of {@link JetColumns#fitCollection(int, int[])}.
     *
     * @return one per collection, in input order
     * @throws IOException when a file cannot be read
     * @throws IllegalStateException without a collection
     */
    public List<CollectionStandardizer> fitCollectionStandardizers() throws IOException {
        if (collectionCount() == 0) {
            throw new IllegalStateException("the dataset reads no collection");
        }
        return StreamedFit.collections(this);
    }

    /**
     * The collection standardisations the layout asks for: for each collection read, in input order, the fit of
     * {@link #fitCollectionStandardizers()} where its layout entry says {@code standardise: true}, {@code null} where
     * it says {@code false} (the files are read only when at least one is fitted).
     *
     * @return one entry per collection (empty without a collection)
     * @throws IOException when a file cannot be read
     */
    public List<CollectionStandardizer> fitDeclaredCollectionStandardizers() throws IOException {
        List<CollectionStandardizer> declared = new ArrayList<>(Collections.nCopies(collectionCount(), null));
        int[] read = settings.collections();
        if (Arrays.stream(read).anyMatch(c -> settings.layout().collections().get(c).standardise())) {
            List<CollectionStandardizer> fitted = fitCollectionStandardizers();
            for (int j = 0; j < read.length; j++) {
                declared.set(j, settings.layout().collections().get(read[j]).standardise() ? fitted.get(j) : null);
            }
        }
        return declared;
    }

    /** Reads and standardises one block (called by the worker threads). */
    JetBlock readBlock(JetFile file, long from, long to) {
        float[][] table = file.featuresAndOneHot(from, to);
        float[] features = table[0];
        if (standardizer != null) {
            standardizer.applyInPlace(features);
        }
        float[][] objects = new float[collectionCount()][];
        for (int j = 0; j < objects.length; j++) {
            objects[j] = ObjectBatches.read(file, settings.collections()[j], from, to,
                collectionStandardizers.get(j));
        }
        return new JetBlock((int) (to - from), features, objects, table[1]);
    }

    /**
     * The segments of an epoch: a seeded permutation when shuffling, the given order otherwise.
     *
     * @param epochNumber the epoch, from 0
     * @return the segments in the order they stream
     */
    public List<FileSegment> epochOrder(int epochNumber) {
        List<FileSegment> order = new ArrayList<>(segments);
        if (settings.shuffle()) {
            SplittableRandom random = new SplittableRandom(settings.seed() * 31 + epochNumber);
            for (int i = order.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                order.set(i, order.set(j, order.get(i)));
            }
        }
        return order;
    }

    /**
     * The batches of one epoch, streamed; starting an epoch stops one still running.
     *
     * @param manager the manager whose sub-managers hold the batches (close each batch)
     * @param epochNumber the epoch (selects the file order and the shuffling)
     * @return the batches; iterate once
     * @throws java.io.UncheckedIOException while iterating, when a file cannot be read (naming it)
     */
    public Iterable<Batch> batches(NDManager manager, int epochNumber) {
        Objects.requireNonNull(manager, "manager");
        return () -> epochs.start(this, manager, epochNumber);
    }

    /**
     * The batches of the next epoch (the epoch counter starts at 0 and advances with each call).
     *
     * @param manager the manager
     * @return the batches
     */
    @Override
    public synchronized Iterable<Batch> getData(NDManager manager) {
        return batches(manager, epoch++);
    }

    /** Nothing to prepare: files are read while iterating. */
    @Override
    public void prepare(Progress progress) {
    }

    /**
     * The time consumers spent waiting for batches since the last {@link #resetWaitTime()}.
     *
     * @return seconds
     */
    public double waitSeconds() {
        return epochs.waitSeconds();
    }

    /**
     * The batches handed out since the last {@link #resetWaitTime()} (the number of waits measured).
     *
     * @return the count
     */
    public long batchesServed() {
        return epochs.waits();
    }

    /** Starts measuring {@link #waitSeconds()} and {@link #batchesServed()} afresh. */
    public void resetWaitTime() {
        epochs.resetWaits();
    }

    /** Stops a running epoch's threads (an abandoned iteration) and any epoch started ahead. */
    public void stop() {
        epochs.stop();
    }

    StreamEpochs epochs() {
        return epochs;
    }

    StreamSettings settings() {
        return settings;
    }

    BufferPool buffers() {
        return buffers;
    }

    /**
     * The number of features F.
     *
     * @return F
     */
    public int featureCount() {
        return settings.featureCount();
    }

    /**
     * The number of collections read, one objects input each.
     *
     * @return C, 0 without a collection
     */
    public int collectionCount() {
        return settings.collections().length;
    }

    /**
     * The collections read, as indices into the layout's collections, in input order.
     *
     * @return a copy of the indices
     */
    public int[] collectionIndices() {
        return settings.collections().clone();
    }

    /**
     * The names of the collections read, in input order.
     *
     * @return the names
     */
    public List<String> collectionNames() {
        return Arrays.stream(settings.collections()).mapToObj(i -> settings.layout().collections().get(i).name())
            .toList();
    }

    /**
     * The object slots per jet of the first collection.
     *
     * @return O, or 0 without a collection
     */
    public int objectCount() {
        return collectionCount() == 0 ? 0 : objectCount(0);
    }

    /**
     * The object slots per jet of one collection read.
     *
     * @param collection its position among the collections read, 0 to {@link #collectionCount()} - 1
     * @return O
     * @throws IndexOutOfBoundsException for another position
     */
    public int objectCount(int collection) {
        return settings.objectCounts()[collection];
    }

    /**
     * The variables per object of the first collection.
     *
     * @return V, or 0 without a collection
     */
    public int variableCount() {
        return collectionCount() == 0 ? 0 : variableCount(0);
    }

    /**
     * The variables per object of one collection read.
     *
     * @param collection its position among the collections read, 0 to {@link #collectionCount()} - 1
     * @return V
     * @throws IndexOutOfBoundsException for another position
     */
    public int variableCount(int collection) {
        return settings.variableCounts()[collection];
    }

    /**
     * The number of classes K.
     *
     * @return K
     */
    public int classCount() {
        return settings.layout().label().size();
    }

    /**
     * A training and a validation dataset.
     *
     * @param train the training jets
     * @param validation the validation jets (unshuffled)
     */
    public record Split(StreamingJetDataset train, StreamingJetDataset validation) {
    }

    /** Builds a {@link StreamingJetDataset}. */
    public static final class Builder {
        private List<Path> files;
        private Layout layout;
        private int[] collections = {};
        private int batchSize;
        private boolean shuffle;
        private long seed;
        private int shuffleBuffer = 32_768;
        private int blockRows = 4096;
        private int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private int prefetch = 8;

        private Builder() {
        }

        /**
         * The files (required), read in this order when not shuffling.
         *
         * @param files at least one file
         * @return this builder
         */
        public Builder setFiles(List<Path> files) {
            this.files = List.copyOf(files);
            return this;
        }

        /**
         * The layout the files are read with (required).
         *
         * @param layout the layout
         * @return this builder
         */
        public Builder setLayout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * The collection whose objects are the second input (default none).
         *
         * @param index the collection's index in the layout, or -1 for none
         * @return this builder
         */
        public Builder optCollection(int index) {
            return index < 0 ? optCollections() : optCollections(index);
        }

        /**
         * The collections whose objects are the inputs after the features, one each, in this order (default none).
         *
         * @param indices the collections' indices in the layout (none: features only)
         * @return this builder
         * @throws IllegalArgumentException for a negative or repeated index
         */
        public Builder optCollections(int... indices) {
            if (Arrays.stream(indices).anyMatch(i -> i < 0) || Arrays.stream(indices).distinct().count()
                < indices.length) {
                throw new IllegalArgumentException("collections must be distinct indices of at least 0, not "
                    + Arrays.toString(indices));
            }
            this.collections = indices.clone();
            return this;
        }

        /**
         * Batch size and whether each epoch is shuffled (required).
         *
         * @param size B, at least 1
         * @param random whether to shuffle (file order per epoch and the shuffle buffer)
         * @return this builder
         */
        public Builder setSampling(int size, boolean random) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, not " + size);
            }
            this.batchSize = size;
            this.shuffle = random;
            return this;
        }

        /**
         * The seed of the file order and the shuffle buffer (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The jets the shuffle buffer holds (default 32768; 4 × (F + the sum of O × V over the collections + K) bytes
         * each).
         *
         * @param jets at least 0 (0: no mixing beyond the file order)
         * @return this builder
         */
        public Builder optShuffleBuffer(int jets) {
            if (jets < 0) {
                throw new IllegalArgumentException("shuffle buffer must be at least 0 jets, not " + jets);
            }
            this.shuffleBuffer = jets;
            return this;
        }

        /**
         * The rows a worker reads at a time (default 4096).
         *
         * @param rows at least 1
         * @return this builder
         */
        public Builder optBlockRows(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("block rows must be at least 1, not " + rows);
            }
            this.blockRows = rows;
            return this;
        }

        /**
         * The reader threads (default: the processors, at most 4).
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder optWorkers(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("workers must be at least 1, not " + threads);
            }
            this.workers = threads;
            return this;
        }

        /**
         * The batches assembled ahead of the consumer (default 8).
         *
         * @param batches at least 1
         * @return this builder
         */
        public Builder optPrefetch(int batches) {
            if (batches < 1) {
                throw new IllegalArgumentException("prefetch must be at least 1 batch, not " + batches);
            }
            this.prefetch = batches;
            return this;
        }

        /**
         * Opens every file once to check it against the layout and count its jets, and builds the dataset over all
         * of them.
         *
         * @return the dataset
         * @throws IOException when a file cannot be read or does not match the layout (naming it)
         * @throws IllegalStateException when files, layout or sampling are missing
         */
        public StreamingJetDataset build() throws IOException {
            if (files == null || files.isEmpty() || layout == null || batchSize < 1) {
                throw new IllegalStateException("StreamingJetDataset needs setFiles, setLayout and setSampling");
            }
            List<FileSegment> all = new ArrayList<>();
            int featureCount = 0;
            int[] objectCounts = new int[collections.length];
            int[] variableCounts = new int[collections.length];
            for (int i = 0; i < files.size(); i++) {
                try (JetFile file = JetFile.open(files.get(i), layout)) {
                    all.add(new FileSegment(i, 0, file.jetCount()));
                    featureCount = file.featureCount();
                    for (int j = 0; j < collections.length; j++) {
                        objectCounts[j] = file.objectCount(collections[j]);
                        variableCounts[j] = file.variableCount(collections[j]);
                    }
                }
            }
            StreamSettings settings = new StreamSettings(files, layout, collections, batchSize, shuffle, seed,
                shuffleBuffer, blockRows, workers, prefetch, featureCount, objectCounts, variableCounts);
            return new StreamingJetDataset(settings, all, null, Collections.nCopies(collections.length, null));
        }
    }
}
