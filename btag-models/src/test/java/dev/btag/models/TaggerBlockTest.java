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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TaggerBlockTest {

    /**
     * Keras figures from the notebooks' model.summary(); DJL/PyTorch figures differ only for the recurrent cells,
     * which hold two bias vectors per gate (+4x64 for the LSTM, +3x64 for the GRU).
     */
    @ParameterizedTest
    @CsvSource({
        "DNN,    2366, 2366, 2336",
        "CNN1X1, 85114, 85114, 85114",
        "LSTM,   99122, 99378, 99378",
        "GRU,    93618, 93810, 93810",
    })
    void parameterCountsMatchTheNotebooks(Architecture architecture, long keras, long djlTotal, long djlTrainable) {
        TaggerSpec spec = TaggerSpec.tutorial(architecture);
        assertEquals(keras, spec.kerasParameterCount());
        try (NDManager manager = NDManager.newBaseManager()) {
            TaggerBlock block = spec.newBlock();
            block.initialize(manager, DataType.FLOAT32, spec.inputShapes(4));
            ParameterCount count = ParameterCount.of(block);
            assertEquals(djlTotal, count.total());
            assertEquals(djlTrainable, count.trainable());
        }
    }

    @ParameterizedTest
    @CsvSource({"DNN", "CNN1X1", "LSTM", "GRU"})
    void forwardGivesOneLogitRowPerJet(Architecture architecture) {
        TaggerSpec spec = TaggerSpec.tutorial(architecture);
        try (NDManager manager = NDManager.newBaseManager()) {
            TaggerBlock block = spec.newBlock();
            block.initialize(manager, DataType.FLOAT32, spec.inputShapes(3));
            NDArray features = manager.randomNormal(new Shape(3, 15));
            NDArray tracks = manager.randomNormal(new Shape(3, 10, 21));
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(features, tracks), false)
                .singletonOrThrow();
            assertEquals(new Shape(3, 6), out.getShape());
            assertTrue(out.isInfinite().logicalOr(out.isNaN()).none().getBoolean());
            assertEquals(new Shape(3, 6), block.getOutputShapes(spec.inputShapes(3))[0]);
        }
    }

    @Test
    void trackTaggerWithoutTracksIsRefusedClearly() {
        TaggerSpec spec = TaggerSpec.tutorial(Architecture.LSTM);
        try (NDManager manager = NDManager.newBaseManager()) {
            TaggerBlock block = spec.newBlock();
            block.initialize(manager, DataType.FLOAT32, spec.inputShapes(2));
            NDList onlyFeatures = new NDList(manager.zeros(new Shape(2, 15)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.forward(new ParameterStore(manager, false), onlyFeatures, false));
            assertTrue(e.getMessage().contains("lstm") && e.getMessage().contains("tracks"), e.getMessage());
        }
    }

    @Test
    void reusingABuilderForAnotherArchitectureGivesThatArchitecturesDefaults() {
        TaggerSpec.Builder builder = TaggerSpec.builder().setArchitecture(Architecture.DNN).optDropout(0.2f);
        TaggerSpec dnn = builder.build();
        TaggerSpec lstm = builder.setArchitecture(Architecture.LSTM).build();
        assertArrayEquals(new int[] {30, 30, 20, 10}, dnn.headWidths());
        assertEquals(WeightInit.GLOROT_UNIFORM, dnn.weightInit());
        assertArrayEquals(new int[] {200, 100, 100, 100, 100, 100}, lstm.headWidths());
        assertEquals(WeightInit.LECUN_UNIFORM, lstm.weightInit());
        assertEquals(0.2f, lstm.dropout(), "explicit settings carry over");
        assertEquals(TaggerSpec.builder().setArchitecture(Architecture.LSTM).optDropout(0.2f).build(), lstm);
        assertEquals(dnn, builder.setArchitecture(Architecture.DNN).build(), "and back");
        TaggerSpec narrow = builder.optHeadWidths(8).build();
        assertArrayEquals(new int[] {8}, builder.setArchitecture(Architecture.GRU).build().headWidths(),
            "an explicit head stays explicit");
        assertArrayEquals(new int[] {8}, narrow.headWidths());
    }

    @Test
    void forwardMacsFollowTheLayerSizes() {
        assertEquals(15 * 30 + 30 * 30 + 30 * 20 + 20 * 10 + 10 * 6,
            TaggerSpec.tutorial(Architecture.DNN).forwardMacsPerJet());
        long lstmCell = 10L * 4 * 64 * (21 + 64);
        long head = (15 + 64) * 200 + 200 * 100 + 4 * 100 * 100 + 100 * 6;
        assertEquals(lstmCell + head, TaggerSpec.tutorial(Architecture.LSTM).forwardMacsPerJet());
        long conv = 10L * (21 * 64 + 64 * 32 + 32 * 32 + 32 * 8);
        long cnnHead = (15 + 80) * 200 + 200 * 100 + 4 * 100 * 100 + 100 * 6;
        assertEquals(conv + cnnHead, TaggerSpec.tutorial(Architecture.CNN1X1).forwardMacsPerJet());
    }

    @Test
    void builderValidatesAndRoundTripsThroughJson() {
        assertThrows(IllegalArgumentException.class, () -> TaggerSpec.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TaggerSpec.builder().setArchitecture(Architecture.DNN).optDropout(1f).build());
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> TaggerSpec.builder().setArchitecture(Architecture.GRU).optHeadWidths(10, 0).build());
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(Architecture.GRU).optRecurrentUnits(8)
            .optHeadWidths(16, 8).optDropout(0.25f).optWeightInit(WeightInit.HE_NORMAL).build();
        assertEquals(spec, TaggerSpec.fromJson(spec.toJson()));
        assertEquals(WeightInit.LECUN_UNIFORM, TaggerSpec.tutorial(Architecture.CNN1X1).weightInit());
        assertEquals(Architecture.CNN1X1, Architecture.fromCliName("CNN1x1"));
        assertThrows(IllegalArgumentException.class, () -> Architecture.fromCliName("rnn"));
    }
}
