package dev.btag.data.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The central directory of a zip archive, read without touching any entry's data.
 *
 * <p>btag parses zip itself rather than using {@link java.util.zip.ZipFile}: only its own parser knows where each
 * entry's bytes start in the file, which is what lets stored entries be memory-mapped and read in place, and lets a
 * row range of a deflated entry be inflated without the rest. It reads the end of central directory record (searching
 * back over a comment of up to 65535 bytes), the ZIP64 locator and record when present, and every central directory
 * header, resolving ZIP64 extra fields. Multi-disk archives, encryption and compression methods other than stored
 * and deflate are rejected.
 *
 * <p>Every offset and size is checked against the file's size before it is used, so a corrupt directory gives a
 * {@link NpyFormatException}, never a huge allocation.
 */
final class ZipDirectory {

    private final List<ZipEntryInfo> entries;
    private final long directoryOffset;

    private ZipDirectory(List<ZipEntryInfo> entries, long directoryOffset) {
        this.entries = List.copyOf(entries);
        this.directoryOffset = directoryOffset;
    }

    /** @return the entries in directory order */
    List<ZipEntryInfo> entries() {
        return entries;
    }

    /** @return where the central directory starts; every entry's data lies before it */
    long directoryOffset() {
        return directoryOffset;
    }

    /**
     * Reads the central directory of an archive.
     *
     * @param file the open archive
     * @return the directory
     * @throws NpyFormatException when the file is not a zip archive or its directory is corrupt or truncated
     * @throws IOException when reading fails
     */
    static ZipDirectory read(SourceFile file) throws IOException {
        long size = file.size();
        if (size < ZipRecords.END_OF_DIRECTORY_SIZE) {
            throw new NpyFormatException(file.path(), null, "not a zip archive or .npy file (only " + size
                + " bytes)");
        }
        int tailLength = (int) Math.min(size, ZipRecords.END_OF_DIRECTORY_SIZE + ZipRecords.MAX_COMMENT);
        long tailStart = size - tailLength;
        ByteBuffer tail = file.read(tailStart, tailLength, null, "end of central directory");
        int eocd = -1;
        for (int i = tailLength - ZipRecords.END_OF_DIRECTORY_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == ZipRecords.END_OF_DIRECTORY
                && i + ZipRecords.END_OF_DIRECTORY_SIZE + (tail.getShort(i + 20) & 0xffff) <= tailLength) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw new NpyFormatException(file.path(), null,
                "not a zip archive or .npy file (no end of central directory record)");
        }
        long eocdPosition = tailStart + eocd;
        int disk = tail.getShort(eocd + 4) & 0xffff;
        int directoryDisk = tail.getShort(eocd + 6) & 0xffff;
        long diskEntries = tail.getShort(eocd + 8) & 0xffff;
        long totalEntries = tail.getShort(eocd + 10) & 0xffff;
        long directorySize = tail.getInt(eocd + 12) & ZipRecords.MAX_32;
        long directoryOffset = tail.getInt(eocd + 16) & ZipRecords.MAX_32;
        long directoryEnd = eocdPosition;

        long locatorPosition = eocdPosition - ZipRecords.ZIP64_LOCATOR_SIZE;
        if (locatorPosition >= 0) {
            ByteBuffer locator = file.read(locatorPosition, ZipRecords.ZIP64_LOCATOR_SIZE, null, "ZIP64 locator");
            if (locator.getInt(0) == ZipRecords.ZIP64_LOCATOR) {
                long recordPosition = locator.getLong(8);
                if (recordPosition < 0 || recordPosition > locatorPosition - ZipRecords.ZIP64_END_OF_DIRECTORY_SIZE) {
                    throw new NpyFormatException(file.path(), null, "ZIP64 end of central directory record offset "
                        + recordPosition + " lies outside the file");
                }
                ByteBuffer record = file.read(recordPosition, ZipRecords.ZIP64_END_OF_DIRECTORY_SIZE, null,
                    "ZIP64 end of central directory record");
                if (record.getInt(0) != ZipRecords.ZIP64_END_OF_DIRECTORY) {
                    throw new NpyFormatException(file.path(), null,
                        "bad ZIP64 end of central directory record signature");
                }
                disk = record.getInt(16);
                directoryDisk = record.getInt(20);
                diskEntries = record.getLong(24);
                totalEntries = record.getLong(32);
                directorySize = record.getLong(40);
                directoryOffset = record.getLong(48);
                directoryEnd = recordPosition;
            }
        }
        if (disk != 0 || directoryDisk != 0 || diskEntries != totalEntries) {
            throw new NpyFormatException(file.path(), null, "multi-disk zip archives are not supported");
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset > directoryEnd
            || directorySize > directoryEnd - directoryOffset) {
            throw new NpyFormatException(file.path(), null, "truncated or corrupt zip archive: central directory ("
                + directorySize + " bytes at offset " + directoryOffset + ") does not fit before offset "
                + directoryEnd);
        }
        if (directorySize > Integer.MAX_VALUE) {
            throw new NpyFormatException(file.path(), null, "central directory of " + directorySize
                + " bytes is larger than 2 GiB");
        }
        if (totalEntries > directorySize / ZipRecords.CENTRAL_HEADER_SIZE) {
            throw new NpyFormatException(file.path(), null, "corrupt zip archive: " + totalEntries
                + " entries cannot fit in a central directory of " + directorySize + " bytes");
        }
        ByteBuffer directory = file.map(directoryOffset, directorySize, null).order(ByteOrder.LITTLE_ENDIAN);
        List<ZipEntryInfo> entries = new ArrayList<>((int) totalEntries);
        int p = 0;
        for (long i = 0; i < totalEntries; i++) {
            ZipEntryInfo entry = parseEntry(file, directory, p, directoryOffset);
            entries.add(entry);
            p += ZipRecords.CENTRAL_HEADER_SIZE + (directory.getShort(p + 28) & 0xffff)
                + (directory.getShort(p + 30) & 0xffff) + (directory.getShort(p + 32) & 0xffff);
        }
        return new ZipDirectory(entries, directoryOffset);
    }

    private static ZipEntryInfo parseEntry(SourceFile file, ByteBuffer directory, int p, long directoryOffset)
        throws NpyFormatException {
        if (p > directory.limit() - ZipRecords.CENTRAL_HEADER_SIZE || directory.getInt(p) != ZipRecords.CENTRAL_HEADER) {
            throw new NpyFormatException(file.path(), null, "corrupt zip archive: bad central directory header at "
                + "offset " + (directoryOffset + p));
        }
        int flags = directory.getShort(p + 8) & 0xffff;
        int method = directory.getShort(p + 10) & 0xffff;
        long crc = directory.getInt(p + 16) & ZipRecords.MAX_32;
        long compressed = directory.getInt(p + 20) & ZipRecords.MAX_32;
        long uncompressed = directory.getInt(p + 24) & ZipRecords.MAX_32;
        int nameLength = directory.getShort(p + 28) & 0xffff;
        int extraLength = directory.getShort(p + 30) & 0xffff;
        int commentLength = directory.getShort(p + 32) & 0xffff;
        int startDisk = directory.getShort(p + 34) & 0xffff;
        long localOffset = directory.getInt(p + 42) & ZipRecords.MAX_32;
        int nameStart = p + ZipRecords.CENTRAL_HEADER_SIZE;
        if ((long) nameStart + nameLength + extraLength + commentLength > directory.limit()) {
            throw new NpyFormatException(file.path(), null, "corrupt zip archive: central directory header at "
                + "offset " + (directoryOffset + p) + " runs past the directory");
        }
        byte[] nameBytes = new byte[nameLength];
        directory.get(nameStart, nameBytes);
        String name = new String(nameBytes, (flags & ZipRecords.FLAG_UTF8) != 0
            ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        int extra = nameStart + nameLength;
        int extraEnd = extra + extraLength;
        while (extra + 4 <= extraEnd) {
            int id = directory.getShort(extra) & 0xffff;
            int length = directory.getShort(extra + 2) & 0xffff;
            int data = extra + 4;
            if (data + length > extraEnd) {
                throw new NpyFormatException(file.path(), name, "corrupt zip extra field");
            }
            if (id == ZipRecords.ZIP64_EXTRA_ID) {
                int q = data;
                if (uncompressed == ZipRecords.MAX_32) {
                    uncompressed = zip64Field(file, directory, q, data + length, name);
                    q += 8;
                }
                if (compressed == ZipRecords.MAX_32) {
                    compressed = zip64Field(file, directory, q, data + length, name);
                    q += 8;
                }
                if (localOffset == ZipRecords.MAX_32) {
                    localOffset = zip64Field(file, directory, q, data + length, name);
                    q += 8;
                }
                if (startDisk == ZipRecords.MAX_16) {
                    if (q + 4 > data + length) {
                        throw new NpyFormatException(file.path(), name, "corrupt ZIP64 extra field");
                    }
                    startDisk = directory.getInt(q);
                }
            }
            extra = data + length;
        }
        if (startDisk != 0) {
            throw new NpyFormatException(file.path(), name, "multi-disk zip archives are not supported");
        }
        if ((flags & ZipRecords.FLAG_ENCRYPTED) != 0) {
            throw new NpyFormatException(file.path(), name, "encrypted zip entries are not supported");
        }
        if (method != ZipEntryInfo.STORED && method != ZipEntryInfo.DEFLATED) {
            throw new NpyFormatException(file.path(), name, "unsupported zip compression method " + method
                + " (only stored and deflate)");
        }
        if (localOffset < 0 || compressed < 0 || uncompressed < 0
            || localOffset > directoryOffset - ZipRecords.LOCAL_HEADER_SIZE
            || compressed > directoryOffset - localOffset - ZipRecords.LOCAL_HEADER_SIZE) {
            throw new NpyFormatException(file.path(), name, "truncated or corrupt zip archive: entry ("
                + compressed + " bytes at offset " + localOffset + ") does not fit before the central directory");
        }
        if (method == ZipEntryInfo.STORED && compressed != uncompressed) {
            throw new NpyFormatException(file.path(), name, "corrupt zip archive: stored entry has compressed size "
                + compressed + " but uncompressed size " + uncompressed);
        }
        if (method == ZipEntryInfo.DEFLATED
            && uncompressed > ZipRecords.MAX_DEFLATE_RATIO * compressed + ZipRecords.MAX_DEFLATE_RATIO) {
            throw new NpyFormatException(file.path(), name, "corrupt zip archive: " + compressed
                + " deflated bytes cannot inflate to the declared " + uncompressed + " bytes");
        }
        return new ZipEntryInfo(name, method, flags, crc, compressed, uncompressed, localOffset);
    }

    private static long zip64Field(SourceFile file, ByteBuffer directory, int q, int end, String name)
        throws NpyFormatException {
        if (q + 8 > end) {
            throw new NpyFormatException(file.path(), name, "corrupt ZIP64 extra field");
        }
        long value = directory.getLong(q);
        if (value < 0) {
            throw new NpyFormatException(file.path(), name, "ZIP64 size or offset " + Long.toUnsignedString(value)
                + " overflows");
        }
        return value;
    }

    /**
     * Finds where an entry's bytes start by reading its local file header.
     *
     * @param file the open archive
     * @param entry the entry
     * @return the file offset of the entry's first byte (its stored or deflated bytes)
     * @throws NpyFormatException when the local header is missing, corrupt, or its data would run past the
     *     central directory
     * @throws IOException when reading fails
     */
    long dataStart(SourceFile file, ZipEntryInfo entry) throws IOException {
        ByteBuffer header = file.read(entry.localHeaderOffset(), ZipRecords.LOCAL_HEADER_SIZE, entry.name(),
            "local file header");
        if (header.getInt(0) != ZipRecords.LOCAL_HEADER) {
            throw new NpyFormatException(file.path(), entry.name(), "corrupt zip archive: bad local file header "
                + "signature at offset " + entry.localHeaderOffset());
        }
        int nameLength = header.getShort(26) & 0xffff;
        int extraLength = header.getShort(28) & 0xffff;
        long start = entry.localHeaderOffset() + ZipRecords.LOCAL_HEADER_SIZE + nameLength + extraLength;
        if (start > directoryOffset || entry.compressedSize() > directoryOffset - start) {
            throw new NpyFormatException(file.path(), entry.name(), "truncated or corrupt zip archive: entry data ("
                + entry.compressedSize() + " bytes at offset " + start + ") runs into the central directory");
        }
        return start;
    }
}
