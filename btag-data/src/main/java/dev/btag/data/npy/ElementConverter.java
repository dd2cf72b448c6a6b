package dev.btag.data.npy;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Converts runs of raw NumPy elements into Java values.
 *
 * <p>The raw buffer's byte order must be the dtype's byte order; the elements run from its position to its limit.
 * A run of the destination's own type is copied in bulk (a byte-order-aware memory copy); other runs are converted in
 * a tight loop per source type. Conversions follow Java's primitive conversions: bool gives 1 or 0; integers widen
 * exactly or round to the nearest float/double; uint64 values are read as unsigned (exactly in {@code long} only up
 * to {@link Long#MAX_VALUE}: larger values wrap to negative in {@code long} and {@code int} results); float to integer
 * truncates toward zero, saturates at the integer range and maps NaN to 0; long to int keeps the low 32 bits.
 * float16 is converted exactly (every half-precision value is a float).
 */
final class ElementConverter {

    private ElementConverter() {
    }

    /**
     * Converts a run into floats.
     *
     * @param raw the raw elements, position to limit
     * @param type their type
     * @param dst the destination
     * @param index where the first converted value goes in {@code dst} (absolute)
     */
    static void toFloat(ByteBuffer raw, ScalarType type, FloatBuffer dst, int index) {
        int base = raw.position();
        int n = raw.remaining() / type.itemSize();
        switch (type) {
            case FLOAT32 -> dst.put(index, raw.asFloatBuffer(), 0, n);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, (float) raw.getDouble(base + 8 * i));
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, halfToFloat(raw.getShort(base + 2 * i)));
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i) != 0 ? 1f : 0f);
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i));
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i) & 0xff);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getShort(base + 2 * i));
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getChar(base + 2 * i));
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getInt(base + 4 * i));
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getInt(base + 4 * i) & 0xffffffffL);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getLong(base + 8 * i));
                }
            }
            case UINT64 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, unsignedToFloat(raw.getLong(base + 8 * i)));
                }
            }
            default -> throw new AssertionError(type);
        }
    }

    /**
     * Converts a run into doubles.
     *
     * @param raw the raw elements, position to limit
     * @param type their type
     * @param dst the destination
     * @param index where the first converted value goes in {@code dst} (absolute)
     */
    static void toDouble(ByteBuffer raw, ScalarType type, DoubleBuffer dst, int index) {
        int base = raw.position();
        int n = raw.remaining() / type.itemSize();
        switch (type) {
            case FLOAT64 -> dst.put(index, raw.asDoubleBuffer(), 0, n);
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getFloat(base + 4 * i));
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, halfToFloat(raw.getShort(base + 2 * i)));
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i) != 0 ? 1d : 0d);
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i));
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i) & 0xff);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getShort(base + 2 * i));
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getChar(base + 2 * i));
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getInt(base + 4 * i));
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getInt(base + 4 * i) & 0xffffffffL);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getLong(base + 8 * i));
                }
            }
            case UINT64 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, unsignedToDouble(raw.getLong(base + 8 * i)));
                }
            }
            default -> throw new AssertionError(type);
        }
    }

    /**
     * Converts a run into longs.
     *
     * @param raw the raw elements, position to limit
     * @param type their type
     * @param dst the destination
     * @param index where the first converted value goes in {@code dst} (absolute)
     */
    static void toLong(ByteBuffer raw, ScalarType type, LongBuffer dst, int index) {
        int base = raw.position();
        int n = raw.remaining() / type.itemSize();
        switch (type) {
            case INT64, UINT64 -> dst.put(index, raw.asLongBuffer(), 0, n);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, (long) raw.getDouble(base + 8 * i));
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, (long) raw.getFloat(base + 4 * i));
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, (long) halfToFloat(raw.getShort(base + 2 * i)));
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i) != 0 ? 1L : 0L);
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i));
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i) & 0xff);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getShort(base + 2 * i));
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getChar(base + 2 * i));
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getInt(base + 4 * i));
                }
            }
            case UINT32 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getInt(base + 4 * i) & 0xffffffffL);
                }
            }
            default -> throw new AssertionError(type);
        }
    }

    /**
     * Converts a run into ints.
     *
     * @param raw the raw elements, position to limit
     * @param type their type
     * @param dst the destination
     * @param index where the first converted value goes in {@code dst} (absolute)
     */
    static void toInt(ByteBuffer raw, ScalarType type, IntBuffer dst, int index) {
        int base = raw.position();
        int n = raw.remaining() / type.itemSize();
        switch (type) {
            case INT32, UINT32 -> dst.put(index, raw.asIntBuffer(), 0, n);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, (int) raw.getDouble(base + 8 * i));
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, (int) raw.getFloat(base + 4 * i));
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, (int) halfToFloat(raw.getShort(base + 2 * i)));
                }
            }
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i) != 0 ? 1 : 0);
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i));
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.get(base + i) & 0xff);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getShort(base + 2 * i));
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, raw.getChar(base + 2 * i));
                }
            }
            case INT64, UINT64 -> {
                for (int i = 0; i < n; i++) {
                    dst.put(index + i, (int) raw.getLong(base + 8 * i));
                }
            }
            default -> throw new AssertionError(type);
        }
    }

    /**
     * Converts an IEEE 754 half-precision value exactly to a float (NaN payloads kept).
     *
     * @param half the 16 bits of a float16
     * @return the same value as a float
     */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign != 0 ? -value : value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /**
     * Reads a uint64 held in a long as an unsigned value, correctly rounded to double.
     *
     * @param value the 64 bits
     * @return the unsigned value
     */
    static double unsignedToDouble(long value) {
        return value >= 0 ? value : ((value >>> 1) | (value & 1)) * 2.0;
    }

    private static float unsignedToFloat(long value) {
        return value >= 0 ? value : ((value >>> 1) | (value & 1)) * 2.0f;
    }
}
