package se.stockholm.brottsofferstod.cases;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.jms.DeliveryMode;

import org.apache.camel.ExchangeException;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import se.stockholm.brottsofferstod.intake.OutboxRelay;

/**
 * The case outbox's side of its relay, the {@code case-dispatch} route (transactional outbox, guaranteed delivery):
 * claims a block of case messages, which the route sends to the partners' queues in one JMS transaction, and
 * deletes them once that is committed. A block that cannot be sent waits and is tried again, never given up.
 */
@Service
public class CaseDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CaseDispatcher.class);
    private static final int BLOCK = 500;
    /** Artemis's duplicate-detection property. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final OutboxRelay outbox;

    CaseDispatcher(JdbcTemplate jdbc, Clock clock) {
        this.outbox = new OutboxRelay(jdbc, clock, "case_outbox", "(next_attempt_at IS NULL OR next_attempt_at <= ?)");
    }

    /** Claims the next block of case messages, in the relay's transaction. */
    public List<CaseOutboxRow> claim() {
        return outbox.claim("id, message_id, case_reference, partner, source, body, agreement, urgent, language, attempts",
                BLOCK, (rs, i) -> new CaseOutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.getInt(10)));
    }

    /**
     * The queue message of one outbox row (the case-dispatch-send route's step before its JMS producer): the case as
     * the body; as JMS properties caseReference, partner, source, agreement, urgent, language (when known) and the
     * broker's duplicate-detection id {@code _AMQ_DUPL_ID} (the row's message id); priority 9 when urgent, 4
     * otherwise; persistent. Nothing else goes along.
     */
    public void message(Message message) {
        CaseOutboxRow row = message.getBody(CaseOutboxRow.class);
        Map<String, Object> headers = message.getHeaders();
        headers.clear();
        headers.put("caseReference", row.caseReference());
        headers.put("partner", row.partner());
        headers.put("source", row.source());
        headers.put("agreement", row.agreement());
        headers.put("urgent", row.urgent());
        if (row.language() != null) {
            headers.put("language", row.language());
        }
        headers.put(DUPLICATE_ID, row.messageId());
        headers.put("JMSPriority", row.priority());
        headers.put("JMSDeliveryMode", DeliveryMode.PERSISTENT);
        message.setBody(row.body());
    }

    /** A block the broker refused as holding a repeat is sent again one message at a time. */
    public List<List<CaseOutboxRow>> oneByOne(List<CaseOutboxRow> block) {
        log.warn("A block of {} case messages held a message the broker had already (a repeat after a restart): "
                + "sent again one at a time", block.size());
        return block.stream().map(List::of).toList();
    }

    /** The block went out (its JMS transaction is committed): its rows go. */
    public void sent(@ExchangeProperty("outboxRows") List<CaseOutboxRow> block) {
        outbox.delete(block.stream().map(CaseOutboxRow::id).toList());
        log.debug("Dispatched {} case messages", block.size());
    }

    /** The block could not be sent: it waits and is tried again. */
    public void failed(@ExchangeProperty("outboxRows") List<CaseOutboxRow> block, @ExchangeException Exception e) {
        for (CaseOutboxRow row : block) {
            outbox.retryLater(row.id(), row.attempts() + 1, FIRST_RETRY, LAST_RETRY);
        }
        log.warn("{} case messages not sent ({}); tried again later", block.size(), e == null ? "?" : e.getClass().getSimpleName());
    }
}
