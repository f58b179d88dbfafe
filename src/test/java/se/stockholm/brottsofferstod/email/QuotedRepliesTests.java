package se.stockholm.brottsofferstod.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a person wrote now, without the earlier mails their client quotes below it. */
class QuotedRepliesTests {

    @Test
    void gmailsEnglishAttributionAndQuoteAreTakenOut() {
        assertThat(QuotedReplies.strip("""
                I am 34 and live in Farsta.

                On Tue, 25 Nov 2026 at 10:00, Brottsofferstöd <intake@brottsofferstod.test> wrote:
                > Hello,
                > Thank you for writing to us.""", "Re: We have received your email")).isEqualTo("I am 34 and live in Farsta.");
    }

    @Test
    void aSwedishAttributionWrappedOverTwoLinesIsTakenOut() {
        assertThat(QuotedReplies.strip("""
                Jag är 34 och bor i Farsta.

                Den tis 25 nov. 2026 kl 10:00 skrev Brottsofferstöd
                <intake@brottsofferstod.test>:
                > Hej""", "Sv: Vi har tagit emot ditt mejl")).isEqualTo("Jag är 34 och bor i Farsta.");
    }

    @Test
    void outlooksHeaderBlockAndEverythingBelowIsTakenOut() {
        assertThat(QuotedReplies.strip("""
                Tack för svaret.

                ________________________________
                Från: Brottsofferstöd <intake@brottsofferstod.test>
                Skickat: den 25 november 2026 10:00
                Till: Anna
                Ämne: Vi har tagit emot ditt mejl""", "SV: Vi har tagit emot ditt mejl")).isEqualTo("Tack för svaret.");
    }

    @Test
    void anOriginalMessageMarkerEndsTheText() {
        assertThat(QuotedReplies.strip("Okej.\n\n-----Original Message-----\nFrom: x\nHej", "RE: Hej")).isEqualTo("Okej.");
    }

    @Test
    void aPersonsOwnSentenceThatLooksLikeAnAttributionStays() {
        String text = """
                Den 3 maj skrev han till mig:
                Jag vet var du bor.
                Sedan dess är jag rädd.""";

        assertThat(QuotedReplies.strip(text, "Hej")).isEqualTo(text);
    }

    @Test
    void aForwardedMailStaysBecauseItIsPartOfTheMessage() {
        String text = """
                Titta vad han skickade.

                ---------- Forwarded message ---------
                From: X <x@example.se>
                Date: Mon, 24 Nov 2026
                Du ska få se.""";

        assertThat(QuotedReplies.strip(text, "Hej")).isEqualTo(text);
    }

    @Test
    void aMailForwardedAsAQuoteStaysWholeWhenItsSubjectSaysForwarded() {
        String text = """
                Han skickar sånt här varje dag.

                From: X <x@example.se>
                Sent: Monday, 24 November 2026 22:10
                > Jag vet var du bor.""";

        assertThat(QuotedReplies.strip(text, "VB: hot")).isEqualTo(text);
    }

    @Test
    void aReplyWrittenOnlyBetweenQuotedLinesIsKeptWhole() {
        assertThat(QuotedReplies.strip("> Hur gammal är du?\n> Var bor du?", "Re: Hej")).isEqualTo("> Hur gammal är du?\n> Var bor du?");
    }
}
