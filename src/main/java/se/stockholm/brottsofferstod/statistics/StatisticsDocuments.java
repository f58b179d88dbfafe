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

    /**
     * The report of an agreement ({@code null}: the home agreement, Stockholm city's) for {@code from}..{@code to}; an
     * unreadable or senseless period, or an agreement not in the data, throws {@link InvalidPeriodException}.
     */
    public Report report(String from, String to, String agreement) {
        return api.checkedReport(from, to, agreement);
    }

    public ResponseEntity<byte[]> csv(String from, String to, String agreement) {
        return api.csv(from, to, agreement);
    }

    public ResponseEntity<String> printable(String from, String to, String agreement) {
        return api.html(from, to, agreement);
    }

    /** The agreement's reporting periods; an agreement not in the data throws {@link InvalidPeriodException}. */
    public List<ReportingPeriods.Named> periods(String agreement) {
        return statistics.periods(agreement == null || agreement.isBlank() ? statistics.homeAgreement() : agreement);
    }

    public String homeAgreement() {
        return statistics.homeAgreement();
    }
}
