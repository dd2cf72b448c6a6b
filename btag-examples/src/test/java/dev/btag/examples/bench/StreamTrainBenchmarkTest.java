package dev.btag.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.btag.data.layout.Layout;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.models.Architecture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamTrainBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void theDeepJetStyleTaggerTrainsFromAStreamOfEveryCollection() throws Exception {
        SyntheticSample.Files a = SyntheticSample.write(dir.resolve("a"), 150, 1, 1);
        SyntheticSample.Files b = SyntheticSample.write(dir.resolve("b"), 110, 2, 1);
        StreamTrainBenchmark.Result r = StreamTrainBenchmark.run(List.of(a.train(), b.train(), a.test()),
            Layout.tutorial(), Architecture.DEEPJET, 64, 1);
        assertEquals("deepjet", r.model());
        assertEquals(3, r.files());
        assertEquals(410, r.jets());
        assertEquals(1, r.epochs());
        assertEquals(7, r.steps(), "ceil(410 / 64) batches of the timed epoch");
        assertTrue(r.stepSeconds() > 0 && r.waitSeconds() >= 0 && Double.isFinite(r.waitFraction()), r.toString());
    }
}
