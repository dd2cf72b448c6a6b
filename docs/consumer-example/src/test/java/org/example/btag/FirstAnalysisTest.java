package org.example.btag;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.models.evaluate.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAnalysisTest {

    @Test
    void oneEpochOfTheDnnGivesAValidAucAndWritesMetricsAndPlots(@TempDir Path dir) throws Exception {
        Evaluation e = FirstAnalysis.run(dir, 1000, 1);
        double auc = e.comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc();
        System.out.println("consumer AUC b vs light+gluon = " + auc);
        assertTrue(auc > 0.5 && auc < 1, "AUC " + auc);
        assertTrue(Files.readString(dir.resolve("metrics.json")).contains("\"bVsLightGluon\""));
        for (String plot : new String[] {"roc.png", "efficiency_vs_pt.png"}) {
            assertTrue(Files.size(dir.resolve("plots").resolve(plot)) > 1000, plot);
        }
    }
}
