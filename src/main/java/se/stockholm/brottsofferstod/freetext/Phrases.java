package se.stockholm.brottsofferstod.freetext;

import java.util.List;
import java.util.regex.Pattern;

import se.stockholm.brottsofferstod.routing.DistrictDirectory;

/**
 * Whole words and phrases in a message, in any case and script, with or without accents, marks and punctuation:
 * Arabic and Persian spellings of the same letter (ي/ی, ك/ک) and the zero-width non-joiner are folded too.
 */
public final class Phrases {

    private static final Pattern PUNCTUATION = Pattern.compile("[!?\"*¡¿…؟،؛።፣፤፡«»]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200F\\u2066-\\u2069\\uFEFF]");

    private final List<String> phrases;

    public Phrases(List<String> phrases) {
        this.phrases = phrases.stream().map(Phrases::normalise).filter(p -> !p.isEmpty()).distinct().toList();
    }

    /** The text as phrases are compared: folded like place names, padded so that only whole words match. */
    public static String normalise(String text) {
        String folded = INVISIBLE.matcher(text).replaceAll("").replace('’', '\'').replace('ي', 'ی').replace('ى', 'ی')
                .replace('ك', 'ک');
        return DistrictDirectory.key(PUNCTUATION.matcher(folded).replaceAll(" "));
    }

    public boolean foundIn(String text) {
        String padded = " " + normalise(text) + " ";
        return phrases.stream().anyMatch(p -> padded.contains(" " + p + " "));
    }

    /** The whole message is one of the phrases. */
    public boolean isAll(String text) {
        return phrases.contains(normalise(text));
    }

    public boolean isEmpty() {
        return phrases.isEmpty();
    }
}
