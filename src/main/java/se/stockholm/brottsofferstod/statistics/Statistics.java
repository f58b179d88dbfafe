package se.stockholm.brottsofferstod.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import se.stockholm.brottsofferstod.routing.Agreements;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * The yearly follow-up of each agreement (config/routing/agreements.yml): figures for any period, counted by the
 * database. Stockholm city's, the home agreement's, is the default; another municipality's counts only its own cases.
 */
@Service
public class Statistics {

    private static final int QUERY_THREADS = 2;

    private final StatisticsQueries queries;
    private final JdbcTemplate languageJdbc;
    private final DailyCounts dailyCounts;
    private final Map<String, ReportBuilder> builders = new LinkedHashMap<>();
    private final Agreements agreements;
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
        this.agreements = router.agreements();
        for (Agreements.Agreement a : agreements.all()) {
            boolean home = a.id().equals(agreements.home());
            builders.put(a.id(), new ReportBuilder(home ? router.partners().ids() : a.partners(),
                    home ? router.partners().youthPartner() : null, new Report.AgreementView(a.id(), a.name(), a.municipality())));
        }
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
        return report(from, to, agreements.home());
    }

    /** The report of one agreement; an agreement not in the data is refused (400, naming {@code agreement}). */
    public Report report(LocalDate from, LocalDate to, String agreement) {
        ReportBuilder builder = builder(agreement);
        Period period = new Period(from, to == null ? LocalDate.now(clock.withZone(Stockholm.ZONE)) : to);
        dailyCounts.refresh();
        CompletableFuture<PeriodCounts> current = counts(period, agreement, true);
        CompletableFuture<PeriodCounts> previous = counts(period.previous(), agreement, false);
        return builder.build(current.join(), previous.join());
    }

    /** The home agreement's id: the report and periods asked for without an agreement. */
    public String homeAgreement() {
        return agreements.home();
    }

    private ReportBuilder builder(String agreement) {
        ReportBuilder builder = builders.get(agreement);
        if (builder == null) {
            throw new InvalidPeriodException("agreement", "'%s' is not an agreement; one of %s".formatted(
                    agreement.length() > 40 ? agreement.substring(0, 40) + "…" : agreement, String.join(", ", builders.keySet())));
        }
        return builder;
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
        return periods(agreements.home());
    }

    /**
     * The reporting periods of an agreement that have begun: Stockholm city's from the settings (agreement years, then
     * calendar years), another agreement's calendar years from its data.
     */
    public List<ReportingPeriods.Named> periods(String agreement) {
        builder(agreement);
        LocalDate today = LocalDate.now(clock.withZone(Stockholm.ZONE));
        if (agreement.equals(agreements.home())) {
            return periods.list(today);
        }
        Integer from = agreements.byId(agreement).orElseThrow().calendarYearsFrom();
        return new ReportingPeriods(List.of(), from == null ? today.getYear() : from).list(today);
    }

    private CompletableFuture<PeriodCounts> counts(Period period, String agreement, boolean full) {
        var cases = query(() -> queries.cases(period, agreement));
        var handovers = query(() -> queries.handovers(period, agreement));
        var attempts = query(() -> queries.attempts(period, agreement));
        var actions = query(() -> queries.actions(period, agreement));
        var links = full ? query(() -> queries.links(period, agreement)) : done(List.<StatisticsQueries.LinkGroup>of());
        // a referral without consent leaves no case and no place: counted under the home agreement, which took it
        var noConsent = full && agreement.equals(agreements.home()) ? query(() -> queries.noConsentReferrals(period)) : done(0L);
        var serviceLevel = full ? query(() -> queries.serviceLevel(period, agreement, clock.instant()))
                : done((StatisticsQueries.ServiceLevelCounts) null);
        var quarters = full ? query(() -> period.quarters().stream()
                .map(q -> queries.caseCount(q.period(), agreement)).toList()) : done(List.<Long>of());
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
