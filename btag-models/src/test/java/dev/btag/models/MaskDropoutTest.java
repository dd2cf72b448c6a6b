package dev.btag.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaskDropoutTest {

    private static float[] train(MaskDropout dropout, NDManager manager, NDArray x) {
        return dropout.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow()
            .toFloatArray();
    }

    private static MaskDropout initialised(float rate, int layer, NDManager manager, Shape shape) {
        MaskDropout dropout = new MaskDropout(rate, layer);
        dropout.initialize(manager, DataType.FLOAT32, shape);
        return dropout;
    }

    @Test
    void dropsAboutTheRateAndScalesTheSurvivorsLikeKeras() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(512, 200);
            MaskDropout dropout = initialised(0.1f, 0, manager, shape);
            dropout.reseed(7);
            float[] out = train(dropout, manager, manager.ones(shape));
            int dropped = 0;
            for (float v : out) {
                if (v == 0f) {
                    dropped++;
                } else {
                    assertEquals(1f / 0.9f, v, 1e-6f);
                }
            }
            double n = out.length;
            double sigma = Math.sqrt(n * 0.1 * 0.9);
            assertEquals(0.1 * n, dropped, 5 * sigma, "dropped " + dropped + " of " + out.length);
        }
    }

    @Test
    void isTheIdentityAtInferenceAndWithRateZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(64, 30);
            NDArray x = manager.randomNormal(shape);
            MaskDropout dropout = initialised(0.5f, 0, manager, shape);
            NDArray inference = dropout.forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
            assertSame(x, inference);
            assertArrayEquals(x.toFloatArray(), train(initialised(0f, 0, manager, shape), manager, x));
        }
    }

    @Test
    void theSameSeedGivesTheSameMasksAndLayersDiffer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(128, 30);
            NDArray ones = manager.ones(shape);
            MaskDropout a = initialised(0.3f, 0, manager, shape);
            MaskDropout b = initialised(0.3f, 0, manager, shape);
            MaskDropout other = initialised(0.3f, 1, manager, shape);
            a.reseed(42);
            b.reseed(42);
            other.reseed(42);
            float[] first = train(a, manager, ones);
            assertArrayEquals(first, train(b, manager, ones));
            assertFalse(Arrays.equals(first, train(other, manager, ones)), "layers must draw independent masks");
            float[] second = train(a, manager, ones);
            assertFalse(Arrays.equals(first, second), "consecutive batches must draw new masks");
            a.reseed(42);
            assertArrayEquals(first, train(a, manager, ones));
        }
    }

    @Test
    void followsTheEngineSeedWhenNeverReseeded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(32, 20);
            NDArray ones = manager.ones(shape);
            MaskDropout a = initialised(0.5f, 3, manager, shape);
            MaskDropout b = initialised(0.5f, 3, manager, shape);
            Engine.getInstance().setRandomSeed(1234);
            float[] first = train(a, manager, ones);
            Engine.getInstance().setRandomSeed(1234);
            assertArrayEquals(first, train(b, manager, ones));
        }
    }

    @Test
    void theGradientIsTheMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(16, 8);
            NDArray x = manager.randomNormal(shape);
            x.setRequiresGradient(true);
            MaskDropout dropout = initialised(0.25f, 0, manager, shape);
            dropout.reseed(3);
            float[] out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = dropout.forward(new ParameterStore(manager, false), new NDList(x), true)
                    .singletonOrThrow();
                out = y.toFloatArray();
                collector.backward(y.sum());
            }
            float[] in = x.toFloatArray();
            float[] grad = x.getGradient().toFloatArray();
            for (int i = 0; i < in.length; i++) {
                float expected = out[i] == 0f ? 0f : 1f / 0.75f;
                assertEquals(expected, grad[i], 1e-6f, "element " + i);
                assertEquals(in[i] * expected, out[i], 1e-5f);
            }
        }
    }

    @Test
    void aSmallerOddBatchAfterALargerOneGetsAFullFreshMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MaskDropout dropout = initialised(0.5f, 0, manager, new Shape(64, 9));
            dropout.reseed(11);
            train(dropout, manager, manager.ones(new Shape(64, 9)));
            int dropped = 0;
            int n = 0;
            for (int repeat = 0; repeat < 200; repeat++) {
                for (float v : train(dropout, manager, manager.ones(new Shape(7, 3)))) {
                    assertTrue(v == 0f || v == 2f, "mask value " + v);
                    dropped += v == 0f ? 1 : 0;
                    n++;
                }
            }
            assertEquals(0.5 * n, dropped, 5 * Math.sqrt(n * 0.25), "dropped " + dropped + " of " + n);
        }
    }

    @Test
    void neighbouringElementsAreIndependent() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(256, 200);
            MaskDropout dropout = initialised(0.5f, 0, manager, shape);
            dropout.reseed(5);
            float[] mask = train(dropout, manager, manager.ones(shape));
            int bothKept = 0;
            int pairs = mask.length / 2;
            for (int i = 0; i + 1 < mask.length; i += 2) {
                bothKept += mask[i] != 0f && mask[i + 1] != 0f ? 1 : 0;
            }
            assertEquals(0.25 * pairs, bothKept, 5 * Math.sqrt(pairs * 0.25 * 0.75),
                "pairs drawn from one 64-bit number must be independent");
        }
    }

    @Test
    void nearbySeedsAreNotShiftedCopiesOfOneStream() {
        try (NDManager manager = NDManager.newBaseManager()) {
            int n = 4000;
            MaskDropout dropout = initialised(0.5f, 0, manager, new Shape(n));
            dropout.reseed(1000);
            float[] first = train(dropout, manager, manager.ones(new Shape(n)));
            dropout.reseed(1001);
            float[] next = train(dropout, manager, manager.ones(new Shape(n)));
            for (int shift = 0; shift <= 8; shift += 2) {
                int same = 0;
                for (int i = 0; i + shift < n; i++) {
                    same += first[i + shift] == next[i] ? 1 : 0;
                }
                assertTrue(same < 0.6 * (n - shift), "seed 1001 repeats seed 1000's mask shifted by " + shift
                    + " elements (" + same + " of " + (n - shift) + " equal)");
            }
        }
    }

    @Test
    void refusesRatesOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MaskDropout(1f, 0));
        assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaskDropout(-0.1f, 0));
        assertThrows(IllegalArgumentException.class, () -> new MaskDropout(Float.NaN, 0));
    }
}
