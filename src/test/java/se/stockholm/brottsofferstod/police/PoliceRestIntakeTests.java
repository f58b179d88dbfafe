package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jms.core.JmsTemplate;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class PoliceRestIntakeTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void adultInFarstaWithPersonnummerIsQueuedForSodraStockholm() {
        String id = "PM-STHLM-2024-000917-" + Examples.unique();
        String body = Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id);

        HttpResponse<String> response = postReferrals(body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode result = JSON.readTree(response.body()).get("results").get(0);
        assertThat(result.get("referralId").asString()).isEqualTo(id);
        assertThat(result.get("status").asString()).isEqualTo("ACCEPTED");
        String reference = result.get("caseReference").asString();
        assertThat(reference).matches("BO-\\d{4}-\\d{6}");

        Map<String, Object> stored = storedCase(reference);
        assertThat(stored).containsEntry("PARTNER", "boj-sodra-stockholm").containsEntry("DISTRICT", "Farsta")
                .containsEntry("AGE_YEARS", 38).containsEntry("SOURCE", "POLICE").containsEntry("CHANNEL", "REST")
                .containsEntry("PERSONAL_IDENTITY_NUMBER", "19851104-5547").containsEntry("PROTECTED_IDENTITY", false)
                .containsEntry("INTIMATE_PARTNER_VIOLENCE", true).containsEntry("CRIME_CATEGORY", "ASSAULT");

        QueuedCase queued = awaitQueued("cases.boj-sodra-stockholm", reference);
        assertThat(queued.partner()).isEqualTo("boj-sodra-stockholm");
        assertThat(queued.source()).isEqualTo("POLICE");
        JsonNode message = JSON.readTree(queued.body());
        assertThat(message.get("caseReference").asString()).isEqualTo(reference);
        assertThat(message.get("person").get("givenName").asString()).isEqualTo("Anna");
        assertThat(message.get("consent").get("contactConsent").asBoolean()).isTrue();
        assertThat(message.get("offence").get("category").asString()).isEqualTo("ASSAULT");
        assertThat(message.get("routing").get("partner").asString()).isEqualTo("boj-sodra-stockholm");
        assertThat(message.get("routing").get("reason").asString()).contains("21 or over").contains("Farsta");
        assertThat(message.has("receivedAt")).isTrue();
    }

    @Test
    void minorWithoutConsentIsCountedWithNothingPersonalStored() {
        String id = "PM-STHLM-2024-000918-" + Examples.unique();
        String body = Examples.read(Examples.MINOR_NO_CONSENT).replace("PM-STHLM-2024-000918", id);

        HttpResponse<String> response = postReferrals(body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode result = JSON.readTree(response.body()).get("results").get(0);
        assertThat(result.get("status").asString()).isEqualTo("NO_CONSENT");
        assertThat(result.get("caseReference").isNull()).isTrue();
        assertThat(casesWithExternalId(id)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM referral_receipt WHERE status = 'NO_CONSENT'", Integer.class))
                .isPositive();
        assertThat(jdbc.queryForList("SELECT * FROM referral_receipt WHERE status = 'NO_CONSENT'").toString())
                .doesNotContain(id).doesNotContain("Rinkeby").doesNotContain("2009");
    }

    @Test
    void batchRoutesVallingbyToVasterortAndBornIn2006ToStodcentrum() {
        String suffix = Examples.unique();
        String array = "[" + String.join(",", Examples.withFreshIds(Examples.BATCH, suffix).strip().split("\n")) + "]";

        HttpResponse<String> response = postReferrals(array);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode results = JSON.readTree(response.body()).get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("referralId").asString()).isEqualTo("PM-1-" + suffix);
        assertThat(storedCase(results.get(0).get("caseReference").asString()))
                .containsEntry("PARTNER", "boj-vasterort").containsEntry("DISTRICT", "Hässelby-Vällingby");
        assertThat(storedCase(results.get(1).get("caseReference").asString()))
                .containsEntry("PARTNER", "stodcentrum").containsEntry("AGE_YEARS", 18);
        awaitQueued("cases.boj-vasterort", results.get(0).get("caseReference").asString());
        awaitQueued("cases.stodcentrum", results.get(1).get("caseReference").asString());
    }

    @Test
    void sameReferralPostedFiftyTimesConcurrentlyMakesExactlyOneCase() throws Exception {
        String id = "PM-CONCURRENT-" + Examples.unique();
        String body = Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id);
        List<String> statuses = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (HttpResponse<String> response : postReferralsConcurrently(body, 50)) {
            assertThat(response.statusCode()).isEqualTo(202);
            JsonNode result = JSON.readTree(response.body()).get("results").get(0);
            statuses.add(result.get("status").asString());
            references.add(result.get("caseReference").asString());
        }

        assertThat(statuses).containsOnlyOnce("ACCEPTED").filteredOn("DUPLICATE"::equals).hasSize(49);
        assertThat(references).containsOnly(references.get(0));
        assertThat(casesWithExternalId(id)).isEqualTo(1);
        awaitQueued("cases.boj-sodra-stockholm", references.get(0));
        assertThat(countOnQueue("cases.boj-sodra-stockholm", "caseReference = '" + references.get(0) + "'")).isEqualTo(1);
    }

    @Test
    void manyConcurrentBatchesAreAllTakenWithoutRunningOutOfConnections() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        List<java.util.concurrent.Callable<HttpResponse<String>>> posts = new ArrayList<>();
        for (int request = 0; request < 12; request++) {
            StringBuilder batch = new StringBuilder("[");
            String prefix = "LOAD-" + Examples.unique() + "-";
            for (int i = 0; i < 100; i++) {
                batch.append(i > 0 ? "," : "").append(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", prefix + i));
            }
            String body = batch.append("]").toString();
            posts.add(() -> postReferrals(body));
        }
        try {
            for (var future : pool.invokeAll(posts)) {
                assertThat(future.get().statusCode()).isEqualTo(202);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void namesOutsideTheBasicPlaneAreStoredUpToTheSchemasLength() {
        String id = "WIDE-" + Examples.unique();
        String wideName = "\uD835\uDC9C".repeat(100);
        HttpResponse<String> response = postReferrals(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id)
                .replace("\"Anna\"", "\"" + wideName + "\""));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(jdbc.queryForObject("SELECT given_name FROM support_case WHERE external_id = ?", String.class, id)).isEqualTo(wideName);
    }

    @Test
    void caseReferencesIncreaseWithinABatch() {
        StringBuilder batch = new StringBuilder("[");
        String suffix = Examples.unique();
        for (int i = 0; i < 5; i++) {
            batch.append(i > 0 ? "," : "").append(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", "SEQ-" + suffix + "-" + i));
        }
        JsonNode results = JSON.readTree(postReferrals(batch.append("]").toString()).body()).get("results");

        List<String> references = new ArrayList<>();
        results.forEach(r -> references.add(r.get("caseReference").asString()));
        assertThat(references).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void healthAnswersUpWithoutCredentials() {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(uri("/actuator/health")).build();
        var response = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> client.send(health, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void policeSystemMayUseItsBearerKeyInsteadOfAPassword() {
        String body = Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", "KEY-" + Examples.unique());

        assertThat(postWithBearer("/api/referrals/police", body, "test-police-key-5f1d9c0a7b2e4e19").statusCode()).isEqualTo(202);
        HttpResponse<String> wrong = postWithBearer("/api/referrals/police", body, "test-police-key-5f1d9c0a7b2e4e18");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(postWithBearer("/api/cases/BO-2026-000001/actions", "{}", "test-police-key-5f1d9c0a7b2e4e19").statusCode())
                .isEqualTo(403);
    }

    @Test
    void referralWithoutCredentialsIsRefused() {
        HttpResponse<String> response = post("/api/referrals/police", Examples.read(Examples.ADULT), null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        HttpResponse<String> wrongRole = post("/api/referrals/police", Examples.read(Examples.ADULT), "samordnare", "coord-secret");
        assertThat(wrongRole.statusCode()).isEqualTo(403);
    }

    @Test
    void responseCarriesNoInboundHeaders() {
        HttpResponse<String> response = postReferrals(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", "HDR-" + Examples.unique()));
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("authorization"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Nested
    class BadInput {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                missing required consent      | remove  | consent            |                 | consent
                wrong enum role               | person  | role               | "SUSPECT"       | person.role
                bad pattern reportNumber      | root    | reportNumber       | "K-12"          | reportNumber
                extra property                | root    | comment            | "hello"         | comment
                wrong type birthYear          | person  | birthYear          | "1985"          | person.birthYear
                bad date-time sentAt          | root    | sentAt             | "yesterday"     | sentAt
                wrong check digit             | person  | personalIdentityNumber | "19851104-5548" | person.personalIdentityNumber
                birth year in the future      | person  | birthYear          | 2031            | person.birthYear
                birth year beyond a long      | person  | birthYear          | 1e20            | person.birthYear
                birth year far below a long   | person  | birthYear          | -4.5e19         | person.birthYear
                """)
        void schemaViolationIsRefusedNamingTheFieldAndStoresOnlyTheRejection(String name, String where, String field,
                                                                           String value, String expectedField) {
            String id = "BAD-" + Examples.unique();
            ObjectNode referral = (ObjectNode) JSON.readTree(Examples.read(Examples.ADULT));
            referral.put("referralId", id);
            if ("birthYear".equals(field)) {
                ((ObjectNode) referral.get("person")).remove("personalIdentityNumber");
            }
            switch (where) {
                case "remove" -> referral.remove(field);
                case "person" -> ((ObjectNode) referral.get("person")).set(field, JSON.readTree(value));
                default -> referral.set(field, JSON.readTree(value));
            }

            HttpResponse<String> response = postReferrals(JSON.writeValueAsString(referral));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asString()).contains(expectedField);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(expectedField);
            assertThat(casesWithExternalId(id)).isZero();
            assertThat(rejectionsFor(id)).isEqualTo(1);
            assertThat(countOnQueue("intake.dlq", "externalId = '" + id + "'")).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT reason FROM rejection WHERE external_id = ?", String.class, id))
                    .contains(expectedField).doesNotContain("Lindqvist").doesNotContain("5548");
        }

        @Test
        void invalidReferralInABatchIsNamedByIndexAndNothingOfTheBatchIsStored() {
            String good = "GOOD-" + Examples.unique();
            String bad = "BAD-" + Examples.unique();
            String batch = "[" + Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", good) + ","
                    + Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", bad).replace("\"VICTIM\"", "\"NOBODY\"") + "]";

            HttpResponse<String> response = postReferrals(batch);

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("detail").asString()).contains("referral[1]").contains("person.role");
            assertThat(casesWithExternalId(good)).isZero();
            assertThat(casesWithExternalId(bad)).isZero();
            assertThat(rejectionsFor(bad)).isEqualTo(1);
        }

        @Test
        void malformedJsonIsRefusedAndDeadLettered() {
            int before = countOnQueue("intake.dlq", "channel = 'REST'");
            HttpResponse<String> response = postReferrals("{\"referralId\": \"X\", ");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("not well-formed JSON");
            assertThat(countOnQueue("intake.dlq", "channel = 'REST'")).isEqualTo(before + 1);
        }

        @Test
        void emptyBatchIsRefused() {
            HttpResponse<String> response = postReferrals("[]");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("empty");
        }

        @Test
        void bodyOverTheSizeLimitIsRefusedWith413() {
            int rejectionsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM rejection WHERE channel = 'REST'", Integer.class);
            String large = "[" + "{\"referralId\":\"L\"},".repeat(MAX_BODY_BYTES / 10) + "{}]";

            HttpResponse<String> response = postReferrals(large);

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("larger than the limit");
            // refused before the body is read: nothing of it is kept
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rejection WHERE channel = 'REST'", Integer.class)).isEqualTo(rejectionsBefore);
        }

        @Test
        void deadLetterMessageCarriesTheOriginalAndTheReason() throws Exception {
            String id = "DLQ-" + Examples.unique();
            postReferrals(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id).replace("\"VICTIM\"", "\"X\""));

            JmsTemplate jms = new JmsTemplate(connectionFactory);
            jms.setReceiveTimeout(Duration.ofSeconds(5).toMillis());
            TextMessage message = (TextMessage) jms.receiveSelected("intake.dlq", "externalId = '" + id + "'");
            assertThat(message).isNotNull();
            assertThat(JSON.readTree(message.getText()).get("referralId").asString()).isEqualTo(id);
            assertThat(message.getStringProperty("rejectionReason")).contains("person.role");
            assertThat(message.getStringProperty("channel")).isEqualTo("REST");
        }
    }
}
