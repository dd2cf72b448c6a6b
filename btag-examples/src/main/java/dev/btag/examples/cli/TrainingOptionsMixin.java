package dev.btag.examples.cli;

import dev.btag.models.train.DeviceChoice;
import dev.btag.models.train.TrainingSettings;
import picocli.CommandLine.Option;

/**
 * The training options shared by {@code btag train} and {@code btag tutorial}, with the defaults of
 * {@link TrainingSettings} (declared once here, checked once by the library's builders).
 */
final class TrainingOptionsMixin {

    @Option(names = "--epochs", defaultValue = "" + TrainingSettings.EPOCHS,
        description = "Maximum epochs; early stopping may end sooner (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "" + TrainingSettings.BATCH_SIZE,
        description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", defaultValue = "" + TrainingSettings.SEED,
        description = "Seed of initialisation, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--no-progress", description = "No per-epoch progress output.")
    boolean noProgress;

    /**
     * The parsed device choice.
     *
     * @return the choice
     * @throws IllegalArgumentException for an unknown name
     */
    DeviceChoice deviceChoice() {
        return DeviceChoice.parse(device);
    }
}
