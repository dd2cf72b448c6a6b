package dev.btag.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import dev.btag.metrics.comparison.FlavourComparison;
import dev.btag.models.Architecture;
import dev.btag.models.Tagger;
import dev.btag.models.evaluate.Evaluation;
import dev.btag.models.evaluate.TaggerEvaluation;
import dev.btag.models.evaluate.TestSample;
import dev.btag.models.io.TaggerFile;
import dev.btag.models.train.TrainedTagger;
import dev.btag.models.train.TrainingRun;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every architecture exports, passes the agreement check, and evaluates in ONNX Runtime to the PyTorch engine's
 * AUCs; the check fails when the graph and the tagger differ.
 */
class OnnxExportTest {

    @TempDir
    static Path dir;

    private static SyntheticSample.Files data;

    @BeforeAll
    static void writeData() throws Exception {
        data = SyntheticSample.write(dir.resolve("data"), 600, 11);
    }

    /** A tagger trained for one epoch on the small synthetic file, saved and loaded back. */
    private static Tagger trained(Architecture architecture) throws Exception {
        Path out = dir.resolve("train-" + architecture.cliName());
        try (TrainedTagger t = TrainingRun.builder().setArchitecture(architecture).setTrainFile(data.train())
                .optOutputDir(out).optEpochs(1).optBatchSize(128).build().run()) {
            return TaggerFile.load(t.modelFile().orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"DNN", "CNN1X1", "LSTM", "GRU"})
    void everyArchitectureExportsAgreesAndEvaluatesToThePyTorchAucs(Architecture architecture) throws Exception {
        Path onnx = dir.resolve(architecture.cliName() + ".onnx");
        try (Tagger tagger = trained(architecture)) {
            assertEquals(new dev.btag.models.TrainingSource(data.train().toString(), 600, true),
                tagger.trainingSource().orElseThrow(), "the saved tagger records its training file");
            OnnxExport.Result result = OnnxExport.builder().setTagger(tagger).build().write(onnx);
            assertTrue(result.agreement().passed(), result.agreement().summary());
            assertTrue(result.agreement().source().endsWith("jets of " + data.train().getFileName()),
                result.agreement().source());
            assertTrue(Files.size(onnx) == result.bytes());
            Evaluation pytorch = TaggerEvaluation.standard().evaluate(tagger, data.test());
            try (OnnxTagger runtime = OnnxTagger.open(onnx); TutorialFile test = TutorialFile.open(data.test())) {
                assertEquals(architecture.cliName(), runtime.metadata().get(OnnxNames.ARCHITECTURE));
                assertEquals("true", runtime.metadata().get(OnnxNames.SYNTHETIC));
                assertEquals(tagger.inputs().featureNames(), runtime.featureNames());
                assertEquals(architecture.usesTracks(), runtime.readsTracks());
                Evaluation fromOnnx = TaggerEvaluation.standard().evaluate(runtime.name(),
                    runtime.predict(test).probabilities(), TestSample.read(test));
                for (FlavourComparison c : FlavourComparison.ALL) {
                    assertEquals(pytorch.comparison(c).auc().auc(), fromOnnx.comparison(c).auc().auc(), 1e-6,
                        architecture + " " + c);
                }
            }
        }
    }

    /**
     * Random parameters of order one make every gate, bias and scale matter, so a wrong gate order, a swapped bias or
     * the GRU's reset applied the other way would show far above the tolerance.
     */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"DNN", "CNN1X1", "LSTM", "GRU"})
    void randomParametersAgreeWithinTheTolerance(Architecture architecture) throws Exception {
        try (Tagger tagger = trained(architecture)) {
            randomise(tagger, 5);
            Agreement a = OnnxExport.builder().setTagger(tagger).optCheckFile(data.test()).build()
                .check(Path.of("random.onnx"), OnnxExport.builder().setTagger(tagger).build().toBytes());
            assertTrue(a.passed(), a.summary());
            assertEquals(600, a.jets());
        }
    }

    @Test
    void theCheckRefusesAGraphThatDiffersFromTheTaggerAndWritesNothing() throws Exception {
        try (Tagger tagger = trained(Architecture.GRU)) {
            OnnxExport export = OnnxExport.builder().setTagger(tagger).optCheckJets(64).build();
            byte[] before = export.toBytes();
            randomise(tagger, 7);
            Agreement a = export.check(Path.of("stale.onnx"), before);
            assertFalse(a.passed(), a.summary());
            assertTrue(a.summary().contains("DISAGREE"), a.summary());
            assertTrue(a.source().equals("64 jets of " + data.train().getFileName()), a.source());
        }
        try (Tagger tagger = trained(Architecture.DNN)) {
            Path target = dir.resolve("refused.onnx");
            OnnxExport strict = OnnxExport.builder().setTagger(tagger).optTolerance(1e-30).build();
            AgreementException e = assertThrows(AgreementException.class, () -> strict.write(target));
            assertTrue(e.getMessage().startsWith(target + ": not written"), e.getMessage());
            assertFalse(Files.exists(target));
        }
    }

    @Test
    void withoutTheTrainingFileTheCheckUsesRandomJets() throws Exception {
        try (Tagger tagger = trained(Architecture.LSTM)) {
            tagger.recordTrainingSource(new dev.btag.models.TrainingSource(dir.resolve("gone.npz").toString(), 1,
                true));
            Agreement a = OnnxExport.builder().setTagger(tagger).optCheckJets(100).build()
                .check(Path.of("x.onnx"), OnnxExport.builder().setTagger(tagger).build().toBytes());
            assertTrue(a.passed(), a.summary());
            assertTrue(a.source().startsWith("100 random jets") && a.source().contains("gone.npz"), a.source());
        }
    }

    /** Sets every parameter to order-one random values (running variances positive). */
    static void randomise(Tagger tagger, long seed) {
        Random random = new Random(seed);
        for (Pair<String, Parameter> p : tagger.block().getParameters()) {
            NDArray array = p.getValue().getArray();
            float[] v = new float[(int) array.size()];
            boolean variance = p.getKey().endsWith("runningVar");
            for (int i = 0; i < v.length; i++) {
                double g = random.nextGaussian() * 0.5;
                v[i] = (float) (variance ? 0.2 + Math.abs(g) : g);
            }
            array.set(FloatBuffer.wrap(v));
        }
    }
}
