package se.stockholm.brottsofferstod.sms;

import java.util.List;
import java.util.regex.Pattern;

import se.stockholm.brottsofferstod.routing.DistrictDirectory;

/** Whole words and phrases in a message, in any case, with or without å/ä/ö and punctuation. */
final class Phrases {

    private static final Pattern PUNCTUATION = Pattern.compile("[!?\"*¡¿…]+");

    private final List<String> phrases;

    Phrases(List<String> phrases) {
        this.phrases = phrases.stream().map(Phrases::normalise).filter(p -> !p.isEmpty()).toList();
    }

    /** The text as phrases are compared: folded like place names, padded so that only whole words match. */
    static String normalise(String text) {
        return DistrictDirectory.key(PUNCTUATION.matcher(text.replace('’', '\'')).replaceAll(" "));
    }

    boolean foundIn(String text) {
        String padded = " " + normalise(text) + " ";
        return phrases.stream().anyMatch(p -> padded.contains(" " + p + " "));
    }

    /** The whole message is one of the phrases. */
    boolean isAll(String text) {
        return phrases.contains(normalise(text));
    }
}
