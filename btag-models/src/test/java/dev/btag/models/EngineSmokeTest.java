package dev.btag.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/**
 * Proves that the PyTorch engine loads offline from the class path on this machine and performs one optimisation
 * step: the first thing to look at when CI fails on a fresh machine.
 */
class EngineSmokeTest {

    @Test
    void pytorchEngineLoadsOfflineAndTakesOneOptimisationStep() {
        assertEquals("true", System.getProperty("ai.djl.offline"), "tests must run with -Dai.djl.offline=true");
        Engine engine = Engine.getEngine("PyTorch");
        System.out.println("[engine] " + engine.getEngineName() + " " + engine.getVersion()
            + " on " + engine.defaultDevice() + ", GPUs: " + engine.getGpuCount());
        assertEquals("PyTorch", engine.getEngineName());
        assertTrue(engine.getVersion().startsWith("2.7"), engine.getVersion());

        try (Model model = Model.newInstance("smoke", engine.defaultDevice(), "PyTorch")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(4, 2));
                NDManager manager = trainer.getManager();
                NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(4, 2));
                NDArray y = manager.create(new float[] {1, 2, 3, 4}, new Shape(4, 1));
                float before = loss(trainer, x, y);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray loss = trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
                    collector.backward(loss);
                }
                trainer.step();
                float after = loss(trainer, x, y);
                assertTrue(Float.isFinite(before) && Float.isFinite(after));
                assertTrue(after < before, "one SGD step lowers the loss: " + before + " -> " + after);
            }
        }
    }

    private static float loss(Trainer trainer, NDArray x, NDArray y) {
        return trainer.getLoss().evaluate(new NDList(y), trainer.evaluate(new NDList(x))).getFloat();
    }
}
