package dev.btag.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JetDatasetTest {

    private static final int JETS = 103;
    private static NDManager manager;
    private static JetColumns columns;

    @BeforeAll
    static void load(@TempDir Path dir) throws IOException {
        manager = NDManager.newBaseManager();
        SyntheticSample.Files files = SyntheticSample.write(dir, JETS, 5, 1);
        try (TutorialFile file = TutorialFile.open(files.train())) {
            columns = JetColumns.load(file, FeatureSet.TUTORIAL, true);
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static JetDataset dataset(int batchSize, boolean shuffle, long seed) {
        return JetDataset.builder().setColumns(columns).optTracks(true).optSeed(seed)
            .setSampling(batchSize, shuffle).build();
    }

    @Test
    void aSingleLeftoverJetJoinsThePreviousBatch() {
        // 103 jets in batches of 17: six of 17 and one left over, which would be a batch of one
        List<Integer> sizes = new java.util.ArrayList<>();
        for (Batch batch : dataset(17, true, 3).batches(manager, 0)) {
            try (batch) {
                sizes.add(batch.getSize());
            }
        }
        assertEquals(List.of(17, 17, 17, 17, 17, 18), sizes);
        sizes.clear();
        for (Batch batch : dataset(20, true, 3).batches(manager, 0)) {
            try (batch) {
                sizes.add(batch.getSize());
            }
        }
        assertEquals(List.of(20, 20, 20, 20, 20, 3), sizes, "a remainder of more than one stays a batch");
    }

    @Test
    void kerasSplitKeepsTheLastThirtyPercentForValidation() {
        JetDataset.Split split = dataset(16, true, 1).kerasSplit(0.3);
        int splitAt = (int) (JETS * (1.0 - 0.3));
        assertEquals(72, splitAt);
        int[] train = split.train().rowIndices();
        int[] validation = split.validation().rowIndices();
        assertEquals(splitAt, train.length);
        for (int i = 0; i < train.length; i++) {
            assertEquals(i, train[i]);
        }
        for (int i = 0; i < validation.length; i++) {
            assertEquals(splitAt + i, validation[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> dataset(16, false, 1).kerasSplit(1.0));
    }

    @Test
    void shuffledSplitIsSeededDisjointAndComplete() {
        JetDataset all = dataset(16, false, 1);
        JetDataset.Split a = all.shuffledSplit(0.3, 99);
        JetDataset.Split b = all.shuffledSplit(0.3, 99);
        JetDataset.Split c = all.shuffledSplit(0.3, 100);
        assertArrayEquals(a.train().rowIndices(), b.train().rowIndices());
        assertFalse(Arrays.equals(a.train().rowIndices(), c.train().rowIndices()));
        assertEquals(all.kerasSplit(0.3).train().size(), a.train().size());
        Set<Integer> seen = new HashSet<>();
        for (int row : a.train().rowIndices()) {
            assertTrue(seen.add(row));
        }
        for (int row : a.validation().rowIndices()) {
            assertTrue(seen.add(row), "row " + row + " is in both parts");
        }
        assertEquals(JETS, seen.size());
        assertFalse(Arrays.equals(a.validation().rowIndices(), all.kerasSplit(0.3).validation().rowIndices()));
    }

    @Test
    void epochsAreShuffledDifferentlyButReproducibly() {
        JetDataset first = dataset(16, true, 7);
        JetDataset again = dataset(16, true, 7);
        int[] epoch0 = first.epochOrder(0);
        int[] epoch1 = first.epochOrder(1);
        assertFalse(Arrays.equals(epoch0, epoch1));
        assertArrayEquals(epoch0, again.epochOrder(0));
        assertArrayEquals(epoch1, again.epochOrder(1));
        int[] sorted = epoch0.clone();
        Arrays.sort(sorted);
        assertArrayEquals(first.rowIndices(), sorted);
        assertFalse(Arrays.equals(epoch0, dataset(16, true, 8).epochOrder(0)));
        assertArrayEquals(first.rowIndices(), dataset(16, false, 7).epochOrder(3), "no shuffling: file order");
        // getData advances the epoch
        int[] firstBatchEpoch0 = firstIndices(first.getData(manager));
        int[] firstBatchEpoch1 = firstIndices(first.getData(manager));
        assertArrayEquals(Arrays.copyOf(epoch0, 16), firstBatchEpoch0);
        assertArrayEquals(Arrays.copyOf(epoch1, 16), firstBatchEpoch1);
    }

    private static int[] firstIndices(Iterable<Batch> batches) {
        try (Batch batch = batches.iterator().next()) {
            return batch.getIndices().stream().mapToInt(i -> (Integer) i).toArray();
        }
    }

    @Test
    void bulkBatchesEqualTheRecordByRecordReference() {
        JetDataset dataset = dataset(10, true, 3);
        Standardizer standardizer = Standardizer.fit(dataset.kerasSplit(0.3).train());
        JetDataset standardized = dataset.withStandardizer(standardizer);
        int seen = 0;
        for (Batch batch : standardized.batches(manager, 2)) {
            try (batch) {
                NDList data = batch.getData();
                assertEquals(2, data.size());
                int b = batch.getSize();
                assertArrayEquals(new long[] {b, 15}, data.get(0).getShape().getShape());
                assertArrayEquals(new long[] {b, 10, 21}, data.get(1).getShape().getShape());
                assertArrayEquals(new long[] {b, 6}, batch.getLabels().get(0).getShape().getShape());
                float[] features = data.get(0).toFloatArray();
                float[] tracks = data.get(1).toFloatArray();
                float[] labels = batch.getLabels().get(0).toFloatArray();
                int[] order = standardized.epochOrder(2);
                for (int i = 0; i < b; i++) {
                    try (NDManager sub = manager.newSubManager()) {
                        Record record = standardized.get(sub, order[seen + i]);
                        assertArrayEquals(record.getData().get(0).toFloatArray(),
                            Arrays.copyOfRange(features, i * 15, i * 15 + 15));
                        assertArrayEquals(record.getData().get(1).toFloatArray(),
                            Arrays.copyOfRange(tracks, i * 210, i * 210 + 210));
                        assertArrayEquals(record.getLabels().get(0).toFloatArray(),
                            Arrays.copyOfRange(labels, i * 6, i * 6 + 6));
                    }
                }
                seen += b;
            }
        }
        assertEquals(JETS, seen, "every row once, the last batch smaller");
    }

    @Test
    void standardizerFitsTrainingRowsOnlyAndRoundTripsThroughJson(@TempDir Path dir) throws IOException {
        JetDataset.Split split = dataset(16, false, 1).kerasSplit(0.3);
        Standardizer standardizer = Standardizer.fit(split.train());
        double sum = 0;
        for (int row : split.train().rowIndices()) {
            sum += columns.featuresOf(row)[0];
        }
        assertEquals(sum / split.train().size(), standardizer.mean()[0], 1e-9);
        double allSum = 0;
        for (int row = 0; row < JETS; row++) {
            allSum += columns.featuresOf(row)[0];
        }
        assertFalse(Math.abs(allSum / JETS - standardizer.mean()[0]) < 1e-9, "validation rows are not fitted");
        Path file = dir.resolve("standardizer.json");
        standardizer.save(file);
        assertEquals(standardizer, Standardizer.load(file));
        assertEquals(FeatureSet.TUTORIAL.columnNames(), standardizer.featureNames());
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fromJson("{\"mean\":[1]}"));
    }

    @Test
    void limitCapsTheEpoch() {
        JetDataset limited = JetDataset.builder().setColumns(columns).setSampling(16, true).optLimit(40).build();
        assertEquals(40, limited.size());
        int jets = 0;
        for (Batch batch : limited.getData(manager)) {
            try (batch) {
                jets += batch.getSize();
            }
        }
        assertEquals(40, jets);
    }

    @Test
    void featuresOnlyBatchesHaveOneInput() {
        JetDataset dataset = JetDataset.builder().setColumns(columns).setSampling(50, false).build();
        try (Batch batch = dataset.getData(manager).iterator().next()) {
            assertEquals(1, batch.getData().size());
            assertEquals(50, batch.getSize());
        }
    }
}
