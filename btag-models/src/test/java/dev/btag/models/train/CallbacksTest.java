package dev.btag.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CallbacksTest {

    @Test
    void earlyStoppingComparesWithTheBestNotThePreviousEpoch() {
        EarlyStopping early = new EarlyStopping(3, 0);
        double[] losses = {1.0, 0.8, 0.9, 0.85, 0.82, 0.7, 0.75, 0.71, 0.72};
        boolean[] improved = {true, true, false, false, false, true, false, false, false};
        for (int i = 0; i < losses.length; i++) {
            assertEquals(improved[i], early.update(i + 1, losses[i]), "epoch " + (i + 1));
            boolean stopNow = i == 4 || i == 8;
            assertEquals(stopNow, early.shouldStop(), "epoch " + (i + 1));
            if (i == 4) {
                early.restore(early.best(), early.bestEpoch(), 0);
            }
        }
        assertEquals(0.7, early.best());
        assertEquals(6, early.bestEpoch());
    }

    @Test
    void earlyStoppingNeverTakesNaNAsBest() {
        EarlyStopping early = new EarlyStopping(10, 0);
        assertFalse(early.update(1, Double.NaN));
        assertTrue(early.update(2, 5.0));
        assertFalse(early.update(3, Double.NaN));
        assertEquals(2, early.bestEpoch());
    }

    @Test
    void plateauReducesByFactorAfterPatienceBadEpochs() {
        PlateauLearningRate plateau = new PlateauLearningRate(1e-3f, 0.1f, 2, 1e-4, 0, 0f);
        assertFalse(plateau.onEpochEnd(1.0));
        assertFalse(plateau.onEpochEnd(0.9));
        assertFalse(plateau.onEpochEnd(0.95));
        assertEquals(1e-3f, plateau.getNewValue(123));
        assertTrue(plateau.onEpochEnd(0.90005), "0.90005 is not below 0.9 - 1e-4: the second bad epoch");
        assertEquals(1e-4f, plateau.getNewValue(124), 1e-10f);
        assertFalse(plateau.onEpochEnd(0.91));
        assertTrue(plateau.onEpochEnd(0.92));
        assertEquals(1e-5f, plateau.rate(), 1e-11f);
        assertFalse(plateau.onEpochEnd(0.5));
        assertEquals(0, plateau.waitCount());
    }

    @Test
    void plateauRespectsItsFloorAndCooldown() {
        PlateauLearningRate plateau = new PlateauLearningRate(1f, 0.5f, 1, 0, 2, 0.3f);
        plateau.onEpochEnd(1.0);
        assertTrue(plateau.onEpochEnd(2.0));
        assertEquals(0.5f, plateau.rate());
        assertFalse(plateau.onEpochEnd(2.0), "cooldown epoch");
        assertTrue(plateau.onEpochEnd(2.0));
        assertEquals(0.3f, plateau.rate(), "floored at minRate");
        plateau.onEpochEnd(2.0);
        assertFalse(plateau.onEpochEnd(2.0), "no reduction below the floor");
        assertThrows(IllegalArgumentException.class, () -> new PlateauLearningRate(1f, 1.5f, 2, 0, 0, 0f));
    }
}
