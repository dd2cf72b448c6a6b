package dev.btag.data.weight;

import java.util.List;

/**
 * The outcome of {@link KinematicReweighter#reweight(WeightInputs)}: one float32 weight per jet and, per class, the
 * histogram of the base weights before and of the new weights after, over the reweighter's cells (cell index: the
 * last axis varies fastest, as a C-order array of shape {@code (bins of axis 0, bins of axis 1, …)}). This class is
 * immutable: arrays are copied out.
 */
public final class Reweighting {

    private final KinematicReweighter reweighter;
    private final List<String> classNames;
    private final float[] weights;
    private final double[] before;
    private final double[] after;
    private final long cappedJets;
    private final long emptyTargetJets;

    Reweighting(KinematicReweighter reweighter, List<String> classNames, float[] weights, double[] before,
                double[] after, long cappedJets, long emptyTargetJets) {
        this.reweighter = reweighter;
        this.classNames = List.copyOf(classNames);
        this.weights = weights;
        this.before = before;
        this.after = after;
        this.cappedJets = cappedJets;
        this.emptyTargetJets = emptyTargetJets;
    }

    /**
     * The reweighter that made this.
     *
     * @return the reweighter (axes, target, cap, policy)
     */
    public KinematicReweighter reweighter() {
        return reweighter;
    }

    /**
     * The class names in index order.
     *
     * @return the names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The weights.
     *
     * @return a copy: one per jet, in input order; 0 for jets of no class
     */
    public float[] weights() {
        return weights.clone();
    }

    /**
     * The number of jets.
     *
     * @return N
     */
    public int jets() {
        return weights.length;
    }

    /**
     * A class's histogram before reweighting (summed base weights, or jet counts without base weights).
     *
     * @param classIndex the class
     * @return one value per cell
     */
    public double[] before(int classIndex) {
        return slice(before, classIndex);
    }

    /**
     * A class's histogram of the new weights (each float32 weight summed in double).
     *
     * @param classIndex the class
     * @return one value per cell
     */
    public double[] after(int classIndex) {
        return slice(after, classIndex);
    }

    private double[] slice(double[] all, int classIndex) {
        int cells = reweighter.cells();
        double[] out = new double[cells];
        System.arraycopy(all, classIndex * cells, out, 0, cells);
        return out;
    }

    /**
     * A class's histogram projected onto one axis (summed over the others).
     *
     * @param classIndex the class
     * @param axis the axis index
     * @param afterWeighting {@code true} for the new weights, {@code false} for before
     * @return one value per bin of the axis
     */
    public double[] projection(int classIndex, int axis, boolean afterWeighting) {
        double[] h = afterWeighting ? after(classIndex) : before(classIndex);
        double[] out = new double[reweighter.axes().get(axis).bins()];
        for (int cell = 0; cell < h.length; cell++) {
            out[reweighter.bins(cell)[axis]] += h[cell];
        }
        return out;
    }

    /**
     * The number of labelled jets whose kinematic factor was capped at the maximum weight.
     *
     * @return the count
     */
    public long cappedJets() {
        return cappedJets;
    }

    /**
     * The number of jets in cells the reference class leaves empty (settled by the {@link EmptyBinPolicy}).
     *
     * @return the count
     */
    public long emptyTargetJets() {
        return emptyTargetJets;
    }
}
