package dev.btag.examples.bench;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dev.btag.data.dataset.CollectionStandardizer;
import dev.btag.data.dataset.Standardizer;
import dev.btag.data.dataset.StreamingJetDataset;
import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.models.Architecture;
import dev.btag.models.EpochRecord;
import dev.btag.models.InputSpec;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.train.DeviceChoice;
import dev.btag.models.train.TaggerTrainer;
import dev.btag.models.train.TrainingData;
import dev.btag.models.train.TrainingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How long a tagger waits for data while it trains from a multi-file {@link StreamingJetDataset}: the benchmark
 * behind {@code btag bench dataset --stream FILE... --train-model M}. It trains on the files (features and the
 * layout's first collection, or every collection the tagger reads for a tagger built from branches such as the
 * DeepJet-style one, standardised as the layout says, shuffled) for one untimed and {@code epochs} timed epochs on
 * the CPU and reports the trainer's time per step (a batch's forward, backward and update, without the waiting) and
 * the time it waited for the next batch, per step and as a fraction of the step.
 */
public final class StreamTrainBenchmark {

    private StreamTrainBenchmark() {
    }

    /**
     * The figures. This record is immutable.
     *
     * @param model the tagger
     * @param files the files
     * @param jets jets per epoch
     * @param batchSize the batch size
     * @param epochs timed epochs
     * @param steps timed steps (batches)
     * @param seconds wall time of the timed epochs
     * @param stepSeconds mean time per step without waiting
     * @param waitSeconds mean time per step the trainer waited for its batch
     * @param waitFraction {@code waitSeconds / stepSeconds}
     * @param trainJetsPerSecond jets per second of wall time
     */
    public record Result(String model, int files, long jets, int batchSize, int epochs, long steps, double seconds,
                         double stepSeconds, double waitSeconds, double waitFraction, double trainJetsPerSecond) {
    }

    /**
     * Runs the benchmark.
     *
     * @param files the files
     * @param layout their layout
     * @param architecture the tagger
     * @param batchSize the batch size
     * @param epochs timed epochs, at least 1
     * @return the figures
     * @throws IOException when a file cannot be read
     * @throws TranslateException when the engine fails
     */
    public static Result run(List<Path> files, Layout layout, Architecture architecture, int batchSize, int epochs)
            throws IOException, TranslateException {
        boolean tracks = architecture.usesTracks();
        List<String> declared = layout.collections().stream().map(ObjectCollection::name).toList();
        List<String> read = architecture.usesBranches() ? architecture.defaultCollections(declared)
            : declared.isEmpty() ? List.of() : List.of(declared.get(0));
        StreamingJetDataset data = StreamingJetDataset.builder().setFiles(files).setLayout(layout)
            .optCollections(read.stream().mapToInt(declared::indexOf).toArray()).setSampling(batchSize, true)
            .optSeed(1).build();
        Standardizer features = data.fitStandardizer();
        List<CollectionStandardizer> objects = tracks ? data.fitDeclaredCollectionStandardizers()
            : Collections.nCopies(read.size(), null);
        StreamingJetDataset train = data.withStandardizers(features, objects);
        int objectCount = Math.max(1, train.objectCount());
        int variableCount = Math.max(1, train.variableCount());
        TaggerSpec.Builder specBuilder = TaggerSpec.builder().setArchitecture(architecture)
            .optFeatureCount(train.featureCount()).optTrackShape(objectCount, variableCount)
            .optClasses(train.classCount());
        if (architecture.usesBranches()) {
            specBuilder.optBranches(architecture.defaultBranches(layout, read,
                IntStream.range(0, read.size()).mapToObj(train::objectCount).toList()));
        }
        TaggerSpec spec = specBuilder.build();
        InputSpec inputs = new InputSpec(layout.jets().features(), features.mean(), features.std(), objectCount,
            variableCount);
        List<EpochRecord> records = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        try (Tagger tagger = Tagger.create(spec, inputs, Device.cpu())) {
            new TaggerTrainer(TrainingOptions.builder().optEpochs(epochs + 1).optDevice(DeviceChoice.CPU)
                .optEarlyStoppingPatience(epochs + 2).optPlateau(0.5f, epochs + 2)
                .optListener(r -> {
                    records.add(r);
                    waits.add(train.waitSeconds());
                    steps.add(train.batchesServed());
                    train.resetWaitTime();
                }).build())
                .fit(tagger, new TrainingData(train, null));
        } finally {
            train.stop();
        }
        double seconds = 0;
        double wait = 0;
        long batches = 0;
        for (int e = 1; e < records.size(); e++) {
            seconds += records.get(e).seconds();
            wait += waits.get(e);
            batches += steps.get(e) - 1;
        }
        double step = (seconds - wait) / batches;
        return new Result(architecture.cliName(), files.size(), train.size(), batchSize, records.size() - 1, batches,
            seconds, step, wait / batches, wait / batches / step, train.size() * (records.size() - 1) / seconds);
    }
}
