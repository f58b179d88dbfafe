package se.stockholm.brottsofferstod.freetext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * Which of the languages in use a message is written in: first by its script (Arabic, Cyrillic, Ethiopic or Latin
 * letters narrow it to the languages in use written so), then by the detection library (lingua, built from the
 * languages in use only) together with the everyday words of each language's file. A message with too few letters
 * to tell (a number, "ok") gives {@code null}: the caller keeps what it knew; one of one or two words is told by the
 * words of the language files only.
 *
 * <p>The library runs in its low-accuracy mode (trigram models only): built from the nine languages it knows of the
 * ten in use it takes about 24 MiB of heap and 1.3 s to load, against about 270 MiB and 18 s in its high-accuracy mode,
 * and with the script and the words it tells every message of the held-out test set right
 * ({@code LanguageDetectionTests}).
 *
 * <p>The library's models load on a thread of their own, so that the service's start does not wait for them: the
 * first message that needs the library before they are loaded waits for them (about a second after start at most).
 */
public final class LanguageDetection {

    /** Each everyday word of a language counts this much beside the library's confidence (0 to 1). */
    private static final double WORD_WEIGHT = 0.25;
    /** Letters that Persian writes and Arabic does not (پ چ ژ گ, Persian ی and ک), and the other way round. */
    private static final String PERSIAN_LETTERS = "پچژگیک";
    private static final String ARABIC_LETTERS = "ةيكى";
    private static final double LETTER_WEIGHT = 0.3;
    private static final int MIN_LETTERS = 3;
    /** A message of fewer words than this is told by the language files' words alone ("hej", "ok", "Tensta"). */
    private static final int MIN_WORDS_FOR_LIBRARY = 3;

    private final Map<String, String> scriptOf = new LinkedHashMap<>();
    private final Map<String, Set<String>> wordsOf = new HashMap<>();
    private final Map<String, Language> linguaOf = new HashMap<>();
    /** The library, loading in the background; {@code null} when fewer than two languages in use are known to it. */
    private final CompletableFuture<LanguageDetector> lingua;

    private LanguageDetection(LanguageData data) {
        for (LanguageData.Language language : data.all().values()) {
            scriptOf.put(language.code(), language.script());
            Set<String> words = new HashSet<>();
            for (String word : language.list("words")) {
                words.add(Phrases.normalise(word));
            }
            wordsOf.put(language.code(), Set.copyOf(words));
            Language known = linguaLanguage(language.code());
            if (known != null) {
                linguaOf.put(language.code(), known);
            }
        }
        Set<Language> inUse = EnumSet.noneOf(Language.class);
        inUse.addAll(linguaOf.values());
        // only the languages in use: the library loads no other model
        this.lingua = inUse.size() < 2 ? null : loadInBackground(inUse.toArray(new Language[0]));
    }

    private static CompletableFuture<LanguageDetector> loadInBackground(Language[] languages) {
        CompletableFuture<LanguageDetector> loaded = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                loaded.complete(LanguageDetectorBuilder.fromLanguages(languages).withLowAccuracyMode()
                        .withPreloadedLanguageModels().build());
            } catch (RuntimeException | Error e) {
                loaded.completeExceptionally(e);
            }
        }, "language-models");
        loader.setDaemon(true);
        loader.start();
        return loaded;
    }

    public static LanguageDetection of(LanguageData data) {
        return new LanguageDetection(data);
    }

    /** The languages the library was built with (ISO 639-1), for the operators' notes. */
    public Set<String> libraryLanguages() {
        return Set.copyOf(linguaOf.keySet());
    }

    /** The language code of the text, or {@code null} when it does not tell. */
    public String detect(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, Integer> letters = new HashMap<>();
        int total = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters.merge(scriptName(cp), 1, Integer::sum);
                total++;
            }
        }
        if (total < MIN_LETTERS) {
            return null;
        }
        String script = letters.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<String> candidates = new ArrayList<>();
        scriptOf.forEach((code, s) -> {
            if (s.equalsIgnoreCase(script)) {
                candidates.add(code);
            }
        });
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
        Map<String, Double> score = new HashMap<>();
        candidates.forEach(c -> score.put(c, 0.0));
        String[] words = Phrases.normalise(text).split(" ");
        if (lingua != null && words.length >= MIN_WORDS_FOR_LIBRARY) {
            Map<Language, Double> confidence = lingua.join().computeLanguageConfidenceValues(text);
            for (String code : candidates) {
                Language l = linguaOf.get(code);
                if (l != null) {
                    score.merge(code, confidence.getOrDefault(l, 0.0), Double::sum);
                }
            }
        }
        for (String word : words) {
            for (String code : candidates) {
                if (wordsOf.get(code).contains(word)) {
                    score.merge(code, WORD_WEIGHT, Double::sum);
                }
            }
        }
        if (score.containsKey("fa") && score.containsKey("ar")) {
            text.chars().forEach(c -> {
                if (PERSIAN_LETTERS.indexOf(c) >= 0) {
                    score.merge("fa", LETTER_WEIGHT, Double::sum);
                } else if (ARABIC_LETTERS.indexOf(c) >= 0) {
                    score.merge("ar", LETTER_WEIGHT, Double::sum);
                }
            });
        }
        String best = null;
        double bestScore = 0;
        for (String code : candidates) {
            if (score.get(code) > bestScore) {
                best = code;
                bestScore = score.get(code);
            }
        }
        return best;
    }

    private static String scriptName(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return switch (script) {
            case LATIN -> "Latin";
            case ARABIC -> "Arabic";
            case CYRILLIC -> "Cyrillic";
            case ETHIOPIC -> "Ethiopic";
            default -> script.name();
        };
    }

    private static Language linguaLanguage(String code) {
        try {
            IsoCode639_1 iso = IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
            Language language = Language.getByIsoCode639_1(iso);
            return language == Language.UNKNOWN ? null : language;
        } catch (IllegalArgumentException notKnownToTheLibrary) {
            return null;
        }
    }
}
