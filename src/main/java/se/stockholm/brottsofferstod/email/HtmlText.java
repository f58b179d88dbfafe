package se.stockholm.brottsofferstod.email;

import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** The readable text of an HTML-only mail: paragraphs and line breaks kept, markup, styles and quoted replies gone. */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "table", "ul", "ol", "section", "article", "header", "footer", "pre", "address", "hr");

    private HtmlText() {
    }

    static String of(String html) {
        Document document = Jsoup.parse(html);
        // quoted earlier mails, as the common mail clients mark them
        document.select("head, style, script, blockquote, .gmail_quote, .yahoo_quoted, #divRplyFwdMsg, "
                + "#appendonsend, #appendonsend ~ *, div.moz-cite-prefix").remove();
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(t.text());
                } else if (node instanceof Element e && e.nameIs("br")) {
                    text.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    text.append('\n');
                }
            }
        }, document.body());
        return text.toString().replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
