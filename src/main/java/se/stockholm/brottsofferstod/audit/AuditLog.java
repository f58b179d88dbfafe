package se.stockholm.brottsofferstod.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import se.stockholm.brottsofferstod.security.Actor;
import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * Append-only record of who read or changed which case, when, and with what outcome; never the content.
 * Written in its own transaction, so a refused or failed operation is recorded too.
 */
@Service
public class AuditLog {


    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    AuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Entry(OffsetDateTime at, String username, String role, String operation, String caseReference, String outcome) {
    }

    public void record(Actor actor, String operation, String caseReference, String outcome) {
        ownTransaction.executeWithoutResult(status -> jdbc.update("""
                INSERT INTO audit_entry (occurred_at, username, user_role, operation, case_reference, outcome)
                VALUES (?, ?, ?, ?, ?, ?)""", Timestamp.from(clock.instant()), actor.username(), actor.role().name(), operation,
                caseReference, outcome));
    }

    public List<Entry> of(String caseReference) {
        return jdbc.query("""
                SELECT occurred_at, username, user_role, operation, case_reference, outcome FROM audit_entry
                WHERE case_reference = ? ORDER BY id""", (rs, i) -> new Entry(
                rs.getTimestamp(1).toInstant().atZone(Stockholm.ZONE).toOffsetDateTime(), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)), caseReference);
    }
}
