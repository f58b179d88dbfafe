package se.stockholm.brottsofferstod.cases;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.jms.DeliveryMode;

import org.apache.camel.ExchangeException;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
    private final OpenedCaseMessages opened;
    private final ProducerTemplate routes;
    /** Whether an intake sends its cases' messages right after its commit (else the relay sends them all). */
    private final boolean atOnce;

    CaseDispatcher(JdbcTemplate jdbc, Clock clock, OpenedCaseMessages opened, ProducerTemplate routes,
                   @Value("${intake.dispatch.at-once:true}") boolean atOnce) {
        this.outbox = new OutboxRelay(jdbc, clock, "case_outbox", "(next_attempt_at IS NULL OR next_attempt_at <= ?)");
        this.opened = opened;
        this.routes = routes;
        this.atOnce = atOnce;
    }

    /**
     * Claims the next block of case messages, in the relay's transaction. A row without a body (a case opened by an
     * intake that sends its own messages, whose send did not happen) gets the message built from its case row.
     */
    public List<CaseOutboxRow> claim() {
        return opened.withMessages(outbox.claim("id, message_id, case_reference, partner, source, body, agreement, urgent, language, attempts",
                BLOCK, (rs, i) -> new CaseOutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.getInt(10))),
                gone -> {
                    log.warn("Case {} of an outbox message is no longer stored: its message is not sent", gone.caseReference());
                    outbox.delete(List.of(gone.id()));
                });
    }

    /**
     * Sends the messages of cases the caller has just committed, from its own thread (the {@code case-dispatch-now}
     * route): the rows the relay of this or another instance holds are left to it, the rest go in one JMS transaction
     * and their rows are deleted. A send that fails leaves the rows to the relay ({@code intake.dispatch.fallback-after-ms}).
     */
    void sendNow(List<CaseOutboxRow> rows) {
        if (rows.isEmpty() || !atOnce) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // within a caller's transaction the rows are not committed yet: they are left to the relay
            log.warn("{} case messages left to the relay: sent at once only after their commit, not within a transaction",
                    rows.size());
            return;
        }
        try {
            // not waiting for the route when it is stopped (a shutdown under way): the relay sends the rows then
            routes.sendBody("direct:case-dispatch-now?block=false", rows);
        } catch (RuntimeException e) {
            // the cases are stored and their rows wait in the outbox: the relay sends them
            log.warn("{} case messages not sent at once ({}): the relay sends them", rows.size(), e.getClass().getSimpleName());
        }
    }

    /** Of the rows the caller has just written, those no relay holds, locked for their send (case-dispatch-now). */
    public List<CaseOutboxRow> claimJustWritten(List<CaseOutboxRow> rows) {
        Set<Long> held = new HashSet<>(outbox.claimIds(rows.stream().map(CaseOutboxRow::id).toList()));
        return held.size() == rows.size() ? rows : rows.stream().filter(r -> held.contains(r.id())).toList();
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
