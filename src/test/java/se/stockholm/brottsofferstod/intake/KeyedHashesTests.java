package se.stockholm.brottsofferstod.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;

/** The keys the wired service stores are keyed hashes: a list of numbers or referral ids does not find them. */
class KeyedHashesTests extends IntakeIntegrationTest {

    @Autowired
    Keys keys;

    private static String referral(String id, boolean consent) {
        return """
                {"referralId":"%s","sentAt":"2026-11-12T09:14:00+01:00",
                 "person":{"role":"VICTIM","givenName":"Keyedtest","familyName":"Personsson","birthYear":1980,
                           "gender":"FEMALE","phone":"070-987 65 43","email":"keyed.test@example.se","district":"Farsta"},
                 "consent":%s}""".formatted(id, consent
                ? "{\"contactConsent\":true,\"givenBy\":\"SELF\",\"recordedAt\":\"2026-11-11T22:40:00+01:00\"}"
                : "{\"contactConsent\":false}");
    }

    @Test
    void aStoredCasesPhoneAndEmailKeysAreKeyedHashes() {
        String id = "KEYED-" + UUID.randomUUID();
        HttpResponse<String> response = postReferrals(referral(id, true));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        var stored = jdbc.queryForMap("SELECT phone_key, email_key FROM support_case WHERE external_id = ?", id);

        assertThat(stored.get("PHONE_KEY")).isEqualTo(keys.phone("+46709876543"))
                .isNotEqualTo(Sha256.hex("phone:46709876543"));
        assertThat(stored.get("EMAIL_KEY")).isEqualTo(keys.email("keyed.test@example.se"))
                .isNotEqualTo(Sha256.hex("email:keyed.test@example.se"));
    }

    @Test
    void aNoConsentReceiptCannotBeFoundByHashingTheReferralId() {
        String id = "KEYED-NC-" + UUID.randomUUID();
        HttpResponse<String> response = postReferrals(referral(id, false));
        assertThat(response.body()).contains("NO_CONSENT");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM referral_receipt WHERE receipt_key = ?", Integer.class,
                Sha256.hex("POLICE:" + id))).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM referral_receipt WHERE receipt_key = ?", Integer.class,
                keys.receipt(Source.POLICE, id))).isEqualTo(1);
    }
}
