package se.stockholm.brottsofferstod.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One instance at a time runs each scheduled job (retention, reminders, stalled SMS, statistics refresh, ...): the
 * instance that holds the job's lease in the database ({@code job_lease}). A job's timer route asks
 * {@code jobLease.take('job', period)} in a filter before the job and again after it: the holder renews its lease
 * for a period and a margin from then on, so it keeps the job while it runs it; any other instance finds the
 * lease held and skips its tick. When the holder dies its lease runs out, a period and the margin after its last
 * run, and the next instance whose timer fires takes the job over. On a graceful stop the holder gives its leases up
 * at once. The outbox relays need no lease: their rows are claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}.
 */
@Component("jobLease")
public class JobLease {

    private static final Logger log = LoggerFactory.getLogger(JobLease.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String holder;
    private final Duration margin;

    JobLease(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock, InstanceId instance,
             @Value("${intake.jobs.lease-margin}") Duration margin) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.holder = instance.id();
        this.margin = margin;
    }

    /**
     * Whether this instance runs the job now: true when it holds the job's lease or the lease is free (never taken,
     * or run out), and then the lease is this instance's until {@code periodMillis} and the margin from now.
     */
    public boolean take(String job, long periodMillis) {
        Instant now = clock.instant();
        Instant until = now.plusMillis(periodMillis).plus(margin);
        Integer renewed = transaction.execute(status -> jdbc.update("""
                UPDATE job_lease SET holder = ?, lease_until = ?
                WHERE job_name = ? AND (holder = ? OR lease_until < ?)""",
                holder, OutboxRelay.at(until), job, holder, OutboxRelay.at(now)));
        if (renewed != null && renewed == 1) {
            return true;
        }
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM job_lease WHERE job_name = ?", Integer.class, job);
        if (known != null && known > 0) {
            log.debug("Job {} skipped: another instance holds its lease", job);
            return false;
        }
        try {
            transaction.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO job_lease (job_name, holder, lease_until) VALUES (?, ?, ?)", job, holder, OutboxRelay.at(until)));
            return true;
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            return false;
        }
    }

    /** The instance that holds the job's lease now, if any. */
    public java.util.Optional<String> holderOf(String job) {
        return jdbc.query("SELECT holder FROM job_lease WHERE job_name = ? AND lease_until >= ?",
                (rs, row) -> rs.getString(1), job, OutboxRelay.at(clock.instant())).stream().findFirst();
    }

    /** On a graceful stop (after Camel has stopped the timers) the leases go at once to whichever instance comes next. */
    @PreDestroy
    void giveUp() {
        try {
            int given = jdbc.update("UPDATE job_lease SET lease_until = ? WHERE holder = ?",
                    OutboxRelay.at(clock.instant().minusMillis(1)), holder);
            if (given > 0) {
                log.info("Gave up the leases of {} scheduled jobs", given);
            }
        } catch (RuntimeException databaseGone) {
            log.warn("Could not give up the scheduled jobs' leases ({}): they run out by themselves",
                    databaseGone.getClass().getSimpleName());
        }
    }
}
