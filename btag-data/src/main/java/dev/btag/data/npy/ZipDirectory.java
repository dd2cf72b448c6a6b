package dev.btag.data.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The central directory of a zip archive, read without touching any entry's data.
 *
 * <p>btag parses zip itself rather than using {@link java.util.zip.ZipFile}: only its own parser knows where each
 * entry's bytes start in the file, which is what lets stored entries be read in place, and lets a row range of a
 * deflated entry be inflated without the rest. It reads the end of central directory record (searching back over a
 * comment of up to 65535 bytes), the ZIP64 locator and record when present, and every central directory header,
 * resolving ZIP64 extra fields. Multi-disk archives, encryption and compression methods other than stored and deflate
 * are rejected.
 *
 * <p>Every offset and size is checked against the file's size before it is used, so a corrupt directory gives a
 * {@link NpyFormatException}, never a huge allocation. Entries whose bytes overlap are refused, as Python 3.12's
 * {@code zipfile} refuses them: that is how a "zip bomb" makes a small file inflate many times, pointing many
 * directory records into one deflate stream. Each deflated entry may declare at most
 * {@value ZipRecords#MAX_DEFLATE_RATIO} times its compressed size, and so may all entries together (what deflate can
 * produce from the file's bytes), which bounds what reading every array of an archive can inflate by about 1032
 * times the file's size.
 */
final class ZipDirectory {

    /** Largest central directory read (about a million entries; numpy archives have a handful). */
    static final int MAX_DIRECTORY_BYTES = 64 << 20;

    /** Where the central directory lies, from the end of central directory record (and the ZIP64 record). */
    private record End(long totalEntries, long directorySize, long directoryOffset, long directoryEnd) {
    }

    private final List<ZipEntryInfo> entries;
    private final long directoryOffset;
    private final Map<ZipEntryInfo, Long> limits;

    private ZipDirectory(List<ZipEntryInfo> entries, long directoryOffset, Map<ZipEntryInfo, Long> limits) {
        this.entries = List.copyOf(entries);
        this.directoryOffset = directoryOffset;
        this.limits = limits;
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
     * @throws NpyFormatException when the file is not a zip archive, its directory is corrupt or truncated, entries
     *     overlap, or the entries declare more bytes than deflate can produce from the file
     * @throws IOException when reading fails
     */
    static ZipDirectory read(SourceFile file) throws IOException {
        End end = readEnd(file);
        ByteBuffer directory = file.read(end.directoryOffset(), (int) end.directorySize(), null, "central directory");
        List<ZipEntryInfo> entries = new ArrayList<>((int) end.totalEntries());
        int p = 0;
        for (long i = 0; i < end.totalEntries(); i++) {
            ZipEntryInfo entry = parseEntry(file, directory, p, end.directoryOffset());
            entries.add(entry);
            p += ZipRecords.CENTRAL_HEADER_SIZE + (directory.getShort(p + 28) & 0xffff)
                + (directory.getShort(p + 30) & 0xffff) + (directory.getShort(p + 32) & 0xffff);
        }
        Map<ZipEntryInfo, Long> limits = checkOverlaps(file, entries, end.directoryOffset());
        checkTotalSize(file, entries, end.directoryOffset());
        return new ZipDirectory(entries, end.directoryOffset(), limits);
    }

    /** Finds and checks the end of central directory record, and the ZIP64 record when there is one. */
    private static End readEnd(SourceFile file) throws IOException {
        long size = file.size();
        if (size < ZipRecords.END_OF_DIRECTORY_SIZE) {
            throw new NpyFormatException(file.path(), null, "not a zip archive or .npy file (only " + size
                + " bytes)");
        }
        int tailLength = (int) Math.min(size, ZipRecords.END_OF_DIRECTORY_SIZE + ZipRecords.MAX_COMMENT);
        long tailStart = size - tailLength;
        ByteBuffer tail = file.read(tailStart, tailLength, null, "end of central directory");
        int eocd = findEndRecord(tail, tailLength);
        if (eocd < 0) {
            throw new NpyFormatException(file.path(), null,
                "not a zip archive or .npy file (no end of central directory record)");
        }
        long eocdPosition = tailStart + eocd;
        boolean singleDisk = (tail.getShort(eocd + 4) & 0xffff) == 0 && (tail.getShort(eocd + 6) & 0xffff) == 0
            && tail.getShort(eocd + 8) == tail.getShort(eocd + 10);
        End end = new End(tail.getShort(eocd + 10) & 0xffff, tail.getInt(eocd + 12) & ZipRecords.MAX_32,
            tail.getInt(eocd + 16) & ZipRecords.MAX_32, eocdPosition);
        long locatorPosition = eocdPosition - ZipRecords.ZIP64_LOCATOR_SIZE;
        if (locatorPosition >= 0) {
            ByteBuffer locator = file.read(locatorPosition, ZipRecords.ZIP64_LOCATOR_SIZE, null, "ZIP64 locator");
            if (locator.getInt(0) == ZipRecords.ZIP64_LOCATOR) {
                ByteBuffer record = readZip64Record(file, locator.getLong(8), locatorPosition);
                singleDisk = record.getInt(16) == 0 && record.getInt(20) == 0
                    && record.getLong(24) == record.getLong(32);
                end = new End(record.getLong(32), record.getLong(40), record.getLong(48), locator.getLong(8));
            }
        }
        if (!singleDisk) {
            throw new NpyFormatException(file.path(), null, "multi-disk zip archives are not supported");
        }
        checkEnd(file, end);
        return end;
    }

    /** @return the position of the last end of central directory record whose comment fits, or -1 */
    private static int findEndRecord(ByteBuffer tail, int tailLength) {
        for (int i = tailLength - ZipRecords.END_OF_DIRECTORY_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == ZipRecords.END_OF_DIRECTORY
                && i + ZipRecords.END_OF_DIRECTORY_SIZE + (tail.getShort(i + 20) & 0xffff) <= tailLength) {
                return i;
            }
        }
        return -1;
    }

    private static ByteBuffer readZip64Record(SourceFile file, long recordPosition, long locatorPosition)
        throws IOException {
        if (recordPosition < 0 || recordPosition > locatorPosition - ZipRecords.ZIP64_END_OF_DIRECTORY_SIZE) {
            throw new NpyFormatException(file.path(), null, "ZIP64 end of central directory record offset "
                + recordPosition + " lies outside the file");
        }
        ByteBuffer record = file.read(recordPosition, ZipRecords.ZIP64_END_OF_DIRECTORY_SIZE, null,
            "ZIP64 end of central directory record");
        if (record.getInt(0) != ZipRecords.ZIP64_END_OF_DIRECTORY) {
            throw new NpyFormatException(file.path(), null, "bad ZIP64 end of central directory record signature");
        }
        return record;
    }

    private static void checkEnd(SourceFile file, End end) throws NpyFormatException {
        long offset = end.directoryOffset();
        long size = end.directorySize();
        if (offset < 0 || size < 0 || offset > end.directoryEnd() || size > end.directoryEnd() - offset) {
            throw new NpyFormatException(file.path(), null, "truncated or corrupt zip archive: central directory ("
                + size + " bytes at offset " + offset + ") does not fit before offset " + end.directoryEnd());
        }
        if (size > MAX_DIRECTORY_BYTES) {
            throw new NpyFormatException(file.path(), null, "central directory of " + size + " bytes exceeds the "
                + "limit of " + MAX_DIRECTORY_BYTES + " bytes");
        }
        if (end.totalEntries() < 0 || end.totalEntries() > size / ZipRecords.CENTRAL_HEADER_SIZE) {
            throw new NpyFormatException(file.path(), null, "corrupt zip archive: " + end.totalEntries()
                + " entries cannot fit in a central directory of " + size + " bytes");
        }
    }

    /** The fields of one central directory header, before ZIP64 extra fields are resolved. */
    private static final class Fields {
        int flags;
        int method;
        long crc;
        long compressed;
        long uncompressed;
        int startDisk;
        long localOffset;
        String name;
    }

    private static ZipEntryInfo parseEntry(SourceFile file, ByteBuffer directory, int p, long directoryOffset)
        throws NpyFormatException {
        if (p > directory.limit() - ZipRecords.CENTRAL_HEADER_SIZE
            || directory.getInt(p) != ZipRecords.CENTRAL_HEADER) {
            throw new NpyFormatException(file.path(), null, "corrupt zip archive: bad central directory header at "
                + "offset " + (directoryOffset + p));
        }
        Fields f = new Fields();
        f.flags = directory.getShort(p + 8) & 0xffff;
        f.method = directory.getShort(p + 10) & 0xffff;
        f.crc = directory.getInt(p + 16) & ZipRecords.MAX_32;
        f.compressed = directory.getInt(p + 20) & ZipRecords.MAX_32;
        f.uncompressed = directory.getInt(p + 24) & ZipRecords.MAX_32;
        int nameLength = directory.getShort(p + 28) & 0xffff;
        int extraLength = directory.getShort(p + 30) & 0xffff;
        int commentLength = directory.getShort(p + 32) & 0xffff;
        f.startDisk = directory.getShort(p + 34) & 0xffff;
        f.localOffset = directory.getInt(p + 42) & ZipRecords.MAX_32;
        int nameStart = p + ZipRecords.CENTRAL_HEADER_SIZE;
        if ((long) nameStart + nameLength + extraLength + commentLength > directory.limit()) {
            throw new NpyFormatException(file.path(), null, "corrupt zip archive: central directory header at "
                + "offset " + (directoryOffset + p) + " runs past the directory");
        }
        byte[] nameBytes = new byte[nameLength];
        directory.get(nameStart, nameBytes);
        f.name = new String(nameBytes, (f.flags & ZipRecords.FLAG_UTF8) != 0
            ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        readExtraFields(file, directory, nameStart + nameLength, nameStart + nameLength + extraLength, f);
        checkEntry(file, f, directoryOffset);
        return new ZipEntryInfo(f.name, f.method, f.flags, f.crc, f.compressed, f.uncompressed, f.localOffset);
    }

    /** Resolves the ZIP64 extended information extra field, if any, into the fields it overrides. */
    private static void readExtraFields(SourceFile file, ByteBuffer directory, int extra, int extraEnd, Fields f)
        throws NpyFormatException {
        while (extra + 4 <= extraEnd) {
            int id = directory.getShort(extra) & 0xffff;
            int length = directory.getShort(extra + 2) & 0xffff;
            int data = extra + 4;
            int end = data + length;
            if (end > extraEnd) {
                throw new NpyFormatException(file.path(), f.name, "corrupt zip extra field");
            }
            if (id == ZipRecords.ZIP64_EXTRA_ID) {
                int q = data;
                if (f.uncompressed == ZipRecords.MAX_32) {
                    f.uncompressed = zip64Field(file, directory, q, end, f.name);
                    q += 8;
                }
                if (f.compressed == ZipRecords.MAX_32) {
                    f.compressed = zip64Field(file, directory, q, end, f.name);
                    q += 8;
                }
                if (f.localOffset == ZipRecords.MAX_32) {
                    f.localOffset = zip64Field(file, directory, q, end, f.name);
                    q += 8;
                }
                if (f.startDisk == ZipRecords.MAX_16) {
                    if (q + 4 > end) {
                        throw new NpyFormatException(file.path(), f.name, "corrupt ZIP64 extra field");
                    }
                    f.startDisk = directory.getInt(q);
                }
            }
            extra = end;
        }
    }

    private static void checkEntry(SourceFile file, Fields f, long directoryOffset) throws NpyFormatException {
        if (f.startDisk != 0) {
            throw new NpyFormatException(file.path(), f.name, "multi-disk zip archives are not supported");
        }
        if ((f.flags & ZipRecords.FLAG_ENCRYPTED) != 0) {
            throw new NpyFormatException(file.path(), f.name, "encrypted zip entries are not supported");
        }
        if (f.method != ZipEntryInfo.STORED && f.method != ZipEntryInfo.DEFLATED) {
            throw new NpyFormatException(file.path(), f.name, "unsupported zip compression method " + f.method
                + " (only stored and deflate)");
        }
        if (f.localOffset < 0 || f.compressed < 0 || f.uncompressed < 0
            || f.localOffset > directoryOffset - ZipRecords.LOCAL_HEADER_SIZE
            || f.compressed > directoryOffset - f.localOffset - ZipRecords.LOCAL_HEADER_SIZE) {
            throw new NpyFormatException(file.path(), f.name, "truncated or corrupt zip archive: entry ("
                + f.compressed + " bytes at offset " + f.localOffset + ") does not fit before the central directory");
        }
        if (f.method == ZipEntryInfo.STORED && f.compressed != f.uncompressed) {
            throw new NpyFormatException(file.path(), f.name, "corrupt zip archive: stored entry has compressed size "
                + f.compressed + " but uncompressed size " + f.uncompressed);
        }
        if (f.method == ZipEntryInfo.DEFLATED && f.uncompressed > maxInflated(f.compressed)) {
            throw new NpyFormatException(file.path(), f.name, "corrupt zip archive: " + f.compressed
                + " deflated bytes cannot inflate to the declared " + f.uncompressed + " bytes");
        }
    }

    /** @return the most that deflate can produce from {@code compressed} bytes (plus a small allowance) */
    private static long maxInflated(long compressed) {
        return compressed > (Long.MAX_VALUE - ZipRecords.MAX_DEFLATE_RATIO) / ZipRecords.MAX_DEFLATE_RATIO
            ? Long.MAX_VALUE : ZipRecords.MAX_DEFLATE_RATIO * (compressed + 1);
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
     * Refuses entries whose bytes overlap, as Python 3.12's {@code zipfile} does: each entry's local header, at
     * least, and its compressed bytes must end before the next entry's local header starts.
     *
     * @return for each entry, the offset its data must end before (the next local header, or the directory), which
     *     {@link #dataStart} checks once the local header's real length is known
     */
    private static Map<ZipEntryInfo, Long> checkOverlaps(SourceFile file, List<ZipEntryInfo> entries,
                                                         long directoryOffset) throws NpyFormatException {
        List<ZipEntryInfo> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(ZipEntryInfo::localHeaderOffset));
        Map<ZipEntryInfo, Long> limits = new IdentityHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            ZipEntryInfo entry = sorted.get(i);
            long limit = i + 1 < sorted.size() ? sorted.get(i + 1).localHeaderOffset() : directoryOffset;
            long minimumEnd = entry.localHeaderOffset() + ZipRecords.LOCAL_HEADER_SIZE + entry.compressedSize();
            if (minimumEnd > limit) {
                ZipEntryInfo next = sorted.get(i + 1);
                throw new NpyFormatException(file.path(), entry.name(), "corrupt zip archive: overlaps entry '"
                    + next.name() + "' (its " + entry.compressedSize() + " bytes from offset "
                    + entry.localHeaderOffset() + " run past offset " + limit + " where that entry starts; "
                    + "overlapping entries are refused, as in a zip bomb)");
            }
            limits.put(entry, limit);
        }
        return limits;
    }

    /**
     * Bounds the bytes all entries declare together by what deflate can produce from the file's bytes (with the
     * overlap check, each entry's compressed bytes are distinct bytes of the file).
     *
     * @param file the archive
     * @param entries its entries
     * @param directoryOffset where its central directory starts (every entry's bytes lie before)
     * @throws NpyFormatException when the entries declare more
     */
    static void checkTotalSize(SourceFile file, List<ZipEntryInfo> entries, long directoryOffset)
        throws NpyFormatException {
        long total = 0;
        for (ZipEntryInfo entry : entries) {
            total = saturatedAdd(total, entry.uncompressedSize());
        }
        long bound = saturatedAdd(maxInflated(directoryOffset),
            saturatedMultiply(ZipRecords.MAX_DEFLATE_RATIO, entries.size()));
        if (total > bound) {
            throw new NpyFormatException(file.path(), null, "corrupt zip archive: the entries declare " + total
                + " bytes in all, more than deflate can produce from the file's " + directoryOffset + " bytes of "
                + "entries (at most " + bound + ")");
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /**
     * Finds where an entry's bytes start by reading its local file header.
     *
     * @param file the open archive
     * @param entry the entry
     * @return the file offset of the entry's first byte (its stored or deflated bytes)
     * @throws NpyFormatException when the local header is missing, corrupt, or its data would run into the next
     *     entry or the central directory
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
        long limit = limits.getOrDefault(entry, directoryOffset);
        if (start > limit || entry.compressedSize() > limit - start) {
            throw new NpyFormatException(file.path(), entry.name(), "truncated or corrupt zip archive: entry data ("
                + entry.compressedSize() + " bytes at offset " + start + ") runs "
                + (limit == directoryOffset ? "into the central directory" : "into the next entry (overlapping "
                + "entries are refused)"));
        }
        return start;
    }
}
