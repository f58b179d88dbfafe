package se.stockholm.brottsofferstod.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;

/** NUL and other control characters are refused in every text field, naming the field, over real HTTP. */
class ControlCharacterTests extends IntakeIntegrationTest {

    private static String referral(String id, String givenName) {
        return """
                {"referralId":"%s","sentAt":"2026-11-12T09:14:00+01:00",
                 "person":{"role":"VICTIM","givenName":"%s","birthYear":1980,"district":"Farsta"},
                 "consent":{"contactConsent":true,"givenBy":"SELF","recordedAt":"2026-11-11T22:40:00+01:00"}}"""
                .formatted(id, givenName);
    }

    @Test
    void aNulInAReferralsNameIsRefusedNamingTheField() {
        String id = "NUL-" + UUID.randomUUID();

        HttpResponse<String> response = postReferrals(referral(id, "Ann\\u0000a"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("person.givenName").contains("control character");
        assertThat(casesWithExternalId(id)).isZero();
    }

    @Test
    void aTabOrNewlineIsTextNotAControlCharacter() {
        HttpResponse<String> response = postReferrals(referral("TAB-" + UUID.randomUUID(), "Anna\\tMaria"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void anSmsWithAControlCharacterIsRefusedNamingTheField() {
        byte[] form = ("id=ctl-" + UUID.randomUUID() + "&from=%2B46701112233&message="
                + URLEncoder.encode("hej\u0007då", StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = postForm("/webhooks/sms/46elks", form, "elks-webhook", "elks-secret");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("message: contains a control character");
    }

    @Test
    void aLinkReasonWithANulIsRefused() {
        HttpResponse<String> response = post("/api/cases/BO-2026-999999/links",
                "{\"to\":\"stodcentrum\",\"reason\":\"a\\u0000b\"}", "samordnare", "coord-secret");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("reason");
    }
}
