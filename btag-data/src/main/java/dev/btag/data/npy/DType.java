package dev.btag.data.npy;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A NumPy array element type: a {@link ScalarType} and the byte order of its elements in the file.
 *
 * <p>Instances correspond one to one to NumPy's {@code descr} strings of simple numeric types: {@code <f4} is
 * little-endian float32, {@code >i8} big-endian int64, {@code |b1} bool and {@code |u1} uint8 (one-byte types have no
 * byte order; NumPy writes {@code |} and this class normalises their order to little-endian so that equal types are
 * equal). This class is immutable.
 *
 * @param type the element type
 * @param order the byte order of multi-byte elements ({@link ByteOrder#LITTLE_ENDIAN} for one-byte types)
 */
public record DType(ScalarType type, ByteOrder order) {

    /** Little-endian float32, {@code <f4}: what btag writes for {@code float[]}. */
    public static final DType FLOAT32 = new DType(ScalarType.FLOAT32, ByteOrder.LITTLE_ENDIAN);
    /** Little-endian float64, {@code <f8}: what btag writes for {@code double[]}. */
    public static final DType FLOAT64 = new DType(ScalarType.FLOAT64, ByteOrder.LITTLE_ENDIAN);
    /** Little-endian int64, {@code <i8}: what btag writes for {@code long[]}. */
    public static final DType INT64 = new DType(ScalarType.INT64, ByteOrder.LITTLE_ENDIAN);
    /** Little-endian int32, {@code <i4}: what btag writes for {@code int[]}. */
    public static final DType INT32 = new DType(ScalarType.INT32, ByteOrder.LITTLE_ENDIAN);
    /** Little-endian int16, {@code <i2}: what btag writes for {@code short[]}. */
    public static final DType INT16 = new DType(ScalarType.INT16, ByteOrder.LITTLE_ENDIAN);
    /** int8, {@code |i1}: what btag writes for {@code byte[]}. */
    public static final DType INT8 = new DType(ScalarType.INT8, ByteOrder.LITTLE_ENDIAN);
    /** bool, {@code |b1}: what btag writes for {@code boolean[]}. */
    public static final DType BOOL = new DType(ScalarType.BOOL, ByteOrder.LITTLE_ENDIAN);

    /**
     * Creates a type, normalising the byte order of one-byte types to little-endian.
     *
     * @param type the element type
     * @param order the byte order of its elements
     */
    public DType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(order, "order");
        if (type.itemSize() == 1) {
            order = ByteOrder.LITTLE_ENDIAN;
        }
    }

    /**
     * The little-endian variant of a type (what NumPy writes on x86 and ARM machines).
     *
     * @param type the element type
     * @return {@code type} with little-endian byte order
     */
    public static DType of(ScalarType type) {
        return new DType(type, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Parses a NumPy {@code descr} string of a simple numeric type.
     *
     * <p>Accepted: an optional byte-order character ({@code <} little, {@code >} big, {@code |} not applicable,
     * {@code =} native; the last two mean this machine's order for multi-byte types, as in NumPy) followed by a kind
     * character {@code b}, {@code i}, {@code u} or {@code f} and the size in bytes, for example {@code <f4},
     * {@code >u2}, {@code |b1}. Object ({@code O}), complex ({@code c}), string ({@code S}, {@code U}, {@code a}),
     * void or structured ({@code V}) and date/time ({@code M}, {@code m}) types are rejected as unsupported.
     *
     * @param descr the {@code descr} value of an array header
     * @return the type
     * @throws IllegalArgumentException naming the problem when {@code descr} is not a supported numeric type
     */
    public static DType parse(String descr) {
        Objects.requireNonNull(descr, "descr");
        String s = descr;
        ByteOrder order = ByteOrder.nativeOrder();
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            char c = s.charAt(0);
            if (c == '<') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (c == '>') {
                order = ByteOrder.BIG_ENDIAN;
            }
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("unrecognised dtype '" + descr + "'");
        }
        char kind = s.charAt(0);
        String what = switch (kind) {
            case 'O' -> "object arrays (pickled Python objects)";
            case 'c' -> "complex numbers";
            case 'S', 'a', 'U' -> "strings";
            case 'V' -> "void/structured records";
            case 'M', 'm' -> "dates and times";
            default -> null;
        };
        if (what != null) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "' (" + what + ")");
        }
        String digits = s.substring(1);
        if (digits.length() != 1 || !Character.isDigit(digits.charAt(0))) {
            throw new IllegalArgumentException("unrecognised dtype '" + descr + "'");
        }
        ScalarType type = ScalarType.of(kind, digits.charAt(0) - '0');
        if (type == null) {
            throw new IllegalArgumentException("unrecognised dtype '" + descr + "'");
        }
        return new DType(type, order);
    }

    /**
     * NumPy's {@code descr} string for this type, exactly as NumPy writes it into a header.
     *
     * @return for example {@code <f4}, {@code >i8}, {@code |b1}, {@code |u1}
     */
    public String descr() {
        char prefix = type.itemSize() == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return "" + prefix + type.kind() + type.itemSize();
    }

    /**
     * The size of one element.
     *
     * @return bytes per element: 1, 2, 4 or 8
     */
    public int itemSize() {
        return type.itemSize();
    }

    /**
     * The {@code descr} string.
     *
     * @return the same as {@link #descr()}
     */
    @Override
    public String toString() {
        return descr();
    }
}
