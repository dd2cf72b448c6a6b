package dev.btag.examples.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every Java snippet of the user guide ({@code docs/*.md}, fenced as {@code ```java}) and of the package
 * overviews ({@code package-info.java}, in {@code <pre>{@code ...}</pre>}) against the real btag class path, so the
 * documentation cannot drift from the API. A snippet that declares a class is compiled as it is; any other snippet
 * becomes the body of a method that may throw, with its {@code import} lines hoisted, and may leave out the imports
 * of btag's own packages and of {@code java.io}, {@code java.nio.file} and {@code java.util} (they are implied, as
 * wildcard imports). Snippets are compiled, not run.
 */
class DocSnippetsTest {

    private static final Pattern MARKDOWN_JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JAVADOC_CODE = Pattern.compile("<pre>\\{@code\\n(.*?)\\}</pre>", Pattern.DOTALL);

    record Snippet(String source, String code) { }

    /** Wildcard imports of every btag package (found from package-info.java files) and a few JDK packages. */
    private static String implicitImports = "";

    @TestFactory
    Stream<DynamicTest> everyDocumentedSnippetCompiles() throws IOException {
        Path root = repositoryRoot();
        List<Snippet> snippets = new ArrayList<>();
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            for (Path md : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                collect(root.relativize(md).toString(), Files.readString(md), MARKDOWN_JAVA, false, snippets);
            }
        }
        StringBuilder imports = new StringBuilder("import java.io.*;\nimport java.nio.file.*;\nimport java.util.*;\n");
        for (String module : List.of("btag-data", "btag-metrics", "btag-models", "btag-examples")) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path info : files.filter(p -> p.endsWith("package-info.java")).sorted().toList()) {
                    String pkg = src.relativize(info.getParent()).toString().replace('/', '.');
                    if (hasClasses(info.getParent())) {
                        imports.append("import ").append(pkg).append(".*;\n");
                    }
                    collect(root.relativize(info).toString(), Files.readString(info), JAVADOC_CODE, true, snippets);
                }
            }
        }
        implicitImports = imports.toString();
        assertTrue(snippets.size() >= 3, "the docs should show at least three Java snippets; found " + snippets.size());
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.source(), () -> compile(s)));
    }

    private static boolean hasClasses(Path packageDir) throws IOException {
        try (Stream<Path> files = Files.list(packageDir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        }
    }

    private static void collect(String source, String text, Pattern pattern, boolean javadoc, List<Snippet> out) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            String code = m.group(1);
            if (javadoc) {
                code = code.replaceAll("(?m)^\\s*\\* ?", "").replace("{@literal @}", "@")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
            }
            out.add(new Snippet(source + " #" + (++n), code));
        }
    }

    private static void compile(Snippet snippet) throws IOException {
        String unit = asCompilationUnit(snippet.code());
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        Path classes = Files.createTempDirectory("btag-snippet");
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"),
            JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
        boolean ok = compiler.getTask(diagnostics, null, null,
            List.of("-proc:none", "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()),
            null, List.of(file)).call();
        if (!ok) {
            fail("snippet " + snippet.source() + " does not compile:\n" + diagnostics + "\n--- as compiled:\n" + unit);
        }
    }

    private static String asCompilationUnit(String code) {
        if (code.contains(" class ") || code.startsWith("class ") || code.contains("public final class")) {
            return code;
        }
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        return implicitImports + imports + "class Snippet {\n    @SuppressWarnings(\"unused\")\n"
            + "    static void snippet() throws Exception {\n" + body + "    }\n}\n";
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            fail("no docs/ folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
