package se.stockholm.brottsofferstod.freetext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import se.stockholm.brottsofferstod.routing.DistrictDirectory;
import se.stockholm.brottsofferstod.routing.Location;
import se.stockholm.brottsofferstod.routing.PersonalIdentityNumber;
import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * Reads what routing needs from a person's own words, in Swedish or English: age, place (neighbourhood
 * names and postal codes of the routing data), language, several facts in one message. Any personnummer
 * or samordningsnummer is masked first, so the text it gives back is the only one fit to store. Knows
 * nothing of channels: SMS, email and web chat use it alike.
 */
public final class FreeText {

    /** What the message answers, when it answers a question (a bare "34" is an age only as an answer). */
    public enum Expected { NOTHING, AGE, PLACE }

    static final String MASK = "[personnummer borttaget]";
    private static final int LONGEST_NAME_IN_WORDS = 4;

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    /** 10 or 12 digits with an optional -/+ before the last four: the shape of an identity number. */
    private static final Pattern IDENTITY_NUMBER = Pattern.compile("(?<![\\d])((?:18|19|20)?\\d{6})[ \\t]?([-+]?)[ \\t]?(\\d{4})(?![\\d])");
    private static final Pattern POSTAL_CODE = Pattern.compile(
            "(?<![\\d+\\-])(?:SE[- ]?)?([1-9]\\d{2}) ?(\\d{2})(?! ?\\d)(?!\\s?(?:kr|sek|kronor|:-|euro|€|\\$))", FLAGS);
    private static final List<Pattern> AGE_PHRASES = List.of(
            Pattern.compile("\\b(?:jag|ja|jg)\\s+(?:är|e|ä|ar)\\s+(\\d{1,3})(?!\\d)(?!\\s*(?:kr|min|minuter|timmar|dagar|veckor|månader|%))", FLAGS),
            Pattern.compile("(?:\\bi['’]m|\\bim|\\bi\\s+am)\\s+(\\d{1,3})(?!\\d)(?!\\s*(?:minutes|mins?|hours|days|weeks|months|%|kr|dollars))", FLAGS),
            Pattern.compile("\\b(?:ålder|alder|age|aged)\\s*:?\\s*(\\d{1,3})(?!\\d)", FLAGS),
            Pattern.compile("(?<![\\d])(\\d{1,3})\\s*-?\\s*(?:år\\s+gammal|åring|years?\\s+old|yrs?\\s+old|y/?o\\b|år\\b|years?\\b|yrs?\\b)", FLAGS));
    /** Words before "N år" / "N years" that make it a duration, not an age ("för 2 år sedan", "in 3 years"). */
    private static final Set<String> DURATION_BEFORE = Set.of("i", "för", "på", "om", "in", "for", "since", "after", "efter",
            "sedan", "inom", "within", "of", "varit", "been", "under", "över", "over", "ca", "cirka", "about", "last", "senaste");
    private static final Pattern DURATION_AFTER = Pattern.compile("^\\s*(?:sedan|sen|ago|since|tillbaka|back)\\b", FLAGS);
    private static final Pattern BARE_NUMBER = Pattern.compile("^\\D{0,3}?(\\d{1,3})\\s*[.!]?\\s*$");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s\\-_/.,;:()!?\"؟،؛።፣፤፡]+");
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("i", "pa", "in", "at", "nara", "near", "ute", "vid");

    private final DistrictDirectory districts;
    private final Set<String> swedishWords;
    private final Set<String> englishWords;
    private final Set<String> commonWordPlaces;
    private final Set<String> livingWords;
    private final Set<String> negations;
    private final Map<String, Language> languages;
    private final Map<String, Object> data;
    /** The languages in use and their words, and the detection built from them; {@code null}: Swedish and English words only. */
    private final LanguageData languageData;
    private final LanguageDetection detection;
    private final Map<String, Phrases> emergency = new LinkedHashMap<>();
    private final Map<String, Phrases> suicide = new LinkedHashMap<>();
    /** A number before one of the languages' words for "years old", or {@code null} without the language files. */
    private final Pattern ageAfter;

    /**
     * Danger in a message: an emergency (112 now) or thoughts of suicide (also 90101 and 1177).
     *
     * @param language the language whose words said it (the reply gives the numbers in it and in Swedish)
     */
    public record Danger(boolean emergency, boolean suicide, String language) {
        public static final Danger NONE = new Danger(false, false, null);

        public boolean any() {
            return emergency || suicide;
        }
    }

    private record Language(String code, Map<String, String> names, List<List<String>> phrases) {
    }

    private FreeText(DistrictDirectory districts, Map<String, Object> data) {
        this(districts, data, null, null);
    }

    private FreeText(DistrictDirectory districts, Map<String, Object> data, LanguageData languageData,
                     LanguageDetection detection) {
        this.districts = districts;
        this.data = data;
        this.languageData = languageData;
        this.detection = detection;
        if (languageData != null) {
            languageData.lists("emergency").forEach((code, words) -> emergency.put(code, new Phrases(words)));
            languageData.lists("suicide").forEach((code, words) -> suicide.put(code, new Phrases(words)));
            List<String> after = languageData.lists("ageAfter").values().stream().flatMap(List::stream)
                    .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList();
            this.ageAfter = after.isEmpty() ? null
                    : Pattern.compile("(?<![\\d])(\\d{1,3})\\s*-?\\s*(?:" + String.join("|", after) + ")(?![\\p{L}])", FLAGS);
        } else {
            this.ageAfter = null;
        }
        this.swedishWords = keys(data.get("swedishWords"));
        this.englishWords = keys(data.get("englishWords"));
        this.commonWordPlaces = keys(data.get("placeNamesThatAreCommonWords"));
        this.livingWords = keys(data.get("livingWords"));
        this.negations = keys(data.get("negations"));
        this.languages = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> declared = (Map<String, Map<String, Object>>) data.getOrDefault("languages", Map.of());
        declared.forEach((code, language) -> {
            Map<String, String> names = new LinkedHashMap<>();
            language.forEach((k, v) -> {
                if (v instanceof String name) {
                    names.put(k, name);
                }
            });
            List<List<String>> phrases = strings(language.get("words")).stream().map(w -> List.of(tokens(w))).toList();
            languages.put(code, new Language(code, Map.copyOf(names), phrases));
        });
    }

    public static FreeText load(Path file, DistrictDirectory districts) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, districts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read free-text data " + file, e);
        }
    }

    public static FreeText load(InputStream yaml, DistrictDirectory districts) {
        Map<String, Object> data = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return new FreeText(districts, data);
    }

    /**
     * The same reader with the languages in use: their emergency and suicide words, and the language detection built
     * from them (script, the detection library and each language's everyday words) instead of the Swedish and
     * English word lists.
     */
    public FreeText withLanguages(LanguageData languageData, LanguageDetection detection) {
        return new FreeText(districts, data, languageData, detection);
    }

    /** The languages in use (from their data files), or {@code null} when this reader was loaded without them. */
    public LanguageData languageData() {
        return languageData;
    }

    /**
     * Emergency or suicide words in a message, in any language in use. When several languages' words match, the
     * preferred language (the conversation's) wins, then Swedish.
     */
    public Danger danger(String text, String preferred) {
        if (text == null || text.isBlank()) {
            return Danger.NONE;
        }
        String suicideIn = matching(suicide, text, preferred);
        String emergencyIn = matching(emergency, text, preferred);
        if (suicideIn == null && emergencyIn == null) {
            return Danger.NONE;
        }
        return new Danger(emergencyIn != null, suicideIn != null, suicideIn != null ? suicideIn : emergencyIn);
    }

    private static String matching(Map<String, Phrases> byLanguage, String text, String preferred) {
        String found = null;
        for (Map.Entry<String, Phrases> words : byLanguage.entrySet()) {
            if (words.getValue().foundIn(text)) {
                if (words.getKey().equals(preferred)) {
                    return preferred;
                }
                if (found == null || "sv".equals(words.getKey())) {
                    found = words.getKey();
                }
            }
        }
        return found;
    }

    /** The language of a text as the detection tells it, or {@code null}. */
    public String languageOf(String text) {
        if (detection != null) {
            return detection.detect(text);
        }
        List<String> keyWords = new ArrayList<>();
        for (String word : WORD_SEPARATORS.split(text == null ? "" : text.strip())) {
            String key = DistrictDirectory.key(word);
            if (!key.isEmpty()) {
                keyWords.add(key);
            }
        }
        return detectedLanguage(keyWords, text == null ? "" : text);
    }

    /** The facts in a message that answers no particular question, as of today in Stockholm. */
    public Facts read(String text) {
        return read(text, Expected.NOTHING, LocalDate.now(Stockholm.ZONE));
    }

    /**
     * @param expected what the message answers, if anything: a bare number is an age only as an answer to the age
     *                 question, a bare everyday word ("Handen") is a place only as an answer to the place question
     * @param today    the date an identity number's age is worked out at
     */
    public Facts read(String text, Expected expected, LocalDate today) {
        String original = text == null ? "" : text;
        Masked masked = mask(original, today);
        String postalCode = null;
        Matcher postal = POSTAL_CODE.matcher(masked.text);
        String withoutPostal = masked.text;
        if (postal.find()) {
            postalCode = postal.group(1) + postal.group(2);
            withoutPostal = masked.text.substring(0, postal.start()) + " " + masked.text.substring(postal.end());
        }
        Integer age = null;
        String ageEvidence = null;
        Integer said = saidAge(withoutPostal, expected);
        if (said == null) {
            said = saidAgeInOtherLanguages(withoutPostal, expected);
        }
        if (said != null) {
            age = said;
            ageEvidence = "age written in the message";
        } else if (masked.identityAge != null) {
            age = masked.identityAge;
            ageEvidence = "identity number in the message (not stored)";
        }
        String[] words = WORD_SEPARATORS.split(withoutPostal.strip());
        List<String> originalWords = new ArrayList<>();
        List<String> keyWords = new ArrayList<>();
        for (String word : words) {
            String key = DistrictDirectory.key(word);
            if (!key.isEmpty()) {
                originalWords.add(word);
                keyWords.add(key);
            }
        }
        Place place = place(originalWords, keyWords, expected);
        Location location = place != null ? place.location : districts.locate(null, null, null);
        if (postalCode != null) {
            Location byCode = districts.byPostalCode(postalCode);
            if (place == null || !place.location.isKnown() && byCode.isKnown()) {
                location = byCode;
            }
        }
        String chosen = chosenLanguage(keyWords);
        String language = chosen != null ? chosen
                : detection != null ? detection.detect(masked.text) : detectedLanguage(keyWords, original);
        return new Facts(masked.text, age, ageEvidence, place != null ? place.name : null, postalCode, location, language,
                chosen != null, masked.found);
    }

    /** The name of a language in the reply language, e.g. {@code ("ar", "sv")} → {@code arabiska}; the code when unknown. */
    public String languageName(String code, String inLanguage) {
        if (code != null && code.equals(inLanguage) && languageData != null && languageData.get(code) != null) {
            return languageData.get(code).name();
        }
        Language language = languages.get(code);
        if (language == null) {
            return code;
        }
        return language.names.getOrDefault(inLanguage, language.names.getOrDefault("en", code));
    }

    /** Every language a person can ask for by name. */
    public Set<String> languages() {
        return languages.keySet();
    }

    private record Masked(String text, boolean found, Integer identityAge) {
    }

    /** Masks every number shaped like a personnummer or samordningsnummer, valid or not; a valid one also gives the age. */
    private static Masked mask(String text, LocalDate today) {
        Matcher m = IDENTITY_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        boolean found = false;
        Integer age = null;
        int last = 0;
        while (m.find()) {
            String digits = m.group(1) + m.group(3);
            boolean separated = !m.group(2).isEmpty();
            if (!looksLikeBirthDate(digits) || !(separated || digits.length() == 12 || luhnValid(digits))) {
                continue;
            }
            out.append(text, last, m.start()).append(MASK);
            last = m.end();
            found = true;
            try {
                PersonalIdentityNumber number = PersonalIdentityNumber.parse(m.group(1) + (separated ? m.group(2) : "") + m.group(3), today);
                if (age == null) {
                    age = number.ageAt(today);
                }
            } catch (PersonalIdentityNumber.InvalidIdentityNumberException notValid) {
                // masked all the same: a mistyped number is still somebody's
            }
        }
        out.append(text, last, text.length());
        return new Masked(out.toString(), found, age);
    }

    private static boolean looksLikeBirthDate(String digits) {
        String tenDigits = digits.length() == 12 ? digits.substring(2) : digits;
        int month = Integer.parseInt(tenDigits.substring(2, 4));
        int day = Integer.parseInt(tenDigits.substring(4, 6));
        return month >= 1 && month <= 12 && (day >= 1 && day <= 31 || day >= 61 && day <= 91);
    }

    private static boolean luhnValid(String digits) {
        String tenDigits = digits.length() == 12 ? digits.substring(2) : digits;
        return PersonalIdentityNumber.luhnCheckDigit(tenDigits.substring(0, 9)) == tenDigits.charAt(9) - '0';
    }

    private static Integer saidAge(String text, Expected expected) {
        int bestStart = Integer.MAX_VALUE;
        Integer best = null;
        for (int p = 0; p < AGE_PHRASES.size(); p++) {
            Matcher m = AGE_PHRASES.get(p).matcher(text);
            boolean mayCountTime = p == AGE_PHRASES.size() - 1;
            while (m.find()) {
                if (m.start() >= bestStart) {
                    break;
                }
                if (mayCountTime && isDuration(text, m)) {
                    continue;
                }
                int years = Integer.parseInt(m.group(1));
                if (years >= 1 && years <= 119) {
                    bestStart = m.start();
                    best = years;
                    break;
                }
            }
        }
        if (best == null && expected == Expected.AGE) {
            Matcher bare = BARE_NUMBER.matcher(text);
            if (bare.matches()) {
                int years = Integer.parseInt(bare.group(1));
                if (years >= 5 && years <= 110) {
                    best = years;
                }
            }
        }
        return best;
    }

    private static final Pattern ONE_NUMBER = Pattern.compile("(?<![\\d.,:])(\\d{1,3})(?![\\d.,:]\\d)");

    /**
     * An age in the other languages in use: a number followed by a word of the language file's {@code ageAfter} list
     * ("34 سنة", "19 jir", "40 років"); as the answer to the age question, the only number in the message.
     */
    private Integer saidAgeInOtherLanguages(String text, Expected expected) {
        if (ageAfter != null) {
            Matcher m = ageAfter.matcher(text);
            while (m.find()) {
                if (isDuration(text, m)) {
                    continue;
                }
                int years = Integer.parseInt(m.group(1));
                if (years >= 1 && years <= 119) {
                    return years;
                }
            }
        }
        if (expected == Expected.AGE && languageData != null) {
            Matcher m = ONE_NUMBER.matcher(text);
            Integer only = null;
            int numbers = 0;
            while (m.find()) {
                numbers++;
                only = Integer.parseInt(m.group(1));
            }
            if (numbers == 1 && only >= 5 && only <= 110) {
                return only;
            }
        }
        return null;
    }

    /** "för 2 år sedan", "in 3 years": the number counts time, not the person's age. */
    private static boolean isDuration(String text, Matcher m) {
        String before = text.substring(0, m.start()).strip();
        int space = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'));
        String previous = before.substring(space + 1).toLowerCase(Locale.ROOT);
        return DURATION_BEFORE.contains(previous) || DURATION_AFTER.matcher(text.substring(m.end())).find();
    }

    private record Place(String name, Location location) {
    }

    /**
     * The first place name that routes (a district or outside the city); an ambiguous one ("Stockholm") only
     * when nothing more specific is said. Place names that are everyday words count only after "bor i"/"live in"
     * or as the whole answer to the place question.
     */
    private Place place(List<String> originalWords, List<String> keyWords, Expected expected) {
        Place vague = null;
        int n = keyWords.size();
        int i = 0;
        while (i < n) {
            int matched = 0;
            for (int length = Math.min(LONGEST_NAME_IN_WORDS, n - i); length >= 1; length--) {
                String window = String.join(" ", keyWords.subList(i, i + length));
                if (!districts.isPlaceName(window)) {
                    continue;
                }
                if (length == 1 && commonWordPlaces.contains(window) && !saysWhereTheyLive(keyWords, i, expected)) {
                    break;
                }
                String name = String.join(" ", originalWords.subList(i, i + length));
                Location location = districts.byName(name, "place");
                if (location.isKnown()) {
                    return new Place(name, location);
                }
                if (vague == null) {
                    vague = new Place(name, location);
                }
                matched = length;
                break;
            }
            i += Math.max(1, matched);
        }
        return vague;
    }

    private boolean saysWhereTheyLive(List<String> keyWords, int at, Expected expected) {
        if (expected == Expected.PLACE && keyWords.size() <= 2) {
            return true;
        }
        return at >= 2 && PLACE_PREPOSITIONS.contains(keyWords.get(at - 1)) && livingWords.contains(keyWords.get(at - 2))
                || at >= 1 && livingWords.contains(keyWords.get(at - 1));
    }

    private String chosenLanguage(List<String> keyWords) {
        for (int i = 0; i < keyWords.size(); i++) {
            for (Language language : languages.values()) {
                for (List<String> phrase : language.phrases) {
                    if (startsWith(keyWords, i, phrase) && !negated(keyWords, i)) {
                        return language.code;
                    }
                }
            }
        }
        return null;
    }

    private boolean negated(List<String> keyWords, int at) {
        for (int back = 1; back <= 2 && at - back >= 0; back++) {
            if (negations.contains(keyWords.get(at - back))) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(List<String> words, int at, List<String> phrase) {
        if (phrase.isEmpty() || at + phrase.size() > words.size()) {
            return false;
        }
        return words.subList(at, at + phrase.size()).equals(phrase);
    }

    private String detectedLanguage(List<String> keyWords, String original) {
        int swedish = 0;
        int english = 0;
        for (String word : keyWords) {
            if (swedishWords.contains(word)) {
                swedish++;
            }
            if (englishWords.contains(word)) {
                english++;
            }
        }
        if (original.chars().anyMatch(c -> "åäöÅÄÖ".indexOf(c) >= 0)) {
            swedish++;
        }
        if (swedish == english) {
            return null;
        }
        return swedish > english ? "sv" : "en";
    }

    private static String[] tokens(String phrase) {
        String key = DistrictDirectory.key(phrase);
        return key.isEmpty() ? new String[0] : key.split(" ");
    }

    private static Set<String> keys(Object list) {
        Set<String> keys = new HashSet<>();
        for (String word : strings(list)) {
            keys.add(DistrictDirectory.key(word));
        }
        return Set.copyOf(keys);
    }

    private static List<String> strings(Object list) {
        if (list == null) {
            return List.of();
        }
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
