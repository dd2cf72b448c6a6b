package dev.btag.metrics.selection;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A signal-versus-background choice over integer truth codes: an explicit set of signal codes, and either an explicit
 * set of background codes (jets of any other code are left out) or "everything else". This class is immutable.
 *
 * <p>The tutorial's comparisons are constants: {@link #B_VS_ALL}, {@link #B_VS_C}, {@link #B_VS_LIGHT_GLUON}. Codes
 * follow column 50 of the jet table: b = {@value #B}, c = {@value #C}, light (uds) = {@value #LIGHT}, gluon =
 * {@value #GLUON}, undefined = {@value #UNDEFINED}.
 */
public final class FlavourSelection {

    /** Truth code of b jets. */
    public static final int B = 5;
    /** Truth code of c jets. */
    public static final int C = 4;
    /** Truth code of light (u, d, s) jets. */
    public static final int LIGHT = 1;
    /** Truth code of gluon jets. */
    public static final int GLUON = 21;
    /** Truth code of jets with no defined flavour. */
    public static final int UNDEFINED = 0;

    /** b jets against every other jet (undefined ones included), as the tutorial's "b vs all". */
    public static final FlavourSelection B_VS_ALL = signalVersusRest(Set.of(B));
    /** b jets against c jets; light, gluon and undefined jets are left out. */
    public static final FlavourSelection B_VS_C = of(Set.of(B), Set.of(C));
    /** b jets against light and gluon jets; c and undefined jets are left out. */
    public static final FlavourSelection B_VS_LIGHT_GLUON = of(Set.of(B), Set.of(LIGHT, GLUON));
    /** c jets against light and gluon jets; b and undefined jets are left out. */
    public static final FlavourSelection C_VS_LIGHT_GLUON = of(Set.of(C), Set.of(LIGHT, GLUON));
    /** c jets against b jets; light, gluon and undefined jets are left out. */
    public static final FlavourSelection C_VS_B = of(Set.of(C), Set.of(B));

    private final Set<Integer> signal;
    private final Set<Integer> background; // null: every code not in signal

    private FlavourSelection(Set<Integer> signal, Set<Integer> background) {
        this.signal = signal;
        this.background = background;
    }

    /**
     * Signal codes against explicit background codes; jets with any other code are left out.
     *
     * @param signal the signal codes, not empty
     * @param background the background codes, not empty, disjoint from {@code signal}
     * @return the selection
     * @throws IllegalArgumentException if a set is empty or the sets overlap
     */
    public static FlavourSelection of(Set<Integer> signal, Set<Integer> background) {
        Set<Integer> s = sorted(signal, "signal");
        Set<Integer> b = sorted(background, "background");
        for (int code : s) {
            if (b.contains(code)) {
                throw new IllegalArgumentException("code " + code + " is both signal and background");
            }
        }
        return new FlavourSelection(s, b);
    }

    /**
     * Signal codes against every other code.
     *
     * @param signal the signal codes, not empty
     * @return the selection
     * @throws IllegalArgumentException if {@code signal} is empty
     */
    public static FlavourSelection signalVersusRest(Set<Integer> signal) {
        return new FlavourSelection(sorted(signal, "signal"), null);
    }

    private static Set<Integer> sorted(Set<Integer> codes, String what) {
        if (codes == null || codes.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " set of truth codes must not be empty");
        }
        return Collections.unmodifiableSet(new TreeSet<>(codes));
    }

    /**
     * The signal codes.
     *
     * @return an unmodifiable sorted set
     */
    public Set<Integer> signal() {
        return signal;
    }

    /**
     * Whether every code that is not signal counts as background.
     *
     * @return {@code true} for a signal-versus-rest selection
     */
    public boolean backgroundIsRest() {
        return background == null;
    }

    /**
     * The explicit background codes.
     *
     * @return an unmodifiable sorted set, empty for a signal-versus-rest selection
     */
    public Set<Integer> background() {
        return background == null ? Set.of() : background;
    }

    /**
     * Whether a code takes part (as signal or background).
     *
     * @param code a truth code
     * @return whether jets of this code are kept
     */
    public boolean keeps(int code) {
        return signal.contains(code) || background == null || background.contains(code);
    }

    /**
     * Applies the selection to per-jet truth codes.
     *
     * @param truthCodes one code per jet
     * @return the kept jets (their row indices, ascending) and which of them are signal
     */
    public Selection apply(int[] truthCodes) {
        int[] rows = new int[truthCodes.length];
        boolean[] isSignal = new boolean[truthCodes.length];
        int kept = 0;
        for (int i = 0; i < truthCodes.length; i++) {
            int code = truthCodes[i];
            if (signal.contains(code)) {
                rows[kept] = i;
                isSignal[kept++] = true;
            } else if (background == null || background.contains(code)) {
                rows[kept++] = i;
            }
        }
        return new Selection(java.util.Arrays.copyOf(rows, kept), java.util.Arrays.copyOf(isSignal, kept));
    }

    /**
     * Applies the selection to the tutorial's six-class one-hot labels (converted with
     * {@link OneHotLabels#truthCodes(float[])}).
     *
     * @param oneHot the labels, row-major N x 6 in the order b, bb, leptonic b, c, uds, g
     * @return the kept jets and which of them are signal
     * @throws IllegalArgumentException as {@link OneHotLabels#truthCodes(float[])}
     */
    public Selection applyToOneHot(float[] oneHot) {
        return apply(OneHotLabels.truthCodes(oneHot));
    }

    /**
     * A description such as {@code [5] vs [1, 21]} or {@code [5] vs rest}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return signal + " vs " + (background == null ? "rest" : background.stream().map(String::valueOf)
            .collect(Collectors.joining(", ", "[", "]")));
    }

    /**
     * Compares signal and background sets.
     *
     * @param other the other object
     * @return whether {@code other} selects the same jets
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof FlavourSelection f && signal.equals(f.signal)
            && java.util.Objects.equals(background, f.background);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * signal.hashCode() + java.util.Objects.hashCode(background);
    }
}
