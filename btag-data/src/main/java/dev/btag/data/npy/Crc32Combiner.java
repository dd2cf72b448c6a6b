package dev.btag.data.npy;

/**
 * Combines the CRC-32s of two consecutive byte runs into the CRC-32 of their concatenation, without the bytes
 * (zlib's {@code crc32_combine}: the first CRC is advanced over {@code length2} zero bytes by repeated squaring of
 * the CRC's GF(2) shift operator, then XORed with the second). This lets parts of a large entry be checked in
 * parallel.
 */
final class Crc32Combiner {

    /** The reflected CRC-32 polynomial used by zip. */
    private static final long POLYNOMIAL = 0xedb88320L;

    private Crc32Combiner() {
    }

    /**
     * The CRC-32 of {@code A + B} from the CRC-32s of {@code A} and {@code B}.
     *
     * @param crc1 the CRC-32 of the first run
     * @param crc2 the CRC-32 of the second run
     * @param length2 the length in bytes of the second run
     * @return the CRC-32 of the concatenation
     */
    static long combine(long crc1, long crc2, long length2) {
        if (length2 <= 0) {
            return crc1;
        }
        long[] even = new long[32];
        long[] odd = new long[32];
        odd[0] = POLYNOMIAL; // operator for one zero bit
        long row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crc1;
        long length = length2;
        do {
            square(even, odd); // first pass: one zero byte
            if ((length & 1) != 0) {
                crc = times(even, crc);
            }
            length >>>= 1;
            if (length == 0) {
                break;
            }
            square(odd, even);
            if ((length & 1) != 0) {
                crc = times(odd, crc);
            }
            length >>>= 1;
        } while (length != 0);
        return (crc ^ crc2) & 0xffffffffL;
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        long v = vector;
        for (int i = 0; v != 0; i++, v >>>= 1) {
            if ((v & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < 32; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
