package dev.btag.data.dataset;

/**
 * Consecutive jets of one file, read and standardised by a worker of a {@link StreamingJetDataset}: features
 * (n × F), each collection's objects (n × O × V, one array per collection read, in the dataset's order) and one-hot
 * labels (n × K).
 *
 * @param jets n
 * @param features n × F values
 * @param objects per collection read, n × O × V values (empty without a collection)
 * @param labels n × K values
 */
record JetBlock(int jets, float[] features, float[][] objects, float[] labels) {
}
