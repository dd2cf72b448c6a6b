package dev.btag.examples.cli;

import dev.btag.data.hdf5.Hdf5Writer;
import dev.btag.data.schema.FeatureSet;
import dev.btag.data.schema.TutorialFile;
import dev.btag.data.synthetic.SyntheticSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A 3-class HDF5 sample as an analysis would have it, made from the synthetic jets: a jet table {@code jets} with
 * the 15 tutorial features {@code f0 … f14}, an integer {@code flavour} (5 b, 4 c, 0 light, -1 undefined), {@code pt},
 * {@code eta}, a stored tagger output {@code score} (feature 10, TagVarCSV_trackSip2dSigAboveCharm) and a
 * {@code weight}; and {@code tracks} (N, 10, 21) with variables {@code t0 … t20}. Each file is written from its own
 * synthetic file.
 */
public final class ThreeClassHdf5 {

    /** Columns of the jet table after the features. */
    static final int EXTRA = 5;

    private ThreeClassHdf5() {
    }

    /** The layout of the files, as YAML. */
    public static String layoutYaml() {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < FeatureSet.TUTORIAL.size(); i++) {
            features.add("f" + i);
        }
        List<String> variables = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            variables.add("t" + i);
        }
        return """
            format: hdf5
            jets:
              array: jets
              columns: [%s, flavour, pt, eta, score, weight]
              features: [%s]
            label:
              field: flavour
              classes: {b: [5], c: [4], light: [0]}
              ignore: [-1]
            groups: {b: [b], c: [c], light: [light]}
            weight: weight
            kinematics: {pt: pt, eta: eta}
            collections:
              - {name: tracks, array: tracks, variables: [%s]}
            """.formatted(String.join(", ", features), String.join(", ", features), String.join(", ", variables));
    }

    /**
     * Writes the layout file and HDF5 files, each from a synthetic file of {@code jets} jets with its own seed.
     *
     * @param dir the directory
     * @param names the file names, for example {@code a.h5}
     * @param jets jets per file
     * @param seed the first seed (file i uses seed + i)
     * @return the layout file
     * @throws IOException if writing fails
     */
    public static Path write(Path dir, List<String> names, int jets, long seed) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < names.size(); i++) {
            Path npz = SyntheticSample.write(dir.resolve("npz-" + i), jets, seed + i, 1).train();
            toHdf5(npz, dir.resolve(names.get(i)));
        }
        return Files.writeString(dir.resolve("three.yaml"), layoutYaml());
    }

    /** The jet table of a synthetic file in this layout: features, flavour, pt, eta, score, weight per jet. */
    static float[] table(TutorialFile file) {
        int n = file.jetCountAsInt();
        int f = FeatureSet.TUTORIAL.size();
        int width = f + EXTRA;
        float[] features = file.features(FeatureSet.TUTORIAL, 0, n);
        int[] truth = file.truthCodes();
        float[] table = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features, i * f, table, i * width, f);
            int code = truth[i];
            table[i * width + f] = code == 5 ? 5 : code == 4 ? 4 : code == 1 || code == 21 ? 0 : -1;
            table[i * width + f + 1] = features[i * f];
            table[i * width + f + 2] = features[i * f + 1];
            table[i * width + f + 3] = features[i * f + 10];
            table[i * width + f + 4] = 1 + i % 3;
        }
        return table;
    }

    private static void toHdf5(Path npz, Path h5) throws IOException {
        try (TutorialFile file = TutorialFile.open(npz); Hdf5Writer writer = Hdf5Writer.create(h5)) {
            int n = file.jetCountAsInt();
            writer.write("jets", table(file), n, FeatureSet.TUTORIAL.size() + EXTRA)
                .write("tracks", file.tracks(0, n), n, 10, 21);
        }
    }
}
