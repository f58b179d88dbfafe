package se.stockholm.brottsofferstod.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The reply texts in config/email/replies.yml. */
class ReplyTextsTests {

    private final ReplyTexts texts = ReplyTexts.load(Path.of("config/email/replies.yml"));

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
        assertThat(texts.speaks("ar")).isFalse();
        assertThat(texts.subject("ar", "BO-2026-000123")).isEqualTo(texts.subject("sv", "BO-2026-000123"));
    }

    @Test
    void aFileMissingATextIsRefusedAtStartNamingIt() {
        String yaml = "sv:\n  subject: x\n  routed: x\n  triage: x\n  outsideArea: x\n  footer: x\n";

        assertThatThrownBy(() -> ReplyTexts.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
                .hasMessage("the reply texts for 'sv' have no 'followUp'");
    }
}
