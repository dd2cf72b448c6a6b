package dev.btag.data.dataset;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import java.io.IOException;
import java.util.Arrays;

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
        boolean[] all = new boolean[dataset.blockRows()];
        Arrays.fill(all, true);
        forEachBlock(dataset, (file, from, to) -> acc.add(file.features(from, to), all, (int) (to - from)));
        CollectionStandardizer fitted = acc.result("features", layout.jets().features());
        return new Standardizer(layout.jets().features(), fitted.mean(), fitted.std());
    }

    static CollectionStandardizer collection(StreamingJetDataset dataset, int collection) throws IOException {
        Layout layout = dataset.layout();
        CollectionStandardizer.Accumulator acc = new CollectionStandardizer.Accumulator(dataset.variableCount());
        forEachBlock(dataset, (file, from, to) -> {
            float[] values = file.collection(collection, from, to);
            boolean[] real = file.realObjects(collection, from, to, values);
            acc.add(values, real, real.length);
        });
        return acc.result(layout.collections().get(collection).name(),
            layout.collections().get(collection).variables());
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
                for (long from = s.from(); from < s.to(); from += dataset.blockRows()) {
                    action.accept(open, from, Math.min(s.to(), from + dataset.blockRows()));
                }
            }
        } finally {
            if (open != null) {
                open.close();
            }
        }
    }
}
