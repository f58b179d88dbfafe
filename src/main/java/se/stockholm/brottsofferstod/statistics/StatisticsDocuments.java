package se.stockholm.brottsofferstod.statistics;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The statistics API's answers for the coordinator's pages: the same period checks, report, CSV and printable page
 * as {@code GET /api/statistics}, so the pages and the API can never count or check differently.
 */
@Component
public class StatisticsDocuments {

    private final StatisticsController api;
    private final Statistics statistics;

    StatisticsDocuments(StatisticsController api, Statistics statistics) {
        this.api = api;
        this.statistics = statistics;
    }

    /** The report for {@code from}..{@code to}; an unreadable or senseless period throws {@link InvalidPeriodException}. */
    public Report report(String from, String to) {
        return api.checkedReport(from, to);
    }

    public ResponseEntity<byte[]> csv(String from, String to) {
        return api.csv(from, to, null);
    }

    public ResponseEntity<String> printable(String from, String to) {
        return api.html(from, to, null);
    }

    public List<ReportingPeriods.Named> periods() {
        return statistics.periods();
    }
}
