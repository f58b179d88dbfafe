package se.stockholm.brottsofferstod.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The coordinator's dead-letter desk over HTTP, on the wired service with its real broker and database. */
class DeadLetterDeskTests extends IntakeIntegrationTest {

    private static final String COORDINATOR = "samordnare";
    private static final String COORDINATOR_PASSWORD = "coord-secret";

    @Autowired
    private CamelContext camel;

    @Autowired
    private MeterRegistry meters;

    private final JsonMapper json = JsonMapper.builder().build();

    /** A referral refused for its content: the schema's gender is wrong, the name and number are personal data. */
    private String refusedReferral(String id) {
        return Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id).replace("\"FEMALE\"", "\"F\"");
    }

    private long deadLetterIdOf(String externalId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "SELECT id FROM dead_letter WHERE external_id = ?", Long.class, externalId), ids -> ids.size() == 1).get(0);
    }

    private HttpResponse<String> asCoordinator(String method, String path) {
        return send(method, path, COORDINATOR, COORDINATOR_PASSWORD);
    }

    private HttpResponse<String> send(String method, String path, String user, String password) {
        if (method.equals("GET")) {
            return get(path, user, password);
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes()));
            return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void refusedReferralIsListedWithChannelReasonFieldTimeAndIdButNoPersonalContent() {
        String id = "DL-LIST-" + UUID.randomUUID();
        assertThat(postReferrals(refusedReferral(id)).statusCode()).isEqualTo(400);
        long deadLetter = deadLetterIdOf(id);

        HttpResponse<String> list = asCoordinator("GET", "/api/dead-letters?limit=1000");

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode node : json.readTree(list.body())) {
            if (node.path("id").asLong() == deadLetter) {
                entry = node;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("source").asString()).isEqualTo("POLICE");
        assertThat(entry.path("channel").asString()).isEqualTo("REST");
        assertThat(entry.path("externalId").asString()).isEqualTo(id);
        assertThat(entry.path("field").asString()).isEqualTo("person.gender");
        assertThat(entry.path("reason").asString()).isNotBlank();
        assertThat(entry.path("deadLetteredAt").asString()).isNotBlank();
        assertThat(entry.path("originalKept").asBoolean()).isTrue();
        assertThat(list.body()).doesNotContain("Lindqvist", "19851104", "Hökarängsplan", "070-123");
        assertThat(countOnQueue("intake.dlq", "deadLetterId = " + deadLetter)).isEqualTo(1);
    }

    @Test
    void onlyTheCoordinatorReachesTheDesk() {
        assertThat(send("GET", "/api/dead-letters", "sodra-1", "staff-secret").statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/api/dead-letters/1", "prometheus", "metrics-secret").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/dead-letters/1/replay", POLICE_USER, POLICE_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get("/api/dead-letters", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void replayOfAReferralTheBrokerGaveUpOnMakesOneCaseOnceItsCauseIsFixedAndASecondReplayNone() throws JMSException {
        String id = "DL-REPLAY-" + UUID.randomUUID();
        // the cause: the case table is away, so every attempt fails on our side until the consumers' redelivery policy
        // (redelivery) gives up and dead-letters it as not delivered
        jdbc.execute("ALTER TABLE support_case RENAME TO support_case_away");
        try {
            sendAsPolice(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id));
            long deadLetter = deadLetterIdOf(id);
            assertThat(jdbc.queryForObject("SELECT reason_code FROM dead_letter WHERE id = ?", String.class, deadLetter))
                    .isEqualTo(DeadLetterStore.NOT_DELIVERED);
        } finally {
            jdbc.execute("ALTER TABLE support_case_away RENAME TO support_case");
        }
        long deadLetter = deadLetterIdOf(id);
        assertThat(casesWithExternalId(id)).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("intake.dlq", "deadLetterId = " + deadLetter) == 1);

        HttpResponse<String> first = asCoordinator("POST", "/api/dead-letters/" + deadLetter + "/replay");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json.readTree(first.body()).path("outcome").asString()).isEqualTo("ACCEPTED");
        String caseReference = json.readTree(first.body()).path("caseReference").asString();
        assertThat(caseReference).startsWith("BO-");
        assertThat(casesWithExternalId(id)).isEqualTo(1);

        HttpResponse<String> second = asCoordinator("POST", "/api/dead-letters/" + deadLetter + "/replay");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json.readTree(second.body()).path("outcome").asString()).isEqualTo("DUPLICATE");
        assertThat(json.readTree(second.body()).path("caseReference").asString()).isEqualTo(caseReference);
        assertThat(casesWithExternalId(id)).isEqualTo(1);

        assertThat(jdbc.queryForList("SELECT operation || ' ' || outcome FROM audit_entry WHERE operation = ? ORDER BY id",
                String.class, "DEAD_LETTER_REPLAY #" + deadLetter))
                .containsExactly("DEAD_LETTER_REPLAY #" + deadLetter + " ACCEPTED", "DEAD_LETTER_REPLAY #" + deadLetter + " DUPLICATE");
        JsonNode listed = json.readTree(asCoordinator("GET", "/api/dead-letters/" + deadLetter).body());
        assertThat(listed.path("replays").asInt()).isEqualTo(2);
        assertThat(listed.path("lastReplay").path("by").asString()).isEqualTo(COORDINATOR);
    }

    @Test
    void aDeadLetterTheBrokerMovesWhileTheDatabaseIsDownIsKeptOnceItIsBack() throws JMSException {
        String id = "DL-WAIT-" + UUID.randomUUID();
        jdbc.execute("ALTER TABLE support_case RENAME TO support_case_away");
        jdbc.execute("ALTER TABLE dead_letter RENAME TO dead_letter_away");
        try {
            double failedBefore = failedTakes("dead-letter-broker");
            sendAsPolice(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id));
            // not even its dead letter can be kept: the broker gives up on referrals.police, and the desk fails to keep
            // the dead letter more often than the broker's max-delivery-attempts (5) elsewhere: intake.dlq keeps it for
            // as long as it takes
            await().atMost(Duration.ofSeconds(90)).until(() -> failedTakes("dead-letter-broker") >= failedBefore + 6);
        } finally {
            jdbc.execute("ALTER TABLE dead_letter_away RENAME TO dead_letter");
            jdbc.execute("ALTER TABLE support_case_away RENAME TO support_case");
        }
        long deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "SELECT id FROM dead_letter WHERE external_id = ?", Long.class, id), ids -> ids.size() == 1).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("intake.dlq", "deadLetterId = " + deadLetter) == 1);
        assertThat(countOnQueue("intake.dlq", "deadLetterId IS NULL")).isZero();
    }

    @Test
    void replayOfAReferralRefusedForItsContentIsRefusedAgainWithoutANewDeadLetter() {
        String id = "DL-AGAIN-" + UUID.randomUUID();
        postReferrals(refusedReferral(id));
        long deadLetter = deadLetterIdOf(id);

        HttpResponse<String> replay = asCoordinator("POST", "/api/dead-letters/" + deadLetter + "/replay");

        assertThat(replay.statusCode()).isEqualTo(422);
        assertThat(replay.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(replay.body()).contains("person.gender").doesNotContain("Lindqvist", "19851104");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE external_id = ?", Integer.class, id)).isEqualTo(1);
        assertThat(casesWithExternalId(id)).isZero();
    }

    @Test
    void discardRemovesTheDeadLetterAndItsQueueCopyAndIsAudited() {
        String id = "DL-DISCARD-" + UUID.randomUUID();
        postReferrals(refusedReferral(id));
        long deadLetter = deadLetterIdOf(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("intake.dlq", "deadLetterId = " + deadLetter) == 1);

        assertThat(asCoordinator("DELETE", "/api/dead-letters/" + deadLetter).statusCode()).isEqualTo(204);

        assertThat(asCoordinator("GET", "/api/dead-letters/" + deadLetter).statusCode()).isEqualTo(404);
        assertThat(asCoordinator("GET", "/api/dead-letters?limit=1000").body()).doesNotContain(id);
        assertThat(countOnQueue("intake.dlq", "deadLetterId = " + deadLetter)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE operation = ? AND username = ?", Integer.class,
                "DEAD_LETTER_DISCARD #" + deadLetter, COORDINATOR)).isEqualTo(1);
        assertThat(asCoordinator("DELETE", "/api/dead-letters/" + deadLetter).statusCode()).isEqualTo(404);
    }

    @Test
    void theRetentionTimerErasesOriginalsPastTheKeepPeriodAndTheReasonStays() throws Exception {
        String id = "DL-KEEP-" + UUID.randomUUID();
        postReferrals(refusedReferral(id));
        long deadLetter = deadLetterIdOf(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("intake.dlq", "deadLetterId = " + deadLetter) == 1);
        String younger = "DL-YOUNG-" + UUID.randomUUID();
        postReferrals(refusedReferral(younger));
        long youngDeadLetter = deadLetterIdOf(younger);
        // 31 days ago: past the keep period of 30 days
        jdbc.update("UPDATE dead_letter SET dead_lettered_at = dead_lettered_at - INTERVAL '31' DAY WHERE id = ?", deadLetter);

        camel.getRouteController().stopRoute("dead-letter-retention");
        camel.getRouteController().startRoute("dead-letter-retention");

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT original IS NULL AND original_erased_at IS NOT NULL FROM dead_letter WHERE id = ?", Boolean.class, deadLetter));
        // the row is erased first, its copy on the queue right after
        await().atMost(Duration.ofSeconds(30)).until(() -> countOnQueue("intake.dlq", "deadLetterId = " + deadLetter) == 0);
        JsonNode listed = json.readTree(asCoordinator("GET", "/api/dead-letters/" + deadLetter).body());
        assertThat(listed.path("originalKept").asBoolean()).isFalse();
        assertThat(listed.path("field").asString()).isEqualTo("person.gender");
        assertThat(listed.path("reason").asString()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT original IS NOT NULL FROM dead_letter WHERE id = ?", Boolean.class, youngDeadLetter)).isTrue();
        assertThat(countOnQueue("intake.dlq", "deadLetterId = " + youngDeadLetter)).isEqualTo(1);

        HttpResponse<String> replay = asCoordinator("POST", "/api/dead-letters/" + deadLetter + "/replay");
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(replay.body()).contains("NO_ORIGINAL");
    }

    private double failedTakes(String route) {
        Counter failed = meters.find("intake.route.messages").tag("route", route).tag("outcome", "failed").counter();
        return failed == null ? 0 : failed.count();
    }

    private void sendAsPolice(String body) throws JMSException {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort())
                .createConnection(POLICE_USER, POLICE_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("referrals.police")).send(session.createTextMessage(body));
        }
    }
}
