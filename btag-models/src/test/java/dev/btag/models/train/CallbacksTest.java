package dev.btag.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class CallbacksTest {

    @Test
    void earlyStoppingComparesWithTheBestNotThePreviousEpoch() {
        EarlyStopping early = EarlyStopping.builder().optPatience(3).build();
        double[] losses = {1.0, 0.8, 0.9, 0.85, 0.82, 0.7, 0.75, 0.71, 0.72};
        boolean[] improved = {true, true, false, false, false, true, false, false, false};
        for (int i = 0; i < losses.length; i++) {
            assertEquals(improved[i], early.update(i + 1, losses[i]), "epoch " + (i + 1));
            boolean stopNow = i == 4 || i == 8;
            assertEquals(stopNow, early.shouldStop(), "epoch " + (i + 1));
            if (i == 4) {
                JsonObject state = early.exportState();
                state.addProperty("wait", 0);
                early.restoreState(null, state);
            }
        }
        assertEquals(0.7, early.best());
        assertEquals(6, early.bestEpoch());
    }

    @Test
    void earlyStoppingNeverTakesNaNAsBest() {
        EarlyStopping early = EarlyStopping.builder().build();
        assertFalse(early.update(1, Double.NaN));
        assertTrue(early.update(2, 5.0));
        assertFalse(early.update(3, Double.NaN));
        assertEquals(2, early.bestEpoch());
    }

    @Test
    void plateauReducesByFactorAfterPatienceBadEpochs() {
        PlateauLearningRate plateau = PlateauLearningRate.builder().build();
        float rate = 1e-3f;
        assertEquals(rate, plateau.update(1.0, rate));
        assertEquals(rate, plateau.update(0.9, rate));
        assertEquals(rate, plateau.update(0.95, rate));
        rate = plateau.update(0.90005, rate);
        assertEquals(1e-4f, rate, 1e-10f, "0.90005 is not below 0.9 - 1e-4: the second bad epoch");
        assertEquals(rate, plateau.update(0.91, rate));
        rate = plateau.update(0.92, rate);
        assertEquals(1e-5f, rate, 1e-11f);
        assertEquals(rate, plateau.update(0.5, rate));
        assertEquals(0, plateau.waitCount());
    }

    @Test
    void plateauRespectsItsFloorAndCooldown() {
        PlateauLearningRate plateau = PlateauLearningRate.builder().optFactor(0.5f).optPatience(1).optMinDelta(0)
            .optCooldown(2).optMinRate(0.3f).build();
        float rate = plateau.update(1.0, 1f);
        rate = plateau.update(2.0, rate);
        assertEquals(0.5f, rate);
        assertEquals(0.5f, plateau.update(2.0, rate), "cooldown epoch");
        rate = plateau.update(2.0, rate);
        assertEquals(0.3f, rate, "floored at minRate");
        rate = plateau.update(2.0, rate);
        assertEquals(0.3f, plateau.update(2.0, rate), "no reduction below the floor");
        assertThrows(IllegalArgumentException.class, () -> PlateauLearningRate.builder().optFactor(1.5f).build());
    }

    @Test
    void listenerStateRoundTripsThroughJson() {
        PlateauLearningRate plateau = PlateauLearningRate.builder().optCooldown(3).optPatience(1).build();
        plateau.update(1.0, 1f);
        plateau.update(2.0, 1f);
        PlateauLearningRate copy = PlateauLearningRate.builder().optCooldown(3).optPatience(1).build();
        copy.restoreState(null, plateau.exportState());
        assertEquals(plateau.best(), copy.best());
        assertEquals(3, copy.cooldownLeft());
        assertEquals(plateau.update(5.0, 0.1f), copy.update(5.0, 0.1f));

        EarlyStopping early = EarlyStopping.builder().optPatience(2).build();
        early.update(1, Double.NaN);
        early.update(2, 0.5);
        early.update(3, 0.7);
        EarlyStopping restored = EarlyStopping.builder().optPatience(2).build();
        restored.restoreState(null, early.exportState());
        assertEquals(2, restored.bestEpoch());
        assertEquals(1, restored.waitCount());
        assertFalse(restored.update(4, 0.6));
        assertTrue(restored.shouldStop());
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.builder().optPatience(0).build());
    }
}
