package dev.btag.data.npy;

/**
 * The signatures, fixed sizes and limits of the zip records (PKWARE APPNOTE 6.3) that btag reads and writes.
 * Multi-byte fields of zip records are little-endian.
 */
final class ZipRecords {

    /** Local file header signature, {@code PK\3\4}. */
    static final int LOCAL_HEADER = 0x04034b50;
    /** Central directory file header signature, {@code PK\1\2}. */
    static final int CENTRAL_HEADER = 0x02014b50;
    /** End of central directory record signature, {@code PK\5\6}. */
    static final int END_OF_DIRECTORY = 0x06054b50;
    /** ZIP64 end of central directory record signature, {@code PK\6\6}. */
    static final int ZIP64_END_OF_DIRECTORY = 0x06064b50;
    /** ZIP64 end of central directory locator signature, {@code PK\6\7}. */
    static final int ZIP64_LOCATOR = 0x07064b50;
    /** Header ID of the ZIP64 extended information extra field. */
    static final int ZIP64_EXTRA_ID = 0x0001;

    /** Fixed part of a local file header. */
    static final int LOCAL_HEADER_SIZE = 30;
    /** Fixed part of a central directory file header. */
    static final int CENTRAL_HEADER_SIZE = 46;
    /** Fixed part of the end of central directory record. */
    static final int END_OF_DIRECTORY_SIZE = 22;
    /** Fixed part of the ZIP64 end of central directory record. */
    static final int ZIP64_END_OF_DIRECTORY_SIZE = 56;
    /** Size of the ZIP64 end of central directory locator. */
    static final int ZIP64_LOCATOR_SIZE = 20;
    /** Largest archive comment. */
    static final int MAX_COMMENT = 0xffff;

    /** A 32-bit field holding this value means "see the ZIP64 extra field". */
    static final long MAX_32 = 0xffffffffL;
    /** A 16-bit field holding this value means "see the ZIP64 record". */
    static final int MAX_16 = 0xffff;

    /** General-purpose flag bit 0: the entry is encrypted. */
    static final int FLAG_ENCRYPTED = 1;
    /** General-purpose flag bit 11: the name is UTF-8. */
    static final int FLAG_UTF8 = 1 << 11;

    /** Version needed to extract: 2.0 (deflate). */
    static final int VERSION_DEFLATE = 20;
    /** Version needed to extract: 4.5 (ZIP64). */
    static final int VERSION_ZIP64 = 45;

    /** MS-DOS date of 1980-01-01, the earliest representable; btag writes it for reproducible archives. */
    static final int DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1;

    /** Deflate cannot expand data by more than this factor (RFC 1951: 258 bytes from a 2-bit code, about 1032:1). */
    static final long MAX_DEFLATE_RATIO = 1032;

    private ZipRecords() {
    }
}
