package se.stockholm.brottsofferstod.sms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import se.stockholm.brottsofferstod.freetext.Facts;
import se.stockholm.brottsofferstod.freetext.FreeText;
import se.stockholm.brottsofferstod.routing.DistrictDirectory;
import se.stockholm.brottsofferstod.routing.Location;
import se.stockholm.brottsofferstod.routing.Partners;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.sms.Conversation.Call;
import se.stockholm.brottsofferstod.sms.Conversation.Question;
import se.stockholm.brottsofferstod.sms.Conversation.Stage;

/**
 * The chatbot's dialogue: asks only what routing needs and the person has not said yet (age, place, may we
 * call and when, optionally what happened), in the person's language; answers danger with 112 before anything
 * else; STOPP ends it. Plain Java: what to store, open or send is left to the caller.
 */
final class SmsDialogue {

    private static final int MAX_ASKS = 2;
    /** A message this long tells something of what happened, so the story question is not asked. */
    private static final int STORY_WORDS = 6;
    private static final int WORDS_TO_SWITCH_LANGUAGE = 3;
    /** The person's messages are kept up to this length in all (the case's text column holds 20 000). */
    private static final int MAX_KEPT_CHARACTERS = 40_000;

    private final FreeText freeText;
    private final DistrictDirectory districts;
    private final Partners partners;
    private final BotTexts texts;
    private final ChatWords words;
    private final int days;

    /** What the chatbot does after a turn (not the domain's action, the support a partner gives). */
    enum Next {
        /** store the conversation and send the reply */
        REPLY,
        /** open the case from the conversation, then confirm with {@link #confirmation} */
        OPEN_CASE,
        /** add the message to the conversation's open case */
        FOLLOW_UP,
        /** erase the conversation; tell an open case the person wrote STOPP */
        STOP
    }

    /** @param urgent this message held an emergency or suicide word */
    record Turn(Conversation conversation, String reply, Next next, String maskedText, boolean urgent) {
    }

    /** The open case a new conversation joins (the person wrote in before, by SMS or otherwise). */
    record OpenCase(String caseReference, String partner) {
    }

    SmsDialogue(FreeText freeText, DistrictDirectory districts, Partners partners, BotTexts texts, ChatWords words,
                int days) {
        this.freeText = freeText;
        this.districts = districts;
        this.partners = partners;
        this.texts = texts;
        this.words = words;
        this.days = days;
    }

    /**
     * @param current       the conversation so far, or {@code null} for the first message from this number
     * @param openElsewhere the number's open case, for a new conversation
     */
    Turn next(Conversation current, String text, Optional<OpenCase> openElsewhere, LocalDate today) {
        String message = text == null ? "" : text.strip();
        boolean fresh = current == null || current.stage() == Stage.STOPPED;
        Draft d = fresh ? new Draft() : new Draft(current);
        if (words.isStop(message)) {
            String language = d.language != null ? d.language : Optional.ofNullable(freeText.read(message).language())
                    .filter(texts::speaks).orElse(BotTexts.DEFAULT_LANGUAGE);
            return new Turn(Conversation.stopped(), texts.say(language, "stopped"), Next.STOP, message, false);
        }
        Facts facts = freeText.read(message, expected(d.lastAsked), today);
        boolean choseLanguage = followLanguage(d, message, facts);
        FreeText.Danger danger = freeText.danger(message, d.language);
        if (danger.any()) {
            d.urgent = true;
            if (d.language == null && texts.speaks(danger.language())) {
                d.language = danger.language();
            }
        }
        String language = d.replyLanguage();
        Reply reply = new Reply();
        if (danger.any()) {
            // safety first: 112 (and 90101 / 1177) in the language of the words, then in Swedish
            String key = danger.suicide() ? "suicide" : "emergency";
            String dangerLanguage = texts.speaks(danger.language()) ? danger.language() : language;
            reply.add(texts.say(dangerLanguage, key), Reply.KEEP);
            if (!BotTexts.DEFAULT_LANGUAGE.equals(dangerLanguage)) {
                reply.add(texts.say(BotTexts.DEFAULT_LANGUAGE, key + "Also"), Reply.KEEP);
            }
        }
        if (facts.identityNumberMasked()) {
            reply.add(texts.say(language, "identityNumber"), 2);
        }

        if (fresh && openElsewhere.isPresent()) {
            d.stage = Stage.OPEN;
            d.caseReference = openElsewhere.get().caseReference();
            d.partner = openElsewhere.get().partner();
        }
        if (d.stage == Stage.OPEN) {
            reply.add(texts.say(language, "followUp", Map.of("reference", d.caseReference, "partner", partnerName(d.partner, language))),
                    Reply.KEEP);
            return new Turn(d.conversation(), reply.text(), Next.FOLLOW_UP, facts.text(), danger.any());
        }
        if (d.stage == Stage.OPENING) {
            return new Turn(d.conversation(), d.pendingReply, Next.OPEN_CASE, facts.text(), danger.any());
        }

        if (!d.menuChoice) {
            // a bare menu number is no age and no story
            d.keep(facts.text());
            learn(d, message, facts);
        }
        Question next = nextQuestion(d);
        if (next == null) {
            d.stage = Stage.OPENING;
            d.pendingReply = reply.text();
            return new Turn(d.conversation(), d.pendingReply, Next.OPEN_CASE, facts.text(), danger.any());
        }
        // a message that only chose the language is no failed answer: the question comes again, in that language
        boolean repeatedForLanguage = choseLanguage && next == d.lastAsked;
        boolean again = next == d.lastAsked && !repeatedForLanguage;
        if (!repeatedForLanguage) {
            d.asked.merge(next, 1, Integer::sum);
        }
        d.lastAsked = next;
        if (fresh) {
            reply.add(texts.say(language, "greeting"), 3);
        }
        reply.add(texts.say(language, questionText(next, again, d)), Reply.KEEP);
        // the menu until the person has seen it once (a reply full of safety numbers leaves it for the next)
        String menu = null;
        if (d.chosenLanguage == null && !d.menuOffered) {
            menu = texts.say(language, "languageMenu");
            reply.add(menu, 1);
        }
        String said = reply.text();
        if (menu != null && reply.kept(menu)) {
            d.menuOffered = true;
            d.menuInLastReply = true;
        }
        return new Turn(d.conversation(), said, Next.REPLY, facts.text(), danger.any());
    }

    /**
     * The reply once the case is open: its reference, who will contact the person and within how long, or where to
     * turn outside the city.
     *
     * @param stalled the person stopped answering and the case was opened with what was known
     */
    String confirmation(Conversation c, String caseReference, RoutingDecision routing, boolean stalled) {
        String language = c.language() != null ? c.language() : BotTexts.DEFAULT_LANGUAGE;
        Reply reply = new Reply();
        if (c.pendingReply() != null && !c.pendingReply().isBlank()) {
            reply.add(c.pendingReply(), Reply.KEEP);
        }
        if (stalled) {
            reply.add(texts.say(language, "stalled"), 4);
        }
        Map<String, String> values = Map.of("reference", caseReference, "partner", partnerName(routing.partner(), language),
                "days", String.valueOf(days));
        if (RoutingDecision.OUTSIDE_AREA.equals(routing.partner())) {
            reply.add(texts.say(language, "outsideArea", values), Reply.KEEP);
            return reply.text();
        }
        reply.add(texts.say(language, RoutingDecision.TRIAGE.equals(routing.partner()) ? "confirmedTriage" : "confirmed", values),
                Reply.KEEP);
        if (c.call() != null) {
            reply.add(texts.say(language, switch (c.call()) {
                case DAY -> "callDay";
                case EVENING -> "callEvening";
                case ANY -> "callAny";
                case NO -> "noCall";
            }), 2);
        }
        if (needsInterpreter(c)) {
            reply.add(texts.say(language, "interpreter", Map.of("language", freeText.languageName(interpreterLanguage(c), language))), 3);
        }
        reply.add(texts.say(language, "free"), 5);
        return reply.text();
    }

    /**
     * A reply's parts in order. Parts marked {@link #KEEP} (safety numbers, the question, the case reference) always
     * stay; the others are left out, the highest rank first, until the reply fits in {@link SmsSegments#MAX_SEGMENTS}.
     */
    static final class Reply {
        static final int KEEP = 0;
        private final List<String> parts = new ArrayList<>();
        private final List<Integer> ranks = new ArrayList<>();
        private List<String> kept;

        void add(String part, int rank) {
            parts.add(part);
            ranks.add(rank);
            kept = null;
        }

        String text() {
            List<String> keep = new ArrayList<>(parts);
            List<Integer> rank = new ArrayList<>(ranks);
            while (!SmsSegments.fits(String.join(" ", keep))) {
                int drop = -1;
                for (int i = 0; i < rank.size(); i++) {
                    if (rank.get(i) != KEEP && (drop < 0 || rank.get(i) > rank.get(drop))) {
                        drop = i;
                    }
                }
                if (drop < 0) {
                    break;
                }
                keep.remove(drop);
                rank.remove(drop);
            }
            kept = keep;
            return String.join(" ", keep);
        }

        boolean kept(String part) {
            if (kept == null) {
                text();
            }
            return kept.contains(part);
        }
    }

    /** Languages the staff speak on the phone; anyone else is called with an interpreter. */
    static final List<String> STAFF_LANGUAGES = List.of("sv", "en");

    /** The person chose, or writes in, a language other than Swedish and English: staff call with an interpreter. */
    static boolean needsInterpreter(Conversation c) {
        String language = interpreterLanguage(c);
        return language != null && !STAFF_LANGUAGES.contains(language);
    }

    /** The person's language: the one they chose, else the one they write in. */
    static String interpreterLanguage(Conversation c) {
        return c.chosenLanguage() != null ? c.chosenLanguage() : c.language();
    }

    /** Where the conversation says the person lives. */
    Location location(Conversation c) {
        return districts.locate(c.place(), c.postalCode(), null);
    }

    private static FreeText.Expected expected(Question lastAsked) {
        if (lastAsked == Question.AGE) {
            return FreeText.Expected.AGE;
        }
        return lastAsked == Question.PLACE ? FreeText.Expected.PLACE : FreeText.Expected.NOTHING;
    }

    /**
     * Replies follow the person's language: a language they name, the menu, or the words they write.
     *
     * @return whether the person chose a language
     */
    private boolean followLanguage(Draft d, String message, Facts facts) {
        // a bare number is a menu choice only right after a reply that showed the menu
        String menu = d.menuInLastReply ? words.menuLanguage(message) : null;
        d.menuInLastReply = false;
        if (menu != null) {
            d.chosenLanguage = menu;
            if (texts.speaks(menu)) {
                d.language = menu;
            }
            d.menuChoice = true;
            return true;
        }
        if (facts.languageChosen()) {
            d.chosenLanguage = facts.language();
            if (texts.speaks(facts.language())) {
                d.language = facts.language();
            }
            return true;
        }
        if (facts.language() != null && texts.speaks(facts.language()) && (d.language == null
                || d.chosenLanguage == null && message.split("\\s+").length >= WORDS_TO_SWITCH_LANGUAGE)) {
            d.language = facts.language();
        }
        return false;
    }

    private void learn(Draft d, String message, Facts facts) {
        if (facts.hasAge() && (d.age == null || d.lastAsked == Question.AGE)) {
            d.age = facts.age();
        }
        boolean saysPlace = facts.place() != null || facts.postalCode() != null;
        if (saysPlace && rank(facts.location()) > 0 && rank(facts.location()) >= rank(location(d.conversation()))) {
            d.place = facts.place();
            d.postalCode = facts.postalCode();
        }
        Call call = words.call(message, d.lastAsked == Question.CALL);
        if (call != null) {
            d.call = call;
        }
        if (d.lastAsked == Question.STORY && !words.isNo(message) || message.split("\\s+").length >= STORY_WORDS) {
            d.storyTold = true;
        }
    }

    private static int rank(Location location) {
        return switch (location.kind()) {
            case UNKNOWN -> 0;
            case AMBIGUOUS -> 1;
            case DISTRICT, OUTSIDE_AREA, OTHER_AGREEMENT -> 2;
        };
    }

    private Question nextQuestion(Draft d) {
        Location location = location(d.conversation());
        if (location.kind() == Location.Kind.OUTSIDE_AREA) {
            return null;
        }
        if (d.age == null && d.times(Question.AGE) < MAX_ASKS) {
            return Question.AGE;
        }
        if (!location.isKnown() && d.times(Question.PLACE) < MAX_ASKS) {
            return Question.PLACE;
        }
        if (d.call == null && d.times(Question.CALL) < MAX_ASKS) {
            return Question.CALL;
        }
        if (!d.storyTold && d.times(Question.STORY) < 1) {
            return Question.STORY;
        }
        return null;
    }

    private String questionText(Question question, boolean again, Draft d) {
        return switch (question) {
            case AGE -> again ? "askAgeAgain" : "askAge";
            case PLACE -> location(d.conversation()).kind() == Location.Kind.AMBIGUOUS ? "askPlaceWhich"
                    : again ? "askPlaceAgain" : "askPlace";
            case CALL -> again ? "askCallAgain" : "askCall";
            case STORY -> "askStory";
        };
    }

    private String partnerName(String partner, String language) {
        return partners.nameOf(partner).orElseGet(() -> texts.say(language, "triageName"));
    }

    /** The conversation while a turn changes it. */
    private static final class Draft {
        Stage stage = Stage.ASKING;
        String language;
        String chosenLanguage;
        Integer age;
        String place;
        String postalCode;
        Call call;
        final Map<Question, Integer> asked = new EnumMap<>(Question.class);
        Question lastAsked;
        final List<String> texts = new ArrayList<>();
        boolean storyTold;
        String caseReference;
        String partner;
        String pendingReply;
        boolean urgent;
        boolean menuOffered;
        boolean menuInLastReply;
        /** this message was a bare menu number (not stored) */
        boolean menuChoice;

        Draft() {
        }

        Draft(Conversation c) {
            stage = c.stage();
            language = c.language();
            chosenLanguage = c.chosenLanguage();
            age = c.age();
            place = c.place();
            postalCode = c.postalCode();
            call = c.call();
            asked.putAll(c.asked());
            lastAsked = c.lastAsked();
            texts.addAll(c.texts());
            storyTold = c.storyTold();
            caseReference = c.caseReference();
            partner = c.partner();
            pendingReply = c.pendingReply();
            urgent = c.isUrgent();
            menuOffered = c.wasMenuOffered();
            menuInLastReply = c.menuInLastReply();
        }

        void keep(String text) {
            int kept = texts.stream().mapToInt(String::length).sum();
            if (!text.isBlank() && kept + text.length() <= MAX_KEPT_CHARACTERS) {
                texts.add(text);
            }
        }

        String replyLanguage() {
            return language != null ? language : BotTexts.DEFAULT_LANGUAGE;
        }

        int times(Question question) {
            return asked.getOrDefault(question, 0);
        }

        Conversation conversation() {
            return new Conversation(stage, language, chosenLanguage, age, place, postalCode, call, Map.copyOf(asked),
                    lastAsked, List.copyOf(texts), storyTold, caseReference, partner, pendingReply, urgent, menuOffered,
                    menuInLastReply);
        }
    }
}
