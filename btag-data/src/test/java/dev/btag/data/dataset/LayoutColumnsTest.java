package dev.btag.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Columns read through a layout: the tutorial layout reproduces today's path bit for bit; collections standardise. */
class LayoutColumnsTest {

    @TempDir
    Path dir;

    private static List<float[]> epoch(JetDataset dataset, NDManager manager, int number) {
        List<float[]> out = new ArrayList<>();
        for (Batch batch : dataset.batches(manager, number)) {
            try (batch) {
                for (NDList list : List.of(batch.getData(), batch.getLabels())) {
                    list.forEach(a -> out.add(a.toFloatArray()));
                }
            }
        }
        return out;
    }

    @Test
    void tutorialLayoutGivesBitIdenticalBatches() throws IOException {
        Path file = SyntheticSample.write(dir, 400, 9, 1).train();
        JetColumns today;
        try (TutorialFile tutorial = TutorialFile.open(file)) {
            today = JetColumns.load(tutorial, FeatureSet.TUTORIAL, true);
        }
        JetColumns layout;
        try (JetFile jets = JetFile.open(file, Layout.tutorial())) {
            layout = JetColumns.load(jets, 0);
        }
        assertEquals(today.featureSet(), layout.featureSet());
        assertEquals(today.featureNames(), layout.featureNames());
        try (NDManager manager = NDManager.newBaseManager()) {
            for (boolean tracks : new boolean[] {true, false}) {
                JetDataset.Split a = JetDataset.builder().setColumns(today).optTracks(tracks).optSeed(4)
                    .setSampling(64, true).build().kerasSplit(0.3);
                JetDataset.Split b = JetDataset.builder().setColumns(layout).optTracks(tracks).optSeed(4)
                    .setSampling(64, true).build().kerasSplit(0.3);
                Standardizer sa = Standardizer.fit(a.train());
                Standardizer sb = Standardizer.fit(b.train());
                assertEquals(sa, sb);
                for (int e = 0; e < 2; e++) {
                    List<float[]> x = epoch(a.train().withStandardizer(sa), manager, e);
                    List<float[]> y = epoch(b.train().withStandardizer(sb), manager, e);
                    assertEquals(x.size(), y.size());
                    for (int i = 0; i < x.size(); i++) {
                        assertArrayEquals(x.get(i), y.get(i), "epoch " + e + " array " + i);
                    }
                }
            }
        }
    }

    @Test
    void collectionStandardisationUsesRealObjectsAndKeepsPaddingZero() throws IOException {
        Path file = SyntheticSample.write(dir, 300, 2, 1).train();
        try (JetFile jets = JetFile.open(file, Layout.tutorial()); NDManager manager = NDManager.newBaseManager()) {
            JetColumns columns = JetColumns.load(jets, jets.collectionIndex("charged"));
            assertEquals(25, columns.objectCount());
            assertEquals(16, columns.variableCount());
            JetDataset dataset = JetDataset.builder().setColumns(columns).optTracks(true).setSampling(300, false)
                .build();
            CollectionStandardizer cs = columns.fitCollection(dataset.rowIndices());
            float[] standardised;
            try (Batch batch = dataset.withCollectionStandardizer(cs).batches(manager, 0).iterator().next()) {
                assertArrayEquals(new long[] {300, 25, 16}, batch.getData().get(1).getShape().getShape());
                standardised = batch.getData().get(1).toFloatArray();
            }
            double[] sum = new double[16];
            double[] sumSq = new double[16];
            long real = 0;
            for (int o = 0; o < 300 * 25; o++) {
                boolean isReal = columns.real[0][o];
                for (int j = 0; j < 16; j++) {
                    float x = standardised[o * 16 + j];
                    if (!isReal) {
                        assertEquals(0f, x, "padding stays zero");
                    } else {
                        sum[j] += x;
                        sumSq[j] += x * x;
                    }
                }
                real += isReal ? 1 : 0;
            }
            assertTrue(real > 0 && real < 300 * 25, "some real objects and some padding: " + real);
            for (int j = 0; j < 16; j++) {
                if (cs.std()[j] != 1.0) {
                    assertEquals(0, sum[j] / real, 1e-3, "mean of variable " + j);
                    assertEquals(1, sumSq[j] / real, 1e-3, "variance of variable " + j);
                }
            }
            assertEquals(cs, CollectionStandardizer.fromJson(cs.toJson()));
        }
    }
}
