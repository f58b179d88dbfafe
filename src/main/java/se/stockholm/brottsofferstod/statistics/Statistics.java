package se.stockholm.brottsofferstod.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.Stockholm;

/** The yearly follow-up: figures for any period, counted by the database. */
@Service
public class Statistics {

    private static final int QUERY_THREADS = 2;

    private final StatisticsQueries queries;
    private final JdbcTemplate languageJdbc;
    private final DailyCounts dailyCounts;
    private final ReportBuilder builder;
    private final ReportingPeriods periods;
    private final Clock clock;
    private final ExecutorService queryPool;

    Statistics(DataSource dataSource, PlatformTransactionManager transactionManager, Router router,
               ReportingPeriods periods, @Value("${intake.service-level.first-attempt-within}") Duration firstAttemptWithin,
               Clock clock) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        this.languageJdbc = jdbc;
        this.queries = new StatisticsQueries(jdbc, firstAttemptWithin);
        this.dailyCounts = new DailyCounts(jdbc, new TransactionTemplate(transactionManager), firstAttemptWithin);
        this.builder = new ReportBuilder(router.partners().ids(), router.partners().youthPartner());
        this.periods = periods;
        this.clock = clock;
        this.queryPool = Executors.newFixedThreadPool(QUERY_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "statistics-query");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The report for {@code from}..{@code to} (inclusive); {@code to} left out means until today. The queries of the
     * period and of the previous period run side by side, each on a connection of its own.
     */
    public Report report(LocalDate from, LocalDate to) {
        Period period = new Period(from, to == null ? LocalDate.now(clock.withZone(Stockholm.ZONE)) : to);
        dailyCounts.refresh();
        CompletableFuture<PeriodCounts> current = counts(period, true);
        CompletableFuture<PeriodCounts> previous = counts(period.previous(), false);
        return builder.build(current.join(), previous.join());
    }

    @PreDestroy
    void stop() {
        queryPool.shutdownNow();
    }

    /** Counts the days that writes marked stale; run by the statistics-refresh timer so reports find little to do. */
    public int refresh() {
        return dailyCounts.refresh();
    }

    /**
     * Cases received in {@code from}..{@code to} (Stockholm days, both included) by the person's language (chosen, or
     * detected from their words; {@code unknown} when neither), and how many of them need an interpreter.
     */
    public Map<String, Object> casesByLanguage(LocalDate from, LocalDate to) {
        Timestamp start = Timestamp.from(from.atStartOfDay(Stockholm.ZONE).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(Stockholm.ZONE).toInstant());
        Map<String, Long> byLanguage = new TreeMap<>();
        long[] interpreter = {0};
        languageJdbc.query("""
                SELECT COALESCE(preferred_language, 'unknown'), COUNT(*),
                       SUM(CASE WHEN interpreter_needed THEN 1 ELSE 0 END)
                FROM support_case WHERE received_at >= ? AND received_at < ?
                GROUP BY COALESCE(preferred_language, 'unknown')""", rs -> {
            byLanguage.put(rs.getString(1), rs.getLong(2));
            interpreter[0] += rs.getLong(3);
        }, start, end);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("from", from);
        result.put("to", to);
        result.put("casesByLanguage", byLanguage);
        result.put("interpreterNeeded", interpreter[0]);
        return result;
    }

    public List<ReportingPeriods.Named> periods() {
        return periods.list(LocalDate.now(clock.withZone(Stockholm.ZONE)));
    }

    private CompletableFuture<PeriodCounts> counts(Period period, boolean full) {
        var cases = query(() -> queries.cases(period));
        var handovers = query(() -> queries.handovers(period));
        var attempts = query(() -> queries.attempts(period));
        var actions = query(() -> queries.actions(period));
        var links = full ? query(() -> queries.links(period)) : done(List.<StatisticsQueries.LinkGroup>of());
        var noConsent = full ? query(() -> queries.noConsentReferrals(period)) : done(0L);
        var serviceLevel = full ? query(() -> queries.serviceLevel(period, clock.instant()))
                : done((StatisticsQueries.ServiceLevelCounts) null);
        var quarters = full ? query(() -> period.quarters().stream()
                .map(q -> queries.caseCount(q.period())).toList()) : done(List.<Long>of());
        return CompletableFuture.allOf(cases, handovers, attempts, actions, links, noConsent, serviceLevel, quarters)
                .thenApply(all -> new PeriodCounts(period, cases.join(), handovers.join(), attempts.join(),
                        actions.join(), links.join(), noConsent.join(), serviceLevel.join(), quarters.join()));
    }

    private <T> CompletableFuture<T> query(Supplier<T> query) {
        return CompletableFuture.supplyAsync(query, queryPool);
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
