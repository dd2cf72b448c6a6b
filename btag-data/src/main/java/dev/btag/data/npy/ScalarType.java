package dev.btag.data.npy;

/**
 * The numeric element types of NumPy arrays that btag reads and writes, without byte order (see {@link DType}).
 *
 * <p>Each constant carries NumPy's kind character ({@code b} boolean, {@code i} signed integer, {@code u} unsigned
 * integer, {@code f} IEEE floating point) and its size in bytes, which together form the type part of a NumPy
 * {@code descr} string such as {@code <f4}.
 */
public enum ScalarType {
    /** {@code numpy.bool_}: one byte, 0 is false and any other value true. */
    BOOL('b', 1),
    /** {@code numpy.int8}. */
    INT8('i', 1),
    /** {@code numpy.int16}. */
    INT16('i', 2),
    /** {@code numpy.int32}. */
    INT32('i', 4),
    /** {@code numpy.int64}. */
    INT64('i', 8),
    /** {@code numpy.uint8}. */
    UINT8('u', 1),
    /** {@code numpy.uint16}. */
    UINT16('u', 2),
    /** {@code numpy.uint32}. */
    UINT32('u', 4),
    /** {@code numpy.uint64}. */
    UINT64('u', 8),
    /** {@code numpy.float16}: IEEE 754 half precision. */
    FLOAT16('f', 2),
    /** {@code numpy.float32}: IEEE 754 single precision. */
    FLOAT32('f', 4),
    /** {@code numpy.float64}: IEEE 754 double precision. */
    FLOAT64('f', 8);

    private final char kind;
    private final int itemSize;

    ScalarType(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /**
     * NumPy's kind character.
     *
     * @return {@code 'b'}, {@code 'i'}, {@code 'u'} or {@code 'f'}
     */
    public char kind() {
        return kind;
    }

    /**
     * The size of one element.
     *
     * @return bytes per element: 1, 2, 4 or 8
     */
    public int itemSize() {
        return itemSize;
    }

    /**
     * Whether this is a floating-point type.
     *
     * @return true for {@link #FLOAT16}, {@link #FLOAT32} and {@link #FLOAT64}
     */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /**
     * Finds the type for a kind character and size.
     *
     * @param kind NumPy's kind character
     * @param itemSize bytes per element
     * @return the type, or {@code null} when btag has no such numeric type
     */
    static ScalarType of(char kind, int itemSize) {
        for (ScalarType type : values()) {
            if (type.kind == kind && type.itemSize == itemSize) {
                return type;
            }
        }
        return null;
    }
}
