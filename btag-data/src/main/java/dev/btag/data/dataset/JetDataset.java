package dev.btag.data.dataset;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.util.Progress;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TrainingClass;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DJL {@link RandomAccessDataset} of jets for the tutorial's taggers. A batch of B jets has the data
 * {@code NDList[features (B, F) float32, objects (B, O, V) float32, ...]} (one objects array per loaded
 * collection, in the columns' order, only when requested: the 10 × 21 seeding tracks in the tutorial) and the labels
 * {@code NDList[oneHot (B, K) float32]} (the six {@link TrainingClass}es in the tutorial); a jet of no class (the
 * tutorial's undefined jets) has an all-zero label row. Features may be standardised ({@link #withStandardizer}) and
 * the collection's real objects too ({@link #withCollectionStandardizer}; padding stays zero). With training weights
 * ({@link JetColumns#withWeights(float[])}) the labels are {@code NDList[oneHot (B, K), weight (B)]}, both float32.
 *
 * <p>Batches are assembled in bulk: the rows of a batch are gathered with {@link System#arraycopy} from the
 * in-memory {@link JetColumns} into one array per input, and each becomes one {@code NDArray} (a batch never goes
 * through DJL's record-by-record batchifier). Each batch has its own sub-manager; close it after use.
 *
 * <p>Order: with shuffling, every call of {@link #getData(NDManager)} starts a new epoch whose order is a permutation
 * drawn from a random stream seeded with {@code (seed, epoch)}: epochs differ from each other, and the same seed gives
 * the same sequence of epochs. {@link #batches(NDManager, int)} gives one epoch's batches explicitly. Without
 * shuffling the rows come in file order. The last batch of an epoch may be smaller (Keras behaves the same).
 *
 * <p>Splits share the loaded columns: {@link #kerasSplit(double)} reproduces Keras' {@code validation_split} (the
 * last fraction of the rows, taken before any shuffling), {@link #shuffledSplit(double, long)} a seeded random one.
 * A {@link Standardizer} fitted on a training split can be attached with {@link #withStandardizer(Standardizer)}.
 */
public final class JetDataset extends RandomAccessDataset {

    private final JetColumns columns;
    private final int[] rows;
    private final boolean withTracks;
    private final boolean shuffle;
    private final long seed;
    private final int batchSize;
    private final Standardizer standardizer;
    /** One entry per loaded collection, {@code null} where its objects enter raw. */
    private final List<CollectionStandardizer> collectionStandardizers;
    private final AtomicInteger epoch = new AtomicInteger();
    private final BufferPool buffers = new BufferPool();

    private JetDataset(Builder builder, JetColumns columns, int[] rows, Standardizer standardizer) {
        this(builder, columns, rows, standardizer, ObjectBatches.none(columns));
    }

    private JetDataset(Builder builder, JetColumns columns, int[] rows, Standardizer standardizer,
                       List<CollectionStandardizer> collectionStandardizers) {
        super(builder);
        this.columns = columns;
        this.rows = rows;
        this.withTracks = builder.withTracks;
        this.shuffle = builder.shuffle;
        this.seed = builder.seed;
        this.batchSize = builder.batchSize;
        this.standardizer = standardizer;
        this.collectionStandardizers = collectionStandardizers;
    }

    /**
     * A builder; {@link Builder#setColumns(JetColumns)} and {@link Builder#setSampling(int, boolean)} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The loaded columns this dataset draws from (shared with its splits).
     *
     * @return the columns
     */
    public JetColumns columns() {
        return columns;
    }

    /**
     * The rows of {@link #columns()} this dataset covers, in its unshuffled order.
     *
     * @return a copy of the row indices
     */
    public int[] rowIndices() {
        return rows.clone();
    }

    /**
     * The feature set of the feature input.
     *
     * @return the feature set
     */
    public FeatureSet featureSet() {
        return columns.featureSet();
    }

    /**
     * The names of the feature input.
     *
     * @return F names
     */
    public List<String> featureNames() {
        return columns.featureNames();
    }

    /**
     * Whether batches carry the track input.
     *
     * @return {@code true} when tracks are included
     */
    public boolean withTracks() {
        return withTracks;
    }

    /**
     * The batch size.
     *
     * @return B
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The standardizer applied to the features, if any.
     *
     * @return the standardizer, or {@code null}
     */
    public Standardizer standardizer() {
        return standardizer;
    }

    /**
     * This dataset with a standardizer applied to its features (the columns are shared, not copied).
     *
     * @param standardizer the standardizer, fitted on training rows, with as many features as the feature set; or
     *     {@code null} for none
     * @return a new dataset over the same rows
     * @throws IllegalArgumentException when the feature count differs
     */
    public JetDataset withStandardizer(Standardizer standardizer) {
        if (standardizer != null && standardizer.size() != columns.featureCount()) {
            throw new IllegalArgumentException("standardizer has " + standardizer.size() + " features, dataset "
                + columns.featureCount());
        }
        return new JetDataset(copyBuilder(), columns, rows, standardizer, collectionStandardizers);
    }

    /**
     * The standardisation applied to the real objects of the (first) collection, if any.
     *
     * @return the standardisation, or {@code null}
     */
    public CollectionStandardizer collectionStandardizer() {
        return collectionStandardizers.isEmpty() ? null : collectionStandardizers.get(0);
    }

    /**
     * The standardisations applied to the real objects of each loaded collection.
     *
     * @return one entry per collection of {@link #columns()}, in input order, {@code null} where the objects enter
     *     raw (an unmodifiable list)
     */
    public List<CollectionStandardizer> collectionStandardizers() {
        return java.util.Collections.unmodifiableList(collectionStandardizers);
    }

    /**
     * This dataset with a per-variable standardisation of each collection's real objects (padding stays zero); the
     * columns are shared, not copied.
     *
     * @param standardizers one entry per loaded collection, in input order, each fitted on training rows
     *     ({@link JetColumns#fitCollection(int, int[])}) or {@code null} for raw objects
     * @return a new dataset over the same rows
     * @throws IllegalArgumentException when the number of entries or a variable count differs from the columns'
     */
    public JetDataset withCollectionStandardizers(List<CollectionStandardizer> standardizers) {
        return new JetDataset(copyBuilder(), columns, rows, standardizer,
            ObjectBatches.checked(columns, standardizers));
    }

    /**
     * This dataset with a per-variable standardisation of the collection's real objects (padding stays zero); the
     * columns are shared, not copied.
     *
     * @param standardizer fitted on training rows ({@link JetColumns#fitCollection}), or {@code null} for none
     * @return a new dataset over the same rows
     * @throws IllegalArgumentException when the variable count differs from the collection's
     */
    public JetDataset withCollectionStandardizer(CollectionStandardizer standardizer) {
        if (standardizer != null && standardizer.variables().size() != columns.variableCount()) {
            throw new IllegalArgumentException("collection standardisation has " + standardizer.variables().size()
                + " variables, the collection " + columns.variableCount());
        }
        List<CollectionStandardizer> all = new ArrayList<>(collectionStandardizers);
        if (!all.isEmpty()) {
            all.set(0, standardizer);
        }
        return withCollectionStandardizers(all);
    }

    /**
     * The Keras split: training = the first rows, validation = the last {@code validationFraction} of them, split at
     * {@code (int) (n * (1 - validationFraction))} exactly as Keras' {@code validation_split}.
     *
     * @param validationFraction in [0, 1)
     * @return the two datasets, with this dataset's settings
     * @throws IllegalArgumentException for a fraction outside [0, 1)
     */
    public Split kerasSplit(double validationFraction) {
        int splitAt = splitPoint(validationFraction);
        int[] train = java.util.Arrays.copyOfRange(rows, 0, splitAt);
        int[] validation = java.util.Arrays.copyOfRange(rows, splitAt, rows.length);
        return new Split(subset(train), subset(validation));
    }

    /**
     * A seeded random split with the same sizes as {@link #kerasSplit(double)}: the rows are permuted with a random
     * stream seeded by {@code seed}, the first part trains, the rest validates; each part keeps file order.
     *
     * @param validationFraction in [0, 1)
     * @param splitSeed the seed of the permutation
     * @return the two datasets
     * @throws IllegalArgumentException for a fraction outside [0, 1)
     */
    public Split shuffledSplit(double validationFraction, long splitSeed) {
        int splitAt = splitPoint(validationFraction);
        int[] permuted = EpochOrder.permutation(rows, new SplittableRandom(splitSeed));
        int[] train = java.util.Arrays.copyOfRange(permuted, 0, splitAt);
        int[] validation = java.util.Arrays.copyOfRange(permuted, splitAt, permuted.length);
        java.util.Arrays.sort(train);
        java.util.Arrays.sort(validation);
        return new Split(subset(train), subset(validation));
    }

    private int splitPoint(double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), not " + validationFraction);
        }
        return (int) (rows.length * (1.0 - validationFraction));
    }

    private JetDataset subset(int[] subsetRows) {
        return new JetDataset(copyBuilder(), columns, subsetRows, standardizer, collectionStandardizers);
    }

    private Builder copyBuilder() {
        Builder b = new Builder();
        b.setColumns(columns).optTracks(withTracks).optSeed(seed).setSampling(batchSize, shuffle);
        b.optDevice(device);
        return b;
    }

    /**
     * The order of the rows in an epoch.
     *
     * @param epochNumber the epoch, from 0
     * @return row indices into {@link #columns()}: a seeded permutation when shuffling, file order otherwise
     */
    public int[] epochOrder(int epochNumber) {
        if (!shuffle) {
            return rows.clone();
        }
        return EpochOrder.permutation(rows, EpochOrder.random(seed, epochNumber));
    }

    /**
     * The batches of the next epoch (the epoch counter starts at 0 and advances with each call).
     *
     * @param manager the manager whose sub-managers hold the batches
     * @return the batches, assembled lazily while iterating
     */
    @Override
    public Iterable<Batch> getData(NDManager manager) {
        return batches(manager, epoch.getAndIncrement());
    }

    /**
     * As {@link #getData(NDManager)}; batch assembly is cheap, so the executor is not used.
     *
     * @param manager the manager
     * @param executorService ignored
     * @return the batches of the next epoch
     */
    @Override
    public Iterable<Batch> getData(NDManager manager, ExecutorService executorService) {
        return getData(manager);
    }

    /**
     * Batches in the order a DJL sampler gives, still assembled in bulk.
     *
     * @param manager the manager
     * @param batchSampler the sampler (its indices are positions in this dataset, 0 to size - 1)
     * @return the batches
     */
    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler batchSampler) {
        return () -> new Iterator<>() {
            private final Iterator<List<Long>> indices = batchSampler.sample(JetDataset.this);
            private long progress;

            @Override
            public boolean hasNext() {
                return indices.hasNext();
            }

            @Override
            public Batch next() {
                List<Long> positions = indices.next();
                int[] batchRows = new int[positions.size()];
                for (int i = 0; i < batchRows.length; i++) {
                    batchRows[i] = rows[Math.toIntExact(positions.get(i))];
                }
                progress += batchRows.length;
                return assemble(manager, batchRows, 0, batchRows.length, progress, rows.length);
            }
        };
    }

    /**
     * As {@link #getData(NDManager, Sampler)}.
     *
     * @param manager the manager
     * @param batchSampler the sampler
     * @param executorService ignored
     * @return the batches
     */
    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler batchSampler, ExecutorService executorService) {
        return getData(manager, batchSampler);
    }

    /**
     * The batches of one epoch (with DJL's {@code optLimit(n)}, only the first n rows of the epoch's order): full
     * batches of {@link #batchSize()} rows in the epoch's order, then the rest; a single jet that would be left
     * over joins the batch before it (batch normalisation in training mode needs at least two jets per batch, and
     * Keras, which has no such limit, trains on every jet too).
     *
     * @param manager the manager whose sub-managers hold the batches
     * @param epochNumber the epoch (selects the shuffled order)
     * @return the batches, assembled lazily while iterating; each must be closed
     */
    public Iterable<Batch> batches(NDManager manager, int epochNumber) {
        Objects.requireNonNull(manager, "manager");
        int[] shuffled = epochOrder(epochNumber);
        // DJL's optLimit(n) caps size(); the epoch then takes the first n rows of its order
        int[] order = shuffled.length > size() ? java.util.Arrays.copyOf(shuffled, (int) size()) : shuffled;
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next;
                int to = Math.min(order.length, from + batchSize);
                if (order.length - to == 1 && to - from > 1) {
                    to++; // never leave one jet alone: batch normalisation cannot train on a batch of one
                }
                next = to;
                return assemble(manager, order, from, to, to, order.length);
            }
        };
    }

    /**
     * Assembles one batch from rows {@code order[from, to)}: each input is gathered row by row with bulk copies
     * straight into one native-order direct buffer, which becomes one {@code NDArray} (three per batch). The direct
     * buffers come from a pool and go back to it when the batch is closed: on the CPU a PyTorch tensor made from a
     * direct buffer uses its memory in place, so a batch's arrays are valid until the batch is closed (copy them with
     * {@code duplicate()} to keep them longer).
     */
    Batch assemble(NDManager manager, int[] order, int from, int to, long progress, long total) {
        int b = to - from;
        int f = columns.featureCount();
        int l = columns.classCount();
        int c = withTracks ? columns.collectionCount() : 0;
        ByteBuffer featureBytes = buffers.take(b * f);
        ByteBuffer labelBytes = buffers.take(b * l);
        // gather on the heap with System.arraycopy (fast even before the JIT has compiled this method), then one
        // bulk copy per input into its direct buffer
        float[] features = new float[b * f];
        float[] labels = new float[b * l];
        int[] rowsOfBatch = java.util.Arrays.copyOfRange(order, from, to);
        for (int i = 0; i < b; i++) {
            int r = rowsOfBatch[i];
            System.arraycopy(columns.features, r * f, features, i * f, f);
            System.arraycopy(columns.labels, r * l, labels, i * l, l);
        }
        if (standardizer != null) {
            standardizer.applyInPlace(features);
        }
        featureBytes.asFloatBuffer().put(features);
        labelBytes.asFloatBuffer().put(labels);
        NDManager batchManager = manager.newSubManager();
        NDList data = new NDList(batchManager.create(featureBytes, new Shape(b, f), DataType.FLOAT32));
        List<ByteBuffer> used = new ArrayList<>(3 + c);
        used.add(featureBytes);
        used.add(labelBytes);
        for (int j = 0; j < c; j++) {
            ByteBuffer objectBytes = buffers.take(b * columns.objectCount(j) * columns.variableCount(j));
            objectBytes.asFloatBuffer()
                .put(ObjectBatches.gather(columns, j, rowsOfBatch, collectionStandardizers.get(j)));
            data.add(batchManager.create(objectBytes, new Shape(b, columns.objectCount(j), columns.variableCount(j)),
                DataType.FLOAT32));
            used.add(objectBytes);
        }
        NDList label = new NDList(batchManager.create(labelBytes, new Shape(b, l), DataType.FLOAT32));
        if (columns.weights != null) {
            ByteBuffer weightBytes = buffers.take(b);
            java.nio.FloatBuffer w = weightBytes.asFloatBuffer();
            for (int i = 0; i < b; i++) {
                w.put(i, columns.weights[rowsOfBatch[i]]);
            }
            label.add(batchManager.create(weightBytes, new Shape(b), DataType.FLOAT32));
            used.add(weightBytes);
        }
        return new PooledBatch(batchManager, data, label, b, progress, total, new PooledBatch.RowList(rowsOfBatch),
            buffers, used);
    }

    /**
     * One jet as a DJL record (DJL's generic path; training uses the bulk batches instead).
     *
     * @param manager the manager for the arrays
     * @param index position in this dataset, 0 to size - 1
     * @return data {@code [features (F), objects (O, V)]} and labels {@code [oneHot (K)]} (and the jet's weight as a
     *     scalar when the columns carry weights)
     */
    @Override
    public Record get(NDManager manager, long index) {
        int row = rows[Math.toIntExact(index)];
        int f = columns.featureCount();
        float[] features = new float[f];
        System.arraycopy(columns.features, row * f, features, 0, f);
        if (standardizer != null) {
            standardizer.applyInPlace(features);
        }
        NDList data = new NDList(manager.create(features));
        for (int j = 0; withTracks && j < columns.collectionCount(); j++) {
            float[] objects = ObjectBatches.gather(columns, j, new int[] {row}, collectionStandardizers.get(j));
            data.add(manager.create(objects, new Shape(columns.objectCount(j), columns.variableCount(j))));
        }
        float[] label = new float[columns.classCount()];
        System.arraycopy(columns.labels, row * label.length, label, 0, label.length);
        NDList labels = new NDList(manager.create(label));
        if (columns.weights != null) {
            labels.add(manager.create(columns.weights[row]));
        }
        return new Record(data, labels);
    }

    @Override
    protected long availableSize() {
        return rows.length;
    }

    /** Nothing to prepare: the columns are loaded when the dataset is built. */
    @Override
    public void prepare(Progress progress) {
    }

    /**
     * A training and a validation dataset.
     *
     * @param train the training rows
     * @param validation the validation rows
     */
    public record Split(JetDataset train, JetDataset validation) {
    }

    /** Builds a {@link JetDataset}. */
    public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {
        private JetColumns columns;
        private boolean withTracks;
        private boolean shuffle;
        private int batchSize;
        private long seed;
        private Standardizer standardizer;

        Builder() {
        }

        /**
         * The loaded columns (required).
         *
         * @param columns from {@link JetColumns#load}
         * @return this builder
         */
        public Builder setColumns(JetColumns columns) {
            this.columns = Objects.requireNonNull(columns, "columns");
            return this;
        }

        /**
         * Batch size and whether each epoch is shuffled (required).
         *
         * @param batchSize B, at least 1
         * @param random whether to shuffle every epoch with the seeded stream
         * @return this builder
         */
        @Override
        public Builder setSampling(int batchSize, boolean random) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
            }
            this.batchSize = batchSize;
            this.shuffle = random;
            return super.setSampling(batchSize, random);
        }

        /**
         * Whether batches include the loaded collections, one input each (default false; the tutorial's 10 × 21
         * tracks); the columns must have at least one.
         *
         * @param withTracks include tracks
         * @return this builder
         */
        public Builder optTracks(boolean withTracks) {
            this.withTracks = withTracks;
            return this;
        }

        /**
         * The seed of the per-epoch shuffling (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * A standardizer for the features (default none).
         *
         * @param standardizer the standardizer or {@code null}
         * @return this builder
         */
        public Builder optStandardizer(Standardizer standardizer) {
            this.standardizer = standardizer;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the dataset over all rows of the columns.
         *
         * @return the dataset
         * @throws IllegalStateException when columns or sampling are missing, or tracks are requested but not loaded
         */
        public JetDataset build() {
            if (columns == null) {
                throw new IllegalStateException("JetDataset needs setColumns(...)");
            }
            if (batchSize < 1) {
                throw new IllegalStateException("JetDataset needs setSampling(batchSize, shuffle)");
            }
            if (withTracks && !columns.hasTracks()) {
                throw new IllegalStateException("tracks requested but the columns were loaded without tracks");
            }
            int[] all = new int[columns.jetCount()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            JetDataset dataset = new JetDataset(this, columns, all, null);
            return standardizer == null ? dataset : dataset.withStandardizer(standardizer);
        }
    }
}
