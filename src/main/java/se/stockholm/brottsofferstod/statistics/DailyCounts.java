package se.stockholm.brottsofferstod.statistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import se.stockholm.brottsofferstod.intake.Progress;

/**
 * Keeps the daily roll-ups (statistics_*_day) in step with the cases: counts every stale day again from the cases,
 * attempts and actions of that day, in one transaction under a database lock, then forgets the marks it handled.
 */
class DailyCounts {

    static final LocalDate EVERY_DAY = LocalDate.of(1900, 1, 1);
    private static final Logger log = LoggerFactory.getLogger(DailyCounts.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String withinLimit;

    DailyCounts(JdbcTemplate jdbc, TransactionTemplate transaction, Duration firstAttemptWithin) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.withinLimit = "received_at + INTERVAL '" + firstAttemptWithin.toSeconds() + "' SECOND";
    }

    /** Counts the stale days again; returns how many days were counted. */
    int refresh() {
        return transaction.execute(status -> {
            jdbc.queryForList("SELECT id FROM statistics_refresh_lock WHERE id = 1 FOR UPDATE");
            long[] last = {0};
            TreeSet<LocalDate> stale = new TreeSet<>();
            jdbc.query("SELECT id, count_day FROM statistics_stale_day", rs -> {
                last[0] = Math.max(last[0], rs.getLong(1));
                stale.add(rs.getObject(2, LocalDate.class));
            });
            if (stale.isEmpty()) {
                return 0;
            }
            TreeSet<LocalDate> days = stale;
            if (days.contains(EVERY_DAY)) {
                days = everyDayWithData();
                jdbc.update("DELETE FROM statistics_case_day");
                jdbc.update("DELETE FROM statistics_attempt_day");
                jdbc.update("DELETE FROM statistics_action_day");
            }
            long started = System.nanoTime();
            Progress progress = Progress.of(log, "Statistics recount", "days", days.size());
            for (LocalDate day : days) {
                count(day);
                progress.step();
            }
            jdbc.update("DELETE FROM statistics_stale_day WHERE id <= ?", last[0]);
            if (days.size() > 1) {
                log.info("Statistics: {} days counted again in {} ms", days.size(), (System.nanoTime() - started) / 1_000_000);
            }
            return days.size();
        });
    }

    private void count(LocalDate day) {
        OffsetDateTime from = at(new Period(day, day).start());
        OffsetDateTime to = at(new Period(day, day).end());
        jdbc.update("DELETE FROM statistics_case_day WHERE count_day = ?", day);
        jdbc.update("DELETE FROM statistics_attempt_day WHERE count_day = ?", day);
        jdbc.update("DELETE FROM statistics_action_day WHERE count_day = ?", day);
        jdbc.update("""
                INSERT INTO statistics_case_day (count_day, agreement, partner, gender, source, crime_category, gang_related,
                    intimate_partner_violence, first_attempt, closed_not_reached, cases)
                SELECT ?, agreement, partner, gender, source, crime_category, gang_related, intimate_partner_violence,
                       first_attempt, closed_not_reached, COUNT(*)
                FROM (SELECT agreement, partner, gender, source, crime_category, gang_related, intimate_partner_violence,
                             CASE WHEN first_attempt_at IS NULL THEN 'NONE'
                                  WHEN first_attempt_at <= %s THEN 'IN_TIME' ELSE 'LATE' END AS first_attempt,
                             CASE WHEN close_outcome = 'NOT_REACHED' THEN TRUE ELSE FALSE END AS closed_not_reached
                      FROM support_case WHERE received_at >= ? AND received_at < ?) c
                GROUP BY agreement, partner, gender, source, crime_category, gang_related, intimate_partner_violence,
                         first_attempt, closed_not_reached""".formatted(withinLimit), day, from, to);
        jdbc.update("""
                INSERT INTO statistics_attempt_day (count_day, agreement, partner, person_gender, outcome, attempts)
                SELECT ?, c.agreement, a.partner, a.person_gender, a.outcome, COUNT(*)
                FROM contact_attempt a JOIN support_case c ON c.id = a.case_id
                WHERE a.attempted_at >= ? AND a.attempted_at < ?
                GROUP BY c.agreement, a.partner, a.person_gender, a.outcome""", day, from, to);
        jdbc.update("""
                INSERT INTO statistics_action_day (count_day, agreement, partner, action_type, actions)
                SELECT ?, c.agreement, a.partner, a.action_type, COUNT(*)
                FROM case_action a JOIN support_case c ON c.id = a.case_id
                WHERE a.performed_at >= ? AND a.performed_at < ?
                GROUP BY c.agreement, a.partner, a.action_type""", day, from, to);
    }

    /**
     * Every Stockholm day with a case, attempt or action. The database gives each time's date in its own zone,
     * which is at most a day away from Stockholm's, so the days either side are counted too.
     */
    private TreeSet<LocalDate> everyDayWithData() {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (String dates : List.of("SELECT DISTINCT CAST(received_at AS DATE) FROM support_case",
                "SELECT DISTINCT CAST(attempted_at AS DATE) FROM contact_attempt",
                "SELECT DISTINCT CAST(performed_at AS DATE) FROM case_action")) {
            jdbc.query(dates, rs -> {
                LocalDate date = rs.getObject(1, LocalDate.class);
                days.add(date.minusDays(1));
                days.add(date);
                days.add(date.plusDays(1));
            });
        }
        return days;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
