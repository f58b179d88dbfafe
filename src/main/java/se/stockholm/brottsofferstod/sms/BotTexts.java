package se.stockholm.brottsofferstod.sms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Everything the chatbot says, one file per language ({@code sv.yml}, {@code en.yml}, ...) in the texts folder. */
final class BotTexts {

    static final String DEFAULT_LANGUAGE = "sv";
    /** What a texts file says about itself, not a text. */
    static final java.util.Set<String> META = java.util.Set.of("author", "reviewed");

    private final Map<String, Map<String, String>> byLanguage;

    private BotTexts(Map<String, Map<String, String>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    static BotTexts load(Path folder) {
        Map<String, Map<String, String>> texts = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yml")).toList()) {
                String language = file.getFileName().toString().replaceFirst("\\.yml$", "");
                try (InputStream in = Files.newInputStream(file)) {
                    Map<String, Object> data = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                    Map<String, String> lines = new HashMap<>();
                    data.forEach((key, value) -> {
                        if (!META.contains(key)) {
                            lines.put(key, String.valueOf(value));
                        }
                    });
                    texts.put(language, Map.copyOf(lines));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chatbot's texts in " + folder, e);
        }
        if (!texts.containsKey(DEFAULT_LANGUAGE)) {
            throw new IllegalStateException("the chatbot's texts need " + DEFAULT_LANGUAGE + ".yml in " + folder);
        }
        return new BotTexts(Map.copyOf(texts));
    }

    /** Every language with a texts file. */
    java.util.Set<String> languages() {
        return byLanguage.keySet();
    }

    /** Every text of a language, unfilled. */
    Map<String, String> all(String language) {
        return byLanguage.get(language);
    }

    boolean speaks(String language) {
        return language != null && byLanguage.containsKey(language);
    }

    /** The text in the language (Swedish when there is no file for it), with {@code {name}} filled in. */
    String say(String language, String key, Map<String, String> values) {
        Map<String, String> texts = byLanguage.getOrDefault(language, byLanguage.get(DEFAULT_LANGUAGE));
        String text = texts.getOrDefault(key, byLanguage.get(DEFAULT_LANGUAGE).get(key));
        if (text == null) {
            throw new IllegalStateException("no chatbot text '" + key + "'");
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    String say(String language, String key) {
        return say(language, key, Map.of());
    }
}
