package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The .npy header parser is no looser than numpy's ({@code ast.literal_eval} and numpy's size check): no Unicode
 * digits or spaces, no leading zeros, no shape whose bytes overflow even if a zero dimension makes it empty.
 */
class HeaderStrictnessTest {

    private static final Path FILE = Path.of("h.npy");

    /** Reads a version 3.0 header (UTF-8 text) declaring no more data than {@code available} allows. */
    private static NpyHeader read(String dict, long dataBytes) throws IOException {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[12 + text.length];
        System.arraycopy(NpyHeader.MAGIC, 0, bytes, 0, 6);
        bytes[6] = 3;
        bytes[8] = (byte) text.length;
        bytes[9] = (byte) (text.length >> 8);
        System.arraycopy(text, 0, bytes, 12, text.length);
        return NpyHeader.read(new ByteArrayInputStream(bytes), bytes.length + dataBytes, FILE, null);
    }

    private static String dict(String shape) {
        return "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(\u0661\u0660,)",        // Arabic-Indic "10": BigInteger and Character.isDigit accept it, Python does not
        "(\uff11, 2)",            // fullwidth 1
        "(1,\u20032)",            // an em space
        "(1,\u000b2)",            // a vertical tab, Java white space but not Python's
        "(1,\u001c2)",            // a file separator, likewise
        "(010, 2)",               // a leading zero: octal in Python 2, a syntax error in Python 3
        "(5L, 0L)",               // Python 2 longs: numpy strips the L from version 1.0 and 2.0 headers only
    })
    void textThatPythonWouldNotParseIsRefused(String shape) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> read(dict(shape), 1 << 20));
        assertTrue(e.problem().startsWith("malformed .npy header dict"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"(0, 9223372036854775807)", "(9223372036854775807, 0)", "(0, 4611686018427387904, 2)",
        "(3037000500, 3037000500, 0)"})
    void emptyShapesWhoseNonZeroDimensionsOverflowAreRefused(String shape) {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> read(dict(shape), 0));
        assertTrue(e.problem().contains("overflows a 64-bit byte count even without its zero dimension"),
            e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"(0, 2305843009213693951)", "(0,)", "(1000000, 0)", "( 0 ,\t3 ,\n)", "(00, 5)"})
    void emptyShapesNumpyAcceptsAreAccepted(String shape) throws IOException {
        NpyHeader header = read(dict(shape), 0);
        assertEquals(0, header.size());
        assertEquals(0, header.dataBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'descr': '|i1', 'fortran_order': False, 'shape': (0, 9223372036854775807)}"})
    void oneByteItemsMayHaveTheLargestDimensionLikeInNumpy(String dict) throws IOException {
        assertArrayEquals(new long[] {0, Long.MAX_VALUE}, read(dict, 0).shape());
    }
}
