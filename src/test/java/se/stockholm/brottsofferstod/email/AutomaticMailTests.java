package se.stockholm.brottsofferstod.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which mail is written by a machine and must never be answered. */
class AutomaticMailTests {

    private static final String OWN = "intake@brottsofferstod.test";

    private static AutomaticMail of(Map<String, String> headers, String from, String contentType) {
        return AutomaticMail.of(headers::get, from, contentType, OWN);
    }

    private static AutomaticMail.Kind kind(Map<String, String> headers) {
        AutomaticMail automatic = of(headers, "anna@example.se", "text/plain");
        return automatic == null ? null : automatic.kind();
    }

    @Test
    void mailFromAPersonIsNotAutomatic() {
        assertThat(of(Map.of("Auto-Submitted", "no", "Precedence", "first-class"), "anna@example.se", "text/plain")).isNull();
    }

    @Test
    void autoSubmittedOtherThanNoIsAnAutoReply() {
        assertThat(kind(Map.of("Auto-Submitted", "auto-replied"))).isEqualTo(AutomaticMail.Kind.AUTO_REPLY);
        assertThat(kind(Map.of("Auto-Submitted", "auto-generated; owner-email=\"x@y\""))).isEqualTo(AutomaticMail.Kind.AUTO_REPLY);
        assertThat(of(Map.of("Auto-Submitted", "auto-generated; owner-email=\"x@y\""), "a@b.se", "text/plain").reason())
                .isEqualTo("automatic mail (Auto-Submitted: auto-generated)");
    }

    @Test
    void xAutoreplyHeadersAreAutoReplies() {
        assertThat(kind(Map.of("X-Autoreply", "yes"))).isEqualTo(AutomaticMail.Kind.AUTO_REPLY);
        assertThat(kind(Map.of("X-Autorespond", "yes"))).isEqualTo(AutomaticMail.Kind.AUTO_REPLY);
    }

    @Test
    void bulkListAndJunkPrecedenceAndListIdAreListMail() {
        assertThat(kind(Map.of("Precedence", "bulk"))).isEqualTo(AutomaticMail.Kind.LIST);
        assertThat(kind(Map.of("Precedence", "List"))).isEqualTo(AutomaticMail.Kind.LIST);
        assertThat(kind(Map.of("Precedence", "junk"))).isEqualTo(AutomaticMail.Kind.LIST);
        assertThat(kind(Map.of("List-Id", "<news.example.se>"))).isEqualTo(AutomaticMail.Kind.LIST);
    }

    @Test
    void mailerDaemonPostmasterReportsAndEmptyReturnPathAreBounces() {
        assertThat(of(Map.of(), "MAILER-DAEMON@example.se", "text/plain").kind()).isEqualTo(AutomaticMail.Kind.BOUNCE);
        assertThat(of(Map.of(), "postmaster@example.se", "text/plain").kind()).isEqualTo(AutomaticMail.Kind.BOUNCE);
        assertThat(of(Map.of(), "anna@example.se", "multipart/report; report-type=delivery-status").kind())
                .isEqualTo(AutomaticMail.Kind.BOUNCE);
        assertThat(kind(Map.of("Return-Path", "<>"))).isEqualTo(AutomaticMail.Kind.BOUNCE);
    }

    @Test
    void ourOwnAddressInAnyCaseIsNeverAnswered() {
        assertThat(of(Map.of(), "Intake@Brottsofferstod.TEST", "text/plain").kind()).isEqualTo(AutomaticMail.Kind.OWN_ADDRESS);
    }

    @Test
    void mailWithoutASenderCannotBeAnswered() {
        assertThat(of(Map.of(), null, "text/plain").kind()).isEqualTo(AutomaticMail.Kind.NO_SENDER);
    }
}
