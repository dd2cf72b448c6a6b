package dev.btag.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.btag.data.dataset.JetColumns;
import dev.btag.data.dataset.JetDataset;
import dev.btag.data.schema.FeatureSet;
import dev.btag.models.Architecture;
import dev.btag.models.EpochRecord;
import dev.btag.models.LearnableJets;
import dev.btag.models.Tagger;
import dev.btag.models.TaggerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The weighted loss of {@link JetLoss} against its two oracles: unit weights and duplicated rows. */
class WeightedLossTest {

    private static final LearnableJets JETS = new LearnableJets(600, 5);

    private static JetColumns columns(int[] rows) {
        int f = LearnableJets.FEATURES;
        int t = LearnableJets.TRACKS * LearnableJets.VARIABLES;
        int c = LearnableJets.CLASSES;
        float[] features = new float[rows.length * f];
        float[] tracks = new float[rows.length * t];
        float[] labels = new float[rows.length * c];
        int[] truth = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(JETS.features, rows[i] * f, features, i * f, f);
            System.arraycopy(JETS.tracks, rows[i] * t, tracks, i * t, t);
            System.arraycopy(JETS.labels, rows[i] * c, labels, i * c, c);
            truth[i] = JETS.truth[rows[i]];
        }
        return JetColumns.of(FeatureSet.TUTORIAL, features, tracks, labels, truth);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        Arrays.setAll(r, i -> from + i);
        return r;
    }

    private static JetDataset dataset(JetColumns columns, int batchSize, boolean shuffle) {
        return JetDataset.builder().setColumns(columns).setSampling(batchSize, shuffle).optTracks(true).optSeed(3)
            .build();
    }

    /** Trains and returns the history followed by the final parameters. */
    private static Run fit(TaggerSpec spec, JetDataset train, JetDataset validation, int epochs) throws Exception {
        try (Tagger tagger = Tagger.create(spec, LearnableJets.inputSpec(), Device.cpu())) {
            TrainingResult r = new TaggerTrainer(TrainingOptions.builder().optEpochs(epochs).optSeed(9)
                .optDevice(DeviceChoice.CPU).build()).fit(tagger, new TrainingData(train, validation));
            List<float[]> parameters = new ArrayList<>();
            for (Pair<String, Parameter> p : tagger.block().getParameters()) {
                parameters.add(p.getValue().getArray().toFloatArray());
            }
            return new Run(r.history().epochs(), parameters);
        }
    }

    private record Run(List<EpochRecord> epochs, List<float[]> parameters) {
    }

    private static void assertSameHistory(Run expected, Run actual, double tolerance) {
        assertEquals(expected.epochs.size(), actual.epochs.size());
        for (int e = 0; e < expected.epochs.size(); e++) {
            EpochRecord a = expected.epochs.get(e);
            EpochRecord b = actual.epochs.get(e);
            assertEquals(a.loss(), b.loss(), tolerance * a.loss(), "loss of epoch " + a.epoch());
            assertEquals(a.valLoss(), b.valLoss(), tolerance * a.valLoss(), "val_loss of epoch " + a.epoch());
            assertEquals(a.accuracy(), b.accuracy(), tolerance, "accuracy of epoch " + a.epoch());
            assertEquals(a.valAccuracy(), b.valAccuracy(), tolerance, "val_accuracy of epoch " + a.epoch());
        }
    }

    private static void assertSameParameters(Run expected, Run actual, double tolerance) {
        for (int p = 0; p < expected.parameters.size(); p++) {
            float[] a = expected.parameters.get(p);
            float[] b = actual.parameters.get(p);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], tolerance, "parameter " + p + " value " + i);
            }
        }
    }

    @Test
    void unitWeightsTrainAsNoWeights() throws Exception {
        JetColumns train = columns(range(0, 400));
        JetColumns validation = columns(range(400, 600));
        float[] ones = new float[400];
        Arrays.fill(ones, 1f);
        float[] valOnes = new float[200];
        Arrays.fill(valOnes, 1f);
        TaggerSpec dnn = TaggerSpec.tutorial(Architecture.DNN);
        Run plain = fit(dnn, dataset(train, 64, true), dataset(validation, 100, false), 2);
        Run weighted = fit(dnn, dataset(train.withWeights(ones), 64, true),
            dataset(validation.withWeights(valOnes), 100, false), 2);
        assertSameHistory(plain, weighted, 1e-5);
        assertSameParameters(plain, weighted, 1e-4);
    }

    @Test
    void integerWeightsTrainAsDuplicatedRows() throws Exception {
        // the 1x1-CNN without dropout has no batch statistics, so one full batch of duplicated rows and one weighted
        // batch see exactly the same loss function; undefined jets (all-zero labels) and weight-0 jets included
        TaggerSpec cnn = TaggerSpec.builder().setArchitecture(Architecture.CNN1X1).optDropout(0f)
            .optHeadWidths(32, 16).build();
        int n = 150;
        Random random = new Random(4);
        float[] weights = new float[n];
        List<Integer> duplicated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int w = random.nextInt(4);
            weights[i] = w;
            for (int k = 0; k < w; k++) {
                duplicated.add(i);
            }
        }
        int[] dupRows = duplicated.stream().mapToInt(Integer::intValue).toArray();
        JetColumns base = columns(range(0, n));
        JetColumns weightedColumns = base.withWeights(weights);
        JetColumns dupColumns = base.select(dupRows);
        Run weighted = fit(cnn, dataset(weightedColumns, 1000, false), dataset(weightedColumns, 1000, false), 2);
        Run dup = fit(cnn, dataset(dupColumns, 1000, false), dataset(dupColumns, 1000, false), 2);
        assertSameHistory(dup, weighted, 1e-5);
        assertSameParameters(dup, weighted, 1e-5);
        // and the oracle can tell weights from no weights
        Run unweighted = fit(cnn, dataset(base, 1000, false), dataset(base, 1000, false), 1);
        assertNotEquals(dup.epochs.get(0).loss(), unweighted.epochs.get(0).loss(), 1e-4);
    }
}
