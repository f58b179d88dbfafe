package se.stockholm.brottsofferstod.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The reply texts per language, from the data file a coordinator can read and change. */
final class ReplyTexts {

    static final String FALLBACK_LANGUAGE = "sv";
    private static final List<String> KEYS = List.of("subject", "routed", "triage", "outsideArea", "followUp", "footer");

    private final Map<String, Map<String, String>> byLanguage;

    private ReplyTexts(Map<String, Map<String, String>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    static ReplyTexts load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reply texts " + file, e);
        }
    }

    static ReplyTexts load(InputStream yaml) {
        Map<String, Map<String, String>> texts = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (texts == null || !texts.containsKey(FALLBACK_LANGUAGE)) {
            throw new IllegalArgumentException("the reply texts need a '" + FALLBACK_LANGUAGE + "' block");
        }
        texts.forEach((language, block) -> KEYS.forEach(key -> {
            if (block == null || !(block.get(key) instanceof String)) {
                throw new IllegalArgumentException("the reply texts for '" + language + "' have no '" + key + "'");
            }
        }));
        return new ReplyTexts(Map.copyOf(texts));
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
