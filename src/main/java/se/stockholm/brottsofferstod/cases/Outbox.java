package se.stockholm.brottsofferstod.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.routing.RoutingDecision;
import tools.jackson.databind.json.JsonMapper;

/** Writes case messages to the transactional outbox, in the caller's transaction; {@link CaseDispatcher} sends them. */
@Component
class Outbox {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final JsonMapper json;

    Outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
    }

    void add(List<CaseMessage> messages) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate("""
                INSERT INTO case_outbox (message_id, case_reference, queue_name, partner, source, body, created_at, agreement,
                                         urgent, language)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                messages.stream().map(m -> new Object[] {UUID.randomUUID().toString(), m.caseReference(), RoutingDecision.queueOf(m.routing().partner()),
                        m.routing().partner(), m.source().name(), json.writeValueAsString(m), now,
                        m.routing().agreement(), m.isUrgent(), m.language()}).toList());
    }
}
