package dev.btag.examples.bench;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dev.btag.data.dataset.JetColumns;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.JetArray;
import dev.btag.data.schema.JetColumn;
import dev.btag.data.schema.TrainingClass;
import dev.btag.models.EpochRecord;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.predict.JetInputs;
import dev.btag.models.predict.TaggerPredictor;
import dev.btag.models.train.DeviceChoice;
import dev.btag.models.train.TaggerTrainer;
import dev.btag.models.train.TrainingData;
import dev.btag.models.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Measures a tagger's training and inference throughput the way the peer script of this module,
 * {@code src/bench/python/torch_taggers.py} (and {@code torch_deepjet.py} for the DeepJet-style tagger), does for
 * PyTorch-Python: random normal features (N, F) and tracks (N, 10, 21), or one (N, O, V) array per branch of a
 * DeepJet-style tagger, random classes, Adam at 1e-3, one warm-up
 * epoch, then timed epochs through {@link TaggerTrainer} fed by a {@link JetDataset} (exactly the path of
 * {@code btag train}: shuffled bulk batches, no validation); inference in the predictor's default batches through
 * {@link TaggerPredictor}, whole warm-up passes for at least one second (the JIT's warm-up; PyTorch-Python has none),
 * then three timed passes. The features stand in the first F columns of the jet schema; a track tagger must have the
 * tutorial's track shape (10 x 21).
 */
public final class ThroughputBenchmark {

    /** Inference warms up for at least this long (whole passes) so that the JIT has compiled the batch path. */
    private static final long WARM_UP_NANOS = 1_000_000_000L;

    private ThroughputBenchmark() {
    }

    /**
     * Runs the benchmark on the CPU.
     *
     * @param spec the tagger
     * @param jets jets per epoch, at least 1
     * @param batchSize training batch size, at least 1
     * @param epochs timed epochs, at least 1
     * @param matmulGflops the machine's matrix-multiply rate to put in the result (0 if not measured)
     * @return the figures
     * @throws IOException never in practice (no checkpoints are written)
     * @throws IllegalArgumentException if a count is below 1, or the tagger has more features than the schema has
     *     columns, other than 6 classes, or another track shape
     * @throws TranslateException if the engine fails
     */
    public static ThroughputResult run(TaggerSpec spec, int jets, int batchSize, int epochs, double matmulGflops)
            throws IOException, TranslateException {
        if (jets < 1 || batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("jets, batch size and epochs must be at least 1");
        }
        int f = spec.featureCount();
        JetColumn[] schema = JetColumn.values();
        long[] trackShape = JetArray.SEEDING_TRACKS.rowShape();
        if (f > schema.length || spec.classes() != TrainingClass.COUNT || spec.architecture().usesTracks()
                && spec.branches().isEmpty()
                && (spec.trackCount() != trackShape[0] || spec.trackVariables() != trackShape[1])) {
            throw new IllegalArgumentException("the benchmark needs at most " + schema.length + " features, "
                + TrainingClass.COUNT + " classes and tracks of shape " + Arrays.toString(trackShape) + ", got "
                + spec);
        }
        JetInputs random = randomInputs(spec, jets);
        float[] labels = new float[jets * TrainingClass.COUNT];
        int[] truth = new int[jets];
        TrainingClass[] classes = TrainingClass.values();
        Random draw = new Random(1);
        for (int i = 0; i < jets; i++) {
            TrainingClass c = classes[draw.nextInt(TrainingClass.COUNT)];
            labels[i * TrainingClass.COUNT + c.ordinal()] = 1f;
            truth[i] = c.flavour().truthCode();
        }
        FeatureSet featureSet = FeatureSet.of("benchmark", Arrays.copyOf(schema, f));
        List<JetColumns.ObjectValues> collections = new ArrayList<>();
        List<ai.djl.ndarray.types.Shape> shapes = spec.collectionShapes();
        for (int i = 0; i < shapes.size(); i++) {
            collections.add(new JetColumns.ObjectValues(spec.branches().isEmpty() ? "tracks"
                : spec.branches().get(i).collection(), (int) shapes.get(i).get(0), (int) shapes.get(i).get(1),
                random.collection(i)));
        }
        JetDataset train = JetDataset.builder()
            .setColumns(JetColumns.of(featureSet, random.features(), collections, labels, truth))
            .optTracks(!collections.isEmpty()).setSampling(batchSize, true).optSeed(0).build();
        InputSpec inputs = InputSpec.unstandardised(featureSet.columnNames(), spec.trackCount(),
            spec.trackVariables());
        List<EpochRecord> records = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        try (Tagger tagger = Tagger.create(spec, inputs, Device.cpu())) {
            new TaggerTrainer(TrainingOptions.builder().optEpochs(epochs + 1).optDevice(DeviceChoice.CPU)
                .optEarlyStoppingPatience(epochs + 2).optPlateau(0.5f, epochs + 2)
                .optListener(r -> {
                    records.add(r);
                    rss.add(residentMiB());
                }).build())
                .fit(tagger, new TrainingData(train, null));
            double seconds = 0;
            for (EpochRecord r : records.subList(1, records.size())) {
                seconds += r.seconds();
            }
            double trainRate = (double) jets * epochs / seconds;

            double predictRate = predictRate(tagger, random, TaggerPredictor.DEFAULT_BATCH_SIZE);
            double macs = spec.forwardMacsPerJet();
            return new ThroughputResult(spec.architecture().cliName(), tagger.parameterCount().total(), jets,
                batchSize, epochs, trainRate, predictRate, trainRate * 6 * macs / 1e9, predictRate * 2 * macs / 1e9,
                matmulGflops, rss.size() > 1 ? rss.get(1) : 0, rss.isEmpty() ? 0 : rss.get(rss.size() - 1));
        }
    }

    /**
     * Measures inference alone with a freshly initialised tagger (weights do not change the speed).
     *
     * @param spec the tagger
     * @param jets jets per pass, at least 1
     * @param batchSize jets per forward pass, at least 1
     * @return jets per second over three timed passes after at least one second of warm-up passes
     * @throws TranslateException if the engine fails
     */
    public static double predict(TaggerSpec spec, int jets, int batchSize) throws TranslateException {
        JetInputs inputs = randomInputs(spec, jets);
        try (Tagger tagger = freshTagger(spec)) {
            return predictRate(tagger, inputs, batchSize);
        }
    }

    /**
     * Compares inference batch sizes in one process, so that they see the same machine state: one freshly
     * initialised tagger, one {@link TaggerPredictor} per batch size, warm-up rounds for at least one second, then
     * {@code rounds} timed rounds in each of which every batch size predicts all jets once, in the given order.
     *
     * @param spec the tagger
     * @param jets jets per pass, at least 1
     * @param batchSizes the batch sizes to compare, each at least 1
     * @param rounds timed rounds, at least 1
     * @return for each batch size (same order), the median over the rounds of its jets per second
     * @throws IllegalArgumentException if a count is below 1 or no batch size is given
     * @throws TranslateException if the engine fails
     */
    public static double[] compareBatchSizes(TaggerSpec spec, int jets, int[] batchSizes, int rounds)
            throws TranslateException {
        if (batchSizes.length == 0 || rounds < 1) {
            throw new IllegalArgumentException("need at least one batch size and one round");
        }
        JetInputs inputs = randomInputs(spec, jets);
        List<TaggerPredictor> predictors = new ArrayList<>();
        try (Tagger tagger = freshTagger(spec)) {
            for (int size : batchSizes) {
                predictors.add(new TaggerPredictor(tagger, size));
            }
            warmUp(predictors, inputs);
            double[][] rates = new double[batchSizes.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < batchSizes.length; k++) {
                    long t0 = System.nanoTime();
                    predictors.get(k).predict(inputs);
                    rates[k][r] = jets / ((System.nanoTime() - t0) / 1e9);
                }
            }
            double[] medians = new double[batchSizes.length];
            for (int k = 0; k < medians.length; k++) {
                medians[k] = Timing.median(rates[k]);
            }
            return medians;
        } finally {
            for (TaggerPredictor predictor : predictors) {
                predictor.close();
            }
        }
    }

    /** Whole rounds in which every predictor predicts all jets once, for at least {@link #WARM_UP_NANOS}. */
    private static void warmUp(List<TaggerPredictor> predictors, JetInputs inputs) throws TranslateException {
        long end = System.nanoTime() + WARM_UP_NANOS;
        do {
            for (TaggerPredictor predictor : predictors) {
                predictor.predict(inputs);
            }
        } while (System.nanoTime() < end);
    }

    /** Random normal features and object arrays (the tracks, or one per branch) of {@code jets} jets, seed 0. */
    private static JetInputs randomInputs(TaggerSpec spec, int jets) {
        if (jets < 1) {
            throw new IllegalArgumentException("jets must be at least 1, got " + jets);
        }
        Random random = new Random(0);
        float[] features = gaussian(random, jets * spec.featureCount());
        List<float[]> collections = new ArrayList<>();
        for (ai.djl.ndarray.types.Shape shape : spec.collectionShapes()) {
            collections.add(gaussian(random, (int) (jets * shape.size())));
        }
        return new JetInputs(jets, features, collections);
    }

    /** A freshly initialised tagger on the CPU whose features are unnamed and unstandardised (x0, x1, ...). */
    private static Tagger freshTagger(TaggerSpec spec) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < spec.featureCount(); j++) {
            names.add("x" + j);
        }
        return Tagger.create(spec, InputSpec.unstandardised(names, spec.trackCount(), spec.trackVariables()),
            Device.cpu()).initialize();
    }

    private static double predictRate(Tagger tagger, JetInputs inputs, int batchSize) throws TranslateException {
        try (TaggerPredictor predictor = new TaggerPredictor(tagger, batchSize)) {
            warmUp(List.of(predictor), inputs);
            long t0 = System.nanoTime();
            int reps = 3;
            for (int r = 0; r < reps; r++) {
                predictor.predict(inputs);
            }
            return (double) inputs.jets() * reps / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static float[] gaussian(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /**
     * Reads this process's resident memory from {@code /proc/self/status} ({@code VmRSS}).
     *
     * @return MiB, or 0 where the file is unavailable (not Linux)
     */
    public static double residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
