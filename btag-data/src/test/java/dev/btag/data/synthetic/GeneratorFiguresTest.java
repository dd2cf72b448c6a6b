package dev.btag.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The particle-level figures of docs/synthetic.md, on a smaller sample than the documented run. */
class GeneratorFiguresTest {

    private static final GeneratorFigures.Figures FIGURES = GeneratorFigures.measure(20_000, 3);

    @Test
    void hadronSpeciesFollowTheirFractions() {
        int b = 0;
        for (int n : FIGURES.bSpecies) {
            b += n;
        }
        for (int i = 0; i < Species.B_FRACTIONS.length; i++) {
            assertEquals(Species.B_FRACTIONS[i], (double) FIGURES.bSpecies[i] / b, 0.025, Species.B_HADRONS[i] + "");
        }
        int c = 0;
        for (int n : FIGURES.cSpecies) {
            c += n;
        }
        for (int i = 0; i < Species.C_FRACTIONS.length; i++) {
            assertEquals(Species.C_FRACTIONS[i], (double) FIGURES.cSpecies[i] / c, 0.04, Species.C_HADRONS[i] + "");
        }
    }

    @Test
    void fragmentationDecaysAndFlightsAreRealistic() {
        assertEquals(0.70, FIGURES.sumXb / FIGURES.countXb, 0.02, "<x_b>");
        assertEquals(0.50, FIGURES.sumXc / FIGURES.countXc, 0.03, "<x_c>");
        double charged = (double) FIGURES.bDecayCharged / FIGURES.bDecays;
        assertTrue(charged > 4 && charged < 5.5, "charged particles per b decay chain " + charged);
        double semileptonicB = (double) FIGURES.bbSemileptonic / FIGURES.bbHadrons;
        assertEquals(Species.B_SEMILEPTONIC, semileptonicB, 0.06, "semileptonic b fraction");
        double ratio = FIGURES.medianC() / FIGURES.medianB();
        assertTrue(ratio > 0.3 && ratio < 0.9, "c flies less far than b: median ratio " + ratio);
        String json = GeneratorFigures.json(FIGURES, Double.NaN, Double.NaN);
        assertTrue(json.startsWith("{\"jets\":20000,") && json.contains("\"meanXb\":0."), json);
    }
}
