package dev.btag.models.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import dev.btag.models.Tagger;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the export snippet of docs/models.md ("Export and the agreement check") compiling and working. */
class OnnxGuideSnippetTest {

    @Test
    void theGuideSnippetExportsAndChecks(@TempDir Path dir) throws Exception {
        SyntheticSample.Files files = SyntheticSample.write(dir, 300, 2);
        Path model = dir.resolve("lstm/model.btag");
        try (TrainedTagger t = TrainingRun.builder().setArchitecture(Architecture.LSTM).setTrainFile(files.train())
                .optOutputDir(dir.resolve("lstm")).optEpochs(1).build().run()) {
            assertTrue(t.modelFile().isPresent());
        }
        Path onnx = dir.resolve("lstm.onnx");

        try (Tagger tagger = TaggerFile.load(model)) {
            OnnxExport.Result r = OnnxExport.builder().setTagger(tagger)
                .optCheckFile(files.train())
                .build().write(onnx);
            System.out.println(r.agreement().summary());
            assertTrue(r.agreement().passed());
        }
        assertTrue(Files.size(onnx) > 100_000, "the LSTM's weights are inside");
    }
}
