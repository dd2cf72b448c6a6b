package dev.btag.data.dataset;

/**
 * Consecutive jets of one file, read and standardised by a worker of a {@link StreamingJetDataset}: features
 * (n × F), the collection's objects (n × O × V, or {@code null}) and one-hot labels (n × K).
 *
 * @param jets n
 * @param features n × F values
 * @param objects n × O × V values, or {@code null} without a collection
 * @param labels n × K values
 */
record JetBlock(int jets, float[] features, float[] objects, float[] labels) {
}
