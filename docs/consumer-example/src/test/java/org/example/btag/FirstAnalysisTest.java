package org.example.btag;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstAnalysisTest {

    @Test
    void separatesSignalFromBackground(@TempDir Path dir) throws Exception {
        double auc = FirstAnalysis.run(dir);
        System.out.println("consumer AUC = " + auc);
        // Two unit Gaussians one sigma apart: AUC = Phi(1/sqrt 2) = 0.76.
        assertTrue(auc > 0.7 && auc < 0.82, "AUC " + auc);
    }
}
