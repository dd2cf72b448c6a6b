package dev.btag.examples.report;

import dev.btag.io.AtomicOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A self-contained HTML report: a title, an optional warning banner, and sections of paragraphs, tables and image
 * galleries, written as one {@code .html} file whose images are referenced by paths relative to that file.
 *
 * <p>The page carries a few lines of JavaScript that check every image once the page has loaded: a missing or
 * unreadable image is marked in red on the page, and the {@code <body>} element gets the attributes
 * {@code data-images-total} and {@code data-images-broken}, so a headless browser can verify that the report
 * renders completely (the tests do, with {@code ReportBrowserCheck}). Everything else is plain HTML and CSS; the
 * report needs no network access.
 *
 * <p>Build one with {@link #builder(String)}; instances are immutable.
 */
public final class HtmlReport {

    private final String title;
    private final String banner;
    private final List<String> blocks;

    private HtmlReport(Builder builder) {
        this.title = builder.title;
        this.banner = builder.banner;
        this.blocks = List.copyOf(builder.blocks);
    }

    /**
     * Starts a report.
     *
     * @param title the page title and top heading, plain text
     * @return a new builder
     */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * Renders the report as one HTML document.
     *
     * @return the HTML text
     */
    public String toHtml() {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        if (banner != null) {
            html.append("<div class=\"banner\" id=\"banner\">").append(escape(banner)).append("</div>\n");
        }
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        blocks.forEach(html::append);
        html.append("<script>\n").append(IMAGE_CHECK).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Writes the report atomically: to a temporary file next to {@code file}, then moved into place, so a reader
     * never sees half a report.
     *
     * @param file the {@code .html} file to write; its parent folder must exist
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        AtomicOutput.writeString(file, toHtml());
    }

    /**
     * Escapes text for HTML element content and attribute values.
     *
     * @param text plain text
     * @return the text with {@code & < > " '} replaced by entities
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Builds an {@link HtmlReport} block by block, in page order. Not thread-safe. */
    public static final class Builder {
        private final String title;
        private String banner;
        private final List<String> blocks = new ArrayList<>();

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        /**
         * Sets a warning banner shown above the title on every view of the page (for example
         * "Synthetic sample — not CMS data").
         *
         * @param text plain text of the banner
         * @return this builder
         */
        public Builder optBanner(String text) {
            this.banner = Objects.requireNonNull(text, "banner");
            return this;
        }

        /**
         * Starts a new section.
         *
         * @param heading plain-text heading
         * @return this builder
         */
        public Builder section(String heading) {
            blocks.add("<h2>" + escape(heading) + "</h2>\n");
            return this;
        }

        /**
         * Adds a paragraph.
         *
         * @param text plain text (escaped)
         * @return this builder
         */
        public Builder paragraph(String text) {
            blocks.add("<p>" + escape(text) + "</p>\n");
            return this;
        }

        /**
         * Adds preformatted text, for example a model summary.
         *
         * @param text plain text (escaped), shown in a monospaced font with its line breaks
         * @return this builder
         */
        public Builder preformatted(String text) {
            blocks.add("<pre>" + escape(text) + "</pre>\n");
            return this;
        }

        /**
         * Adds a table.
         *
         * @param header the column headings
         * @param rows the rows, each with as many cells as {@code header}
         * @return this builder
         * @throws IllegalArgumentException if a row has a different number of cells than the header
         */
        public Builder table(List<String> header, List<List<String>> rows) {
            StringBuilder html = new StringBuilder("<table>\n<tr>");
            header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
            html.append("</tr>\n");
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("table row " + r + " has " + row.size()
                        + " cells, the header has " + header.size());
                }
                html.append("<tr>");
                row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            blocks.add(html.append("</table>\n").toString());
            return this;
        }

        /**
         * Adds a gallery of images with captions.
         *
         * @param images the images, each with a path relative to the report file and a caption
         * @return this builder
         */
        public Builder gallery(List<Image> images) {
            StringBuilder html = new StringBuilder("<div class=\"gallery\">\n");
            for (Image image : images) {
                html.append("<figure><a href=\"").append(escape(image.path())).append("\"><img src=\"")
                    .append(escape(image.path())).append("\" alt=\"").append(escape(image.caption()))
                    .append("\" loading=\"eager\"></a><figcaption>").append(escape(image.caption()))
                    .append("</figcaption></figure>\n");
            }
            blocks.add(html.append("</div>\n").toString());
            return this;
        }

        /**
         * Adds a link to another file, for example the per-variable input-plot gallery.
         *
         * @param path the target, relative to the report file
         * @param text the link text
         * @return this builder
         */
        public Builder link(String path, String text) {
            blocks.add("<p><a href=\"" + escape(path) + "\">" + escape(text) + "</a></p>\n");
            return this;
        }

        /**
         * Finishes the report.
         *
         * @return the immutable report
         */
        public HtmlReport build() {
            return new HtmlReport(this);
        }
    }

    /**
     * One image of a gallery.
     *
     * @param path the image file, relative to the report (for example {@code plots/roc_b_vs_light.png})
     * @param caption a short caption, plain text
     */
    public record Image(String path, String caption) {
        /**
         * Checks the components.
         *
         * @param path relative path, not blank
         * @param caption caption, not null
         */
        public Image {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(caption, "caption");
            if (path.isBlank()) {
                throw new IllegalArgumentException("image path is blank");
            }
        }
    }

    private static final String STYLE = String.join("\n",
        "body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1200px;color:#222;padding:0 1em}",
        ".banner{background:#b00020;color:#fff;font-weight:bold;padding:.6em 1em;border-radius:4px}",
        "h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}",
        "table{border-collapse:collapse;margin:.6em 0}",
        "th,td{border:1px solid #bbb;padding:.25em .6em;text-align:right}",
        "th{background:#f0f0f0}",
        "td:first-child,th:first-child{text-align:left}",
        "pre{background:#f7f7f7;padding:.6em;overflow-x:auto}",
        ".gallery{display:flex;flex-wrap:wrap;gap:1em}",
        "figure{margin:0;width:380px}",
        "figure img{width:100%;border:1px solid #ddd}",
        "figcaption{font-size:.9em;color:#555}",
        ".broken{outline:3px solid #d00}",
        "");

    private static final String IMAGE_CHECK = String.join("\n",
        "window.addEventListener('load', function () {",
        "  var images = document.images, broken = 0;",
        "  for (var i = 0; i < images.length; i++) {",
        "    if (!images[i].complete || images[i].naturalWidth === 0) {",
        "      broken++; images[i].classList.add('broken');",
        "      images[i].insertAdjacentHTML('afterend', '<b style=\"color:#d00\">missing image</b>');",
        "    }",
        "  }",
        "  document.body.setAttribute('data-images-total', images.length);",
        "  document.body.setAttribute('data-images-broken', broken);",
        "});",
        "");
}
