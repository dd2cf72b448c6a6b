package dev.btag.examples.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.models.inputs.InputPlots;
import dev.btag.metrics.comparison.FlavourComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Smoke tests: every notebook example runs with tiny settings and produces what the notebook shows. */
class NotebooksTest {

    @TempDir
    Path dir;

    @Test
    void notebook1PlotsTheJetVariablesAndTheSingleVariableRoc() throws Exception {
        InputPlots.Result r = PlotNnInputs.run(NotebookOptions.of(dir, 300, 1));
        assertEquals(19, r.variables().size(), "columns 0-18 of arr_0; the 33 truth columns are not plotted");
        assertTrue(r.variables().stream().allMatch(v -> v.startsWith("arr_0/")), r.variables().toString());
        assertEquals(3, r.aucs().size());
        assertTrue(Files.isRegularFile(r.index()));
    }

    @Test
    void notebook2PlotsThePerJetArraysOnly() throws Exception {
        InputPlots.Result r = PlotSeedingTrackFeatures.run(NotebookOptions.of(dir, 300, 1));
        assertTrue(r.variables().stream().anyMatch(v -> v.startsWith("arr_1/")), r.variables().toString());
        assertTrue(r.variables().stream().noneMatch(v -> v.startsWith("arr_0/")), r.variables().toString());
    }

    @Test
    void taggerNotebooksTrainEvaluateAndSummarise() throws Exception {
        NotebookOptions options = NotebookOptions.of(dir, 400, 1);
        TaggerNotebookResult dnn = KerasDnn.run(options);
        assertEquals(2366, dnn.kerasParameters());
        assertTrue(dnn.summary().contains("2366"), dnn.summary());
        TaggerNotebookResult cnn = Cnn1x1Btag.run(options);
        assertEquals(85114, cnn.kerasParameters());
        TaggerNotebookResult lstm = LstmBtag.run(options);
        assertEquals(99122, lstm.kerasParameters());
        assertEquals(99122 + 256, lstm.parameters().total());
        TaggerNotebookResult gru = GruBtag.run(options);
        for (TaggerNotebookResult r : new TaggerNotebookResult[] {dnn, cnn, lstm, gru}) {
            double auc = r.evaluation().comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc();
            assertTrue(auc >= 0 && auc <= 1, "AUC " + auc);
            assertTrue(Files.isRegularFile(r.evaluationDirectory().resolve("metrics.json")));
            assertEquals(FlavourComparison.ALL.size(), r.evaluation().comparisons().size(), "c tagging included");
            assertEquals(r.training().history().size(), r.training().weightsEpoch(),
                "the notebooks keep the last epoch's weights");
            assertEquals(6, r.evaluation().confusion().classNames().size());
        }
    }

    @Test
    void badOptionsAreRefusedClearly() {
        assertThrows(CommandLine.ParameterException.class, () -> NotebookOptions.parse("--epochs", "many"));
        NotebookOptions onlyTrain = NotebookOptions.parse("--train", "a.npz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, onlyTrain::files);
        assertTrue(e.getMessage().contains("--train and --test"), e.getMessage());
    }
}
