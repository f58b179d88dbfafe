package se.stockholm.brottsofferstod.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The reply texts per language, from the data files a coordinator can read and change: one file per language
 * ({@code config/email/replies/<code>.yml}, with its author, whether a speaker reviewed it and, for Arabic and
 * Persian, {@code direction: rtl}).
 */
final class ReplyTexts {

    static final String FALLBACK_LANGUAGE = "sv";
    private static final List<String> KEYS = List.of("subject", "routed", "triage", "outsideArea", "followUp", "footer");

    private final Map<String, Map<String, String>> byLanguage;
    private final Set<String> rightToLeft;

    private ReplyTexts(Map<String, Map<String, String>> byLanguage, Set<String> rightToLeft) {
        this.byLanguage = byLanguage;
        this.rightToLeft = rightToLeft;
    }

    /** A folder of one file per language, or one file with a block per language. */
    static ReplyTexts load(Path path) {
        if (Files.isDirectory(path)) {
            Map<String, Map<String, String>> texts = new HashMap<>();
            Set<String> rtl = new HashSet<>();
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yml")).toList()) {
                    String language = file.getFileName().toString().replaceFirst("\\.yml$", "");
                    try (InputStream in = Files.newInputStream(file)) {
                        Map<String, Object> data = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                        Map<String, String> block = new HashMap<>();
                        data.forEach((key, value) -> {
                            if (KEYS.contains(key)) {
                                block.put(key, String.valueOf(value));
                            }
                        });
                        if ("rtl".equals(data.get("direction"))) {
                            rtl.add(language);
                        }
                        texts.put(language, block);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the reply texts in " + path, e);
            }
            return checked(texts, rtl);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reply texts " + path, e);
        }
    }

    static ReplyTexts load(InputStream yaml) {
        Map<String, Map<String, String>> texts = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return checked(texts, Set.of());
    }

    private static ReplyTexts checked(Map<String, Map<String, String>> texts, Set<String> rightToLeft) {
        if (texts == null || !texts.containsKey(FALLBACK_LANGUAGE)) {
            throw new IllegalArgumentException("the reply texts need a '" + FALLBACK_LANGUAGE + "' block");
        }
        texts.forEach((language, block) -> KEYS.forEach(key -> {
            if (block == null || !(block.get(key) instanceof String)) {
                throw new IllegalArgumentException("the reply texts for '" + language + "' have no '" + key + "'");
            }
        }));
        return new ReplyTexts(Map.copyOf(texts), Set.copyOf(rightToLeft));
    }

    /** The language the reply is written in: the person's when there are texts in it, else Swedish. */
    String replyLanguage(String language) {
        return speaks(language) ? language : FALLBACK_LANGUAGE;
    }

    /** Whether the language is written right to left (the HTML part then says {@code dir="rtl"}). */
    boolean isRightToLeft(String language) {
        return rightToLeft.contains(replyLanguage(language));
    }

    /** The body as an HTML document: one paragraph per block of lines, with the language and its direction marked. */
    String html(String language, String subject, String body) {
        String lang = replyLanguage(language);
        String dir = isRightToLeft(lang) ? "rtl" : "ltr";
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\" dir=\"").append(dir)
                .append("\">\n<head><meta charset=\"utf-8\"><title>").append(escape(subject)).append("</title></head>\n<body>\n");
        for (String paragraph : body.strip().split("\\n\\s*\\n")) {
            html.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Whether there are texts in this language; others are answered in Swedish. */
    boolean speaks(String language) {
        return language != null && byLanguage.containsKey(language);
    }

    String subject(String language, String reference) {
        return fill(block(language).get("subject"), reference, "", 0).strip();
    }

    String body(String language, MailReplies.Kind kind, String reference, String partnerName, int days) {
        Map<String, String> block = block(language);
        String key = switch (kind) {
            case ROUTED -> "routed";
            case TRIAGE -> "triage";
            case OUTSIDE_AREA -> "outsideArea";
            case FOLLOW_UP -> "followUp";
        };
        return fill(block.get(key) + block.get("footer"), reference, partnerName, days);
    }

    private Map<String, String> block(String language) {
        return byLanguage.getOrDefault(language, byLanguage.get(FALLBACK_LANGUAGE));
    }

    private static String fill(String template, String reference, String partnerName, int days) {
        return template.replace("{reference}", reference).replace("{partner}", partnerName)
                .replace("{days}", Integer.toString(days));
    }
}
