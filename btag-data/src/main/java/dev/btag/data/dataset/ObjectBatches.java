package dev.btag.data.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The per-collection side of {@link JetDataset}'s batches: one standardisation entry per loaded collection, and the
 * gathering of one collection's objects for some rows. Stateless.
 */
final class ObjectBatches {

    private ObjectBatches() {
    }

    /** No standardisation: one {@code null} entry per loaded collection. */
    static List<CollectionStandardizer> none(JetColumns columns) {
        return Collections.nCopies(columns.collectionCount(), null);
    }

    /**
     * Checks one entry per collection, each {@code null} or with the collection's variable count.
     *
     * @throws IllegalArgumentException naming the collection whose entry does not fit, or the counts
     */
    static List<CollectionStandardizer> checked(JetColumns columns, List<CollectionStandardizer> standardizers) {
        if (standardizers.size() != columns.collectionCount()) {
            throw new IllegalArgumentException(standardizers.size() + " collection standardisations for "
                + columns.collectionCount() + " collections");
        }
        for (int i = 0; i < standardizers.size(); i++) {
            CollectionStandardizer s = standardizers.get(i);
            if (s != null && s.variables().size() != columns.variableCount(i)) {
                throw new IllegalArgumentException("collection standardisation of '" + columns.collectionNames()
                    .get(i) + "' has " + s.variables().size() + " variables, the collection "
                    + columns.variableCount(i));
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(standardizers));
    }

    /**
     * The objects of one collection for some rows, row after row ({@code rows.length × O × V} values), with the real
     * objects standardised when a standardisation is given (padding stays zero).
     */
    static float[] gather(JetColumns columns, int collection, int[] rows, CollectionStandardizer standardiser) {
        int o = columns.objectCount(collection);
        int ov = o * columns.variableCount(collection);
        float[] out = new float[rows.length * ov];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(columns.objectValues[collection], rows[i] * ov, out, i * ov, ov);
        }
        if (standardiser != null) {
            boolean[] flags = new boolean[o];
            float[] values = new float[ov];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(out, i * ov, values, 0, ov);
                columns.realFlags(collection, rows[i], values, flags);
                standardiser.applyInPlace(values, flags);
                System.arraycopy(values, 0, out, i * ov, ov);
            }
        }
        return out;
    }
}
