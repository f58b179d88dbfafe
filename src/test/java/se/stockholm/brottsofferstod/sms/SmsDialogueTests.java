package se.stockholm.brottsofferstod.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.freetext.Rules;
import se.stockholm.brottsofferstod.routing.DistrictDirectory;
import se.stockholm.brottsofferstod.routing.Partners;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.sms.Conversation.Call;
import se.stockholm.brottsofferstod.sms.Conversation.Stage;
import se.stockholm.brottsofferstod.sms.SmsDialogue.Next;
import se.stockholm.brottsofferstod.sms.SmsDialogue.Turn;

/** The dialogue alone, without Camel or Spring: a conversation is a chain of turns. */
class SmsDialogueTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final DistrictDirectory DISTRICTS = Rules.DISTRICTS;
    static final SmsDialogue DIALOGUE = new SmsDialogue(Rules.FREE_TEXT, DISTRICTS,
            Partners.load(Path.of("config/routing/partners.yml")), BotTexts.load(Path.of("config/sms/texts")),
            ChatWords.load(Path.of("config/sms/words.yml"), Rules.LANGUAGES), 3);

    private Conversation conversation;

    private Turn say(String text) {
        Turn turn = DIALOGUE.next(conversation, text, Optional.empty(), TODAY);
        conversation = turn.conversation();
        return turn;
    }

    @Nested
    class AsksOnlyWhatIsMissing {

        @Test
        void aGreetingAloneIsAnsweredWithTheGreetingTheAgeQuestionAndTheLanguageMenu() {
            Turn turn = say("hej");

            assertThat(turn.next()).isEqualTo(Next.REPLY);
            assertThat(turn.reply()).startsWith("Hej!").contains("Hur gammal är du?").endsWith("Skriv vilket, så ringer vi med tolk.)");
        }

        @Test
        void ageAndPlaceInOneMessageLeaveOnlyTheCallQuestion() {
            Turn turn = say("jag är 19 och bor i Tensta");

            assertThat(turn.reply()).contains("Får vi ringa dig").doesNotContain("Hur gammal").doesNotContain("Var bor du");
            assertThat(conversation.age()).isEqualTo(19);
            assertThat(conversation.place()).isEqualTo("Tensta");
        }

        @Test
        void everythingInTheFirstMessageOpensTheCaseAtOnce() {
            Turn turn = say("Hej, jag är 34 och bor i Hökarängen. Ring mig gärna på kvällen. Jag blev rånad igår.");

            assertThat(turn.next()).isEqualTo(Next.OPEN_CASE);
            assertThat(conversation.stage()).isEqualTo(Stage.OPENING);
            assertThat(conversation.call()).isEqualTo(Call.EVENING);
        }

        @Test
        void aPersonnummerGivesTheAgeIsMaskedAndIsMentionedOnce() {
            Turn turn = say("mitt personnummer är 19900101-0017 och jag bor i Farsta");

            assertThat(turn.reply()).startsWith("Du behöver inte skicka ditt personnummer").contains("Får vi ringa dig");
            assertThat(conversation.age()).isEqualTo(36);
            assertThat(conversation.texts()).singleElement().asString().doesNotContain("0017");
            assertThat(say("nej")).extracting(Turn::next).as(conversation.toString()).isEqualTo(Next.OPEN_CASE);
            assertThat(conversation.call()).isEqualTo(Call.NO);
        }

        @Test
        void aQuestionNotUnderstoodIsAskedOnceMoreThenLeft() {
            say("hej");
            assertThat(say("vet inte").reply()).contains("Skriv din ålder med siffror");
            assertThat(say("vill inte säga").reply()).contains("Var bor du?");
            assertThat(conversation.age()).isNull();
        }

        @Test
        void stockholmAloneIsFollowedByAskingWhichPartOfIt() {
            say("hej jag är 40");
            assertThat(say("Stockholm").reply()).contains("Vilken stadsdel bor du i?");
            assertThat(say("Bagarmossen").reply()).contains("Får vi ringa dig");
        }

        @Test
        void aPlaceOutsideTheCityEndsTheQuestionsAtOnce() {
            assertThat(say("I live in Solna").next()).isEqualTo(Next.OPEN_CASE);
        }

        @Test
        void aLongFirstMessageIsStoryEnoughAndNoStoryQuestionIsAsked() {
            say("Min pojkvän slog mig i helgen och jag vet inte vad jag ska göra");
            say("23");
            say("Bredäng");

            assertThat(say("dag").next()).isEqualTo(Next.OPEN_CASE);
        }
    }

    @Nested
    class Languages {

        @Test
        void englishWordsAreAnsweredInEnglish() {
            assertThat(say("Hello, I need some help please").reply()).contains("How old are you?");
        }

        @Test
        void theMenuNumberSwitchesTheLanguage() {
            say("hej");
            assertThat(say("2").reply()).contains("How old are you?");
            assertThat(conversation.chosenLanguage()).isEqualTo("en");
        }

        @Test
        void aLanguageWithoutTextsKeepsSwedishRepliesAndNeedsAnInterpreter() {
            assertThat(say("jag vill ha tolk på kurdiska").reply()).contains("Hur gammal är du?");

            assertThat(conversation.chosenLanguage()).isEqualTo("ku");
            assertThat(SmsDialogue.needsInterpreter(conversation)).isTrue();
            String confirmation = DIALOGUE.confirmation(conversation, "BO-2026-000001",
                    new RoutingDecision("boj-vasterort", "test", false, "Bromma"), false);
            assertThat(confirmation).contains("Vi ordnar tolk på kurdiska").contains("Brottsofferjouren Västerort");
        }
    }

    @Nested
    class Safety {

        @Test
        void dangerComesFirstAndTheQuestionsGoOn() {
            Turn turn = say("hjälp nu han har en kniv");

            assertThat(turn.reply()).startsWith("Är du i fara just nu? Ring 112.").contains("Hur gammal är du?");
        }

        @Test
        void suicideWordsGiveTheSuicideLinesWith112() {
            assertThat(say("jag vill inte leva längre").reply()).startsWith("Tänker du på att ta ditt liv? Ring 112")
                    .contains("90101").contains("1177");
        }

        @Test
        void stopEndsTheConversationWhateverWasSaid() {
            say("jag är 19 och bor i Tensta");
            Turn turn = say("Stopp!");

            assertThat(turn.next()).isEqualTo(Next.STOP);
            assertThat(conversation.stage()).isEqualTo(Stage.STOPPED);
            assertThat(conversation.age()).isNull();
            assertThat(conversation.texts()).isEmpty();
        }

        @Test
        void stopInsideASentenceIsNoStop() {
            assertThat(say("han slutade inte, jag vill att det tar stopp").next()).isNotEqualTo(Next.STOP);
        }
    }

    @Nested
    class Confirmation {

        @Test
        void theConfirmationNamesTheReferenceThePartnerTheTimeAndWhenTheyCall() {
            say("Hej, jag är 34 och bor i Hökarängen. Ring mig gärna på kvällen. Jag blev rånad igår.");

            String confirmation = DIALOGUE.confirmation(conversation, "BO-2026-000042",
                    new RoutingDecision("boj-sodra-stockholm", "test", false, "Farsta"), false);

            assertThat(confirmation).isEqualTo("Tack. Ditt ärendenummer är BO-2026-000042. Brottsofferjouren Södra Stockholm"
                    + " hör av sig till dig inom 3 dagar. De ringer dig på kvällen. Stödet är gratis.");
        }

        @Test
        void outsideTheCityTheConfirmationSaysWhereToTurn() {
            say("I live in Solna and I am 50");

            String confirmation = DIALOGUE.confirmation(conversation, "BO-2026-000043",
                    new RoutingDecision(RoutingDecision.OUTSIDE_AREA, "test", false, null), false);

            assertThat(confirmation).contains("outside the City of Stockholm").contains("116 006").contains("BO-2026-000043");
        }
    }
}
