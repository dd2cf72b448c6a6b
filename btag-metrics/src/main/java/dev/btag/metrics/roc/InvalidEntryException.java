package dev.btag.metrics.roc;

/**
 * An entry of a ROC input that cannot be used: a score that is not finite, or a weight that is not finite and
 * non-negative. It names the array and the index, so a caller that selected or reordered the entries can restate
 * the problem in terms of its own arrays and rows without parsing the message.
 */
public final class InvalidEntryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Which input array holds the bad entry. */
    public enum Array {
        /** The scores. */
        SCORES("scores"),
        /** The weights. */
        WEIGHTS("weights");

        private final String label;

        Array(String label) {
            this.label = label;
        }

        /**
         * The parameter name, as in the message.
         *
         * @return {@code "scores"} or {@code "weights"}
         */
        public String label() {
            return label;
        }
    }

    /** Which array holds the bad entry. */
    private final Array array;
    /** The index of the bad entry. */
    private final int index;
    /** The bad value. */
    private final double value;
    /** What a valid entry must be. */
    private final String rule;

    /**
     * Creates the exception.
     *
     * @param array which array
     * @param index the index of the bad entry in the array as passed
     * @param value the bad value
     * @param rule what a valid entry must be, for example {@code "scores must be finite"}
     */
    public InvalidEntryException(Array array, int index, double value, String rule) {
        super(array.label() + "[" + index + "] is " + value + ": " + rule);
        this.array = array;
        this.index = index;
        this.value = value;
        this.rule = rule;
    }

    /**
     * Which array holds the bad entry.
     *
     * @return the array
     */
    public Array array() {
        return array;
    }

    /**
     * The index of the bad entry in the array as it was passed.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    /**
     * The bad value.
     *
     * @return the value (NaN, an infinity, or a negative weight)
     */
    public double value() {
        return value;
    }

    /**
     * What a valid entry must be.
     *
     * @return for example {@code "scores must be finite"}
     */
    public String rule() {
        return rule;
    }
}
