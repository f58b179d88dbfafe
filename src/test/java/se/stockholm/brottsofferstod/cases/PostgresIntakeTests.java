package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import se.stockholm.brottsofferstod.support.PastCases;
import se.stockholm.brottsofferstod.support.OwnContext;
import se.stockholm.brottsofferstod.support.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same intake on PostgreSQL, the production database, in every test pass (the build's PostgreSQL pass runs
 * every integration test there, see {@link TestDatabase}): the schema and the SQL are portable. The context is
 * closed after this class, before the database server stops at JVM exit.
 */
@OwnContext
class PostgresIntakeTests extends IntakeIntegrationTest {

    @Autowired
    private CaseIntake intake;

    @Autowired
    private Router router;

    @Autowired
    private CamelContext camel;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Object> POSTGRES = TestDatabase.newPostgresDatabase("PostgresIntakeTests");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        POSTGRES.forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void runsOnPostgres() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
    }

    @Test
    void batchOfTheContractExamplesIsStoredAndQueued() {
        String suffix = Examples.unique();
        String batch = "[" + Examples.withFreshIds(Examples.ADULT, suffix) + "," + Examples.withFreshIds(Examples.MINOR_NO_CONSENT, suffix)
                + "," + String.join(",", Examples.withFreshIds(Examples.BATCH, suffix).strip().split("\n")) + "]";

        HttpResponse<String> response = postReferrals(batch);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertThat(results).extracting(r -> r.get("status").asString()).containsExactly("ACCEPTED", "NO_CONSENT", "ACCEPTED", "ACCEPTED");
        assertThat(storedCase(results.get(0).get("caseReference").asString())).containsEntry("partner", "boj-sodra-stockholm");
        assertThat(storedCase(results.get(2).get("caseReference").asString())).containsEntry("partner", "boj-vasterort");
        assertThat(storedCase(results.get(3).get("caseReference").asString())).containsEntry("partner", "stodcentrum");
        awaitQueued("cases.boj-sodra-stockholm", results.get(0).get("caseReference").asString());
    }

    @Test
    void concurrentDuplicatesMakeOneCaseOnPostgresToo() throws Exception {
        String id = "PG-CONCURRENT-" + Examples.unique();
        String body = Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id);
        List<String> statuses = new ArrayList<>();
        for (HttpResponse<String> response : postReferralsConcurrently(body, 50)) {
            assertThat(response.statusCode()).isEqualTo(202);
            statuses.add(JSON.readTree(response.body()).get("results").get(0).get("status").asString());
        }

        assertThat(statuses).containsOnlyOnce("ACCEPTED");
        assertThat(casesWithExternalId(id)).isEqualTo(1);
    }

    @Test
    void concurrentOutboxRelaysSendEachRowExactlyOnceOnPostgresToo() throws Exception {
        String prefix = "PG" + Examples.unique() + "-";

        OutboxRelays.Outcome outcome = OutboxRelays.run(camel, jdbc, prefix, CaseDispatchRelaysTests.ROWS, 3);

        assertThat(outcome.sendsPerCase()).hasSize(CaseDispatchRelaysTests.ROWS);
        assertThat(outcome.sendsPerCase().values()).containsOnly(1);
        assertThat(countOnQueue("cases.triage", "caseReference LIKE '" + prefix + "%'")).isEqualTo(CaseDispatchRelaysTests.ROWS);
    }

    @Test
    void invalidReferralLeavesOnlyItsRejection() {
        String id = "PG-BAD-" + Examples.unique();
        HttpResponse<String> response = postReferrals(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id)
                .replace("\"FEMALE\"", "\"F\""));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(rejectionsFor(id)).isEqualTo(1);
        assertThat(casesWithExternalId(id)).isZero();
    }

    @Test
    void statisticsAreCountedOnPostgresToo() {
        PastCases past = new PastCases(intake, router);
        String late = past.open(PastCases.stockholm("2014-03-31T23:59:00"), 30, "Farsta", "FEMALE");
        past.open(PastCases.stockholm("2014-04-01T00:00:00"), 16, "Farsta", "MALE");
        HttpResponse<String> attempt = post("/api/cases/" + late + "/contact-attempts",
                "{\"at\":\"2014-04-04T10:00:00+02:00\",\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}", "sodra-1", "staff-secret");
        assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(200);

        HttpResponse<String> response = get("/api/statistics?from=2013-04-01&to=2014-03-31", "samordnare", "coord-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.at("/total/cases").asLong()).isEqualTo(1);
        assertThat(report.at("/byPartner/boj-sodra-stockholm/casesByGender/FEMALE").asLong()).isEqualTo(1);
        assertThat(report.at("/total/directContacts").asLong()).isZero();
        assertThat(report.at("/serviceLevel/firstAttemptLate").asLong()).isEqualTo(1);
        JsonNode next = JSON.readTree(get("/api/statistics?from=2014-04-01&to=2015-03-31", "samordnare", "coord-secret").body());
        assertThat(next.at("/total/cases").asLong()).isEqualTo(1);
        assertThat(next.at("/total/directContacts").asLong()).isEqualTo(1);
        assertThat(next.at("/byPartner/stodcentrum/cases").asLong()).isEqualTo(1);
        assertThat(next.at("/previousPeriod/cases").asLong()).isEqualTo(1);
    }
}
