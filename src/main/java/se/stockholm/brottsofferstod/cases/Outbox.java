package se.stockholm.brottsofferstod.cases;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.OutboxRelay;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes case messages to the transactional outbox, in the caller's transaction; {@link CaseDispatcher} sends them:
 * the {@code case-dispatch} relay, or, for the rows of {@link #addToSendNow}, the intake's own thread right after its
 * commit ({@code case-dispatch-now}), the relay only as the fallback.
 */
@Component
class Outbox {

    private static final String INSERT = """
            INSERT INTO case_outbox (message_id, case_reference, queue_name, partner, source, body, created_at, agreement,
                                     urgent, language, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final JsonMapper json;
    private final Duration fallbackAfter;

    Outbox(JdbcTemplate jdbc, JsonMapper json, Clock clock,
           @Value("${intake.dispatch.fallback-after-ms}") long fallbackAfterMillis) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.json = json;
        this.fallbackAfter = Duration.ofMillis(fallbackAfterMillis);
    }

    /** Rows with the message as their body, due for the relay at once. */
    void add(List<CaseMessage> messages) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate(INSERT, messages.stream().map(m -> new Object[] {UUID.randomUUID().toString(), m.caseReference(),
                RoutingDecision.queueOf(m.routing().partner()), m.routing().partner(), m.source().name(),
                json.writeValueAsString(m), now, m.routing().agreement(), m.isUrgent(), m.language(), null}).toList());
    }

    /**
     * Lean rows for messages of cases opened in this transaction that the caller sends itself right after its commit
     * ({@link CaseDispatcher#sendNow}): no body (the relay builds the message from the case row if it ever has to send
     * one), and due for the relay only after {@code intake.dispatch.fallback-after-ms}, so that it does not race the
     * caller for them. Answers the rows with their ids and their messages, for the send.
     */
    List<CaseOutboxRow> addToSendNow(List<CaseMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Timestamp now = Timestamp.from(clock.instant());
        Object due = OutboxRelay.at(clock.instant().plus(fallbackAfter));
        List<String> ids = messages.stream().map(m -> UUID.randomUUID().toString()).toList();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(connection -> connection.prepareStatement(INSERT, new String[] {"id"}),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        CaseMessage m = messages.get(i);
                        ps.setString(1, ids.get(i));
                        ps.setString(2, m.caseReference());
                        ps.setString(3, RoutingDecision.queueOf(m.routing().partner()));
                        ps.setString(4, m.routing().partner());
                        ps.setString(5, m.source().name());
                        ps.setString(6, null);
                        ps.setTimestamp(7, now);
                        ps.setString(8, m.routing().agreement());
                        ps.setBoolean(9, m.isUrgent());
                        ps.setString(10, m.language());
                        ps.setObject(11, due);
                    }

                    @Override
                    public int getBatchSize() {
                        return messages.size();
                    }
                }, keys);
        List<Map<String, Object>> generated = keys.getKeyList();
        if (generated.size() != messages.size()) {
            throw new IllegalStateException("the database gave " + generated.size() + " ids for " + messages.size() + " outbox rows");
        }
        List<CaseOutboxRow> rows = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            CaseMessage m = messages.get(i);
            long id = ((Number) generated.get(i).values().iterator().next()).longValue();
            rows.add(new CaseOutboxRow(id, ids.get(i), m.caseReference(), m.routing().partner(), m.source().name(),
                    json.writeValueAsString(m), m.routing().agreement(), m.isUrgent(), m.language(), 0));
        }
        return rows;
    }
}
