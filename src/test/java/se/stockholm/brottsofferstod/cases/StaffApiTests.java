package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The staff API of contract section 5 driven over HTTP with the users of the test users file. */
class StaffApiTests extends IntakeIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SODRA = "sodra-1";
    static final String SODRA_PASSWORD = "staff-secret";
    static final String VAST = "vast-1";
    static final String VAST_PASSWORD = "vast-staff";
    static final String STOD = "stod-1";
    static final String STOD_PASSWORD = "stod-staff";
    static final String COORDINATOR = "samordnare";
    static final String COORDINATOR_PASSWORD = "coord-secret";

    @Autowired
    CaseWork work;

    /** A case for an adult in Farsta (boj-sodra-stockholm), optionally changed. */
    String sodraCase(String... replacements) {
        String body = Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", "STAFF-" + Examples.unique());
        for (int i = 0; i < replacements.length; i += 2) {
            body = body.replace(replacements[i], replacements[i + 1]);
        }
        HttpResponse<String> response = postReferrals(body);
        assertThat(response.statusCode()).isEqualTo(202);
        return JSON.readTree(response.body()).get("results").get(0).get("caseReference").asString();
    }

    HttpResponse<String> asSodra(String path, String body) {
        return post(path, body, SODRA, SODRA_PASSWORD);
    }

    static String attempt(String at, String channel, String outcome) {
        return "{\"at\":\"%s\",\"channel\":\"%s\",\"outcome\":\"%s\"}".formatted(at, channel, outcome);
    }

    static String recently(int hour) {
        return OffsetDateTime.now(ZoneOffset.ofHours(1)).minusDays(2).withHour(hour).withMinute(0).withSecond(0).withNano(0).toString();
    }

    @Test
    void staffSeeTheirPartnersCaseWithEverythingOnIt() {
        String ref = sodraCase();

        HttpResponse<String> response = get("/api/cases/" + ref, SODRA, SODRA_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode details = JSON.readTree(response.body());
        assertThat(details.get("caseReference").asString()).isEqualTo(ref);
        assertThat(details.get("status").asString()).isEqualTo("NEW");
        assertThat(details.get("person").get("givenName").asString()).isEqualTo("Anna");
        assertThat(details.get("routing").get("partner").asString()).isEqualTo("boj-sodra-stockholm");
        assertThat(details.get("receivedAt").asString()).matches(".*[+-]\\d\\d:\\d\\d$");
        assertThat(details.has("attempts")).isTrue();
        assertThat(details.has("history")).isTrue();
    }

    @Test
    void anotherPartnersCaseIsNotFoundAndLeaksNothing() {
        String ref = sodraCase();

        HttpResponse<String> response = get("/api/cases/" + ref, VAST, VAST_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Anna").doesNotContain("boj-sodra-stockholm");
        assertThat(asOther("/api/cases/" + ref + "/actions", "{\"at\":\"" + recently(10) + "\",\"type\":\"SUPPORT_CALL\"}").statusCode())
                .isEqualTo(404);
    }

    HttpResponse<String> asOther(String path, String body) {
        return post(path, body, VAST, VAST_PASSWORD);
    }

    @Test
    void listShowsOnlyTheStaffsOwnPartnerNewestFirst() {
        String first = sodraCase();
        String second = sodraCase();

        JsonNode page = JSON.readTree(get("/api/cases?status=NEW&size=200", SODRA, SODRA_PASSWORD).body());

        assertThat(page.get("cases")).allSatisfy(c -> assertThat(c.get("partner").asString()).isEqualTo("boj-sodra-stockholm"));
        java.util.List<String> refs = new java.util.ArrayList<>();
        page.get("cases").forEach(c -> refs.add(c.get("caseReference").asString()));
        assertThat(refs.indexOf(second)).isLessThan(refs.indexOf(first));
        assertThat(get("/api/cases?partner=boj-vasterort", SODRA, SODRA_PASSWORD).statusCode()).isEqualTo(409);
        assertThat(get("/api/cases?partner=boj-vasterort", COORDINATOR, COORDINATOR_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void firstAttemptMovesTheCaseInProgressAndReachedCountsAsDirectContact() {
        String ref = sodraCase();

        HttpResponse<String> response = asSodra("/api/cases/" + ref + "/contact-attempts", attempt(recently(10), "PHONE", "REACHED"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode details = JSON.readTree(response.body());
        assertThat(details.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(details.get("attempts").get(0).get("outcome").asString()).isEqualTo("REACHED");
        assertThat(details.get("history").get(0).get("type").asString()).isEqualTo("CONTACT_ATTEMPT");
    }

    @Test
    void notReachedIsRefusedUntilThreePhoneAttemptsOneInTheEvening() {
        String ref = sodraCase();
        String path = "/api/cases/" + ref;
        asSodra(path + "/contact-attempts", attempt(recently(10), "PHONE", "NO_ANSWER"));
        asSodra(path + "/contact-attempts", attempt(recently(11), "PHONE", "NO_ANSWER"));
        asSodra(path + "/contact-attempts", attempt(recently(18), "SMS", "NO_ANSWER"));

        HttpResponse<String> refused = asSodra(path + "/close", "{\"at\":\"" + recently(19) + "\",\"outcome\":\"NOT_REACHED\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("3 phone attempts");

        asSodra(path + "/contact-attempts", attempt(recently(20), "PHONE", "VOICEMAIL"));
        HttpResponse<String> closed = asSodra(path + "/close", "{\"at\":\"" + recently(21) + "\",\"outcome\":\"NOT_REACHED\"}");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(closed.body()).get("status").asString()).isEqualTo("CLOSED");
        assertThat(asSodra(path + "/actions", "{\"at\":\"" + recently(21) + "\",\"type\":\"SUPPORT_CALL\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void protectedIdentityRefusesSmsAndEmailAttempts() {
        String ref = sodraCase("\"protectedIdentity\": false", "\"protectedIdentity\": true");

        assertThat(asSodra("/api/cases/" + ref + "/contact-attempts", attempt(recently(10), "SMS", "NO_ANSWER")).statusCode())
                .isEqualTo(409);
        assertThat(asSodra("/api/cases/" + ref + "/contact-attempts", attempt(recently(10), "EMAIL", "NO_ANSWER")).statusCode())
                .isEqualTo(409);
        assertThat(asSodra("/api/cases/" + ref + "/contact-attempts", attempt(recently(10), "PHONE", "NO_ANSWER")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void linkMovesTheCaseToTheOtherPartnersQueueAndOwnership() {
        String ref = sodraCase();

        HttpResponse<String> refused = asSodra("/api/cases/" + ref + "/links", "{\"to\":\"stodcentrum\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(asSodra("/api/cases/" + ref + "/links", "{\"to\":\"boj-sodra-stockholm\",\"reason\":\"x\"}").statusCode()).isEqualTo(409);

        HttpResponse<String> linked = asSodra("/api/cases/" + ref + "/links",
                "{\"to\":\"stodcentrum\",\"reason\":\"Witness in a case at the youth court\"}");
        assertThat(linked.statusCode()).isEqualTo(200);
        QueuedCase queued = awaitQueued("cases.stodcentrum", ref);
        assertThat(JSON.readTree(queued.body()).get("event").asString()).isEqualTo("LINKED");
        assertThat(get("/api/cases/" + ref, SODRA, SODRA_PASSWORD).statusCode()).isEqualTo(404);
        JsonNode atStodcentrum = JSON.readTree(get("/api/cases/" + ref, STOD, STOD_PASSWORD).body());
        assertThat(atStodcentrum.get("partner").asString()).isEqualTo("stodcentrum");
        assertThat(atStodcentrum.get("links").get(0).get("from").asString()).isEqualTo("boj-sodra-stockholm");

        HttpResponse<String> back = post("/api/cases/" + ref + "/links", "{\"to\":\"boj-sodra-stockholm\"}", STOD, STOD_PASSWORD);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(back.body()).get("links")).hasSize(2);
    }

    @Test
    void coordinatorAssignsATriageCase() {
        String ref = sodraCase("\"postalCode\": \"123 47\", \"city\": \"Farsta\"", "\"city\": \"Stockholm\"");
        assertThat(storedCase(ref)).containsEntry("PARTNER", "triage");

        assertThat(post("/api/cases/" + ref + "/assign", "{\"partner\":\"boj-vasterort\"}", SODRA, SODRA_PASSWORD).statusCode())
                .isEqualTo(403);
        HttpResponse<String> assigned = post("/api/cases/" + ref + "/assign", "{\"partner\":\"boj-vasterort\"}",
                COORDINATOR, COORDINATOR_PASSWORD);

        assertThat(assigned.statusCode()).isEqualTo(200);
        assertThat(get("/api/cases/" + ref, VAST, VAST_PASSWORD).statusCode()).isEqualTo(200);
        awaitQueued("cases.boj-vasterort", ref);
        assertThat(post("/api/cases/" + ref + "/assign", "{\"partner\":\"stodcentrum\"}", COORDINATOR, COORDINATOR_PASSWORD)
                .statusCode()).isEqualTo(409);
    }

    @Test
    void readsAndChangesAreAuditedWithoutContent() {
        String ref = sodraCase();
        get("/api/cases/" + ref, SODRA, SODRA_PASSWORD);
        get("/api/cases/" + ref, VAST, VAST_PASSWORD);
        asSodra("/api/cases/" + ref + "/actions", "{\"at\":\"" + recently(10) + "\",\"type\":\"LEGAL_PROCESS_INFO\"}");

        HttpResponse<String> audit = get("/api/audit?caseReference=" + ref, COORDINATOR, COORDINATOR_PASSWORD);

        assertThat(audit.statusCode()).isEqualTo(200);
        JsonNode entries = JSON.readTree(audit.body());
        assertThat(entries).extracting(e -> e.get("username").asString() + " " + e.get("operation").asString() + " "
                + e.get("outcome").asString())
                .containsExactly("sodra-1 READ_CASE OK", "vast-1 READ_CASE NOT_FOUND", "sodra-1 RECORD_ACTION OK");
        assertThat(audit.body()).doesNotContain("Anna").doesNotContain("LEGAL_PROCESS_INFO");
        assertThat(get("/api/audit?caseReference=" + ref, SODRA, SODRA_PASSWORD).statusCode()).isEqualTo(403);
    }

    @Test
    void lateCaseGetsOneReminder() {
        clock.turnBack(java.time.Duration.ofDays(4));
        String ref = sodraCase();
        clock.reset();

        work.remindLateCases();
        work.remindLateCases();

        await().atMost(java.time.Duration.ofSeconds(20)).until(() -> countOnQueue("cases.boj-sodra-stockholm",
                "caseReference = '" + ref + "'") == 2);
        JsonNode details = JSON.readTree(get("/api/cases/" + ref, SODRA, SODRA_PASSWORD).body());
        assertThat(details.get("history")).filteredOn(h -> h.get("type").asString().equals("REMINDER")).hasSize(1);
    }

    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await();
    }

    @Test
    void retentionErasesPersonalDataAndKeepsWhatStatisticsCount() {
        String ref = sodraCase();
        asSodra("/api/cases/" + ref + "/contact-attempts", attempt(recently(10), "PHONE", "REACHED"));
        asSodra("/api/cases/" + ref + "/close", "{\"at\":\"" + recently(11) + "\",\"outcome\":\"SUPPORT_GIVEN\"}");
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Stockholm")).toString();
        String statistics = "/api/statistics?from=" + today + "&to=" + today;
        String before = get(statistics, "samordnare", "coord-secret").body();

        clock.advance(java.time.Duration.ofDays(400));
        work.erasePersonalData();
        clock.reset();

        assertThat(get(statistics, "samordnare", "coord-secret").body()).isEqualTo(before).contains("\"cases\"");

        var stored = storedCase(ref);
        assertThat(stored).containsEntry("GIVEN_NAME", null).containsEntry("PERSONAL_IDENTITY_NUMBER", null)
                .containsEntry("PHONE", null).containsEntry("STREET", null).containsEntry("EXTERNAL_ID", null);
        assertThat(stored).containsEntry("GENDER", "FEMALE").containsEntry("CRIME_CATEGORY", "ASSAULT")
                .containsEntry("DISTRICT", "Farsta").containsEntry("AGE_YEARS", 38).containsEntry("INTIMATE_PARTNER_VIOLENCE", true);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM contact_attempt a JOIN support_case c ON a.case_id = c.id"
                + " WHERE c.case_reference = ?", Integer.class, ref)).isEqualTo(1);
    }

    @Nested
    class BadInput {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                attempt without at         | contact-attempts | {"channel":"PHONE","outcome":"REACHED"}                               | at
                attempt unknown channel    | contact-attempts | {"at":"2026-01-10T10:00:00+01:00","channel":"FAX","outcome":"REACHED"} | channel
                attempt unknown outcome    | contact-attempts | {"at":"2026-01-10T10:00:00+01:00","channel":"PHONE","outcome":"MAYBE"} | outcome
                attempt malformed at       | contact-attempts | {"at":"yesterday","channel":"PHONE","outcome":"REACHED"}              | at
                attempt future at          | contact-attempts | {"at":"2099-01-10T10:00:00+01:00","channel":"PHONE","outcome":"REACHED"} | at
                action without type        | actions          | {"at":"2026-01-10T10:00:00+01:00"}                                     | type
                action unknown type        | actions          | {"at":"2026-01-10T10:00:00+01:00","type":"HUG"}                        | type
                link without to            | links            | {"reason":"x"}                                                         | to
                link to unknown partner    | links            | {"to":"nowhere"}                                                       | to
                close unknown outcome      | close            | {"at":"2026-01-10T10:00:00+01:00","outcome":"GONE"}                   | outcome
                close future at            | close            | {"at":"2099-01-10T10:00:00+01:00","outcome":"DECLINED"}               | at
                """)
        void isRefusedNamingTheField(String name, String endpoint, String body, String field) {
            String ref = sodraCase();

            HttpResponse<String> response = asSodra("/api/cases/" + ref + "/" + endpoint, body);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("field").asString()).isEqualTo(field);
            assertThat(problem.get("detail").asString()).contains(field);
        }

        @Test
        void unknownCaseIsNotFound() {
            HttpResponse<String> response = asSodra("/api/cases/BO-1999-999999/actions", "{\"at\":\"2026-01-10T10:00:00+01:00\",\"type\":\"OTHER\"}");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        }
    }
}
