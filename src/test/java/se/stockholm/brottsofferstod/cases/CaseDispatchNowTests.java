package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.jms.TextMessage;

import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A case opened over police REST is on its partner's queue before the answer: the intake's thread sends it right after
 * its commit and deletes its outbox row. A row left without a body (that send did not happen) is sent by the relay with
 * the message built from the case row, the same message.
 */
class CaseDispatchNowTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String QUEUE = "cases.boj-sodra-stockholm";

    private String openAdultCase() {
        String id = "PM-NOW-" + Examples.unique();
        HttpResponse<String> response = postReferrals(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id));
        assertThat(response.statusCode()).isEqualTo(202);
        return JSON.readTree(response.body()).get("results").get(0).get("caseReference").asString();
    }

    private int outboxRows(String caseReference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM case_outbox WHERE case_reference = ?", Integer.class, caseReference);
    }

    private List<String> queuedBodies(String caseReference) {
        return new JmsTemplate(connectionFactory).browseSelected(QUEUE, "caseReference = '" + caseReference + "'", (session, browser) -> {
            List<String> bodies = new ArrayList<>();
            for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
                bodies.add(((TextMessage) e.nextElement()).getText());
            }
            return bodies;
        });
    }

    @Test
    void theCaseIsOnItsQueueWhenTheAnswerComesAndItsOutboxRowIsGone() {
        String reference = openAdultCase();

        assertThat(countOnQueue(QUEUE, "caseReference = '" + reference + "'")).isEqualTo(1);
        assertThat(outboxRows(reference)).isZero();
    }

    @Test
    void aRowWithoutItsMessageIsSentByTheRelayBuiltFromTheCaseRow() {
        String reference = openAdultCase();
        String sentAtOnce = queuedBodies(reference).get(0);

        jdbc.update("""
                INSERT INTO case_outbox (message_id, case_reference, queue_name, partner, source, body, created_at)
                VALUES (?, ?, ?, 'boj-sodra-stockholm', 'POLICE', NULL, ?)""", UUID.randomUUID().toString(), reference, QUEUE,
                Timestamp.from(Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> queuedBodies(reference).size() == 2 && outboxRows(reference) == 0);
        List<String> bodies = queuedBodies(reference);
        String fromRow = bodies.get(0).equals(sentAtOnce) ? bodies.get(1) : bodies.get(0);
        assertThat(comparable(fromRow)).isEqualTo(comparable(sentAtOnce));
        assertThat(Duration.between(receivedAt(sentAtOnce), receivedAt(fromRow)).abs()).isLessThanOrEqualTo(Duration.ofNanos(1000));
    }

    private static Instant receivedAt(String body) {
        return Instant.parse(JSON.readTree(body).get("receivedAt").asString());
    }

    /**
     * The message with its times as instants (the case row keeps them in UTC, the referral had +01:00), without the
     * time of receipt (the database keeps it to the microsecond, rounded or cut as the database does: compared apart).
     */
    private static JsonNode comparable(String body) {
        ObjectNode message = (ObjectNode) JSON.readTree(body);
        message.remove("receivedAt");
        ObjectNode consent = (ObjectNode) message.get("consent");
        consent.put("recordedAt", OffsetDateTime.parse(consent.get("recordedAt").asString()).toInstant().toString());
        ObjectNode police = (ObjectNode) message.get("police");
        police.put("sentAt", OffsetDateTime.parse(police.get("sentAt").asString()).toInstant().toString());
        return message;
    }
}
