package se.stockholm.brottsofferstod.statistics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * The coordinator's statistics (contract section 6): JSON, CSV for Excel, and a printable Swedish report, per agreement
 * ({@code agreement}, default the home agreement, Stockholm city's).
 */
@RestController
@RequestMapping("/api/statistics")
class StatisticsController {

    static final String TEXT_CSV = "text/csv";
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    private static final int LONGEST_PERIOD_YEARS = 20;

    private final Statistics statistics;
    private final Clock clock;
    private final JsonMapper json;
    private final StatisticsHtml html;
    private final boolean suppressSmallCounts;

    StatisticsController(Statistics statistics, JsonMapper json, StatisticsHtml html,
                         @Value("${intake.statistics.suppress-small-counts}") boolean suppressSmallCounts, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
        this.json = json;
        this.html = html;
        this.suppressSmallCounts = suppressSmallCounts;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String agreement) {
        return published(checked(from, to, agreement));
    }

    /** The report as published: small counts suppressed when the setting asks for it. */
    private JsonNode published(Report report) {
        JsonNode tree = json.valueToTree(report);
        return suppressSmallCounts ? SmallCounts.suppressed(tree) : tree;
    }

    @GetMapping(produces = TEXT_CSV)
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String agreement) {
        Report report = checked(from, to, agreement);
        String home = report.agreement().id().equals(statistics.homeAgreement()) ? "" : "-" + report.agreement().id();
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"brottsofferstod%s-%s-%s.csv\""
                        .formatted(home, report.period().from(), report.period().to()))
                .body(StatisticsCsv.write(published(report)));
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> html(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(required = false) String agreement) {
        Report report = checked(from, to, agreement);
        return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(report.agreement().id().equals(statistics.homeAgreement()) ? html.render(report)
                        : html.renderAgreement(report));
    }

    /** Cases by the person's language in a period (small counts suppressed when the setting asks for it). */
    @GetMapping(path = "/languages", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode languages(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        LocalDate[] period = checkedPeriod(from, to);
        JsonNode tree = json.valueToTree(statistics.casesByLanguage(period[0], period[1]));
        return suppressSmallCounts ? SmallCounts.suppressed(tree) : tree;
    }

    @GetMapping(path = "/periods", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ReportingPeriods.Named> periods(@RequestParam(required = false) String agreement) {
        return statistics.periods(orHome(agreement));
    }

    /** The report for the coordinator's own pages, after the same period checks as the API (counts as they are). */
    Report checkedReport(String from, String to, String agreement) {
        return checked(from, to, agreement);
    }

    private String orHome(String agreement) {
        return agreement == null || agreement.isBlank() ? statistics.homeAgreement() : agreement.strip();
    }

    private Report checked(String from, String to, String agreement) {
        LocalDate[] period = checkedPeriod(from, to);
        return statistics.report(period[0], to == null || to.isBlank() ? null : period[1], orHome(agreement));
    }

    /** The period's first and last day after the API's checks ({@code from} is required). */
    private LocalDate[] checkedPeriod(String from, String to) {
        if (from == null || from.isBlank()) {
            throw new InvalidPeriodException("from", "is required (a date such as 2023-04-01)");
        }
        LocalDate start = date(from, "from");
        LocalDate end = to == null || to.isBlank() ? null : date(to, "to");
        if (end != null && start.isAfter(end)) {
            throw new InvalidPeriodException("from", "%s is after to (%s)".formatted(start, end));
        }
        LocalDate last = end == null ? LocalDate.now(clock.withZone(Stockholm.ZONE)) : end;
        if (start.isAfter(last)) {
            throw new InvalidPeriodException("from", "%s is after today; give to as well".formatted(start));
        }
        if (last.isAfter(start.plusYears(LONGEST_PERIOD_YEARS))) {
            throw new InvalidPeriodException("to", "a period may be at most %d years long".formatted(LONGEST_PERIOD_YEARS));
        }
        return new LocalDate[] {start, last};
    }

    private static LocalDate date(String value, String field) {
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.isBefore(EARLIEST)) {
                throw new InvalidPeriodException(field, "must not be before " + EARLIEST);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new InvalidPeriodException(field, "'%s' is not a date of the form YYYY-MM-DD".formatted(shorten(value)));
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
