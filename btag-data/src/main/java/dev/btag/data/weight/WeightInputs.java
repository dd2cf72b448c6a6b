package dev.btag.data.weight;

import dev.btag.data.layout.Layout;
import dev.btag.data.ntuple.JetFile;
import dev.btag.data.ntuple.LayoutMismatchException;

import dev.btag.data.schema.TrainingClass;
import dev.btag.data.schema.TutorialFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What weighting needs per jet, from any source: the reweighting variables (one array per variable, named), the
 * class index of every jet (-1 for a jet of no class, such as the tutorial's undefined jets, which always get weight
 * 0) and optional base weights (a layout's weight field, a weights file) that every computed weight multiplies.
 *
 * <p>For speed with tens of millions of jets this class holds the arrays it is given without copying them: do not
 * change them while it is in use. Read the tutorial layout with {@link #read(TutorialFile, List)}; join files (in
 * file order) with {@link #concat(List)}.
 */
public final class WeightInputs {

    /** The tutorial's six training classes, in {@link TrainingClass} order, by their short names. */
    public static final List<String> TUTORIAL_CLASSES = List.of("b", "bb", "lepb", "c", "uds", "g");

    private final List<String> variableNames;
    private final List<float[]> variables;
    private final int[] classes;
    private final List<String> classNames;
    private final float[] baseWeights;

    private WeightInputs(List<String> variableNames, List<float[]> variables, int[] classes, List<String> classNames,
                         float[] baseWeights) {
        this.variableNames = variableNames;
        this.variables = variables;
        this.classes = classes;
        this.classNames = classNames;
        this.baseWeights = baseWeights;
    }

    /**
     * Inputs from arrays (held, not copied).
     *
     * @param variableNames the names of the variables, as the axes of a {@link KinematicReweighter} name them
     * @param variables one array per name, each with one value per jet
     * @param classes one class index per jet, in {@code [0, classNames.size())}, or -1 for no class
     * @param classNames the class names in index order
     * @param baseWeights one finite, non-negative weight per jet, or {@code null} for none (all 1)
     * @return the inputs
     * @throws IllegalArgumentException when the lengths disagree, a class index is out of range or a base weight is
     *     negative or not finite (the message names the array and index)
     */
    public static WeightInputs of(List<String> variableNames, List<float[]> variables, int[] classes,
                                  List<String> classNames, float[] baseWeights) {
        Objects.requireNonNull(classes, "classes");
        if (variableNames.size() != variables.size()) {
            throw new IllegalArgumentException(variableNames.size() + " variable names for " + variables.size()
                + " variable arrays");
        }
        int n = classes.length;
        for (int v = 0; v < variables.size(); v++) {
            if (variables.get(v).length != n) {
                throw new IllegalArgumentException("variable " + variableNames.get(v) + " has "
                    + variables.get(v).length + " values for " + n + " jets");
            }
        }
        int k = classNames.size();
        for (int i = 0; i < n; i++) {
            if (classes[i] < -1 || classes[i] >= k) {
                throw new IllegalArgumentException("classes[" + i + "] = " + classes[i] + " is not -1 or a class"
                    + " index below " + k);
            }
        }
        if (baseWeights != null) {
            if (baseWeights.length != n) {
                throw new IllegalArgumentException("base weights have " + baseWeights.length + " values for " + n
                    + " jets");
            }
            for (int i = 0; i < n; i++) {
                float w = baseWeights[i];
                if (!(w >= 0) || w == Float.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("base weight[" + i + "] = " + w
                        + ": weights must be finite and non-negative");
                }
            }
        }
        return new WeightInputs(List.copyOf(variableNames), List.copyOf(variables), classes, List.copyOf(classNames),
            baseWeights);
    }

    /**
     * Reads the variables and the six training classes of a tutorial-layout file (undefined jets get class -1).
     *
     * @param file the open file
     * @param variables the variables to read
     * @return the inputs, without base weights
     */
    public static WeightInputs read(TutorialFile file, List<KinematicVariable> variables) {
        List<String> names = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (KinematicVariable v : variables) {
            names.add(v.key());
            values.add(v.read(file));
        }
        int[] classes = classesOfOneHot(file.oneHotLabels(0, file.jetCount()), TrainingClass.COUNT);
        return of(names, values, classes, TUTORIAL_CLASSES, null);
    }

    /**
     * Reads and joins several tutorial-layout files, in the given order.
     *
     * @param files the files
     * @param variables the variables to read
     * @return the inputs of all jets, file after file
     * @throws IOException if a file cannot be opened or is not of the tutorial layout (the message names it)
     */
    public static WeightInputs read(List<Path> files, List<KinematicVariable> variables) throws IOException {
        List<WeightInputs> parts = new ArrayList<>();
        for (Path p : files) {
            try (TutorialFile file = TutorialFile.open(p)) {
                parts.add(read(file, variables));
            }
        }
        return concat(parts);
    }

    /**
     * Reads and joins files read through a layout, in the given order: the variables from its kinematics fields
     * ({@link KinematicVariable#read(JetFile)}), the class of each jet in the layout's class order (-1 for a jet of
     * no class) and, when the layout declares a {@code weight}, that field as base weights. The tutorial layout reads
     * as {@link #read(List, List)} does.
     *
     * @param files the files
     * @param layout how to read them
     * @param variables the variables to read
     * @return the inputs of all jets, file after file, with the layout's class names
     * @throws IOException if a file cannot be read or does not match the layout, lacks a kinematics field, or holds
     *     a negative or non-finite weight (the message names the file and the key)
     */
    public static WeightInputs read(List<Path> files, Layout layout, List<KinematicVariable> variables)
        throws IOException {
        if (layout.isTutorial()) {
            return read(files, variables);
        }
        List<WeightInputs> parts = new ArrayList<>();
        for (Path p : files) {
            try (JetFile file = JetFile.open(p, layout)) {
                List<String> names = new ArrayList<>();
                List<float[]> values = new ArrayList<>();
                for (KinematicVariable v : variables) {
                    names.add(v.key());
                    values.add(v.read(file));
                }
                long n = file.jetCount();
                float[] base = null;
                if (file.hasWeights()) {
                    double[] w = file.weights(0, n);
                    base = new float[w.length];
                    for (int i = 0; i < w.length; i++) {
                        base[i] = (float) w[i];
                    }
                }
                try {
                    parts.add(of(names, values, file.classes(0, n), layout.label().names(), base));
                } catch (IllegalArgumentException e) {
                    throw new LayoutMismatchException(p, "weight", e.getMessage());
                }
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return concat(parts);
    }

    /**
     * The class index of each row of a one-hot matrix: the column of its largest value when that is positive, -1
     * for an all-zero (undefined) row.
     *
     * @param oneHot row-major N × classes values
     * @param classes the row width
     * @return N class indices
     */
    public static int[] classesOfOneHot(float[] oneHot, int classes) {
        int n = oneHot.length / classes;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = -1;
            float max = 0;
            for (int c = 0; c < classes; c++) {
                float v = oneHot[i * classes + c];
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * Joins inputs with the same variables and classes, in order.
     *
     * @param parts at least one
     * @return the joined inputs (new arrays)
     * @throws IllegalArgumentException when the parts differ in variables or classes, or only some have base weights
     */
    public static WeightInputs concat(List<WeightInputs> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no inputs to join");
        }
        WeightInputs first = parts.get(0);
        if (parts.size() == 1) {
            return first;
        }
        long total = 0;
        for (WeightInputs p : parts) {
            if (!p.variableNames.equals(first.variableNames) || !p.classNames.equals(first.classNames)
                || (p.baseWeights == null) != (first.baseWeights == null)) {
                throw new IllegalArgumentException("cannot join weighting inputs of variables " + p.variableNames
                    + ", classes " + p.classNames + (p.baseWeights == null ? ", no" : ", with") + " base weights to"
                    + " inputs of variables " + first.variableNames + ", classes " + first.classNames
                    + (first.baseWeights == null ? ", no" : ", with") + " base weights");
            }
            total += p.jets();
        }
        int n = Math.toIntExact(total);
        List<float[]> vars = new ArrayList<>();
        for (int v = 0; v < first.variables.size(); v++) {
            vars.add(new float[n]);
        }
        int[] classes = new int[n];
        float[] base = first.baseWeights == null ? null : new float[n];
        int at = 0;
        for (WeightInputs p : parts) {
            int m = p.jets();
            for (int v = 0; v < vars.size(); v++) {
                System.arraycopy(p.variables.get(v), 0, vars.get(v), at, m);
            }
            System.arraycopy(p.classes, 0, classes, at, m);
            if (base != null) {
                System.arraycopy(p.baseWeights, 0, base, at, m);
            }
            at += m;
        }
        return new WeightInputs(first.variableNames, List.copyOf(vars), classes, first.classNames, base);
    }

    /**
     * These inputs with base weights (held, not copied).
     *
     * @param weights one finite, non-negative weight per jet, or {@code null} for none
     * @return new inputs sharing the other arrays
     * @throws IllegalArgumentException as {@link #of}
     */
    public WeightInputs withBaseWeights(float[] weights) {
        return of(variableNames, variables, classes, classNames, weights);
    }

    /**
     * The number of jets.
     *
     * @return N
     */
    public int jets() {
        return classes.length;
    }

    /**
     * The variable names in order.
     *
     * @return the names
     */
    public List<String> variableNames() {
        return variableNames;
    }

    /**
     * The values of a variable (the array held, not a copy).
     *
     * @param name the variable's name
     * @return the values
     * @throws IllegalArgumentException when there is no such variable
     */
    public float[] variable(String name) {
        int i = variableNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no reweighting variable '" + name + "' (have " + variableNames + ")");
        }
        return variables.get(i);
    }

    /**
     * The class indices (the array held, not a copy).
     *
     * @return one index per jet, -1 for no class
     */
    public int[] classes() {
        return classes;
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
     * The base weights (the array held, not a copy).
     *
     * @return the weights, or {@code null} for none
     */
    public float[] baseWeights() {
        return baseWeights;
    }
}
