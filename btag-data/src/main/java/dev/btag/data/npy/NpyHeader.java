package dev.btag.data.npy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header of one {@code .npy} array: format version, dtype, shape, memory order, and where the data starts.
 *
 * <p>The layout (NumPy's {@code numpy/lib/format.py}): the magic {@code \x93NUMPY}, a major and a minor version
 * byte, the header length (2 bytes little-endian for version 1.0, 4 bytes for 2.0 and 3.0), then the header text, a
 * Python dict literal with exactly the keys {@code descr}, {@code fortran_order} and {@code shape}, padded with
 * spaces and a newline (Latin-1 for versions 1.0 and 2.0, UTF-8 for 3.0). The data follows immediately.
 *
 * <p>{@link #read} validates everything before the caller allocates anything: the header length against
 * {@value #MAX_HEADER_BYTES} bytes and the bytes available, every dimension against zero, the byte count (item size
 * times the non-zero dimensions, as numpy counts it) against {@code long} overflow, and the byte count against what
 * the entry holds. The header text is parsed no more loosely than numpy parses it ({@link PythonLiteral}).
 */
final class NpyHeader {

    /** The six magic bytes that start every {@code .npy} array. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Largest header text accepted when reading (NumPy itself refuses more than 10,000 bytes by default). */
    static final int MAX_HEADER_BYTES = 1 << 20;

    /** NumPy aligns the start of the data to this many bytes. */
    private static final int ARRAY_ALIGN = 64;

    /** NumPy leaves this many characters of room to grow the first (C) or last (Fortran) dimension in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private final DType dtype;
    private final long[] shape;
    private final boolean fortranOrder;
    private final long headerLength;
    private final long size;

    /** The fields of a structured array, whose records are then read as raw bytes ({@code dtype} is |u1). */
    private final RecordType record;

    private NpyHeader(DType dtype, RecordType record, long[] shape, boolean fortranOrder, long headerLength,
                      long size) {
        this.record = record;
        this.dtype = dtype;
        this.shape = shape;
        this.fortranOrder = fortranOrder;
        this.headerLength = headerLength;
        this.size = size;
    }

    /**
     * Reads and validates a header from the start of an array's bytes.
     *
     * @param in the array's bytes, positioned at the magic; exactly the header is consumed
     * @param available how many bytes the array holds in total (entry size or file size), header included
     * @param file the file, for error messages
     * @param entry the archive entry, for error messages, or null for a plain .npy file
     * @return the header
     * @throws NpyFormatException when the bytes are not a valid header of a supported array, or when the header
     *     declares more data than {@code available} leaves after it
     * @throws IOException when reading fails
     */
    static NpyHeader read(InputStream in, long available, Path file, String entry) throws IOException {
        byte[] prefix = readFully(in, 8, file, entry, "truncated .npy header");
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                throw new NpyFormatException(file, entry, "bad magic: not a .npy array (starts with "
                    + hex(prefix) + ")");
            }
        }
        int major = prefix[6] & 0xff;
        int minor = prefix[7] & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new NpyFormatException(file, entry, "unsupported .npy format version " + major + "." + minor);
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = readFully(in, lengthBytes, file, entry, "truncated .npy header");
        long textLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            textLength = (textLength << 8) | (lengthField[i] & 0xff);
        }
        long headerLength = 8 + lengthBytes + textLength;
        if (textLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException(file, entry, "header of " + textLength + " bytes exceeds the limit of "
                + MAX_HEADER_BYTES + " bytes");
        }
        if (headerLength > available) {
            throw new NpyFormatException(file, entry, "truncated .npy header (declares " + headerLength
                + " header bytes, the array holds " + available + ")");
        }
        byte[] textBytes = readFully(in, (int) textLength, file, entry, "truncated .npy header");
        String text = new String(textBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = parseText(text, major < 3, headerLength, file, entry);
        long remaining = available - headerLength;
        long dataBytes = header.dataBytes();
        if (dataBytes > remaining) {
            throw new NpyFormatException(file, entry, "header declares " + dataBytes + " data bytes (shape "
                + shapeString(header.shape) + ", dtype " + header.dtype + ") but the "
                + (entry == null ? "file" : "entry") + " holds only " + remaining + " after the header");
        }
        return header;
    }

    private static NpyHeader parseText(String text, boolean longSuffix, long headerLength, Path file, String entry)
        throws NpyFormatException {
        Map<?, ?> dict = parseDict(text, longSuffix, file, entry);
        Object descr = dict.get("descr");
        RecordType record = parseRecord(descr, file, entry);
        DType dtype = record != null ? DType.of(ScalarType.UINT8) : parseDtype(descr, file, entry);
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new NpyFormatException(file, entry, "malformed .npy header: fortran_order is "
                + dict.get("fortran_order"));
        }
        long[] shape = parseShape(dict.get("shape"), file, entry);
        long size = checkSize(shape, record != null ? record.itemSize() : dtype.itemSize(),
            record != null ? "records of " + record.itemSize() + " bytes" : dtype.toString(), file, entry);
        return new NpyHeader(dtype, record, shape, fortran, headerLength, size);
    }

    private static Map<?, ?> parseDict(String text, boolean longSuffix, Path file, String entry)
        throws NpyFormatException {
        Object literal;
        try {
            literal = PythonLiteral.parse(text, longSuffix);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(file, entry, "malformed .npy " + e.getMessage());
        }
        if (!(literal instanceof Map<?, ?> dict)) {
            throw new NpyFormatException(file, entry, "malformed .npy header: not a dict");
        }
        if (!dict.keySet().equals(KEYS)) {
            throw new NpyFormatException(file, entry, "malformed .npy header: keys " + dict.keySet()
                + ", expected " + KEYS);
        }
        return dict;
    }

    /** The record type of a structured array's field list, or {@code null} when {@code descr} is no list. */
    private static RecordType parseRecord(Object descr, Path file, String entry) throws NpyFormatException {
        if (!(descr instanceof List<?> fields)) {
            return null;
        }
        RecordType record;
        try {
            record = RecordType.parse(fields);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(file, entry, "unsupported structured dtype: " + e.getMessage());
        } catch (ArithmeticException e) {
            throw new NpyFormatException(file, entry, "structured dtype: a record of more than 2^31 - 1 bytes");
        }
        if (record.itemSize() <= 0) {
            throw new NpyFormatException(file, entry, "structured dtype: records of " + record.itemSize() + " bytes");
        }
        return record;
    }

    private static DType parseDtype(Object descr, Path file, String entry) throws NpyFormatException {
        if (descr instanceof String s) {
            try {
                return DType.parse(s);
            } catch (IllegalArgumentException e) {
                throw new NpyFormatException(file, entry, e.getMessage());
            }
        }
        throw new NpyFormatException(file, entry, "malformed .npy header: descr is " + descr);
    }

    private static long[] parseShape(Object value, Path file, String entry) throws NpyFormatException {
        if (!(value instanceof PythonLiteral.Tuple tuple)) {
            throw new NpyFormatException(file, entry, "malformed .npy header: shape is not a tuple");
        }
        long[] shape = new long[tuple.items().size()];
        for (int i = 0; i < shape.length; i++) {
            Object item = tuple.items().get(i);
            if (!(item instanceof BigInteger dim)) {
                throw new NpyFormatException(file, entry, "malformed .npy header: shape holds " + item);
            }
            if (dim.signum() < 0) {
                throw new NpyFormatException(file, entry, "negative dimension " + dim + " in shape");
            }
            if (dim.bitLength() > 63) {
                throw new NpyFormatException(file, entry, "dimension " + dim + " overflows a 64-bit size");
            }
            shape[i] = dim.longValue();
        }
        return shape;
    }

    /**
     * Applies numpy's rule for array sizes: the item size times the product of the non-zero dimensions must fit in a
     * signed 64-bit byte count, even when a zero dimension makes the array empty ({@code (0, 2**63 - 1)} of
     * {@code <f4} is "too big" for numpy too). So no row length or row count of an array btag accepts overflows.
     *
     * @return the number of elements
     */
    private static long checkSize(long[] shape, int itemSize, String what, Path file, String entry)
        throws NpyFormatException {
        long bytes = itemSize;
        boolean empty = false;
        try {
            for (long dim : shape) {
                if (dim == 0) {
                    empty = true;
                } else {
                    bytes = Math.multiplyExact(bytes, dim);
                }
            }
        } catch (ArithmeticException e) {
            throw new NpyFormatException(file, entry, "shape " + shapeString(shape) + " of " + what
                + " overflows a 64-bit byte count" + (Arrays.stream(shape).anyMatch(d -> d == 0)
                ? " even without its zero dimension (numpy refuses it too: 'array is too big')" : ""));
        }
        return empty ? 0 : bytes / itemSize;
    }

    private static byte[] readFully(InputStream in, int n, Path file, String entry, String problem)
        throws IOException {
        byte[] bytes = new byte[n];
        int done = 0;
        try {
            while (done < n) {
                int r = in.read(bytes, done, n - done);
                if (r < 0) {
                    throw new NpyFormatException(file, entry, problem);
                }
                done += r;
            }
        } catch (EOFException e) {
            throw new NpyFormatException(file, entry, problem, e);
        }
        return bytes;
    }

    /**
     * Builds the header bytes NumPy 1.24 writes for an array: version 1.0 unless the header needs more than 65535
     * bytes, then 2.0; keys sorted; 21 characters of growth room; padded so that the data starts at a multiple of
     * 64 bytes.
     *
     * @param dtype the element type
     * @param shape the dimensions (may be empty for a 0-d array)
     * @param fortranOrder whether the data is in Fortran (column-major) order
     * @return magic, version, length and padded header text
     */
    static byte[] encode(DType dtype, long[] shape, boolean fortranOrder) {
        return encode("'" + dtype.descr() + "'", shape, fortranOrder);
    }

    /**
     * As {@link #encode(DType, long[], boolean)} for a structured array, whose {@code descr} is NumPy's list of
     * fields.
     *
     * @param record the packed record type
     * @param shape the dimensions
     * @param fortranOrder whether the records are in Fortran order
     * @return magic, version, length and padded header text
     */
    static byte[] encode(RecordType record, long[] shape, boolean fortranOrder) {
        return encode(record.descr(), shape, fortranOrder);
    }

    private static byte[] encode(String descrLiteral, long[] shape, boolean fortranOrder) {
        StringBuilder text = new StringBuilder();
        text.append("{'descr': ").append(descrLiteral).append(", 'fortran_order': ")
            .append(fortranOrder ? "True" : "False").append(", 'shape': ").append(shapeString(shape)).append(", }");
        if (shape.length > 0) {
            long growth = shape[fortranOrder ? shape.length - 1 : 0];
            text.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(growth).length())));
        }
        byte[] body = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        int major = 1;
        int lengthBytes = 2;
        int hlen = body.length + 1;
        int padlen = ARRAY_ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN);
        if (hlen + padlen > 0xffff) {
            major = 2;
            lengthBytes = 4;
            padlen = ARRAY_ALIGN - ((MAGIC.length + 2 + lengthBytes + hlen) % ARRAY_ALIGN);
        }
        int textLength = hlen + padlen;
        byte[] out = new byte[MAGIC.length + 2 + lengthBytes + textLength];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < lengthBytes; i++) {
            out[8 + i] = (byte) (textLength >>> (8 * i));
        }
        int p = 8 + lengthBytes;
        System.arraycopy(body, 0, out, p, body.length);
        Arrays.fill(out, p + body.length, out.length - 1, (byte) ' ');
        out[out.length - 1] = '\n';
        return out;
    }

    /**
     * A shape as Python writes a tuple: {@code ()}, {@code (5,)}, {@code (3, 4)}.
     *
     * @param shape the dimensions
     * @return the tuple literal
     */
    static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format(Locale.ROOT, "%02x", b & 0xff));
        }
        return "0x" + sb;
    }

    /** @return the element type */
    DType dtype() {
        return dtype;
    }

    /** @return a copy of the dimensions */
    long[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions */
    int ndim() {
        return shape.length;
    }

    /**
     * One dimension.
     *
     * @param axis the axis, from 0
     * @return its length
     */
    long dim(int axis) {
        return shape[axis];
    }

    /** @return whether the data is stored in Fortran (column-major) order */
    boolean fortranOrder() {
        return fortranOrder;
    }

    /** @return the bytes from the magic to the first data byte */
    long headerLength() {
        return headerLength;
    }

    /** @return the number of elements (1 for a 0-d array) */
    long size() {
        return size;
    }

    /** @return the number of data bytes: size times item size */
    long dataBytes() {
        return size * (record == null ? dtype.itemSize() : record.itemSize());
    }

    /** @return the record type of a structured array, or {@code null} for a numeric one */
    RecordType record() {
        return record;
    }
}
