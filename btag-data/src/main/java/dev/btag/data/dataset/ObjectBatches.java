package dev.btag.data.dataset;

import dev.btag.data.ntuple.JetFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The per-collection side of {@link JetDataset}'s and {@link StreamingJetDataset}'s batches: one standardisation
 * entry per collection read, the gathering of one collection's objects for some rows of loaded columns, and the
 * reading of a block of them from a file. Stateless.
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
        int[] variables = new int[columns.collectionCount()];
        for (int i = 0; i < variables.length; i++) {
            variables[i] = columns.variableCount(i);
        }
        return checked(columns.collectionNames(), variables, standardizers);
    }

    /**
     * Checks one entry per collection, each {@code null} or with the collection's variable count.
     *
     * @param names the collections' names, in input order
     * @param variables V of each collection
     * @throws IllegalArgumentException naming the collection whose entry does not fit, or the counts
     */
    static List<CollectionStandardizer> checked(List<String> names, int[] variables,
                                                List<CollectionStandardizer> standardizers) {
        if (standardizers.size() != names.size()) {
            throw new IllegalArgumentException(standardizers.size() + " collection standardisations for "
                + names.size() + " collections");
        }
        for (int i = 0; i < standardizers.size(); i++) {
            CollectionStandardizer s = standardizers.get(i);
            if (s != null && s.variables().size() != variables[i]) {
                throw new IllegalArgumentException("collection standardisation of '" + names.get(i) + "' has "
                    + s.variables().size() + " variables, the collection " + variables[i]);
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(standardizers));
    }

    /**
     * The objects of one collection for the rows {@code [from, to)} of an open file, row after row
     * ({@code (to - from) × O × V} values), with the real objects standardised when a standardisation is given
     * (padding stays zero): the streamed counterpart of {@link #gather}, with the same arithmetic.
     *
     * @param file the open file
     * @param collection the collection's index in the file's layout
     */
    static float[] read(JetFile file, int collection, long from, long to, CollectionStandardizer standardiser) {
        float[] objects = file.collection(collection, from, to);
        if (standardiser != null) {
            standardiser.applyInPlace(objects, file.realObjects(collection, from, to, objects));
        }
        return objects;
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
