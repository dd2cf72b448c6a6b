package dev.btag.data.ntuple;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files a command reads, from file names and glob patterns ({@code "dir/*.h5"}, {@code "runs/**}{@code /*.npz"};
 * quote them so that the shell does not expand them). A pattern's matches are sorted by path; files are listed once,
 * in the order their patterns were given. This record is immutable.
 *
 * @param files the files, at least one
 */
public record FileSet(List<Path> files) {

    /**
     * Copies the list.
     *
     * @param files the files
     * @throws IllegalArgumentException when there are none
     */
    public FileSet {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files");
        }
    }

    /**
     * Expands file names and glob patterns.
     *
     * @param patterns file names, or patterns with {@code *}, {@code ?}, {@code [...]}, <code>{a,b}</code> or
     *     {@code **}
     *     (any depth) in their file-name part or below
     * @return the files
     * @throws NoSuchFileException when a file does not exist or a pattern matches no file (naming it)
     * @throws IOException when a directory cannot be listed
     */
    public static FileSet expand(List<String> patterns) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String pattern : patterns) {
            if (!isPattern(pattern)) {
                Path file = Path.of(pattern);
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(pattern, null, "no such file");
                }
                out.add(file);
                continue;
            }
            List<Path> matches = matches(pattern);
            if (matches.isEmpty()) {
                throw new NoSuchFileException(pattern, null, "no file matches this pattern");
            }
            out.addAll(matches);
        }
        return new FileSet(new ArrayList<>(out));
    }

    /**
     * Whether a name holds glob characters.
     *
     * @param name a file name or pattern
     * @return {@code true} when it holds {@code *}, {@code ?}, {@code [} or <code>{</code>
     */
    public static boolean isPattern(String name) {
        return name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Path> matches(String pattern) throws IOException {
        String normalised = pattern.replace('\\', '/');
        int firstGlob = 0;
        while (firstGlob < normalised.length() && "*?[{".indexOf(normalised.charAt(firstGlob)) < 0) {
            firstGlob++;
        }
        int slash = normalised.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : normalised.substring(0, slash));
        String rest = normalised.substring(slash + 1);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
        try (Stream<Path> walk = Files.walk(base, depth)) {
            return walk.filter(Files::isRegularFile).filter(p -> matcher.matches(base.relativize(p)))
                .map(p -> slash < 0 ? base.relativize(p) : p).sorted().toList();
        }
    }

    /**
     * The number of files.
     *
     * @return at least 1
     */
    public int size() {
        return files.size();
    }
}
