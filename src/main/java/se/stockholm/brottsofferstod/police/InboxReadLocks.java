package se.stockholm.brottsofferstod.police;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.stockholm.brottsofferstod.intake.InstanceId;
import se.stockholm.brottsofferstod.intake.OutboxRelay;

/**
 * The police file inbox's read locks, shared by every instance that reads the inbox folder: the idempotent
 * repository of the police-file-inbox route's {@code readLock: idempotent-changed}, a row per file being read in
 * {@code file_read_lock}. A file is read by the one instance that got its row; the others skip it until the row is
 * gone (removed when the file has been moved, or when reading it failed, so that it is read again).
 *
 * <p>The same design as Camel's {@code JdbcOrphanLockAwareIdempotentRepository} (camel-sql): the holder writes a
 * heartbeat on its rows while it reads, and a row whose heartbeat is older than the maximum age is an orphan of an
 * instance that died and is taken over. Unlike that class, taking is atomic between instances: a new row goes in
 * under the table's primary key (of two instances inserting at once, one fails and skips the file), an orphan is
 * taken by a conditional update (of two instances taking it at once, the second finds it fresh), a row taken over is
 * kept alive like one inserted, and an instance removes only rows it holds. An instance started again under the same
 * {@code intake.instance-id} after it was killed takes its own old rows back at once.
 */
@Component("inboxReadLocks")
public class InboxReadLocks extends ServiceSupport implements IdempotentRepository {

    static final String LOCK_NAME = "police-inbox";
    private static final Logger log = LoggerFactory.getLogger(InboxReadLocks.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String holder;
    private final Duration maxAge;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "police-inbox-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    InboxReadLocks(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock, InstanceId instance,
                   @Value("${intake.police.inbox-lock.max-age}") Duration maxAge,
                   @Value("${intake.police.inbox-lock.heartbeat}") Duration beat) {
        if (beat.isNegative() || beat.isZero() || beat.compareTo(maxAge) >= 0) {
            throw new IllegalArgumentException("intake.police.inbox-lock.heartbeat must be shorter than its max-age");
        }
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.holder = instance.id();
        this.maxAge = maxAge;
        heartbeat.scheduleWithFixedDelay(this::beat, beat.toMillis(), beat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes the file's lock: true when no instance holds it, or its holder stopped beating (an orphan). */
    @Override
    public boolean add(String file) {
        Instant now = clock.instant();
        List<Lock> locks = jdbc.query("SELECT holder, heartbeat_at FROM file_read_lock WHERE lock_name = ? AND file_key = ?",
                (rs, row) -> new Lock(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()), LOCK_NAME, file);
        if (locks.isEmpty()) {
            try {
                transaction.executeWithoutResult(status -> jdbc.update(
                        "INSERT INTO file_read_lock (lock_name, file_key, holder, heartbeat_at) VALUES (?, ?, ?, ?)",
                        LOCK_NAME, file, holder, OutboxRelay.at(now)));
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                return false;
            }
            held.add(file);
            return true;
        }
        Lock lock = locks.get(0);
        if (lock.holder().equals(holder) && !held.contains(file)) {
            // this instance's own lock from before it was killed and started again under the same intake.instance-id
            return takeOver(file, "held by this instance before it was restarted",
                    "holder = ?", holder);
        }
        Instant orphanedBefore = now.minus(maxAge);
        if (!lock.heartbeatAt().isBefore(orphanedBefore)) {
            return false;
        }
        return takeOver(file, "whose reader stopped (no heartbeat for " + maxAge + ")",
                "heartbeat_at < ?", OutboxRelay.at(orphanedBefore));
    }

    private record Lock(String holder, Instant heartbeatAt) {
    }

    /** Takes the file's lock over if it is still as found (a conditional update: of two instances, one gets it). */
    private boolean takeOver(String file, String why, String stillAsFound, Object found) {
        Integer taken = transaction.execute(status -> jdbc.update(
                "UPDATE file_read_lock SET holder = ?, heartbeat_at = ? WHERE lock_name = ? AND file_key = ? AND " + stillAsFound,
                holder, OutboxRelay.at(clock.instant()), LOCK_NAME, file, found));
        if (taken == null || taken == 0) {
            return false;
        }
        held.add(file);
        log.warn("Police file inbox: took over the read lock of a file {}", why);
        return true;
    }

    /** Whether an instance holds the file's lock (a fresh row). */
    @Override
    public boolean contains(String file) {
        Integer fresh = jdbc.queryForObject("""
                SELECT COUNT(*) FROM file_read_lock WHERE lock_name = ? AND file_key = ? AND heartbeat_at >= ?""",
                Integer.class, LOCK_NAME, file, OutboxRelay.at(clock.instant().minus(maxAge)));
        return fresh != null && fresh > 0;
    }

    /** Releases the file's lock, if this instance still holds it (it may have been taken over after a long pause). */
    @Override
    public boolean remove(String file) {
        held.remove(file);
        return jdbc.update("DELETE FROM file_read_lock WHERE lock_name = ? AND file_key = ? AND holder = ?",
                LOCK_NAME, file, holder) > 0;
    }

    @Override
    public boolean confirm(String file) {
        return true;
    }

    /** Releases every lock this instance holds. */
    @Override
    public void clear() {
        held.clear();
        jdbc.update("DELETE FROM file_read_lock WHERE lock_name = ? AND holder = ?", LOCK_NAME, holder);
    }

    /** Keeps this instance's locks fresh while it reads their files. */
    void beat() {
        if (held.isEmpty()) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (String file : held) {
                int kept = jdbc.update("""
                        UPDATE file_read_lock SET heartbeat_at = ? WHERE lock_name = ? AND file_key = ? AND holder = ?""",
                        OutboxRelay.at(now), LOCK_NAME, file, holder);
                if (kept == 0 && held.remove(file)) {
                    log.warn("Police file inbox: the read lock of a file being read was lost (taken over after {} without"
                            + " a heartbeat)", maxAge);
                }
            }
        } catch (RuntimeException databaseDown) {
            log.warn("Police file inbox: the read locks' heartbeat failed ({}); tried again", databaseDown.getClass().getSimpleName());
        }
    }

    /** After Camel has stopped (no file is being read any more): the heartbeat ends and this instance's locks go. */
    @PreDestroy
    void stopBeating() {
        heartbeat.shutdownNow();
        try {
            clear();
        } catch (RuntimeException databaseGone) {
            log.warn("Police file inbox: could not release the read locks ({}); they become orphans and are taken over",
                    databaseGone.getClass().getSimpleName());
        }
    }
}
