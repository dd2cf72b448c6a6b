package dev.btag.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small in-memory sample with the layout of {@code JetDataset} (features (N, 15), tracks (N, 10, 21), one-hot
 * labels (N, 6), 5% all-zero "undefined" rows) in which the class shifts some features and one track variable, so
 * every tagger can learn it. Test fixture only.
 */
public final class LearnableJets {

    public static final int FEATURES = 15;
    public static final int TRACKS = 10;
    public static final int VARIABLES = 21;
    public static final int CLASSES = 6;

    public final int jets;
    public final float[] features;
    public final float[] tracks;
    public final float[] labels;
    /** The true class per jet, -1 for undefined. */
    public final int[] truth;

    public LearnableJets(int jets, long seed) {
        this.jets = jets;
        Random random = new Random(seed);
        features = new float[jets * FEATURES];
        tracks = new float[jets * TRACKS * VARIABLES];
        labels = new float[jets * CLASSES];
        truth = new int[jets];
        for (int i = 0; i < jets; i++) {
            int c = random.nextDouble() < 0.05 ? -1 : random.nextInt(CLASSES);
            truth[i] = c;
            for (int j = 0; j < FEATURES; j++) {
                features[i * FEATURES + j] = (float) random.nextGaussian();
            }
            for (int k = 0; k < TRACKS * VARIABLES; k++) {
                tracks[i * TRACKS * VARIABLES + k] = (float) random.nextGaussian();
            }
            if (c >= 0) {
                labels[i * CLASSES + c] = 1f;
                features[i * FEATURES + c] += 1.5f;
                for (int t = 0; t < TRACKS; t++) {
                    tracks[(i * TRACKS + t) * VARIABLES + c] += 0.6f;
                }
            }
        }
    }

    /** The rows [from, to) as a DJL dataset. */
    public ArrayDataset dataset(NDManager manager, int from, int to, int batchSize, boolean shuffle) {
        int n = to - from;
        float[] f = new float[n * FEATURES];
        System.arraycopy(features, from * FEATURES, f, 0, f.length);
        float[] t = new float[n * TRACKS * VARIABLES];
        System.arraycopy(tracks, from * TRACKS * VARIABLES, t, 0, t.length);
        float[] l = new float[n * CLASSES];
        System.arraycopy(labels, from * CLASSES, l, 0, l.length);
        return new ArrayDataset.Builder()
            .setData(manager.create(f, new Shape(n, FEATURES)), manager.create(t, new Shape(n, TRACKS, VARIABLES)))
            .optLabels(manager.create(l, new Shape(n, CLASSES)))
            .setSampling(batchSize, shuffle).build();
    }

    public static InputSpec inputSpec() {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            names.add("f" + j);
        }
        return InputSpec.unstandardised(names, TRACKS, VARIABLES);
    }

    /** AUC of score for signal vs the rest by the rank (Mann-Whitney) formula, ties counted half. */
    public static double auc(double[] score, boolean[] signal) {
        long pairs = 0;
        double wins = 0;
        for (int i = 0; i < score.length; i++) {
            if (!signal[i]) {
                continue;
            }
            for (int j = 0; j < score.length; j++) {
                if (signal[j]) {
                    continue;
                }
                pairs++;
                wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }
}
