package dev.btag.models.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CellSummaryTest {

    private static PointResult point(int depth, int width, long seed, double auc, double loss) {
        return new PointResult(new ScanPoint(depth, width, seed), 1000, 990, loss, 1, 1, auc, 0.01, 2.5, true,
            Instant.EPOCH);
    }

    @Property(tries = 50)
    void meanAndSpreadAreThoseOfTheSeeds(@ForAll @Size(min = 2, max = 6) List<@DoubleRange(min = 0.5, max = 1.0)
            Double> aucs) {
        List<PointResult> points = new ArrayList<>();
        for (int i = 0; i < aucs.size(); i++) {
            points.add(point(2, 32, i, aucs.get(i), 1 - aucs.get(i)));
        }
        CellSummary cell = CellSummary.of(points);
        double mean = aucs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = aucs.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        assertEquals(mean, cell.aucMean(), 1e-12);
        assertEquals(Math.sqrt(squares / (aucs.size() - 1)), cell.aucSpread(), 1e-12);
        assertEquals(1 - mean, cell.bestValidationLossMean(), 1e-12);
        assertEquals(cell.aucSpread(), cell.bestValidationLossSpread(), 1e-12, "the loss moves with the AUC here");
        assertTrue(cell.aucMin() <= cell.aucMean() && cell.aucMean() <= cell.aucMax());
        assertEquals(aucs.size(), cell.seeds());
    }

    @Test
    void oneSeedHasNoSpreadAndNonFiniteValuesAreLeftOut() {
        CellSummary one = CellSummary.of(List.of(point(1, 8, 0, 0.9, 0.5)));
        assertTrue(Double.isNaN(one.aucSpread()));
        assertTrue(one.toJson().get("aucSpread").isJsonNull(), "strict JSON: no NaN");
        CellSummary withNaN = CellSummary.of(List.of(point(1, 8, 0, 0.9, 0.5), point(1, 8, 1, Double.NaN, 0.7)));
        assertEquals(0.9, withNaN.aucMean(), 0);
        assertEquals(2, withNaN.seeds());
    }

    @Test
    void pointsOfDifferentCellsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CellSummary.of(List.of(point(1, 8, 0, 0.9, 0.5), point(2, 8, 0, 0.9, 0.5))));
        assertTrue(e.getMessage().contains("d2-w8-s0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CellSummary.of(List.of()));
    }

    @Test
    void aPointRoundTripsThroughItsJsonAndAMissingFieldIsNamed() {
        PointResult p = point(3, 64, -5, 0.91, Double.NaN);
        assertEquals(p, PointResult.fromJson(p.toJson(), "p.json"));
        var o = p.toJson();
        o.remove("auc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> PointResult.fromJson(o, "p.json"));
        assertTrue(e.getMessage().startsWith("p.json: ") && e.getMessage().contains("'auc'"), e.getMessage());
    }
}
