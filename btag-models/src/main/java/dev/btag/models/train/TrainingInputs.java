package dev.btag.models.train;

import dev.btag.data.dataset.CollectionStandardizer;
import dev.btag.data.dataset.JetColumns;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.dataset.Standardizer;
import dev.btag.data.dataset.StreamingJetDataset;
import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.TutorialFile;
import dev.btag.models.Architecture;
import dev.btag.models.InputSpec;
import dev.btag.models.LayoutInputs;
import dev.btag.models.TaggerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The data side of a {@link TrainingRun}: the training and validation datasets read through a layout, with their
 * standardisation fitted on the training jets, and what the tagger must be told about them. One training file (and no
 * validation files) is loaded into memory ({@link JetDataset}, the tutorial's path, bit for bit); several files, or
 * held-out validation files, are streamed ({@link StreamingJetDataset}: every collection the tagger reads, with the
 * batches and the standardisation the in-memory path gives the same jets).
 *
 * @param data the datasets
 * @param inputs the tagger's input description (feature names and standardisation, object shape)
 * @param layoutInputs the layout, collections and their standardisation to save with the tagger
 * @param objectCounts the object slots per jet of each collection of {@code layoutInputs}, in the same order
 * @param classes the number of classes K
 * @param synthetic whether the (first) training file is btag's synthetic sample
 * @param trainJets jets that train
 * @param validationJets jets that validate
 */
record TrainingInputs(TrainingData data, InputSpec inputs, LayoutInputs layoutInputs, List<Integer> objectCounts,
                      int classes, boolean synthetic, long trainJets, long validationJets) {

    /**
     * What to read and how: {@code collections} names the collections to read (empty: the architecture's default,
     * {@link Architecture#defaultCollections}).
     */
    record Request(Layout layout, List<Path> trainFiles, List<Path> validationFiles, List<String> collections,
                   Architecture architecture, int batchSize, long seed, double validationSplit, boolean standardise,
                   Weigher weigher) {
        boolean usesCollection() {
            return architecture.usesTracks();
        }
    }

    /** Weights the loaded columns of the one training file (per-jet weights are read in memory only). */
    @FunctionalInterface
    interface Weigher {
        JetColumns weigh(Path file, JetColumns columns) throws IOException;
    }

    static TrainingInputs read(Request r) throws IOException {
        if (r.layout().equals(Layout.tutorial())) {
            for (Path file : r.trainFiles()) {
                try (TutorialFile tutorial = TutorialFile.open(file)) {
                    tutorial.report().requireConsistentTruth();
                }
            }
        }
        if (r.weigher() != null && !r.layout().isTutorial()) {
            throw new IllegalArgumentException(r.layout().source() + ": per-jet weighting reads the tutorial layout's"
                + " pT, eta and classes; it is not available for other layouts yet");
        }
        int[] collections = collectionIndices(r);
        if (r.trainFiles().size() == 1 && r.validationFiles().isEmpty()) {
            return inMemory(r, collections);
        }
        if (r.weigher() != null) {
            throw new IllegalArgumentException("per-jet weighting trains from one file held in memory; got "
                + r.trainFiles().size() + " training files" + (r.validationFiles().isEmpty() ? ""
                : " and " + r.validationFiles().size() + " validation files"));
        }
        return streamed(r, collections);
    }

    /**
     * The collections the tagger reads (or, for a DNN, whose first one's shape it records): the named ones, else
     * every collection of the layout for a tagger that reads several, else the layout's first; none when the layout
     * declares none and the tagger reads none.
     */
    private static int[] collectionIndices(Request r) {
        List<ObjectCollection> all = r.layout().collections();
        if (all.isEmpty() && r.usesCollection()) {
            throw new IllegalArgumentException(r.layout().source() + ": collections: the layout declares none, but"
                + " the tagger reads one");
        }
        List<String> names = r.collections();
        if (names.isEmpty()) {
            names = r.architecture().defaultCollections(all.stream().map(ObjectCollection::name).toList());
        } else if (names.size() > 1 && r.architecture() != Architecture.DEEPJET) {
            throw new IllegalArgumentException("the " + r.architecture().cliName() + " tagger reads one collection,"
                + " got " + names);
        }
        return names.stream().mapToInt(name -> all.indexOf(r.layout().collection(name))).toArray();
    }

    private static TrainingInputs inMemory(Request r, int[] collections) throws IOException {
        int collection = collections.length == 0 ? -1 : collections[0];
        Path file = r.trainFiles().get(0);
        JetColumns columns;
        boolean synthetic;
        int[] shape;
        try (JetFile jets = JetFile.open(file, r.layout())) {
            synthetic = jets.isSynthetic();
            columns = JetColumns.load(jets, r.usesCollection() ? collections : new int[0]);
            shape = objectShape(jets, collection);
        }
        if (r.weigher() != null) {
            columns = r.weigher().weigh(file, columns);
        }
        JetDataset.Split split = JetDataset.builder().setColumns(columns).setSampling(r.batchSize(), true)
            .optTracks(r.usesCollection()).optSeed(r.seed()).build().kerasSplit(r.validationSplit());
        if (split.train().size() < 2) {
            throw new IllegalArgumentException(file + ": " + split.train().size() + " training rows left after the"
                + " validation split of " + r.validationSplit() + "; training needs at least 2");
        }
        Standardizer standardizer;
        try {
            standardizer = r.standardise() ? Standardizer.fit(split.train()) : null;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        List<CollectionStandardizer> objects = new ArrayList<>();
        for (int i = 0; i < columns.collectionCount(); i++) {
            objects.add(standardiseObjects(r, collections[i]) ? columns.fitCollection(i, split.train().rowIndices())
                : null);
        }
        JetDataset train = split.train().withStandardizer(standardizer).withCollectionStandardizers(objects);
        JetDataset validation = split.validation().size() == 0 ? null
            : split.validation().withStandardizer(standardizer).withCollectionStandardizers(objects);
        List<String> names = columns.collectionNames();
        return new TrainingInputs(new TrainingData(train, validation), inputSpec(r, standardizer, shape),
            new LayoutInputs(r.layout(), names, objects),
            IntStream.range(0, names.size()).mapToObj(columns::objectCount).toList(), columns.classCount(), synthetic,
            train.size(),
            validation == null ? 0 : validation.size());
    }

    private static TrainingInputs streamed(Request r, int[] collections) throws IOException {
        int[] read = r.usesCollection() ? collections : new int[0];
        StreamingJetDataset all = builder(r, r.trainFiles(), read, true).build();
        StreamingJetDataset train;
        StreamingJetDataset validation;
        if (r.validationFiles().isEmpty()) {
            StreamingJetDataset.Split split = all.kerasSplit(r.validationSplit());
            train = split.train();
            validation = split.validation().size() == 0 ? null : split.validation();
        } else {
            train = all;
            validation = builder(r, r.validationFiles(), read, false).build();
        }
        if (train.size() < 2) {
            throw new IllegalArgumentException(r.trainFiles().get(0) + ": " + train.size() + " training jets left"
                + " after the validation split of " + r.validationSplit() + "; training needs at least 2");
        }
        Standardizer standardizer = r.standardise() ? train.fitStandardizer() : null;
        List<CollectionStandardizer> objects = train.fitDeclaredCollectionStandardizers();
        train = train.withStandardizers(standardizer, objects);
        validation = validation == null ? null : validation.withStandardizers(standardizer, objects);
        int[] shape;
        boolean synthetic;
        try (JetFile first = JetFile.open(r.trainFiles().get(0), r.layout())) {
            shape = objectShape(first, collections.length == 0 ? -1 : collections[0]);
            synthetic = first.isSynthetic();
        }
        return new TrainingInputs(new TrainingData(train, validation), inputSpec(r, standardizer, shape),
            new LayoutInputs(r.layout(), train.collectionNames(), objects),
            IntStream.range(0, read.length).mapToObj(all::objectCount).toList(), r.layout().label().size(),
            synthetic, train.size(), validation == null ? 0 : validation.size());
    }

    private static StreamingJetDataset.Builder builder(Request r, List<Path> files, int[] collections,
                                                       boolean shuffle) {
        return StreamingJetDataset.builder().setFiles(files).setLayout(r.layout()).optCollections(collections)
            .setSampling(r.batchSize(), shuffle).optSeed(r.seed());
    }

    private static boolean standardiseObjects(Request r, int collection) {
        return r.usesCollection() && collection >= 0 && r.layout().collections().get(collection).standardise();
    }

    /** The objects × variables of the collection, or 1 × 1 when there is none (a DNN on a layout without any). */
    private static int[] objectShape(JetFile file, int collection) {
        return collection < 0 ? new int[] {1, 1}
            : new int[] {file.objectCount(collection), file.variableCount(collection)};
    }

    private static InputSpec inputSpec(Request r, Standardizer standardizer, int[] shape) {
        List<String> names = r.layout().jets().features();
        return standardizer == null ? InputSpec.unstandardised(names, shape[0], shape[1])
            : new InputSpec(names, standardizer.mean(), standardizer.std(), shape[0], shape[1]);
    }

    /**
     * The tagger for these inputs: the architecture with their feature count, object shape and class count (the
     * tutorial's 15, 10 x 21 and 6 give the tutorial tagger exactly) and, for a tagger built from branches, the
     * architecture's default branch per collection read ({@link Architecture#defaultBranch}).
     *
     * @param architecture the tagger
     * @param dropout the dropout rate
     * @param customiser changes to the built specification (padding, widths), or {@code null}
     * @return the specification
     */
    TaggerSpec specFor(Architecture architecture, float dropout, Consumer<TaggerSpec.Builder> customiser) {
        TaggerSpec.Builder b = TaggerSpec.builder().setArchitecture(architecture).optDropout(dropout)
            .optFeatureCount(inputs.featureCount()).optTrackShape(inputs.trackCount(), inputs.trackVariables())
            .optClasses(classes);
        if (architecture.usesBranches()) {
            b.optBranches(architecture.defaultBranches(layoutInputs.layout(), layoutInputs.collections(),
                objectCounts));
        }
        if (customiser != null) {
            customiser.accept(b);
        }
        return b.build();
    }

}
