package dev.btag.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.btag.models.Architecture;
import dev.btag.models.LearnableJets;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import dev.btag.models.predict.JetInputs;
import dev.btag.models.predict.TaggerPredictor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files saved by btag before the per-architecture definitions (small taggers of each architecture, trained one
 * epoch, kept in {@code src/test/resources/dev/btag/models/io/legacy}) still load, rebuild the same specification and
 * predict the probabilities recorded when they were written.
 */
class LegacyTaggerFileTest {

    private static final int JETS = 12;
    private static final int FIRST = 200;

    /** The four architectures that had saved files before the refactoring (the DeepJet/DeepVertex-style came later). */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"DNN", "CNN1X1", "LSTM", "GRU"})
    void filesWrittenBeforeTheRefactoringStillLoadAndPredictTheSame(Architecture architecture, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve(architecture.cliName() + ".btag");
        try (InputStream in = resource(architecture.cliName() + ".btag")) {
            Files.copy(in, file);
        }
        JsonObject expected;
        try (InputStream in = resource("expected.json")) {
            expected = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                .getAsJsonObject();
        }
        JsonArray values = expected.getAsJsonArray(architecture.cliName());
        float[] want = new float[values.size()];
        for (int i = 0; i < want.length; i++) {
            want[i] = values.get(i).getAsFloat();
        }
        TaggerSpec spec = TaggerSpec.builder().setArchitecture(architecture).optHeadWidths(8, 6).optRecurrentUnits(4)
            .optConvFilters(6, 3).build();
        LearnableJets jets = new LearnableJets(300, 1);
        float[] features = new float[JETS * LearnableJets.FEATURES];
        System.arraycopy(jets.features, FIRST * LearnableJets.FEATURES, features, 0, features.length);
        int perJet = LearnableJets.TRACKS * LearnableJets.VARIABLES;
        float[] tracks = new float[JETS * perJet];
        System.arraycopy(jets.tracks, FIRST * perJet, tracks, 0, tracks.length);
        try (Tagger loaded = TaggerFile.load(file); TaggerPredictor predictor = new TaggerPredictor(loaded)) {
            assertEquals(spec, loaded.spec());
            assertEquals(1, loaded.history().size());
            assertArrayEquals(want, predictor.predict(new JetInputs(JETS, features, tracks)), 1e-6f,
                architecture.toString());
        }
    }

    private static InputStream resource(String name) {
        InputStream in = LegacyTaggerFileTest.class.getResourceAsStream("legacy/" + name);
        if (in == null) {
            throw new IllegalStateException("test resource legacy/" + name + " is missing");
        }
        return in;
    }
}
