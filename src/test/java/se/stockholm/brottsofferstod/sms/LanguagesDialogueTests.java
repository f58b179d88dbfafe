package se.stockholm.brottsofferstod.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import se.stockholm.brottsofferstod.freetext.LanguageData;
import se.stockholm.brottsofferstod.freetext.Rules;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.sms.Conversation.Call;
import se.stockholm.brottsofferstod.sms.Conversation.Stage;
import se.stockholm.brottsofferstod.sms.SmsDialogue.Turn;

/** The chatbot in the ten languages in use: safety first in each, the menu, replies that fit in 3 SMS segments. */
class LanguagesDialogueTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final BotTexts TEXTS = BotTexts.load(Path.of("config/sms/texts"));
    private static final SmsDialogue DIALOGUE = SmsDialogueTests.DIALOGUE;
    private static final LanguageData LANGUAGES = Rules.LANGUAGES;
    private static final List<String> TEN = List.of("sv", "en", "ar", "fa", "so", "ti", "fi", "pl", "es", "uk");
    /** The longest values the placeholders take. */
    private static final Map<String, String> LONGEST = Map.of("reference", "BO-2026-123456",
            "partner", "Stödcentrum för unga brottsutsatta och vittnen", "days", "3", "language", "ukrainska");

    private static Turn first(String text) {
        return DIALOGUE.next(null, text, Optional.empty(), TODAY);
    }

    /** Every phrase of a list that no other language has (the same word in two languages may be answered in either). */
    static Stream<Arguments> ownPhrases(String list) {
        List<Arguments> arguments = new ArrayList<>();
        Map<String, List<String>> byLanguage = LANGUAGES.lists(list);
        byLanguage.forEach((language, phrases) -> phrases.stream()
                .filter(p -> byLanguage.entrySet().stream().noneMatch(other -> !other.getKey().equals(language)
                        && other.getValue().stream().anyMatch(o -> o.equalsIgnoreCase(p))))
                .forEach(p -> arguments.add(Arguments.of(language, p))));
        return arguments.stream();
    }

    static Stream<Arguments> emergencyPhrases() {
        return ownPhrases("emergency");
    }

    static Stream<Arguments> suicidePhrases() {
        return ownPhrases("suicide");
    }

    @Test
    void everyLanguageInUseHasWordsAndTextsMarkedWithTheirAuthorAndReview() {
        assertThat(LANGUAGES.all().keySet()).containsExactlyInAnyOrderElementsOf(TEN);
        assertThat(TEXTS.languages()).containsAll(TEN);
        for (String language : TEN) {
            LanguageData.Language data = LANGUAGES.get(language);
            assertThat(data.author()).as(language).isNotBlank();
            assertThat(data.list("emergency")).as(language).isNotEmpty();
            assertThat(data.list("suicide")).as(language).isNotEmpty();
            assertThat(data.list("stop")).as(language).isNotEmpty();
            assertThat(TEXTS.all(language).keySet()).as(language).containsAll(TEXTS.all("en").keySet());
        }
    }

    @Nested
    class SafetyFirst {

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("se.stockholm.brottsofferstod.sms.LanguagesDialogueTests#emergencyPhrases")
        void anEmergencyWordGets112FirstInItsLanguageAndInSwedishAndMakesTheConversationUrgent(String language, String phrase) {
            Turn turn = first(phrase);

            assertThat(turn.reply()).startsWith(TEXTS.say(language, "emergency"));
            if (!language.equals("sv")) {
                assertThat(turn.reply()).contains(TEXTS.say("sv", "emergencyAlso"));
            }
            assertThat(turn.urgent()).isTrue();
            assertThat(turn.conversation().isUrgent()).isTrue();
            assertThat(SmsSegments.count(turn.reply())).isLessThanOrEqualTo(SmsSegments.MAX_SEGMENTS);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("se.stockholm.brottsofferstod.sms.LanguagesDialogueTests#suicidePhrases")
        void aSuicideWordGets112And90101And1177FirstInItsLanguageAndInSwedish(String language, String phrase) {
            Turn turn = first(phrase);

            assertThat(turn.reply()).startsWith(TEXTS.say(language, "suicide"));
            assertThat(turn.reply()).contains("112").contains("90101").contains("1177");
            if (!language.equals("sv")) {
                assertThat(turn.reply()).contains(TEXTS.say("sv", "suicideAlso"));
            }
            assertThat(turn.conversation().isUrgent()).isTrue();
            assertThat(SmsSegments.count(turn.reply())).isLessThanOrEqualTo(SmsSegments.MAX_SEGMENTS);
        }

        @Test
        void anEmergencyLaterInTheConversationStillComesFirstAndKeepsTheCaseUrgent() {
            Turn turn = first("مرحبا، أحتاج مساعدة");
            turn = DIALOGUE.next(turn.conversation(), "عمري 30 وهو هنا الآن ومعه سكين", Optional.empty(), TODAY);

            assertThat(turn.reply()).startsWith(TEXTS.say("ar", "emergency"));
            assertThat(turn.conversation().isUrgent()).isTrue();
        }
    }

    @Nested
    class TheMenu {

        @Test
        void everyLanguagesMenuNamesAllTenNumbers() {
            for (String language : TEN) {
                String menu = TEXTS.say(language, "languageMenu");
                for (int number = 1; number <= 10; number++) {
                    assertThat(menu).as(language).contains(number + " ");
                }
            }
        }

        @Test
        void aMenuNumberRightAfterTheMenuChoosesTheLanguageAndIsNoAge() {
            Turn turn = first("hej");
            turn = DIALOGUE.next(turn.conversation(), "3", Optional.empty(), TODAY);

            assertThat(turn.conversation().chosenLanguage()).isEqualTo("ar");
            assertThat(turn.conversation().age()).isNull();
            assertThat(turn.reply()).contains(TEXTS.say("ar", "askAge"));
        }

        @Test
        void aWrongGuessIsMendedByTheMenu() {
            // Somali written in a way the detector may not know: whatever it guessed, the menu was offered
            Turn turn = first("ok");
            assertThat(turn.reply()).contains("5 Soomaali");
            turn = DIALOGUE.next(turn.conversation(), "5", Optional.empty(), TODAY);

            assertThat(turn.conversation().language()).isEqualTo("so");
            assertThat(turn.reply()).contains(TEXTS.say("so", "askAge"));
        }

        @Test
        void theMenuNumberLaterIsAnAnswerNotAChoice() {
            Turn turn = first("hej");
            turn = DIALOGUE.next(turn.conversation(), "hej igen", Optional.empty(), TODAY);
            turn = DIALOGUE.next(turn.conversation(), "9", Optional.empty(), TODAY);

            assertThat(turn.conversation().chosenLanguage()).isNull();
            assertThat(turn.conversation().age()).isEqualTo(9);
        }

        @Test
        void askingForALanguageInWordsAnyTimeSwitchesTheReplies() {
            Turn turn = first("Hej, jag är 34");
            turn = DIALOGUE.next(turn.conversation(), "svara på engelska", Optional.empty(), TODAY);

            assertThat(turn.conversation().language()).isEqualTo("en");
            assertThat(turn.reply()).contains("Where do you live?");
        }
    }

    @Nested
    class SmsForm {

        static Stream<String> languages() {
            return TEN.stream();
        }

        @ParameterizedTest
        @MethodSource("languages")
        void everyTextFitsInThreeSegmentsWithItsLongestValues(String language) {
            TEXTS.all(language).forEach((key, template) -> {
                String text = TEXTS.say(language, key, LONGEST);
                assertThat(SmsSegments.count(text)).as(language + "." + key + ": " + text).isLessThanOrEqualTo(SmsSegments.MAX_SEGMENTS);
            });
        }

        @ParameterizedTest
        @MethodSource("languages")
        void everyReplyOfTheDialogueFitsInThreeSegments(String language) {
            List<String> replies = new ArrayList<>();
            String suicide = LANGUAGES.get(language).list("suicide").get(0);
            String emergency = LANGUAGES.get(language).list("emergency").get(0);
            String firstReply = TEXTS.say(language, "greeting") + " " + TEXTS.say(language, "askAge") + " "
                    + TEXTS.say(language, "languageMenu");
            replies.add(firstReply);
            Conversation chosen = chosen(language);
            for (String danger : List.of(suicide, emergency)) {
                replies.add(first(danger).reply());
                Turn pending = DIALOGUE.next(withLastQuestionAnswered(chosen), danger, Optional.empty(), TODAY);
                for (String partner : List.of("stodcentrum", RoutingDecision.TRIAGE, RoutingDecision.OUTSIDE_AREA)) {
                    replies.add(DIALOGUE.confirmation(pending.conversation(), "BO-2026-123456",
                            new RoutingDecision(partner, "test", false, null), true));
                }
                Conversation open = new Conversation(Stage.OPEN, language, language, null, null, null, null, Map.of(), null,
                        List.of(), false, "BO-2026-123456", "stodcentrum", null, false, true, false);
                replies.add(DIALOGUE.next(open, danger, Optional.empty(), TODAY).reply());
            }
            for (String reply : replies) {
                assertThat(SmsSegments.count(reply)).as(language + ": " + reply).isLessThanOrEqualTo(SmsSegments.MAX_SEGMENTS);
            }
        }

        @Test
        void nonLatinRepliesGoAsUcs2AndSwedishAsGsm7() {
            assertThat(SmsSegments.encoding(first("Hej, jag är 34 och bor i Hökarängen").reply())).isEqualTo(SmsSegments.Encoding.GSM_7);
            for (String language : List.of("ar", "fa", "ti", "uk")) {
                assertThat(SmsSegments.encoding(TEXTS.say(language, "askAge"))).as(language).isEqualTo(SmsSegments.Encoding.UCS_2);
            }
        }

        /** Everything known but the story: the next message opens the case. */
        private Conversation chosen(String language) {
            return new Conversation(Stage.ASKING, language, language, 19, "Tensta", null, Call.EVENING,
                    Map.of(Conversation.Question.AGE, 1, Conversation.Question.PLACE, 1, Conversation.Question.CALL, 1,
                            Conversation.Question.STORY, 1), Conversation.Question.STORY, List.of(), false, null, null, null,
                    false, true, false);
        }

        private Conversation withLastQuestionAnswered(Conversation c) {
            return c;
        }
    }
}
