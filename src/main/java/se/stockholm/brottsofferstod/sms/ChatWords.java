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

import se.stockholm.brottsofferstod.sms.Conversation.Call;

/** The words the chatbot listens for (emergency, suicide, STOPP, call answers, language menu), from config. */
final class ChatWords {

    private final Phrases emergency;
    private final Phrases suicide;
    private final Phrases stop;
    private final Phrases yes;
    private final Phrases no;
    private final Phrases day;
    private final Phrases evening;
    private final Phrases callMe;
    private final Phrases dontCall;
    private final Map<String, String> menu;

    private ChatWords(Map<String, Object> data) {
        this.emergency = phrases(data, "emergency");
        this.suicide = phrases(data, "suicide");
        this.stop = phrases(data, "stop");
        this.yes = phrases(data, "yes");
        this.no = phrases(data, "no");
        this.day = phrases(data, "day");
        this.evening = phrases(data, "evening");
        this.callMe = phrases(data, "callMe");
        this.dontCall = phrases(data, "dontCall");
        @SuppressWarnings("unchecked")
        Map<Object, Object> declared = (Map<Object, Object>) data.getOrDefault("menu", Map.of());
        this.menu = declared.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue())));
    }

    static ChatWords load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new ChatWords(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chatbot's words " + file, e);
        }
    }

    boolean isEmergency(String text) {
        return emergency.foundIn(text);
    }

    boolean isSuicide(String text) {
        return suicide.foundIn(text);
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

    @SuppressWarnings("unchecked")
    private static Phrases phrases(Map<String, Object> data, String name) {
        List<Object> list = (List<Object>) data.getOrDefault(name, List.of());
        return new Phrases(list.stream().map(String::valueOf).toList());
    }
}
