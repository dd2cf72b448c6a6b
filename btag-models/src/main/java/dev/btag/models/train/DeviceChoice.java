package dev.btag.models.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Where training runs: {@code auto} (every GPU the engine sees, else the CPU), {@code cpu} or {@code gpu}. */
public enum DeviceChoice {
    /** All GPUs the engine reports (data parallel when more than one), else the CPU. */
    AUTO,
    /** The CPU, even where a GPU is present. */
    CPU,
    /** All GPUs the engine reports; an error if there is none. */
    GPU;

    /**
     * Resolves the choice to the devices of the current engine.
     *
     * @return one device, or several GPUs for data-parallel training
     * @throws IllegalStateException for {@link #GPU} when the engine sees no GPU; the message says why that can be
     */
    public Device[] resolve() {
        Engine engine = Engine.getInstance();
        int gpus = engine.getGpuCount();
        switch (this) {
            case CPU:
                return new Device[] {Device.cpu()};
            case GPU:
                if (gpus == 0) {
                    throw new IllegalStateException("--device gpu: the " + engine.getEngineName() + " engine sees no"
                        + " GPU (the CPU native library on the class path forces the CPU; see docs/gpu.md)");
                }
                return engine.getDevices(gpus);
            case AUTO:
                return gpus == 0 ? new Device[] {Device.cpu()} : engine.getDevices(gpus);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Parses {@code auto}, {@code cpu} or {@code gpu}, ignoring case.
     *
     * @param name the name
     * @return the choice
     * @throws IllegalArgumentException for any other name
     */
    public static DeviceChoice parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown device '" + name + "'; expected auto, cpu or gpu", e);
        }
    }
}
