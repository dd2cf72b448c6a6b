package dev.btag.examples.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.comparison.FlavourComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Smoke test of the comparison example with tiny settings. */
class ReweightingComparisonTest {

    @Test
    void comparesThreeVariantsAndWritesPlotsAndJson(@TempDir Path dir) throws Exception {
        SyntheticSample.Files files = SyntheticSample.write(dir.resolve("data"), 500, 2);
        ReweightingComparison.Options o = new ReweightingComparison.Options();
        Path out = dir.resolve("cmp");
        new CommandLine(o).parseArgs("--train", files.train().toString(), "--test", files.test().toString(),
            "--out", out.toString(), "--epochs", "1", "--batch-size", "64");
        ReweightingComparison.Result r = ReweightingComparison.run(o);
        assertEquals(ReweightingComparison.VARIANTS, r.onTest().keySet().stream().toList());
        for (String f : new String[] {ReweightingComparison.ROC_PLOT, ReweightingComparison.EFFICIENCY_PLOT,
            ReweightingComparison.MISTAG_PLOT, "plain/model.btag", "reweighted/weighting_pt_after.png",
            "balanced/eval/metrics.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve(ReweightingComparison.JSON)))
            .getAsJsonObject();
        double auc = json.getAsJsonObject("reweighted").getAsJsonObject("bVsLightGluon").get("auc").getAsDouble();
        assertEquals(r.onTest().get("reweighted").comparison(FlavourComparison.B_VS_LIGHT_GLUON).auc().auc(), auc);
    }
}
