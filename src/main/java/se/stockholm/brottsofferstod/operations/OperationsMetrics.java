package se.stockholm.brottsofferstod.operations;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The figures that live in the database, counted again by the operations-metrics timer for /actuator/prometheus:
 * what waits in each outbox and for how long, the dead letters not yet dealt with, the cases per source and
 * partner and the first-attempt service level (both from the statistics' daily roll-ups, so never a scan of the
 * cases). Counts only: no personal data.
 */
@Service
public class OperationsMetrics {

    /** The service level is looked at over the cases received in this many days. */
    static final int SERVICE_LEVEL_DAYS = 90;
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private final JdbcTemplate jdbc;
    private final MultiGauge outboxBacklog;
    private final MultiGauge outboxOldest;
    private final MultiGauge deadLetters;
    private final MultiGauge cases;
    private final MultiGauge serviceLevel;

    OperationsMetrics(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outboxBacklog = MultiGauge.builder("intake.outbox.backlog")
                .description("Messages waiting in each outbox (cases to the partner queues, email replies, SMS)").register(meters);
        this.outboxOldest = MultiGauge.builder("intake.outbox.oldest").baseUnit("seconds")
                .description("Age of the oldest message waiting in each outbox").register(meters);
        this.deadLetters = MultiGauge.builder("intake.dead.letters.open")
                .description("Dead letters on the desk, not yet replayed or discarded").register(meters);
        this.cases = MultiGauge.builder("intake.cases").description("Cases by source and partner (daily roll-ups)").register(meters);
        this.serviceLevel = MultiGauge.builder("intake.service.level.first.attempt")
                .description("Cases of the last " + SERVICE_LEVEL_DAYS + " days by their first contact attempt: IN_TIME, LATE, NONE")
                .register(meters);
    }

    /** Counts everything again (the operations-metrics timer). */
    public void refresh() {
        Instant now = Instant.now();
        record Outbox(String name, long waiting, Timestamp oldest) {
        }
        List<Outbox> outboxes = List.of(
                jdbc.queryForObject("SELECT COUNT(*), MIN(created_at) FROM case_outbox",
                        (rs, i) -> new Outbox("cases", rs.getLong(1), rs.getTimestamp(2))),
                jdbc.queryForObject("SELECT COUNT(*), MIN(created_at) FROM email_reply WHERE status = 'PENDING'",
                        (rs, i) -> new Outbox("email-replies", rs.getLong(1), rs.getTimestamp(2))),
                jdbc.queryForObject("SELECT COUNT(*), MIN(created_at) FROM sms_outgoing",
                        (rs, i) -> new Outbox("sms", rs.getLong(1), rs.getTimestamp(2))));
        outboxBacklog.register(outboxes.stream()
                .map(o -> MultiGauge.Row.of(Tags.of("outbox", o.name()), o.waiting())).toList(), true);
        outboxOldest.register(outboxes.stream().map(o -> MultiGauge.Row.of(Tags.of("outbox", o.name()),
                o.oldest() == null ? 0 : Duration.between(o.oldest().toInstant(), now).toSeconds())).toList(), true);

        deadLetters.register(jdbc.query("""
                SELECT source, channel, reason_code, COUNT(*) FROM dead_letter WHERE last_replay_outcome IS NULL
                   OR last_replay_outcome NOT IN ('ACCEPTED', 'DUPLICATE', 'NO_CONSENT')
                GROUP BY source, channel, reason_code""",
                (rs, i) -> MultiGauge.Row.of(Tags.of("source", rs.getString(1), "channel", rs.getString(2),
                        "reason", rs.getString(3)), rs.getLong(4))), true);

        cases.register(jdbc.query("SELECT source, partner, SUM(cases) FROM statistics_case_day GROUP BY source, partner",
                (rs, i) -> MultiGauge.Row.of(Tags.of("source", rs.getString(1), "partner", rs.getString(2)), rs.getLong(3))), true);

        LocalDate from = LocalDate.now(STOCKHOLM).minusDays(SERVICE_LEVEL_DAYS);
        serviceLevel.register(jdbc.query("""
                SELECT first_attempt, SUM(cases) FROM statistics_case_day WHERE count_day >= ? GROUP BY first_attempt""",
                (rs, i) -> MultiGauge.Row.of(Tags.of("first_attempt", rs.getString(1)), rs.getLong(2)), from), true);
    }
}
