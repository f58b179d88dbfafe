package se.stockholm.brottsofferstod.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.camel.CamelContext;
import org.apache.camel.processor.FilterProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import se.stockholm.brottsofferstod.intake.InstanceId;
import se.stockholm.brottsofferstod.intake.JobLease;
import se.stockholm.brottsofferstod.intake.OutboxRelay;
import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import se.stockholm.brottsofferstod.support.CompletedExchanges;
import se.stockholm.brottsofferstod.support.OwnContext;
import se.stockholm.brottsofferstod.support.SecondInstance;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two instances of the service share the work, as production runs them (issue 13): one database, one broker, one
 * police inbox folder. The first is this class's own service; the second is started beside it on the same database
 * (the same H2 file, or the same PostgreSQL database in the build's second pass), the first's broker and the same
 * data folder. A batch of inbox files split over both makes one case and one queue message per referral; a file
 * whose reader died is taken over once its lock's heartbeat is too old; a scheduled job runs on one of them at a
 * time; and when one stops in the middle of a batch, the other sends what it had stored.
 */
@OwnContext
@TestPropertySource(properties = {"intake.instance-id=first", "intake.police.inbox-check-period-ms=200"})
class TwoInstancesTests extends IntakeIntegrationTest {

    private static final String QUEUE = "cases.boj-sodra-stockholm";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CASE_REFERENCE = Pattern.compile("\"caseReference\"\\s*:\\s*\"([^\"]+)\"");
    private static ConfigurableApplicationContext second;

    @Autowired
    private CamelContext camel;

    @Autowired
    private ConfigurableApplicationContext first;

    @Autowired
    private JobLease jobLease;

    @AfterAll
    static void stopTheSecond() {
        if (second != null) {
            second.close();
        }
    }

    private ConfigurableApplicationContext second() {
        if (second == null || !second.isActive()) {
            second = SecondInstance.start(TwoInstancesTests.class, first, "second",
                    Map.of("intake.police.inbox-check-period-ms", "200"));
        }
        return second;
    }

    @Test
    void aBatchOfFilesSplitOverBothInstancesMakesOneCaseAndOneQueueMessagePerReferral() throws Exception {
        CamelContext other = second().getBean(CamelContext.class);
        AtomicInteger byFirst = CompletedExchanges.of(camel, "police-file-inbox");
        AtomicInteger bySecond = CompletedExchanges.of(other, "police-file-inbox");
        String prefix = "TWO-" + Examples.unique();

        List<String> files = dropBatch(prefix, 16, 25);

        awaitDone(files);
        Map<String, String> referenceById = awaitCases(prefix, 16 * 25);
        Map<String, Integer> queued = drainQueue(referenceById.values());
        System.out.printf("two instances: %d files read by the first, %d by the second%n", byFirst.get(), bySecond.get());
        assertThat(byFirst.get() + bySecond.get()).as("each file read once").isEqualTo(files.size());
        assertThat(byFirst.get()).as("files read by the first").isPositive();
        assertThat(bySecond.get()).as("files read by the second").isPositive();
        assertThat(queued).as("one queue message per case").hasSize(16 * 25);
        assertThat(queued.values()).containsOnly(1);
    }

    @Test
    void aFileWhoseReaderDiedIsTakenOverOnlyOnceItsLockIsOlderThanTheMaximumAge() throws Exception {
        second();
        String prefix = "ORPHAN-" + Examples.unique();
        String name = prefix + ".ndjson";
        // an instance that died (SIGKILL) while it read this file: its lock stays, with its last heartbeat
        jdbc.update("INSERT INTO file_read_lock (lock_name, file_key, holder, heartbeat_at) VALUES ('police-inbox', ?, ?, ?)",
                name, "a-killed-instance", OutboxRelay.at(clock.instant()));

        drop(name, referrals(prefix, 3));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox().resolve(name)));
        assertThat(casesStartingWith(prefix)).isZero();

        clock.advance(environment.getRequiredProperty("intake.police.inbox-lock.max-age", Duration.class).plusSeconds(1));

        awaitDone(List.of(name));
        assertThat(awaitCases(prefix, 3)).hasSize(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM file_read_lock WHERE file_key = ?", Integer.class, name) == 0);
    }

    @Test
    void aJobLeaseHeldByOneInstanceIsNotTakenByTheOtherUntilItRunsOut() {
        JobLease other = second().getBean(JobLease.class);
        String job = "test-job-" + Examples.unique();
        Duration margin = environment.getRequiredProperty("intake.jobs.lease-margin", Duration.class);

        assertThat(jobLease.take(job, 60_000)).as("free: the first takes it").isTrue();
        assertThat(other.take(job, 60_000)).as("held by the first").isFalse();
        clock.advance(Duration.ofSeconds(50));
        assertThat(jobLease.take(job, 60_000)).as("the holder renews it").isTrue();
        clock.advance(Duration.ofSeconds(60).plus(margin).minusSeconds(1));
        assertThat(other.take(job, 60_000)).as("renewed: still the first's").isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(other.take(job, 60_000)).as("run out: the second takes it").isTrue();
        assertThat(jobLease.take(job, 60_000)).as("now the second's").isFalse();
        assertThat(jobLease.holderOf(job)).contains(second().getBean(InstanceId.class).id());
    }

    @Test
    void aScheduledJobRunsOnOneInstanceAtATime() {
        CamelContext other = second().getBean(CamelContext.class);
        String job = "police-inbox-retention";
        long firstBefore = jobRuns(camel, job);
        long secondBefore = jobRuns(other, job);

        // its timer fires every 200 ms on both
        await().atMost(Duration.ofSeconds(20)).until(() -> jobRuns(camel, job) - firstBefore + jobRuns(other, job) - secondBefore >= 10);

        long byFirst = jobRuns(camel, job) - firstBefore;
        long bySecond = jobRuns(other, job) - secondBefore;
        System.out.printf("%s ran %d times on the first, %d on the second%n", job, byFirst, bySecond);
        assertThat(byFirst == 0 || bySecond == 0).as("run on one instance only").isTrue();
    }

    @Test
    void everySingletonTimerRouteRunsItsJobUnderItsLease() throws IOException {
        List<String> perInstance = List.of("case-dispatch", "email-replies", "sms-outgoing", "operations-metrics");
        List<Path> timers;
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            timers = routes.filter(route -> read(route).contains("uri: timer:")).sorted().toList();
        }
        assertThat(timers).hasSizeGreaterThan(perInstance.size());
        for (Path route : timers) {
            String id = route.getFileName().toString().replace(".camel.yaml", "");
            if (!perInstance.contains(id)) {
                assertThat(read(route)).as(id).contains("ref: jobLease").contains("take('" + id + "'");
            }
        }
    }

    /** Enough files that the stopping instance is still reading when it stops, also on a fast database. */
    private static final int STOP_BATCH_FILES = 40;

    @Test
    void whenOneInstanceStopsMidBatchTheOtherTakesTheRestAndSendsWhatItHadStored() throws Exception {
        ConfigurableApplicationContext stopping = second();
        CamelContext other = stopping.getBean(CamelContext.class);
        AtomicInteger bySecond = CompletedExchanges.of(other, "police-file-inbox");
        // for now only the second reads the inbox, and neither sends (neither the relay nor the intake's send right
        // after its commit): what the second stores stays in the outbox
        camel.getRouteController().stopRoute("police-file-inbox");
        camel.getRouteController().stopRoute("case-dispatch");
        other.getRouteController().stopRoute("case-dispatch");
        other.getRouteController().stopRoute("case-dispatch-now");
        String prefix = "STOP-" + Examples.unique();
        List<String> files;
        try {
            files = dropBatch(prefix, STOP_BATCH_FILES, 25);

            await().atMost(Duration.ofSeconds(60)).until(() -> bySecond.get() >= 2);
            stopping.close();
            int storedNotSent = jdbc.queryForObject("SELECT COUNT(*) FROM case_outbox", Integer.class);
            assertThat(storedNotSent).as("stored by the stopped instance, not sent").isEqualTo(casesStartingWith(prefix))
                    .isGreaterThanOrEqualTo(2 * 25).isLessThan(STOP_BATCH_FILES * 25);
        } finally {
            camel.getRouteController().startRoute("case-dispatch");
            camel.getRouteController().startRoute("police-file-inbox");
        }
        awaitDone(files);
        Map<String, String> referenceById = awaitCases(prefix, STOP_BATCH_FILES * 25);
        Map<String, Integer> queued = drainQueue(referenceById.values());
        assertThat(queued).as("one queue message per case").hasSize(STOP_BATCH_FILES * 25);
        assertThat(queued.values()).containsOnly(1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs of the job on this instance so far: the ticks that passed its lease filter. */
    private static long jobRuns(CamelContext context, String job) {
        return context.getProcessor(job + "-lease", FilterProcessor.class).getFilteredCount();
    }

    private Path inbox() {
        return Path.of(environment.getRequiredProperty("intake.police.inbox"));
    }

    /** NDJSON of adults in Farsta with consent (each a case on cases.boj-sodra-stockholm), ids prefix-0, prefix-1, ... */
    private static String referrals(String prefix, int count) {
        ObjectNode referral = (ObjectNode) JSON.readTree(Examples.read(Examples.ADULT));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            referral.put("referralId", prefix + "-" + i);
            lines.append(JSON.writeValueAsString(referral)).append('\n');
        }
        return lines.toString();
    }

    private List<String> dropBatch(String prefix, int files, int perFile) throws IOException {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            String name = prefix + "-f" + f + ".ndjson";
            drop(name, referrals(prefix + "-f" + f, perFile));
            names.add(name);
        }
        return names;
    }

    /** Drops a file the way a sender should: written under another name, then renamed into place. */
    private void drop(String name, String content) throws IOException {
        Files.createDirectories(inbox());
        Path temporary = inbox().resolve("." + name + ".part");
        Files.writeString(temporary, content);
        Files.move(temporary, inbox().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitDone(List<String> names) {
        await().atMost(Duration.ofSeconds(120)).until(() -> names.stream().allMatch(name ->
                Files.exists(inbox().resolve(".done").resolve(name)) && !Files.exists(inbox().resolve(name))));
    }

    private int casesStartingWith(String prefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE external_id LIKE ?", Integer.class, prefix + "%");
    }

    /** Waits for the cases of the referrals whose ids start with the prefix; each id must have exactly one. */
    private Map<String, String> awaitCases(String prefix, int count) {
        await().atMost(Duration.ofSeconds(120)).until(() -> casesStartingWith(prefix) >= count);
        Map<String, String> referenceById = new HashMap<>();
        jdbc.query("SELECT external_id, case_reference FROM support_case WHERE external_id LIKE ?", rs -> {
            assertThat(referenceById.put(rs.getString(1), rs.getString(2))).as("a second case for " + rs.getString(1)).isNull();
        }, prefix + "%");
        assertThat(referenceById).hasSize(count);
        return referenceById;
    }

    /**
     * Once the outbox is empty, consumes every message on the partner's queue and counts those of these cases, by
     * their caseReference property (a browser's enumeration may end early; consuming does not).
     */
    private Map<String, Integer> drainQueue(java.util.Collection<String> references) throws Exception {
        await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM case_outbox", Integer.class) == 0);
        Map<String, Integer> counted = new HashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>(references);
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE))) {
                Instant until = Instant.now().plusSeconds(120);
                for (Message message = consumer.receive(2_000); message != null && Instant.now().isBefore(until);
                     message = consumer.receive(2_000)) {
                    String reference = message.getStringProperty("caseReference");
                    if (reference == null) {
                        Matcher inBody = CASE_REFERENCE.matcher(message.getBody(String.class));
                        reference = inBody.find() ? inBody.group(1) : null;
                    }
                    if (wanted.contains(reference)) {
                        counted.merge(reference, 1, Integer::sum);
                    }
                }
            }
        }
        return counted;
    }
}
