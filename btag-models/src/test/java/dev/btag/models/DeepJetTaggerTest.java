package dev.btag.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeepJetTaggerTest {

    /**
     * The default DeepJet-style tagger on the tutorial's collections, counted by hand. Features: batch norm 4 x 15 =
     * 60. Charged (16 variables): convolutions 17x64 + 65x32 + 33x32 + 33x8 = 4,488, LSTM(150) on 8 inputs
     * 4 x 150 x (8 + 150 + 1) = 95,400. Neutral (6): 7x32 + 33x16 + 17x4 = 820, LSTM(50) on 4: 4 x 50 x 55 = 11,000.
     * Vertices (12): 13x64 + 65x32 + 33x32 + 33x8 = 4,232, LSTM(50) on 8: 4 x 50 x 59 = 11,800. Head on 15 + 150 + 50
     * + 50 = 265 inputs: 266x200 + 201x100 + 6 x 101x100 + 101x6 = 134,506. Keras: 262,306. PyTorch's LSTMs hold a
     * second bias per gate: + 4 x (150 + 50 + 50) = 1,000; the moving mean and variance (2 x 15) are not trainable.
     */
    @Test
    void parameterCountMatchesAHandCount() {
        long bn = 4 * 15;
        long charged = 17 * 64 + 65 * 32 + 33 * 32 + 33 * 8 + 4 * 150 * (8 + 150 + 1);
        long neutral = 7 * 32 + 33 * 16 + 17 * 4 + 4 * 50 * (4 + 50 + 1);
        long vertices = 13 * 64 + 65 * 32 + 33 * 32 + 33 * 8 + 4 * 50 * (8 + 50 + 1);
        long head = 266 * 200 + 201 * 100 + 6 * 101 * 100 + 101 * 6;
        long keras = bn + charged + neutral + vertices + head;
        assertEquals(262_306, keras);
        TaggerSpec spec = TaggerSpec.tutorial(Architecture.DEEPJET);
        assertEquals(keras, spec.kerasParameterCount());
        try (NDManager manager = NDManager.newBaseManager()) {
            TaggerBlock block = spec.newBlock();
            block.initialize(manager, DataType.FLOAT32, spec.inputShapes(2));
            ParameterCount count = ParameterCount.of(block);
            assertEquals(keras + 4 * (150 + 50 + 50), count.total());
            assertEquals(count.total() - 2 * 15, count.trainable());
        }
    }

    @Test
    void widthsComeFromTheBuilder() {
        List<ObjectBranch> branches = List.of(new ObjectBranch("charged", 5, 3, new int[] {4}, 6, -1),
            new ObjectBranch("vertices", 2, 2, new int[] {3, 2}, 5, 1));
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.DEEPJET).optFeatureCount(4)
            .optBranches(branches).optHeadWidths(7).optClasses(3).build();
        long keras = 4 * 4 + (4 * 4 + 4 * 6 * (4 + 6 + 1)) + (3 * 3 + 4 * 2 + 4 * 5 * (2 + 5 + 1))
            + (4 + 6 + 5 + 1) * 7 + 8 * 3;
        assertEquals(keras, spec.kerasParameterCount());
        assertEquals(List.of(new Shape(5, 3), new Shape(2, 2)), spec.collectionShapes());
        assertEquals(spec, TaggerSpec.fromJson(spec.toJson()));
        try (NDManager manager = NDManager.newBaseManager()) {
            TaggerBlock block = spec.newBlock();
            block.initialize(manager, DataType.FLOAT32, spec.inputShapes(3));
            assertEquals(keras + 4 * (6 + 5), ParameterCount.of(block).total());
            NDList in = new NDList(manager.randomNormal(new Shape(3, 4)), manager.randomNormal(new Shape(3, 5, 3)),
                manager.randomNormal(new Shape(3, 2, 2)));
            NDArray out = block.forward(new ParameterStore(manager, false), in, false).singletonOrThrow();
            assertArrayEquals(new long[] {3, 3}, out.getShape().getShape());
            assertTrue(out.isInfinite().logicalOr(out.isNaN()).none().getBoolean());
        }
    }

    @Test
    void missingCollectionsAreRefusedNamingThem() {
        TaggerSpec spec = TaggerSpec.tutorial(Architecture.DEEPJET);
        try (NDManager manager = NDManager.newBaseManager()) {
            TaggerBlock block = spec.newBlock();
            block.initialize(manager, DataType.FLOAT32, spec.inputShapes(2));
            NDList two = new NDList(manager.zeros(new Shape(2, 15)), manager.zeros(new Shape(2, 25, 16)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.forward(new ParameterStore(manager, false), two, false));
            assertTrue(e.getMessage().contains("deepjet") && e.getMessage().contains("vertices"), e.getMessage());
        }
    }

    @Test
    void aBranchReadingACollectionTwiceIsRefused() {
        ObjectBranch b = ObjectBranch.deepJet("charged", 25, 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TaggerSpec.builder().setArchitecture(Architecture.DEEPJET).optBranches(List.of(b, b)).build());
        assertTrue(e.getMessage().contains("charged"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.withSortVariable(16));
    }
}
