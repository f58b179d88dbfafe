package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import se.stockholm.brottsofferstod.intake.InstanceId;
import se.stockholm.brottsofferstod.support.TestClock;
import se.stockholm.brottsofferstod.support.TestDatabase;

/**
 * The inbox's read locks as two instances race for them on one database (H2, and PostgreSQL in the second pass): a
 * file is taken by one of them however they interleave, also an orphan both take over at once; a holder's heartbeat
 * keeps its lock; only the holder releases it.
 */
@Tag(TestDatabase.TAG)
class InboxReadLocksTests {

    private static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final TestClock clock = new TestClock();
    private final List<InboxReadLocks> instances = new ArrayList<>();
    private JdbcTemplate jdbc;
    private DataSource db;

    @BeforeEach
    void migrate() {
        db = TestDatabase.newDatabase("readlocks");
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = new JdbcTemplate(db);
    }

    @AfterEach
    void stop() {
        instances.forEach(InboxReadLocks::stopBeating);
    }

    private InboxReadLocks instance(String id) {
        InboxReadLocks locks = new InboxReadLocks(jdbc, new DataSourceTransactionManager(db), clock, new InstanceId(id), MAX_AGE,
                Duration.ofSeconds(10));
        instances.add(locks);
        return locks;
    }

    @Test
    void twoInstancesTakingTheSameFilesAtOnceGetEachFileOnce() throws Exception {
        Map<String, AtomicInteger> taken = race(List.of(instance("one"), instance("two")), files(200));

        assertThat(taken).hasSize(200);
        assertThat(taken.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }

    @Test
    void anOrphanThatTwoInstancesTakeOverAtOnceGoesToOneOfThem() throws Exception {
        List<String> files = files(200);
        // the locks of an instance killed while it read these files: they stay as its last heartbeat left them
        jdbc.batchUpdate("INSERT INTO file_read_lock (lock_name, file_key, holder, heartbeat_at) VALUES (?, ?, 'killed', ?)",
                files.stream().map(file -> new Object[] {InboxReadLocks.LOCK_NAME, file,
                        se.stockholm.brottsofferstod.intake.OutboxRelay.at(clock.instant())}).toList());

        assertThat(race(List.of(instance("one"), instance("two")), files)).as("fresh: nobody takes them").isEmpty();
        clock.advance(MAX_AGE.plusSeconds(1));
        Map<String, AtomicInteger> taken = race(List.of(instance("three"), instance("four")), files);

        assertThat(taken).hasSize(200);
        assertThat(taken.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM file_read_lock WHERE holder IN ('three', 'four')", Integer.class))
                .isEqualTo(200);
    }

    @Test
    void theHoldersHeartbeatKeepsItsLockAndOnlyTheHolderReleasesIt() {
        InboxReadLocks one = instance("one");
        InboxReadLocks two = instance("two");
        assertThat(one.add("a.ndjson")).isTrue();

        clock.advance(MAX_AGE.minusSeconds(10));
        one.beat();
        clock.advance(MAX_AGE.minusSeconds(10));
        assertThat(two.add("a.ndjson")).as("kept fresh by the heartbeat").isFalse();
        assertThat(two.remove("a.ndjson")).as("not the holder").isFalse();
        assertThat(one.contains("a.ndjson")).isTrue();

        assertThat(one.remove("a.ndjson")).isTrue();
        assertThat(two.add("a.ndjson")).as("released").isTrue();
    }

    @Test
    void anInstanceStartedAgainUnderTheSameIdTakesItsOwnOldLocksBackAtOnce() {
        InboxReadLocks before = instance("stable-id");
        assertThat(before.add("b.ndjson")).isTrue();
        // killed: no release, no more heartbeats; started again under the same id
        InboxReadLocks after = instance("stable-id");

        assertThat(instance("other").add("b.ndjson")).as("fresh: another instance waits").isFalse();
        assertThat(after.add("b.ndjson")).as("its own lock from before the restart").isTrue();
    }

    private static List<String> files(int count) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add("referrals-" + i + ".ndjson");
        }
        return files;
    }

    /** Each instance tries every file, on 8 threads, in a shuffled order; how often each file was taken. */
    private static Map<String, AtomicInteger> race(List<InboxReadLocks> racers, List<String> files) throws Exception {
        List<Callable<Void>> tries = new ArrayList<>();
        Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
        for (InboxReadLocks racer : racers) {
            for (String file : files) {
                tries.add(() -> {
                    if (racer.add(file)) {
                        taken.computeIfAbsent(file, f -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                });
            }
        }
        Collections.shuffle(tries);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (Future<Void> attempt : threads.invokeAll(tries)) {
                attempt.get();
            }
        } finally {
            threads.shutdown();
        }
        return taken;
    }
}
