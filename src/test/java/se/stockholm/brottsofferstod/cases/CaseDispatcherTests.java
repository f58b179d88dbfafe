package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;

/** The outbox relay: a message the broker already holds (a repeat after a crash) never blocks the others. */
class CaseDispatcherTests extends IntakeIntegrationTest {

    private void addToOutbox(String messageId, String caseReference) {
        jdbc.update("""
                INSERT INTO case_outbox (message_id, case_reference, queue_name, partner, source, body, created_at)
                VALUES (?, ?, 'cases.triage', 'triage', 'POLICE', '{}', ?)""", messageId, caseReference, Timestamp.from(Instant.now()));
    }

    private int outboxRows(String caseReference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM case_outbox WHERE case_reference = ?", Integer.class, caseReference);
    }

    @Test
    void repeatedMessageIsDroppedAndTheRestOfTheBlockStillGoesOut() {
        String repeated = "BO-TEST-" + Examples.unique();
        String fresh = "BO-TEST-" + Examples.unique();
        String messageId = UUID.randomUUID().toString();
        addToOutbox(messageId, repeated);
        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("cases.triage", "caseReference = '" + repeated + "'") == 1);

        addToOutbox(messageId, repeated);
        addToOutbox(UUID.randomUUID().toString(), fresh);

        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("cases.triage", "caseReference = '" + fresh + "'") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(repeated) == 0 && outboxRows(fresh) == 0);
        assertThat(countOnQueue("cases.triage", "caseReference = '" + repeated + "'")).isEqualTo(1);
    }
}
