package se.stockholm.brottsofferstod.cases;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import se.stockholm.brottsofferstod.intake.PersonalDataErased;
import se.stockholm.brottsofferstod.intake.QueueWithdrawal;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.routing.Router;

/**
 * What an erased case leaves nowhere else: its follow-ups' texts, its links' free-text reasons, the replies sent about
 * it (with their keys and Message-IDs), and its messages still waiting on a queue. Also finds the open cases that
 * have been idle so long that they are erased like closed ones.
 */
@Component
class CaseErasure {

    private static final Logger log = LoggerFactory.getLogger(CaseErasure.class);
    private static final int SELECTOR_BLOCK = 200;

    private final JdbcTemplate jdbc;
    private final QueueWithdrawal withdrawal;
    private final List<String> caseQueues;
    private final Duration idleMax;

    private final ApplicationEventPublisher events;

    CaseErasure(JdbcTemplate jdbc, QueueWithdrawal withdrawal, Router router,
                @Value("${intake.retention.open-case-idle-max}") Duration idleMax, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.withdrawal = withdrawal;
        this.caseQueues = router.partners().caseQueues();
        this.idleMax = idleMax;
    }

    /** Open cases with nothing recorded on them (no history entry) since the idle maximum, nor received since. */
    List<Long> idleOpenCases(Instant now) {
        Timestamp before = Timestamp.from(now.minus(idleMax));
        return jdbc.queryForList("""
                SELECT c.id FROM support_case c
                WHERE c.status <> 'CLOSED' AND c.personal_data_erased_at IS NULL AND c.received_at < ?
                  AND NOT EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = c.id AND h.occurred_at >= ?)""",
                Long.class, before, before);
    }

    /** In the caller's transaction: the texts and keys kept beside the case row, and its messages not yet sent. */
    void eraseAround(SupportCase c) {
        jdbc.update("UPDATE case_message SET text = NULL, external_id = NULL WHERE case_id = ?", c.getId());
        jdbc.update("UPDATE case_link SET reason = NULL WHERE case_id = ?", c.getId());
        jdbc.update("DELETE FROM email_reply WHERE case_reference = ?", c.getCaseReference());
        // its messages not sent yet are not sent at all: one sent after the erasure would put the person's data back
        // on a queue (a row the relay holds just now is waited for, and its message is withdrawn with the others)
        jdbc.update("DELETE FROM case_outbox WHERE case_reference = ?", c.getCaseReference());
    }

    /** Takes the cases' messages off every case queue (after erasure nothing of them may wait on the broker). */
    void withdrawEverywhere(List<String> caseReferences) {
        withdraw(caseReferences, caseQueues);
        if (!caseReferences.isEmpty()) {
            // also the bytes of the cases' messages consumed earlier (assigned triage cases, partners' deliveries)
            events.publishEvent(new PersonalDataErased(caseReferences.size(), "erasing the personal data of cases"));
        }
    }

    /** Takes the case's messages off the triage and outside-area queues, which only the coordinator browses. */
    void withdrawFromCoordinatorQueues(String caseReference) {
        withdraw(List.of(caseReference), List.of(RoutingDecision.queueOf(RoutingDecision.TRIAGE),
                RoutingDecision.queueOf(RoutingDecision.OUTSIDE_AREA)));
    }

    /** A selector per block of references, so that a retention run over many cases costs a few receives per queue. */
    private void withdraw(List<String> caseReferences, List<String> queues) {
        List<String> valid = caseReferences.stream().filter(r -> r != null && r.matches("BO-\\d{4}-\\d{6}")).toList();
        int withdrawn = 0;
        for (int from = 0; from < valid.size(); from += SELECTOR_BLOCK) {
            String selector = "caseReference IN ('" + String.join("', '",
                    valid.subList(from, Math.min(valid.size(), from + SELECTOR_BLOCK))) + "')";
            for (String queue : queues) {
                withdrawn += withdrawal.withdraw(queue, selector);
            }
        }
        if (withdrawn > 0) {
            log.info("{} queued messages of {} cases withdrawn", withdrawn, valid.size());
        }
    }
}
