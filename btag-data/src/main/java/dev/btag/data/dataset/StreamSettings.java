package dev.btag.data.dataset;

import dev.btag.data.layout.Layout;
import java.nio.file.Path;
import java.util.List;

/**
 * The settings of a {@link StreamingJetDataset}, as its builder left them, with the shapes its files were found to
 * have. Immutable by convention: the arrays are the record's own copies and are never written after construction
 * (package-private readers only).
 *
 * @param files the files, in the order given
 * @param layout the layout they are read with
 * @param collections the collections read, as indices into the layout's collections, in input order
 * @param batchSize B
 * @param shuffle whether epochs are shuffled
 * @param seed the seed of the file order and the shuffle buffer
 * @param shuffleBuffer jets in the shuffle buffer
 * @param blockRows rows a worker reads at a time
 * @param workers reader threads
 * @param prefetch batches assembled ahead
 * @param featureCount F
 * @param objectCounts O of each collection read
 * @param variableCounts V of each collection read
 */
record StreamSettings(List<Path> files, Layout layout, int[] collections, int batchSize, boolean shuffle, long seed,
                      int shuffleBuffer, int blockRows, int workers, int prefetch, int featureCount,
                      int[] objectCounts, int[] variableCounts) {

    StreamSettings {
        files = List.copyOf(files);
        collections = collections.clone();
        objectCounts = objectCounts.clone();
        variableCounts = variableCounts.clone();
    }

    /** These settings without shuffling (a validation dataset's). */
    StreamSettings sequential() {
        return new StreamSettings(files, layout, collections, batchSize, false, seed, shuffleBuffer, blockRows, workers,
            prefetch, featureCount, objectCounts, variableCounts);
    }

    /** O × V of each collection read. */
    int[] objectValues() {
        int[] ov = new int[collections.length];
        for (int j = 0; j < ov.length; j++) {
            ov[j] = objectCounts[j] * variableCounts[j];
        }
        return ov;
    }
}
