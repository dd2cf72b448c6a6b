package dev.btag.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.btag.data.layout.Layout;
import dev.btag.data.npy.NpzWriter;
import dev.btag.data.ntuple.JetFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A streamed dataset that reads one or several collections gives the in-memory {@link JetDataset}'s batches: same
 * inputs in the same order, same standardisation (fitted over real objects only, padding left at zero), value for
 * value.
 */
class StreamingCollectionsTest {

    /**
     * Three collections of different shapes: one with padding by zeros, one with a valid field, one of one variable.
     */
    static final Layout LAYOUT = Layout.parse("""
        jets: {array: jets, columns: [id, x, flavour], features: [id, x]}
        label: {field: flavour, classes: {b: [1], light: [0]}}
        groups: {b: [b], light: [light]}
        collections:
          - {name: hits, array: hits, variables: [u, v]}
          - {name: tracks, array: tracks, columns: [d0, z0, q, valid], variables: [d0, z0, q], valid: valid}
          - {name: towers, array: towers, variables: [e]}
        """, "three.yaml");
    static final int[] SIZES = {45, 23, 61};
    static final int TOTAL = 129;
    /** The collections in an order other than the layout's. */
    static final int[] ORDER = {2, 0, 1};

    @TempDir
    static Path dir;
    static final List<Path> parts = new ArrayList<>();
    static Path whole;
    static NDManager manager;

    @BeforeAll
    static void writeFiles() throws IOException {
        manager = NDManager.newBaseManager();
        int id = 0;
        for (int f = 0; f < SIZES.length; f++) {
            parts.add(write("part" + f + ".npz", id, SIZES[f]));
            id += SIZES[f];
        }
        whole = write("whole.npz", 0, TOTAL);
    }

    /** Jets {@code first, first + 1, ...}; each jet's objects are functions of its id, padded slots all zero. */
    static Path write(String name, int first, int n) throws IOException {
        float[] jets = new float[n * 3];
        float[] hits = new float[n * 2 * 2];
        float[] tracks = new float[n * 3 * 4];
        float[] towers = new float[n * 4];
        for (int i = 0; i < n; i++) {
            int id = first + i;
            jets[i * 3] = id;
            jets[i * 3 + 1] = (id % 7) * 0.25f;
            jets[i * 3 + 2] = id % 3 == 0 ? 1 : 0;
            hits[i * 4] = id;
            hits[i * 4 + 1] = 1 + id % 5;
            if (id % 2 == 1) {
                hits[i * 4 + 2] = -id;
                hits[i * 4 + 3] = id % 4;
            }
            for (int k = 0; k < id % 4; k++) {
                int at = (i * 3 + k) * 4;
                tracks[at] = id * 0.01f + k;
                tracks[at + 1] = -k;
                tracks[at + 2] = k % 2 == 0 ? 1 : -1;
                tracks[at + 3] = 1;
            }
            for (int k = 0; k <= id % 3; k++) {
                towers[i * 4 + k] = 2 + id * 0.1f + k;
            }
        }
        Path file = dir.resolve(name);
        try (NpzWriter w = NpzWriter.create(file, false)) {
            w.write("jets", jets, n, 3).write("hits", hits, n, 2, 2).write("tracks", tracks, n, 3, 4)
                .write("towers", towers, n, 4, 1);
        }
        return file;
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static StreamingJetDataset streamed(boolean shuffle) throws IOException {
        return streamed(shuffle, ORDER);
    }

    static StreamingJetDataset streamed(boolean shuffle, int[] collections) throws IOException {
        return StreamingJetDataset.builder().setFiles(parts).setLayout(LAYOUT).optCollections(collections)
            .setSampling(20, shuffle).optSeed(5).optShuffleBuffer(50).optBlockRows(17).optWorkers(2)
            .optPrefetch(2).build();
    }

    /** One collection (the single-collection path), two, and all three in an order other than the layout's. */
    static List<int[]> collectionChoices() {
        return List.of(new int[] {1}, new int[] {0, 2}, ORDER);
    }

    @ParameterizedTest
    @MethodSource("collectionChoices")
    void streamedBatchesEqualTheInMemoryBatches(int[] collections) throws IOException {
        StreamingJetDataset stream = streamed(false, collections);
        List<String> names = java.util.Arrays.stream(collections)
            .mapToObj(i -> LAYOUT.collections().get(i).name()).toList();
        assertEquals(names, stream.collectionNames());
        Standardizer features = stream.fitStandardizer();
        List<CollectionStandardizer> objects = stream.fitCollectionStandardizers();
        JetDataset memory;
        try (JetFile file = JetFile.open(whole, LAYOUT)) {
            JetColumns columns = JetColumns.load(file, collections);
            memory = JetDataset.builder().setColumns(columns).setSampling(20, false).optTracks(true).build();
            assertEquals(Standardizer.fit(memory), features);
            for (int j = 0; j < collections.length; j++) {
                assertEquals(columns.fitCollection(j, memory.rowIndices()), objects.get(j), names.get(j));
            }
        }
        memory = memory.withStandardizer(features).withCollectionStandardizers(objects);
        stream = stream.withStandardizers(features, objects);
        assertEquals(objects, stream.collectionStandardizers());
        int inputs = 1 + collections.length;
        int tracksInput = 1 + java.util.stream.IntStream.range(0, collections.length)
            .filter(j -> collections[j] == 1).findFirst().orElse(-1);
        int batches = 0;
        int padded = 0;
        Iterator<Batch> expected = memory.batches(manager, 0).iterator();
        for (Batch got : stream.batches(manager, 0)) {
            try (got; Batch want = expected.next()) {
                assertEquals(want.getSize(), got.getSize());
                assertEquals(inputs, got.getData().size());
                for (int i = 0; i < inputs; i++) {
                    assertEquals(want.getData().get(i).getShape(), got.getData().get(i).getShape(), "input " + i);
                    assertArrayEquals(want.getData().get(i).toFloatArray(), got.getData().get(i).toFloatArray(),
                        "batch " + batches + ", input " + i);
                }
                assertArrayEquals(want.getLabels().get(0).toFloatArray(), got.getLabels().get(0).toFloatArray());
                if (tracksInput > 0) {
                    padded += zeroTrackSlots(got.getData().get(tracksInput).toFloatArray());
                }
                batches++;
            }
        }
        assertFalse(expected.hasNext());
        assertEquals(7, batches);
        if (tracksInput > 0) {
            int expectedPadding = 0;
            for (int id = 0; id < TOTAL; id++) {
                expectedPadding += 3 - Math.min(3, id % 4);
            }
            assertEquals(expectedPadding, padded, "exactly the padded track slots stay zero after standardisation");
        }
    }

    /** The track slots (three values each) that are all zero. */
    static int zeroTrackSlots(float[] tracks) {
        int zero = 0;
        for (int slot = 0; slot < tracks.length / 3; slot++) {
            if (tracks[slot * 3] == 0 && tracks[slot * 3 + 1] == 0 && tracks[slot * 3 + 2] == 0) {
                zero++;
            }
        }
        return zero;
    }

    @Test
    void shuffledBatchesCarryEachJetOnceWithItsOwnObjects() throws IOException {
        StreamingJetDataset stream = streamed(true);
        List<Integer> order = new ArrayList<>();
        for (Batch batch : stream.batches(manager, 0)) {
            try (batch) {
                float[] features = batch.getData().get(0).toFloatArray();
                float[] towers = batch.getData().get(1).toFloatArray();
                float[] hits = batch.getData().get(2).toFloatArray();
                float[] tracks = batch.getData().get(3).toFloatArray();
                assertArrayEquals(new long[] {batch.getSize(), 3, 3}, batch.getData().get(3).getShape().getShape());
                for (int i = 0; i < batch.getSize(); i++) {
                    int id = (int) features[i * 2];
                    assertEquals(2 + id * 0.1f, towers[i * 4], 1e-6);
                    assertEquals(id, hits[i * 4]);
                    assertEquals(id % 4 == 0 ? 0 : id * 0.01f, tracks[i * 9], 1e-6);
                    order.add(id);
                }
            }
        }
        assertEquals(TOTAL, order.size());
        assertEquals(TOTAL, new HashSet<>(order).size());
        List<Integer> fileOrder = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            fileOrder.add(i);
        }
        assertNotEquals(fileOrder, order);
    }

    @Test
    void theLayoutSaysWhichCollectionsAreStandardised() throws IOException {
        Layout rawTowers = Layout.parse("""
            jets: {array: jets, columns: [id, x, flavour], features: [id, x]}
            label: {field: flavour, classes: {b: [1], light: [0]}}
            groups: {b: [b], light: [light]}
            collections:
              - {name: hits, array: hits, variables: [u, v]}
              - {name: tracks, array: tracks, columns: [d0, z0, q, valid], variables: [d0, z0, q], valid: valid}
              - {name: towers, array: towers, variables: [e], standardise: false}
            """, "raw-towers.yaml");
        StreamingJetDataset stream = StreamingJetDataset.builder().setFiles(parts).setLayout(rawTowers)
            .optCollections(ORDER).setSampling(20, false).build();
        List<CollectionStandardizer> all = stream.fitCollectionStandardizers();
        List<CollectionStandardizer> declared = stream.fitDeclaredCollectionStandardizers();
        assertEquals(java.util.Arrays.asList(null, all.get(1), all.get(2)), declared, "towers (first) stay raw");
        StreamingJetDataset none = StreamingJetDataset.builder().setFiles(parts).setLayout(rawTowers)
            .optCollections(2).setSampling(20, false).build();
        assertEquals(java.util.Collections.singletonList(null), none.fitDeclaredCollectionStandardizers());
    }

    @Test
    void aStandardisationPerCollectionIsChecked() throws IOException {
        StreamingJetDataset stream = streamed(false);
        List<CollectionStandardizer> fitted = stream.fitCollectionStandardizers();
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
            () -> stream.withStandardizers(null, fitted.subList(0, 2)));
        assertEquals("2 collection standardisations for 3 collections", count.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
            () -> stream.withStandardizers(null, List.of(fitted.get(1), fitted.get(0), fitted.get(2))));
        assertTrue(shape.getMessage().contains("'towers'"), shape.getMessage());
    }
}
