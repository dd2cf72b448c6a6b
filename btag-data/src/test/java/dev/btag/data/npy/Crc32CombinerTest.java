package dev.btag.data.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class Crc32CombinerTest {

    private static long crc(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, to - from);
        return crc.getValue();
    }

    @Property(tries = 300)
    void combiningTheCrcsOfTwoPartsGivesTheCrcOfTheWhole(@ForAll @Size(max = 3000) byte[] bytes,
                                                         @ForAll @IntRange(max = 3000) int cut) {
        int split = Math.min(cut, bytes.length);
        long combined = Crc32Combiner.combine(crc(bytes, 0, split), crc(bytes, split, bytes.length),
            bytes.length - split);
        assertEquals(crc(bytes, 0, bytes.length), combined);
    }
}
