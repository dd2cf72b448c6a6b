package dev.btag.data.dataset;

import dev.btag.data.layout.Layout;
import dev.btag.data.layout.ObjectCollection;
import dev.btag.data.ntuple.JetFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The streamed fitting passes of a {@link StreamingJetDataset}: one file open at a time, block by block. */
final class StreamedFit {

    private StreamedFit() {
    }

    /** Work on a block of rows of an open file. */
    @FunctionalInterface
    private interface BlockAction {
        void accept(JetFile file, long from, long to) throws IOException;
    }

    static Standardizer features(StreamingJetDataset dataset) throws IOException {
        Layout layout = dataset.layout();
        CollectionStandardizer.Accumulator acc = new CollectionStandardizer.Accumulator(dataset.featureCount());
        boolean[] all = new boolean[dataset.settings().blockRows()];
        Arrays.fill(all, true);
        forEachBlock(dataset, (file, from, to) -> acc.add(file.features(from, to), all, (int) (to - from)));
        CollectionStandardizer fitted = acc.result("features", layout.jets().features());
        return new Standardizer(layout.jets().features(), fitted.mean(), fitted.std());
    }

    /**
     * One standardisation per collection the dataset reads, in its order, fitted over the real objects of its jets in
     * one pass (each block's collections read together; the accumulation of {@link JetColumns#fitCollection}).
     */
    static List<CollectionStandardizer> collections(StreamingJetDataset dataset) throws IOException {
        Layout layout = dataset.layout();
        int[] collections = dataset.collectionIndices();
        CollectionStandardizer.Accumulator[] acc = new CollectionStandardizer.Accumulator[collections.length];
        for (int j = 0; j < collections.length; j++) {
            acc[j] = new CollectionStandardizer.Accumulator(dataset.variableCount(j));
        }
        forEachBlock(dataset, (file, from, to) -> {
            for (int j = 0; j < collections.length; j++) {
                float[] values = file.collection(collections[j], from, to);
                boolean[] real = file.realObjects(collections[j], from, to, values);
                acc[j].add(values, real, real.length);
            }
        });
        List<CollectionStandardizer> fitted = new ArrayList<>();
        for (int j = 0; j < collections.length; j++) {
            ObjectCollection c = layout.collections().get(collections[j]);
            fitted.add(acc[j].result(c.name(), c.variables()));
        }
        return fitted;
    }

    private static void forEachBlock(StreamingJetDataset dataset, BlockAction action) throws IOException {
        int current = -1;
        JetFile open = null;
        try {
            for (FileSegment s : dataset.segments()) {
                if (s.file() != current) {
                    if (open != null) {
                        open.close();
                    }
                    open = JetFile.open(dataset.files().get(s.file()), dataset.layout());
                    current = s.file();
                }
                for (long from = s.from(); from < s.to(); from += dataset.settings().blockRows()) {
                    action.accept(open, from, Math.min(s.to(), from + dataset.settings().blockRows()));
                }
            }
        } finally {
            if (open != null) {
                open.close();
            }
        }
    }
}
