package dev.btag.data.layout;

/**
 * A layout that btag cannot use: malformed YAML, an unknown or missing key, a value of the wrong kind, a name that
 * refers to nothing. The message is one line that names where the layout came from, the key and the problem, for
 * example {@code my.yaml: label.classes.tau: codes must be integers, got 'x'}; the parts are also available through
 * {@link #source()}, {@link #key()} and {@link #problem()}.
 */
public class LayoutException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Where the layout came from: a file name or a built-in layout's name. */
    private final String source;
    /** The dotted key, for example {@code collections[0].variables}; empty for the whole document. */
    private final String key;
    /** The problem alone. */
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param source where the layout came from (a file or a built-in name)
     * @param key the dotted key the problem is in, or empty for the whole document
     * @param problem what is wrong
     */
    public LayoutException(String source, String key, String problem) {
        super(format(source, key, problem));
        this.source = source;
        this.key = key;
        this.problem = problem;
    }

    private static String format(String source, String key, String problem) {
        return source + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem;
    }

    /**
     * Where the layout came from.
     *
     * @return a file name or a built-in layout's name
     */
    public String source() {
        return source;
    }

    /**
     * The key the problem is in.
     *
     * @return a dotted key such as {@code jets.features[2]}, or empty for the whole document
     */
    public String key() {
        return key == null ? "" : key;
    }

    /**
     * The problem alone, without source and key.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
