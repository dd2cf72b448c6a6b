package dev.btag.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CallbackPropertiesTest {

    @Property
    void earlyStoppingTracksTheRunningMinimumAndStopsAfterPatienceBadEpochs(
            @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 3) Double> losses,
            @ForAll @IntRange(min = 1, max = 5) int patience) {
        EarlyStopping early = EarlyStopping.builder().optPatience(patience).build();
        double min = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        for (int i = 0; i < losses.size(); i++) {
            double loss = losses.get(i);
            boolean improved = early.update(i + 1, loss);
            assertEquals(loss < min, improved);
            if (loss < min) {
                min = loss;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            assertEquals(min, early.best());
            assertEquals(sinceBest >= patience, early.shouldStop());
            if (early.shouldStop()) {
                return;
            }
        }
    }

    @Property
    void plateauNeverRaisesTheRateAndReducesOnlyByTheFactor(
            @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 3) Double> losses,
            @ForAll @IntRange(min = 1, max = 4) int patience) {
        PlateauLearningRate plateau = PlateauLearningRate.builder().optPatience(patience).build();
        float rate = 1e-3f;
        int bad = 0;
        double best = Double.POSITIVE_INFINITY;
        for (double loss : losses) {
            float next = plateau.update(loss, rate);
            boolean reduced = next != rate;
            if (loss < best - 1e-4) {
                best = loss;
                bad = 0;
            } else {
                bad++;
            }
            assertEquals(bad >= patience, reduced, "reduction exactly after " + patience + " bad epochs");
            if (reduced) {
                assertEquals(rate * 0.1f, next, 1e-12f);
                bad = 0;
            }
            rate = next;
        }
    }

    @Test
    void gpuWithoutAGpuIsAClearError() {
        if (Engine.getInstance().getGpuCount() > 0) {
            return;
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, DeviceChoice.GPU::resolve);
        assertTrue(e.getMessage().contains("no GPU"), e.getMessage());
        assertEquals("cpu()", DeviceChoice.AUTO.resolve()[0].toString());
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.parse("tpu"));
    }
}
