package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/** What retention erases beside the case row, and what leaves the queues once it has served. */
class ErasureTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    CaseWork work;

    private String openCase(String district) {
        String id = "ERASE-" + UUID.randomUUID();
        HttpResponse<String> response = postReferrals("""
                {"referralId":"%s","sentAt":"2026-11-12T09:14:00+01:00",
                 "person":{"role":"VICTIM","givenName":"Erasetest","familyName":"Personsson","birthYear":1980,
                           "gender":"FEMALE","phone":"070-555 12 34","district":"%s"},
                 "consent":{"contactConsent":true,"givenBy":"SELF","recordedAt":"2026-11-11T22:40:00+01:00"}}"""
                .formatted(id, district));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("results").get(0).get("caseReference").asString();
    }

    private static String recently() {
        return Instant.now().minus(Duration.ofMinutes(5)).toString();
    }

    @Test
    void retentionErasesALinksReasonAndTheRepliesAboutTheCase() {
        String ref = openCase("Farsta");
        HttpResponse<String> linked = post("/api/cases/" + ref + "/links",
                "{\"to\":\"stodcentrum\",\"reason\":\"Erasetest berättade att hon egentligen är 19\"}", "sodra-1", "staff-secret");
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        assertThat(post("/api/cases/" + ref + "/close", "{\"at\":\"" + recently() + "\",\"outcome\":\"SUPPORT_GIVEN\"}",
                "stod-1", "stod-staff").statusCode()).isEqualTo(200);
        jdbc.update("""
                INSERT INTO email_reply (incoming_key, case_reference, kind, partner, language, recipient_key, status, attempts,
                    created_at, message_id) VALUES (?, ?, 'ROUTED', 'stodcentrum', 'sv', ?, 'SENT', 1, ?, ?)""",
                "k".repeat(64), ref, "r".repeat(64), Timestamp.from(Instant.now()), "<" + ref + ".x@example.se>");
        jdbc.update("UPDATE support_case SET closed_at = ? WHERE case_reference = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(400))), ref);

        work.erasePersonalData();

        assertThat(jdbc.queryForList("SELECT l.reason FROM case_link l JOIN support_case c ON l.case_id = c.id"
                + " WHERE c.case_reference = ?", String.class, ref)).containsExactly((String) null);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM email_reply WHERE case_reference = ?", Integer.class, ref)).isZero();
    }

    @Test
    void anOpenCaseIdleBeyondTheMaximumIsErasedToo() {
        String ref = openCase("Farsta");
        // long before any period the statistics tests count in the shared database
        Timestamp longAgo = Timestamp.from(Instant.parse("1999-06-01T10:00:00Z"));
        jdbc.update("UPDATE support_case SET received_at = ? WHERE case_reference = ?", longAgo, ref);
        jdbc.update("UPDATE case_history SET occurred_at = ? WHERE case_id = (SELECT id FROM support_case WHERE case_reference = ?)",
                longAgo, ref);
        String recent = openCase("Farsta");

        work.erasePersonalData();

        assertThat(storedCase(ref)).containsEntry("GIVEN_NAME", null).containsEntry("PHONE", null).containsEntry("PHONE_KEY", null)
                .containsEntry("GENDER", "FEMALE").containsEntry("DISTRICT", "Farsta");
        assertThat(storedCase(ref).get("PERSONAL_DATA_ERASED_AT")).isNotNull();
        assertThat(storedCase(recent)).containsEntry("GIVEN_NAME", "Erasetest");
    }

    @Test
    void aTriageCasesMessageLeavesTheTriageQueueOnceItIsAssigned() {
        String ref = openCase("Atlantis");
        awaitQueued("cases.triage", ref);

        HttpResponse<String> assigned = post("/api/cases/" + ref + "/assign", "{\"partner\":\"boj-vasterort\"}",
                "samordnare", "coord-secret");

        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(countOnQueue("cases.triage", "caseReference = '" + ref + "'")).isZero();
        awaitQueued("cases.boj-vasterort", ref);
    }

    @Test
    void anErasedCaseLeavesNothingOnAnyQueue() {
        String ref = openCase("Farsta");
        awaitQueued("cases.boj-sodra-stockholm", ref);
        assertThat(post("/api/cases/" + ref + "/close", "{\"at\":\"" + recently() + "\",\"outcome\":\"SUPPORT_GIVEN\"}",
                "sodra-1", "staff-secret").statusCode()).isEqualTo(200);
        jdbc.update("UPDATE support_case SET closed_at = ? WHERE case_reference = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(400))), ref);

        work.erasePersonalData();

        assertThat(countOnQueue("cases.boj-sodra-stockholm", "caseReference = '" + ref + "'")).isZero();
    }
}
