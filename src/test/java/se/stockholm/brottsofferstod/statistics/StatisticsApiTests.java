package se.stockholm.brottsofferstod.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.PastCases;
import se.stockholm.brottsofferstod.routing.Stockholm;
import tools.jackson.databind.JsonNode;

/**
 * The statistics' rules at their edges, through the HTTP API. Each test works in years of its own: the other tests
 * of the shared context take cases in today.
 */
class StatisticsApiTests extends StatisticsIntegrationTest {

    @Test
    void aCaseAt2359OnTheLastDayBelongsToThePeriodAndOneAtMidnightToTheNext() {
        open(PastCases.stockholm("2024-03-31T23:59:00"), 35, "Farsta", "FEMALE");
        open(PastCases.stockholm("2024-04-01T00:00:00"), 35, "Farsta", "MALE");

        JsonNode yearTwo = report("2023-04-01", "2024-03-31");
        JsonNode yearThree = report("2024-04-01", "2025-03-31");

        assertThat(yearTwo.at("/total/cases").asLong()).isEqualTo(1);
        assertThat(yearTwo.at("/total/casesByGender/FEMALE").asLong()).isEqualTo(1);
        assertThat(yearThree.at("/total/cases").asLong()).isEqualTo(1);
        assertThat(yearThree.at("/total/casesByGender/MALE").asLong()).isEqualTo(1);
        assertThat(yearThree.at("/previousPeriod/cases").asLong()).isEqualTo(1);
        assertThat(yearThree.at("/casesByQuarter/0/quarter").asString()).isEqualTo("2024-Q2");
        assertThat(yearThree.at("/casesByQuarter/0/cases").asLong()).isEqualTo(1);
    }

    @Test
    void aLinkDuringThePeriodMovesTheCaseAndOneAfterItsEndDoesNot() {
        String reference = open(PastCases.stockholm("2019-05-10T10:00:00"), null, "Farsta", "FEMALE");
        HttpResponse<String> link = post("/api/cases/" + reference + "/links",
                "{\"to\":\"stodcentrum\",\"reason\":\"Personen är 17 år\",\"at\":\"2019-06-03T09:00:00+02:00\"}", "sodra-1", "staff-secret");
        assertThat(link.statusCode()).as(link.body()).isEqualTo(200);

        JsonNode may = report("2019-05-01", "2019-05-31");
        JsonNode year = report("2019-01-01", "2019-12-31");

        assertThat(may.at("/byPartner/boj-sodra-stockholm/cases").asLong()).isEqualTo(1);
        assertThat(may.at("/byPartner/stodcentrum/cases").asLong()).isZero();
        assertThat(may.at("/links/toStodcentrum").asLong()).isZero();
        assertThat(year.at("/byPartner/boj-sodra-stockholm/cases").asLong()).isZero();
        assertThat(year.at("/byPartner/stodcentrum/cases").asLong()).isEqualTo(1);
        assertThat(year.at("/links/toStodcentrum").asLong()).isEqualTo(1);
        assertThat(year.at("/jours/cases").asLong()).isZero();
    }

    @Test
    void contactsAndActionsCountWhereTheyHappenedAndForThePartnerThatRecordedThem() {
        String reference = open(PastCases.stockholm("2018-12-30T15:00:00"), 40, "Bromma", "FEMALE");
        attempt(reference, "2018-12-31T18:00:00+01:00", "NO_ANSWER");
        attempt(reference, "2019-01-02T10:00:00+01:00", "REACHED");
        HttpResponse<String> action = post("/api/cases/" + reference + "/actions",
                "{\"at\":\"2019-01-02T10:30:00+01:00\",\"type\":\"SUPPORT_CALL\"}", "vast-1", "vast-staff");
        assertThat(action.statusCode()).as(action.body()).isEqualTo(200);

        JsonNode december = report("2018-12-01", "2018-12-31");
        JsonNode january = report("2019-01-01", "2019-01-31");

        assertThat(december.at("/total/cases").asLong()).isEqualTo(1);
        assertThat(december.at("/total/contactAttempts").asLong()).isEqualTo(1);
        assertThat(december.at("/total/directContacts").asLong()).isZero();
        assertThat(january.at("/total/cases").asLong()).isZero();
        assertThat(january.at("/total/directContacts").asLong()).isEqualTo(1);
        assertThat(january.at("/total/directContactsByGender/FEMALE").asLong()).isEqualTo(1);
        assertThat(january.at("/byPartner/boj-vasterort/directContacts").asLong()).isEqualTo(1);
        assertThat(january.at("/byPartner/boj-vasterort/actions").asLong()).isEqualTo(1);
        assertThat(january.at("/actionsByType/SUPPORT_CALL").asLong()).isEqualTo(1);
        assertThat(december.at("/serviceLevel/firstAttemptWithin3Days").asLong()).isEqualTo(1);
    }

    @Test
    void workRecordedAfterAReportForItsDayIsInTheNextReport() {
        String reference = open(PastCases.stockholm("2013-05-06T09:00:00"), 30, "Bromma", "MALE");
        JsonNode before = report("2013-05-01", "2013-05-31");

        attempt(reference, "2013-05-07T10:00:00+02:00", "REACHED");
        JsonNode after = report("2013-05-01", "2013-05-31");

        assertThat(before.at("/total/directContacts").asLong()).isZero();
        assertThat(before.at("/serviceLevel/firstAttemptMissing").asLong()).isEqualTo(1);
        assertThat(after.at("/total/directContacts").asLong()).isEqualTo(1);
        assertThat(after.at("/total/directContactsByGender/MALE").asLong()).isEqualTo(1);
        assertThat(after.at("/serviceLevel/firstAttemptMissing").asLong()).isZero();
        assertThat(after.at("/serviceLevel/firstAttemptWithin3Days").asLong()).isEqualTo(1);
    }

    @Test
    void rowsLoadedBehindTheServicesBackAreCountedOnceEveryDayIsMarkedStale() {
        jdbc.update("""
                INSERT INTO support_case (case_reference, received_at, source, channel, status, partner, routing_reason,
                    age_unknown, gender, protected_identity, gang_related, intimate_partner_violence)
                VALUES ('BO-2012-900001', TIMESTAMP WITH TIME ZONE '2012-06-15 23:30:00+02', 'POLICE', 'bulk', 'CLOSED',
                    'boj-vasterort', 'bulk load', FALSE, 'FEMALE', FALSE, FALSE, FALSE)""");
        JsonNode unmarked = report("2012-06-01", "2012-06-30");

        jdbc.update("INSERT INTO statistics_stale_day (count_day) VALUES (DATE '1900-01-01')");
        JsonNode marked = report("2012-06-01", "2012-06-30");

        assertThat(unmarked.at("/total/cases").asLong()).isZero();
        assertThat(marked.at("/total/cases").asLong()).isEqualTo(1);
        assertThat(marked.at("/byPartner/boj-vasterort/casesByGender/FEMALE").asLong()).isEqualTo(1);
        assertThat(report("2012-06-16", "2012-06-30").at("/total/cases").asLong()).isZero();
    }

    @Test
    void aCaseReceivedTodayWithoutAnAttemptIsPendingNotMissing() {
        String today = java.time.LocalDate.now(Stockholm.ZONE).toString();
        open(java.time.Instant.now().minusSeconds(60), 30, "Bromma", "FEMALE");

        JsonNode report = report(today, today);

        assertThat(report.at("/serviceLevel/firstAttemptPending").asLong()).isPositive();
        assertThat(report.at("/serviceLevel/firstAttemptMissing").asLong()).isZero();
    }

    @Test
    void aTriageCaseAssignedAfterThePeriodCountsInTriageForThatPeriod() {
        String reference = open(PastCases.stockholm("2017-03-15T12:00:00"), 50, null, "MALE");
        HttpResponse<String> assign = post("/api/cases/" + reference + "/assign", "{\"partner\":\"boj-vasterort\"}",
                COORDINATOR, COORDINATOR_PASSWORD);
        assertThat(assign.statusCode()).as(assign.body()).isEqualTo(200);

        JsonNode march = report("2017-03-01", "2017-03-31");

        assertThat(march.at("/byPartner/triage/cases").asLong()).isEqualTo(1);
        assertThat(march.at("/byPartner/boj-vasterort/cases").asLong()).isZero();
        assertThat(march.at("/triage").asLong()).isEqualTo(1);
        assertThat(march.at("/links/toJour").asLong()).isZero();
    }

    @Test
    void anEmptyPeriodHasZerosAndNoChange() {
        JsonNode report = report("2011-01-01", "2011-12-31");

        assertThat(report.at("/total/cases").asLong()).isZero();
        assertThat(report.at("/total/casesByGender/FEMALE").asLong()).isZero();
        assertThat(report.at("/byPartner/stodcentrum/cases").asLong()).isZero();
        assertThat(report.at("/casesByQuarter")).hasSize(4);
        assertThat(report.at("/change/casesPercent").isNull()).isTrue();
        assertThat(report.at("/womenShare/cases").isNull()).isTrue();
        assertThat(report.at("/previousPeriod/from").asString()).isEqualTo("2010-01-01");
    }

    @Test
    void fromAfterToIsA400NamingFrom() {
        HttpResponse<String> response = get("/api/statistics?from=2024-04-01&to=2024-03-31", COORDINATOR, COORDINATOR_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo("from");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("after");
    }

    @Test
    void malformedDatesAreA400NamingTheParameterWhateverTheClientAccepts() {
        for (String accept : List.of("application/json", "text/csv", "text/html")) {
            HttpResponse<String> badTo = get("/api/statistics?from=2024-01-01&to=2024-13-01", accept, COORDINATOR, COORDINATOR_PASSWORD);
            HttpResponse<String> badFrom = get("/api/statistics?from=1.4.2024", accept, COORDINATOR, COORDINATOR_PASSWORD);

            assertThat(badTo.statusCode()).as(accept).isEqualTo(400);
            assertThat(badTo.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(badTo.body()).get("field").asString()).isEqualTo("to");
            assertThat(badFrom.statusCode()).as(accept).isEqualTo(400);
            assertThat(JSON.readTree(badFrom.body()).get("field").asString()).isEqualTo("from");
        }
    }

    @Test
    void aMissingFromIsA400() {
        HttpResponse<String> response = get("/api/statistics", COORDINATOR, COORDINATOR_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo("from");
    }

    @Test
    void onlyTheCoordinatorSeesStatistics() {
        assertThat(get("/api/statistics?from=2023-04-01&to=2024-03-31", "sodra-1", "staff-secret").statusCode()).isEqualTo(403);
        assertThat(get("/api/statistics?from=2023-04-01&to=2024-03-31", "police-feed", "police-secret").statusCode()).isEqualTo(403);
        assertThat(get("/api/statistics/periods", "sodra-1", "staff-secret").statusCode()).isEqualTo(403);
        assertThat(get("/api/statistics?from=2023-04-01&to=2024-03-31", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void thePeriodsAreTheAgreementYearsThenCalendarYears() {
        HttpResponse<String> response = get("/api/statistics/periods", COORDINATOR, COORDINATOR_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode periods = JSON.readTree(response.body());
        assertThat(periods.get(0).get("from").asString()).isEqualTo("2022-04-01");
        assertThat(periods.get(0).get("to").asString()).isEqualTo("2023-03-31");
        assertThat(periods.get(2).get("to").asString()).isEqualTo("2025-03-31");
        assertThat(periods.get(3).get("from").asString()).isEqualTo("2025-04-01");
        assertThat(periods.get(3).get("to").asString()).isEqualTo("2025-12-31");
        assertThat(periods.get(4).get("from").asString()).isEqualTo("2026-01-01");
        assertThat(periods.get(4).get("to").asString()).isEqualTo("2026-12-31");
    }

    @Test
    void theCsvIsUtf8WithAByteOrderMarkAndEveryFigureMatchesTheJson() {
        open(PastCases.stockholm("2016-02-10T09:00:00"), 30, "Södermalm", "FEMALE");
        open(PastCases.stockholm("2016-02-11T09:00:00"), 16, "Skärholmen", "MALE");
        String period = "/api/statistics?from=2016-01-01&to=2016-12-31";

        HttpResponse<byte[]> csv = getBytes(period, "text/csv", COORDINATOR, COORDINATOR_PASSWORD);
        JsonNode json = JSON.readTree(get(period, COORDINATOR, COORDINATOR_PASSWORD).body());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv").contains("UTF-8"));
        byte[] body = csv.body();
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("figure,value,under_5");
        Map<String, String[]> rows = new HashMap<>();
        lines.stream().skip(1).forEach(l -> rows.put(l.split(",", -1)[0], l.split(",", -1)));
        assertThat(rows.get("total.cases")[1]).isEqualTo(json.at("/total/cases").asString()).isEqualTo("2");
        assertThat(rows.get("byPartner.stodcentrum.cases")[1]).isEqualTo("1");
        assertThat(rows.get("byPartner.stodcentrum.cases")[2]).isEqualTo("yes");
        assertThat(rows.get("byPartner.boj-vasterort.cases")[2]).isEmpty();
        long partnerSum = rows.entrySet().stream().filter(e -> e.getKey().matches("byPartner\\.[^.]+\\.cases"))
                .mapToLong(e -> Long.parseLong(e.getValue()[1])).sum();
        assertThat(partnerSum).isEqualTo(json.at("/total/cases").asLong());
        rows.forEach((figure, row) -> assertThat(row[1]).as(figure)
                .isEqualTo(valueAt(json, figure)));
    }

    @Test
    void theHtmlReportIsSwedishAndShowsThePeriod() {
        open(PastCases.stockholm("2015-06-10T09:00:00"), 44, "Östermalm", "FEMALE");

        HttpResponse<String> response = get("/api/statistics?from=2015-01-01&to=2015-12-31", "text/html", COORDINATOR, COORDINATOR_PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<html lang=\"sv\">", "1 januari 2015 till och med 31 december 2015",
                "Brottsofferjouren Stockholm-Gotland", "Misshandel", "<svg").doesNotContain("src=", "href=", "<link", "<script", "@import");
    }

    /** The JSON value at a CSV figure name such as {@code byPartner.stodcentrum.casesByGender.FEMALE} or {@code casesByQuarter[0].cases}. */
    private static String valueAt(JsonNode json, String figure) {
        JsonNode node = json;
        for (String part : figure.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                node = node.get(part.substring(0, bracket)).get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            } else {
                node = node.get(part);
            }
        }
        return node.isNull() ? "" : node.asString();
    }

    private void attempt(String reference, String at, String outcome) {
        attempt(reference, at, outcome, "vast-1", "vast-staff");
    }

    private JsonNode report(String from, String to) {
        return report(from, to, null);
    }
}
