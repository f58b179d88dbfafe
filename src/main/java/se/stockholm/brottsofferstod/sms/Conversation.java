package se.stockholm.brottsofferstod.sms;

import java.util.List;
import java.util.Map;

/**
 * Where an SMS conversation stands: what the person has told so far and what was asked. Stored as JSON with
 * the conversation, so a restart between two messages loses nothing.
 *
 * @param language       the language replies are written in
 * @param chosenLanguage the language the person asked for, if any (it may have no texts: then an interpreter)
 * @param asked          how often each question was asked: none is asked more than twice
 * @param texts          the person's messages, identity numbers masked
 * @param pendingReply   what the reply says before the confirmation, while the case is being opened
 * @param urgent         the person wrote an emergency or suicide word: the case is urgent
 * @param menuOffered    the language menu was in a reply (it waits for a reply with room for it)
 * @param menuLastReply  the last reply showed the menu: a bare number now chooses a language
 */
record Conversation(Stage stage, String language, String chosenLanguage, Integer age, String place, String postalCode,
                    Call call, Map<Question, Integer> asked, Question lastAsked, List<String> texts, boolean storyTold,
                    String caseReference, String partner, String pendingReply, Boolean urgent, Boolean menuOffered,
                    Boolean menuLastReply) {

    boolean isUrgent() {
        return Boolean.TRUE.equals(urgent);
    }

    boolean menuInLastReply() {
        return Boolean.TRUE.equals(menuLastReply);
    }

    boolean wasMenuOffered() {
        return Boolean.TRUE.equals(menuOffered);
    }

    enum Stage {
        /** questions are being asked */
        ASKING,
        /** everything is known and the case is being opened */
        OPENING,
        /** the case is open: later messages join it */
        OPEN,
        /** the person wrote STOPP: everything they wrote is erased */
        STOPPED
    }

    enum Question { AGE, PLACE, CALL, STORY }

    /** Whether and when we may call the person. */
    enum Call { DAY, EVENING, ANY, NO }

    static Conversation stopped() {
        return new Conversation(Stage.STOPPED, null, null, null, null, null, null, Map.of(), null, List.of(), false, null,
                null, null, false, false, false);
    }
}
