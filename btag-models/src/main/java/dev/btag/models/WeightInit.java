package dev.btag.models;

import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.initializer.XavierInitializer.FactorType;
import ai.djl.training.initializer.XavierInitializer.RandomType;

/**
 * Initialisers of the dense and 1x1-convolution kernels, named as in Keras. Biases start at zero, batch-normalisation
 * scales at one. The LSTM and GRU cells always start as Keras starts them (glorot-uniform input kernel, orthogonal
 * recurrent kernel, zero biases with the LSTM's forget-gate bias at one), whatever this setting; see
 * {@link TaggerSpec#weightInit()}.
 */
public enum WeightInit {
    /** Keras {@code lecun_uniform}: uniform in +-sqrt(3 / fan_in); notebooks 4 and 5 use it. */
    LECUN_UNIFORM(new XavierInitializer(RandomType.UNIFORM, FactorType.IN, 3f)),
    /** Keras {@code glorot_uniform} (Keras' default, so notebook 3's): uniform in +-sqrt(6 / (fan_in + fan_out)). */
    GLOROT_UNIFORM(new XavierInitializer(RandomType.UNIFORM, FactorType.AVG, 3f)),
    /** Keras {@code he_normal}-like: Gaussian with standard deviation sqrt(2 / fan_in). */
    HE_NORMAL(new XavierInitializer(RandomType.GAUSSIAN, FactorType.IN, 2f));

    private final Initializer initializer;

    WeightInit(Initializer initializer) {
        this.initializer = initializer;
    }

    /**
     * Returns the DJL initialiser that draws weights this way (from the engine's seeded random generator).
     *
     * @return a stateless DJL initializer
     */
    public Initializer initializer() {
        return initializer;
    }
}
