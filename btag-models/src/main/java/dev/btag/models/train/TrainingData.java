package dev.btag.models.train;

import ai.djl.training.dataset.Dataset;
import dev.btag.data.dataset.StreamingJetDataset;
import java.util.Objects;

/**
 * The datasets of a training run. Each batch's data must be {@code NDList[features (B, F), tracks (B, T, V)]}
 * (tracks may be left out for the DNN) and its labels {@code NDList[oneHot (B, classes)]}, all float32, as
 * {@code dev.btag.data.dataset.JetDataset} yields them. The training set decides its own batch size and shuffling
 * (shuffle it, seeded; the trainer reseeds the engine before each epoch so a seeded DJL sampler is reproducible);
 * the validation set should be sequential.
 *
 * @param train the training batches
 * @param validation the validation batches (Keras' {@code validation_split}: the last 30% of the rows), or
 *     {@code null} to train without validation (the callbacks then monitor the training loss)
 */
public record TrainingData(Dataset train, Dataset validation) {

    /**
     * Validates the arguments.
     *
     * @param train the train component
     * @param validation the validation component
     * @throws NullPointerException if {@code train} is null
     */
    public TrainingData {
        Objects.requireNonNull(train, "train");
    }

    /**
     * Stops the background readers of streamed datasets ({@link StreamingJetDataset}); in-memory datasets have none.
     * Called when a run ends, whether it succeeded or not.
     */
    public void stopStreams() {
        for (Dataset d : new Dataset[] {train, validation}) {
            if (d instanceof StreamingJetDataset s) {
                s.stop();
            }
        }
    }
}
