package se.stockholm.brottsofferstod.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The reply texts in config/email/replies/, one file per language. */
class ReplyTextsTests {

    private final ReplyTexts texts = ReplyTexts.load(Path.of("config/email/replies"));

    @Test
    void everySubjectCarriesTheCaseReferenceInTheContractsForm() {
        assertThat(texts.subject("sv", "BO-2026-000123")).endsWith("[Ärende BO-2026-000123]");
        assertThat(texts.subject("en", "BO-2026-000123")).endsWith("[Ärende BO-2026-000123]");
    }

    @Test
    void aRoutedReplySaysWhoWillContactAndWithinHowLong() {
        assertThat(texts.body("sv", MailReplies.Kind.ROUTED, "BO-2026-000123", "Brottsofferjouren Västerort", 3))
                .contains("Brottsofferjouren Västerort kommer att kontakta dig inom 3 dagar").contains("112")
                .contains("BO-2026-000123");
        assertThat(texts.body("en", MailReplies.Kind.ROUTED, "BO-2026-000123", "Brottsofferjouren Västerort", 3))
                .contains("Brottsofferjouren Västerort will contact you within 3 days");
    }

    @Test
    void aTriageReplyAsksForAgeAndDistrict() {
        assertThat(texts.body("en", MailReplies.Kind.TRIAGE, "BO-2026-000123", "", 3))
                .contains("how old you are").contains("which part of Stockholm you live in").contains("within 3 days");
    }

    @Test
    void aLanguageWithoutTextsIsAnsweredInSwedish() {
        assertThat(texts.speaks("ku")).isFalse();
        assertThat(texts.subject("ku", "BO-2026-000123")).isEqualTo(texts.subject("sv", "BO-2026-000123"));
    }

    @Test
    void everyLanguageInUseHasEveryTextAndKeepsTheReferenceInItsSubject() {
        for (String language : java.util.List.of("sv", "en", "ar", "fa", "so", "ti", "fi", "pl", "es", "uk")) {
            assertThat(texts.speaks(language)).as(language).isTrue();
            assertThat(texts.subject(language, "BO-2026-000123")).as(language).endsWith("[Ärende BO-2026-000123]")
                    .isNotEqualTo(language.equals("sv") ? "" : texts.subject("sv", "BO-2026-000123"));
            for (MailReplies.Kind kind : MailReplies.Kind.values()) {
                assertThat(texts.body(language, kind, "BO-2026-000123", "Brottsofferjouren Västerort", 3)).as(language + " " + kind)
                        .contains("112").contains("BO-2026-000123").doesNotContain("{");
            }
        }
    }

    @Test
    void theHtmlOfArabicAndPersianRepliesIsMarkedRightToLeftAndTheOthersLeftToRight() {
        for (String language : java.util.List.of("ar", "fa")) {
            String html = texts.html(language, texts.subject(language, "BO-2026-000123"),
                    texts.body(language, MailReplies.Kind.ROUTED, "BO-2026-000123", "Brottsofferjouren Västerort", 3));
            assertThat(html).contains("<html lang=\"" + language + "\" dir=\"rtl\">").contains("<p>");
        }
        assertThat(texts.html("so", "s", "a\n\nb")).contains("<html lang=\"so\" dir=\"ltr\">").contains("<p>a</p>");
        assertThat(texts.html("sv", "s", "<b>&")).contains("&lt;b&gt;&amp;");
    }

    @Test
    void aFileMissingATextIsRefusedAtStartNamingIt() {
        String yaml = "sv:\n  subject: x\n  routed: x\n  triage: x\n  outsideArea: x\n  footer: x\n";

        assertThatThrownBy(() -> ReplyTexts.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .hasMessage("the reply texts for 'sv' have no 'followUp'");
    }
}
