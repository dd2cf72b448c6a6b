package org.example.btag;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAnalysisTest {

    @Test
    void oneEpochOfTheDnnGivesAValidAuc(@TempDir Path dir) throws Exception {
        double auc = FirstAnalysis.run(dir, 1000, 1);
        System.out.println("consumer AUC b vs light+gluon = " + auc);
        assertTrue(auc > 0 && auc < 1, "AUC " + auc);
    }
}
