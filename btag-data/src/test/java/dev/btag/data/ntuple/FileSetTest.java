package dev.btag.data.ntuple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSetTest {

    @TempDir
    Path dir;

    @Test
    void globsExpandSortedAndFilesAreListedOnce() throws IOException {
        for (String name : new String[] {"b.h5", "a.h5", "c.npz", "sub/d.h5"}) {
            Files.createDirectories(dir.resolve(name).getParent());
            Files.writeString(dir.resolve(name), name);
        }
        FileSet set = FileSet.expand(List.of(dir + "/*.h5", dir.resolve("a.h5").toString(), dir + "/**/*.{h5,npz}"));
        assertEquals(List.of(dir.resolve("a.h5"), dir.resolve("b.h5"), dir.resolve("sub/d.h5")), set.files());
        assertEquals(4, FileSet.expand(List.of(dir + "/*.*", dir + "/sub/?.h5")).size());
    }

    @Test
    void patternsMatchingNothingAndMissingFilesAreNamed() {
        NoSuchFileException none = assertThrows(NoSuchFileException.class,
            () -> FileSet.expand(List.of(dir + "/*.root")));
        assertTrue(none.getMessage().contains("*.root: no file matches this pattern"), none.getMessage());
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
            () -> FileSet.expand(List.of(dir.resolve("x.npz").toString())));
        assertTrue(missing.getMessage().endsWith("x.npz: no such file"), missing.getMessage());
    }
}
