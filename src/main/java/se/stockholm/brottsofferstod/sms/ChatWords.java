package se.stockholm.brottsofferstod.sms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import se.stockholm.brottsofferstod.freetext.LanguageData;
import se.stockholm.brottsofferstod.freetext.Phrases;
import se.stockholm.brottsofferstod.sms.Conversation.Call;

/**
 * The words the chatbot listens for (STOPP, call answers) in every language in use, and the language menu, from
 * config. Emergency and suicide words are the free-text reader's ({@code FreeText.danger}), shared with the email.
 */
final class ChatWords {

    private final Phrases stop;
    private final Phrases yes;
    private final Phrases no;
    private final Phrases day;
    private final Phrases evening;
    private final Phrases callMe;
    private final Phrases dontCall;
    private final Map<String, String> menu;

    private ChatWords(Map<String, Object> data, LanguageData languages) {
        this.stop = phrases(languages, "stop");
        this.yes = phrases(languages, "yes");
        this.no = phrases(languages, "no");
        this.day = phrases(languages, "day");
        this.evening = phrases(languages, "evening");
        this.callMe = phrases(languages, "callMe");
        this.dontCall = phrases(languages, "dontCall");
        @SuppressWarnings("unchecked")
        Map<Object, Object> declared = (Map<Object, Object>) data.getOrDefault("menu", Map.of());
        this.menu = declared.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue())));
    }

    static ChatWords load(Path file, LanguageData languages) {
        try (InputStream in = Files.newInputStream(file)) {
            return new ChatWords(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), languages);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chatbot's words " + file, e);
        }
    }

    boolean isStop(String text) {
        return stop.isAll(text);
    }

    boolean isNo(String text) {
        return no.isAll(text);
    }

    /** The language a bare menu number chooses, or {@code null}. */
    String menuLanguage(String text) {
        return menu.get(text.strip());
    }

    /**
     * Whether and when we may call. As the answer to the question any yes, no, day or evening counts; in a
     * longer message only "ring mig (på kvällen)" or "ring inte", since "dagen" alone may tell when it happened.
     */
    Call call(String text, boolean answering) {
        if (dontCall.foundIn(text)) {
            return Call.NO;
        }
        boolean askedToCall = callMe.foundIn(text);
        if (!answering && !askedToCall) {
            return null;
        }
        if (evening.foundIn(text)) {
            return Call.EVENING;
        }
        if (day.foundIn(text)) {
            return Call.DAY;
        }
        if (askedToCall || yes.foundIn(text)) {
            return Call.ANY;
        }
        return no.foundIn(text) ? Call.NO : null;
    }

    /** The menu's numbers, in order. */
    Map<String, String> menu() {
        return menu;
    }

    /** One list of every language in use, together: a Somali "haa" answers the call question in any conversation. */
    private static Phrases phrases(LanguageData languages, String name) {
        return new Phrases(languages.lists(name).values().stream().flatMap(List::stream).toList());
    }
}
