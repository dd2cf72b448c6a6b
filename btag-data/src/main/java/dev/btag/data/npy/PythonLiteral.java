package dev.btag.data.npy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the small subset of Python literal syntax that NumPy writes into {@code .npy} headers: a dict of
 * string keys whose values are strings, {@code True}/{@code False}/{@code None}, integers (with Python 2's optional
 * {@code L} suffix where numpy accepts it), tuples and lists, with optional trailing commas and white space.
 * It is no looser than Python's {@code ast.literal_eval}, which numpy uses: digits are ASCII only, white space is
 * space, tab, newline, carriage return and form feed only, and integers have no leading zeros.
 *
 * <p>Values become {@link String}, {@link Boolean}, {@link #NONE}, {@link BigInteger}, {@link Tuple},
 * {@link List} and {@link Map} (insertion order). Nesting deeper than {@value #MAX_DEPTH} levels is rejected, so a
 * hostile header cannot overflow the stack. Nothing is ever evaluated.
 */
final class PythonLiteral {

    /** Deepest nesting of containers accepted. */
    static final int MAX_DEPTH = 16;

    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /**
     * A Python tuple, kept apart from lists because NumPy requires the shape to be a tuple.
     *
     * @param items the elements in order
     */
    record Tuple(List<Object> items) {
        Tuple {
            items = List.copyOf(items);
        }
    }

    private final String text;
    private final boolean longSuffix;
    private int pos;

    private PythonLiteral(String text, boolean longSuffix) {
        this.text = text;
        this.longSuffix = longSuffix;
    }

    /**
     * Parses one literal that spans the whole text (surrounding whitespace allowed).
     *
     * @param text the literal
     * @param longSuffix whether integers may carry Python 2's {@code L} suffix (numpy strips it from version 1.0 and
     *     2.0 headers, which Python 2 may have written, not from version 3.0 headers)
     * @return the parsed value
     * @throws IllegalArgumentException naming the position and problem when the text is not such a literal
     */
    static Object parse(String text, boolean longSuffix) {
        PythonLiteral parser = new PythonLiteral(text, longSuffix);
        Object value = parser.value(0);
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the literal");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of header");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict(depth);
            case '(':
                return new Tuple(sequence(')', depth));
            case '[':
                return sequence(']', depth);
            case '\'':
            case '"':
                return string();
            default:
                break;
        }
        if (c == '-' || c == '+' || isDigit(c)) {
            return integer();
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("None", pos)) {
            pos += 4;
            return NONE;
        }
        throw error("unexpected character '" + c + "'");
    }

    private Map<Object, Object> dict(int depth) {
        pos++; // '{'
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            Object key = value(depth + 1);
            skipSpace();
            expect(':');
            Object value = value(depth + 1);
            if (map.put(key, value) != null) {
                throw error("duplicate key " + key);
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> sequence(char close, int depth) {
        pos++; // '(' or '['
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                return items;
            }
            items.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != close) {
                throw error("expected ',' or '" + close + "'");
            }
        }
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '0' -> sb.append('\0');
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private BigInteger integer() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && isDigit(text.charAt(pos)) && pos - digitsStart < 40) {
            pos++;
        }
        if (pos == digitsStart) {
            throw error("expected digits");
        }
        if (pos < text.length() && isDigit(text.charAt(pos))) {
            throw error("integer with more than 40 digits");
        }
        if (text.charAt(digitsStart) == '0' && text.substring(digitsStart, pos).chars().anyMatch(d -> d != '0')) {
            throw error("integer with a leading zero (not a Python 3 literal)");
        }
        BigInteger value = new BigInteger(text.substring(start, pos));
        if (longSuffix && pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++; // Python 2 long suffix
        }
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uffff';
    }

    private void skipSpace() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
    }

    /** Python's digits: ASCII only ({@link Character#isDigit} also accepts Arabic-Indic, fullwidth, ... digits). */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The white space Python's tokenizer skips in a bracketed literal: no Unicode spaces, no other controls. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("header dict: " + problem + " at character " + pos);
    }
}
