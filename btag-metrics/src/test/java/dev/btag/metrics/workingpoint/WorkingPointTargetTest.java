package dev.btag.metrics.workingpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.roc.RocCurve;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorkingPointTargetTest {

    @Test
    void namesFollowTheRate() {
        assertEquals(List.of("loose", "medium", "tight"),
            WorkingPointTarget.FIXED_MISTAGS.stream().map(WorkingPointTarget::name).toList());
        assertEquals(List.of("60%", "70%", "77%", "85%"),
            WorkingPointTarget.FIXED_EFFICIENCIES.stream().map(WorkingPointTarget::name).toList());
        assertEquals("2.5% mistag", WorkingPointTarget.mistag(0.025).name());
        assertEquals("12.34%", WorkingPointTarget.efficiency(0.1234).name());
    }

    @Test
    void invalidTargetsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new WorkingPointTarget("odd", WorkingPointTarget.Criterion.MISTAG, 1.5));
        assertTrue(e.getMessage().contains("'odd'") && e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WorkingPointTarget.efficiency(Double.NaN));
        assertThrows(IllegalArgumentException.class,
            () -> new WorkingPointTarget(" ", WorkingPointTarget.Criterion.EFFICIENCY, 0.5));
    }

    @Test
    void namedPointsAgreeWithTheNumericLookupsAndCarryTheirName() {
        Random random = new Random(11);
        double[] scores = new double[2000];
        boolean[] signal = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            signal[i] = random.nextBoolean();
            scores[i] = random.nextGaussian() + (signal[i] ? 1.5 : 0);
        }
        RocCurve roc = RocCurve.of(scores, signal);
        for (WorkingPointTarget t : WorkingPointTarget.FIXED_MISTAGS) {
            WorkingPoint named = WorkingPoints.at(roc, t);
            WorkingPoint plain = WorkingPoints.atMistag(roc, t.value());
            assertEquals(t.name(), named.name());
            assertEquals(plain.threshold(), named.threshold());
            assertEquals(plain.efficiency(), named.efficiency());
            assertTrue(named.mistag() <= t.value());
        }
        for (WorkingPointTarget t : WorkingPointTarget.FIXED_EFFICIENCIES) {
            WorkingPoint named = WorkingPoints.at(roc, t);
            assertEquals(WorkingPoints.atEfficiency(roc, t.value()).threshold(), named.threshold());
            assertTrue(named.efficiency() >= t.value());
            assertEquals(t, named.definition());
        }
        assertEquals("medium", WorkingPoints.standard(roc).get(1).name());
    }
}
