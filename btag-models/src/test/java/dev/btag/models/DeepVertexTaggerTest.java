package dev.btag.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeepVertexTaggerTest {

    /**
     * By hand, features' batch norm 4 x 15 = 60; per neighbour convolutions on 36 parameters 37x64 + 65x32 + 33x32 +
     * 33x8 = 5,768; LSTM(50) over seeds on 8 inputs 4 x 50 x 59 = 11,800; head on 15 + 50 = 65 inputs 66x200 + 201x100
     * + 6 x 101x100 + 101x6 = 94,506. Keras 112,134; PyTorch's second LSTM bias adds 200.
     */
    @Test
    void parameterCountMatchesAHandCount() {
        long keras = 60 + (37 * 64 + 65 * 32 + 33 * 32 + 33 * 8) + 4 * 50 * 59
            + (66 * 200 + 201 * 100 + 6 * 101 * 100 + 101 * 6);
        assertEquals(112_134, keras);
        TaggerSpec spec = TaggerSpec.tutorial(Architecture.DEEPVERTEX);
        assertEquals(keras, spec.kerasParameterCount());
        assertEquals(List.of(new Shape(720, 10)), spec.collectionShapes());
        try (NDManager manager = NDManager.newBaseManager()) {
            TaggerBlock block = spec.newBlock();
            block.initialize(manager, DataType.FLOAT32, spec.inputShapes(2));
            assertEquals(keras + 200, ParameterCount.of(block).total());
        }
    }

    /** The neighbour-major order: moving a padded seed column, or a padded neighbour block, changes nothing. */
    @Test
    void paddedSeedsAndNeighboursDoNotMatterWherever() {
        int neighbours = 3;
        int seeds = 4;
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DEEPVERTEX).optFeatureCount(2)
            .optBranches(List.of(new ObjectBranch("seeds", neighbours * 36, seeds, new int[] {5}, 3, -1)))
            .optHeadWidths(4).build();
        Random random = new Random(3);
        float[] features = {0.3f, -1.2f};
        // seed 0: neighbours 0 and 1 real; seed 1: neighbour 0 real; seeds 2 and 3 padding
        float[] compact = new float[neighbours * 36 * seeds];
        int[][] real = {{0, 1}, {0}};
        for (int s = 0; s < real.length; s++) {
            for (int n : real[s]) {
                for (int p = 0; p < 36; p++) {
                    compact[(n * 36 + p) * seeds + s] = (float) random.nextGaussian() + 0.1f;
                }
            }
        }
        // the same jet with seed 1 moved to column 3 and seed 0's second neighbour moved to neighbour slot 2
        float[] moved = new float[compact.length];
        for (int p = 0; p < 36; p++) {
            moved[(0 * 36 + p) * seeds] = compact[(0 * 36 + p) * seeds];
            moved[(2 * 36 + p) * seeds] = compact[(1 * 36 + p) * seeds];
            moved[(0 * 36 + p) * seeds + 3] = compact[(0 * 36 + p) * seeds + 1];
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            TaggerBlock block = spec.newBlock();
            block.initialize(manager, DataType.FLOAT32, spec.inputShapes(1));
            float[] a = forward(block, manager, features, compact, neighbours, seeds);
            float[] b = forward(block, manager, features, moved, neighbours, seeds);
            assertArrayEquals(a, b, 1e-5f);
            float[] noSeeds = forward(block, manager, features, new float[compact.length], neighbours, seeds);
            assertTrue(Math.abs(a[0] - noSeeds[0]) + Math.abs(a[1] - noSeeds[1]) > 1e-6, "the seeds matter");
        }
    }

    private static float[] forward(TaggerBlock block, NDManager manager, float[] features, float[] seeds,
                                   int neighbours, int columns) {
        NDList in = new NDList(manager.create(features, new Shape(1, 2)),
            manager.create(seeds, new Shape(1, neighbours * 36, columns)));
        return block.forward(new ParameterStore(manager, false), in, false).singletonOrThrow().toFloatArray();
    }

    @Test
    void rowsThatAreNotWholeNeighboursAreRefused() {
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DEEPVERTEX)
            .optBranches(List.of(new ObjectBranch("seeds", 700, 10, new int[] {8}, 4, -1))).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, spec::newBlock);
        assertTrue(e.getMessage().contains("700") && e.getMessage().contains("36"), e.getMessage());
    }
}
