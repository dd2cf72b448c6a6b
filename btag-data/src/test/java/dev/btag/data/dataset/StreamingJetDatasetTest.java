package dev.btag.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.btag.data.layout.Layout;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.ntuple.JetFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingJetDatasetTest {

    static final Layout LAYOUT = Layout.parse("""
        jets: {array: jets, columns: [id, x, flavour], features: [id, x]}
        label: {field: flavour, classes: {b: [1], light: [0]}}
        groups: {b: [b], light: [light]}
        collections: [{name: hits, array: hits, variables: [u, v]}]
        """, "ids.yaml");
    static final int[] SIZES = {130, 57, 211};

    @TempDir
    static Path dir;
    static List<Path> files = new ArrayList<>();
    static NDManager manager;

    /** Jet ids run on across the files: file i holds ids [sum of earlier sizes, ...). */
    @BeforeAll
    static void writeFiles() throws IOException {
        manager = NDManager.newBaseManager();
        int id = 0;
        for (int f = 0; f < SIZES.length; f++) {
            int n = SIZES[f];
            float[] jets = new float[n * 3];
            float[] hits = new float[n * 4];
            for (int i = 0; i < n; i++, id++) {
                jets[i * 3] = id;
                jets[i * 3 + 1] = id * 0.5f;
                jets[i * 3 + 2] = id % 3 == 0 ? 1 : 0;
                hits[i * 4] = id;
                hits[i * 4 + 1] = -id;
            }
            Path file = dir.resolve("part" + f + ".npz");
            try (NpzWriter w = NpzWriter.create(file, f == 1)) {
                w.write("jets", jets, n, 3).write("hits", hits, n, 2, 2);
            }
            files.add(file);
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static StreamingJetDataset dataset(boolean shuffle, int buffer) throws IOException {
        return StreamingJetDataset.builder().setFiles(files).setLayout(LAYOUT).optCollection(0)
            .setSampling(50, shuffle).optSeed(3).optShuffleBuffer(buffer).optBlockRows(37).optWorkers(2)
            .optPrefetch(2).build();
    }

    /** The ids of an epoch's jets, in order, checking each batch's shapes, objects and labels on the way. */
    static List<Integer> ids(StreamingJetDataset dataset, int epoch, List<Integer> batchSizes) {
        List<Integer> ids = new ArrayList<>();
        for (Batch batch : dataset.batches(manager, epoch)) {
            try (batch) {
                float[] features = batch.getData().get(0).toFloatArray();
                float[] objects = batch.getData().get(1).toFloatArray();
                float[] labels = batch.getLabels().get(0).toFloatArray();
                int b = batch.getSize();
                assertArrayEquals(new long[] {b, 2, 2}, batch.getData().get(1).getShape().getShape());
                for (int i = 0; i < b; i++) {
                    int id = (int) features[i * 2];
                    assertEquals(id * 0.5f, features[i * 2 + 1]);
                    assertEquals(id, objects[i * 4]);
                    assertEquals(id % 3 == 0 ? 1f : 0f, labels[i * 2]);
                    ids.add(id);
                }
                batchSizes.add(b);
            }
        }
        return ids;
    }

    @Test
    void withoutShufflingJetsComeInFileOrderInFullBatches() throws IOException {
        StreamingJetDataset dataset = dataset(false, 100);
        assertEquals(398, dataset.size());
        List<Integer> sizes = new ArrayList<>();
        List<Integer> ids = ids(dataset, 0, sizes);
        for (int i = 0; i < 398; i++) {
            assertEquals(i, ids.get(i));
        }
        assertEquals(List.of(50, 50, 50, 50, 50, 50, 50, 48), sizes);
    }

    @Test
    void shuffledEpochsHoldEveryJetOnceMixFilesAndRepeatWithTheSeed() throws IOException {
        StreamingJetDataset dataset = dataset(true, 120);
        List<Integer> a = ids(dataset, 0, new ArrayList<>());
        assertEquals(398, new HashSet<>(a).size());
        assertEquals(398, a.size());
        assertEquals(a, ids(dataset(true, 120), 0, new ArrayList<>()), "same seed, same epoch");
        List<Integer> b = ids(dataset, 1, new ArrayList<>());
        assertNotEquals(a, b);
        Set<Integer> filesInFirstBatch = new HashSet<>();
        for (int id : a.subList(0, 50)) {
            filesInFirstBatch.add(id < 130 ? 0 : id < 187 ? 1 : 2);
        }
        assertTrue(filesInFirstBatch.size() >= 2, "the buffer mixes files: " + filesInFirstBatch);
    }

    @Test
    void kerasSplitKeepsTheLastJetsOfTheFileListForValidation() throws IOException {
        StreamingJetDataset.Split split = dataset(true, 64).kerasSplit(0.3);
        long splitAt = (long) (398 * 0.7);
        assertEquals(splitAt, split.train().size());
        assertEquals(398 - splitAt, split.validation().size());
        List<Integer> validation = ids(split.validation(), 0, new ArrayList<>());
        for (int i = 0; i < validation.size(); i++) {
            assertEquals((int) splitAt + i, validation.get(i));
        }
        List<Integer> train = ids(split.train(), 0, new ArrayList<>());
        assertEquals(splitAt, new HashSet<>(train).size());
        assertTrue(train.stream().allMatch(id -> id < splitAt));
    }

    @Test
    void streamedStandardisationMatchesTheInMemoryFitAndIsApplied() throws IOException {
        StreamingJetDataset one = StreamingJetDataset.builder().setFiles(List.of(files.get(2))).setLayout(LAYOUT)
            .optCollection(0).setSampling(64, false).optBlockRows(19).build();
        Standardizer streamed = one.fitStandardizer();
        CollectionStandardizer objects = one.fitCollectionStandardizers().get(0);
        try (JetFile file = JetFile.open(files.get(2), LAYOUT)) {
            JetColumns columns = JetColumns.load(file, 0);
            JetDataset memory = JetDataset.builder().setColumns(columns).setSampling(64, false).build();
            assertEquals(Standardizer.fit(memory), streamed);
            assertEquals(columns.fitCollection(memory.rowIndices()), objects);
        }
        StreamingJetDataset standardised = one.withStandardizers(streamed, List.of(objects));
        double sum = 0;
        int n = 0;
        for (Batch batch : standardised.batches(manager, 0)) {
            try (batch) {
                float[] f = batch.getData().get(0).toFloatArray();
                for (int i = 0; i < f.length; i += 2) {
                    sum += f[i];
                    n++;
                }
            }
        }
        assertEquals(211, n);
        assertEquals(0, sum / n, 1e-5);
    }

    @Test
    void aFileThatDisappearsIsNamedWhileIterating() throws IOException {
        Path copy = dir.resolve("copy.npz");
        Files.copy(files.get(0), copy);
        StreamingJetDataset dataset = StreamingJetDataset.builder().setFiles(List.of(files.get(1), copy))
            .setLayout(LAYOUT).setSampling(10, false).build();
        Files.delete(copy);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> {
            for (Batch batch : dataset.batches(manager, 0)) {
                batch.close();
            }
        });
        assertTrue(e.getMessage().contains("copy.npz"), e.getMessage());
        assertTrue(dataset.batchesServed() > 0);
    }
}
