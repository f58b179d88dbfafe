package se.stockholm.brottsofferstod.freetext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The languages in use: one data file per language ({@code config/languages/<code>.yml}) with the words a person's
 * message is read for in that language (emergency, suicide, STOP, call answers, everyday words) and who wrote them.
 */
public final class LanguageData {

    /**
     * One language's file.
     *
     * @param script   the Unicode script it is written in ({@code Latin}, {@code Arabic}, {@code Cyrillic}, {@code Ethiopic})
     * @param reviewed a speaker of the language has reviewed the words
     */
    public record Language(String code, String name, String script, boolean rightToLeft, String author, boolean reviewed,
                           Map<String, List<String>> lists) {

        public List<String> list(String name) {
            return lists.getOrDefault(name, List.of());
        }
    }

    private final Map<String, Language> languages;

    private LanguageData(Map<String, Language> languages) {
        this.languages = languages;
    }

    public static LanguageData load(Path folder) {
        Map<String, Language> languages = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    Language language = parse(file.getFileName().toString().replaceFirst("\\.yml$", ""),
                            new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
                    languages.put(language.code(), language);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the language files in " + folder, e);
        }
        if (languages.isEmpty()) {
            throw new IllegalStateException("no language files in " + folder);
        }
        return new LanguageData(Map.copyOf(languages));
    }

    private static Language parse(String fileCode, Map<String, Object> data) {
        String code = String.valueOf(data.getOrDefault("language", fileCode));
        if (!code.equals(fileCode)) {
            throw new IllegalStateException("the language file " + fileCode + ".yml says it is '" + code + "'");
        }
        if (!(data.get("author") instanceof String) || !(data.get("reviewed") instanceof Boolean)) {
            throw new IllegalStateException("the language file " + fileCode + ".yml must say its author and whether it is reviewed");
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                List<String> words = new ArrayList<>();
                list.forEach(w -> words.add(String.valueOf(w)));
                lists.put(key, List.copyOf(words));
            }
        });
        return new Language(code, String.valueOf(data.getOrDefault("name", code)), String.valueOf(data.getOrDefault("script", "Latin")),
                Boolean.TRUE.equals(data.get("rtl")), (String) data.get("author"), (Boolean) data.get("reviewed"), Map.copyOf(lists));
    }

    public Map<String, Language> all() {
        return languages;
    }

    public Language get(String code) {
        return code == null ? null : languages.get(code);
    }

    /** One list (e.g. {@code emergency}) of every language, by language. */
    public Map<String, List<String>> lists(String name) {
        Map<String, List<String>> byLanguage = new LinkedHashMap<>();
        languages.values().stream().sorted((a, b) -> a.code().compareTo(b.code()))
                .forEach(l -> byLanguage.put(l.code(), l.list(name)));
        return byLanguage;
    }

    public boolean isRightToLeft(String code) {
        Language language = get(code);
        return language != null && language.rightToLeft();
    }
}
