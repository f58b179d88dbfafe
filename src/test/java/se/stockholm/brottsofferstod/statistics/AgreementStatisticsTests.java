package se.stockholm.brottsofferstod.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.PastCases;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15: each agreement is reported apart. Stockholm city's report counts only its own cases; Norrtälje's counts
 * its residents' cases, the contacts and actions on them, by gender, crime type and against the previous year. The
 * years used here (2007 to 2009) belong to these tests alone.
 */
class AgreementStatisticsTests extends StatisticsIntegrationTest {

    @Test
    void stockholmsReportLeavesOutNorrtaljesCasesAndNorrtaljesCountsThemWithWorkGendersAndChange() {
        open(PastCases.stockholm("2009-03-02T10:00:00"), 35, "Farsta", "FEMALE");
        open(PastCases.stockholm("2009-05-12T10:00:00"), 17, "Bromma", "MALE");
        String rimbo = open(PastCases.stockholm("2009-04-01T09:00:00"), 45, "Rimbo", "FEMALE");
        open(PastCases.stockholm("2009-06-20T12:00:00"), 12, "Norrtälje", "MALE");
        open(PastCases.stockholm("2009-11-30T23:30:00"), null, "Hallstavik", "UNKNOWN");
        open(PastCases.stockholm("2008-08-08T08:00:00"), 60, "Grisslehamn", "FEMALE");
        attempt(rimbo, "2009-04-02T18:30:00+02:00", "NO_ANSWER");
        attempt(rimbo, "2009-04-03T10:00:00+02:00", "REACHED");
        action(rimbo, "2009-04-03T10:30:00+02:00", "SUPPORT_CALL");
        action(rimbo, "2009-05-03T10:30:00+02:00", "WITNESS_SUPPORT");

        JsonNode stockholm = report("2009-01-01", "2009-12-31", null);
        JsonNode norrtalje = report("2009-01-01", "2009-12-31", "norrtalje");

        assertThat(stockholm.at("/agreement/id").asString()).isEqualTo("stockholm");
        assertThat(stockholm.at("/total/cases").asLong()).isEqualTo(2);
        assertThat(stockholm.at("/total/directContacts").asLong()).isZero();
        assertThat(stockholm.at("/total/actions").asLong()).isZero();
        assertThat(report("2009-01-01", "2009-12-31", "stockholm")).isEqualTo(stockholm);

        assertThat(norrtalje.at("/agreement/municipality").asString()).isEqualTo("Norrtälje kommun");
        assertThat(norrtalje.at("/total/cases").asLong()).isEqualTo(3);
        assertThat(norrtalje.at("/byPartner/boj-stockholm-gotland/cases").asLong()).isEqualTo(3);
        assertThat(norrtalje.at("/total/casesByGender/FEMALE").asLong()).isEqualTo(1);
        assertThat(norrtalje.at("/total/casesByGender/MALE").asLong()).isEqualTo(1);
        assertThat(norrtalje.at("/total/casesByGender/UNKNOWN").asLong()).isEqualTo(1);
        assertThat(sum(norrtalje.at("/total/casesByGender"))).isEqualTo(norrtalje.at("/total/cases").asLong());
        assertThat(norrtalje.at("/total/contactAttempts").asLong()).isEqualTo(2);
        assertThat(norrtalje.at("/total/directContacts").asLong()).isEqualTo(1);
        assertThat(sum(norrtalje.at("/total/directContactsByGender"))).isEqualTo(1);
        assertThat(norrtalje.at("/total/directContactsByGender/FEMALE").asLong()).isEqualTo(1);
        assertThat(norrtalje.at("/total/actions").asLong()).isEqualTo(2);
        assertThat(norrtalje.at("/actionsByType/WITNESS_SUPPORT").asLong()).isEqualTo(1);
        assertThat(norrtalje.at("/casesByCrimeCategory/ASSAULT").asLong()).isEqualTo(3);
        assertThat(norrtalje.at("/previousPeriod/cases").asLong()).isEqualTo(1);
        assertThat(norrtalje.at("/change/casesPercent").asDouble()).isEqualTo(200.0);
        assertThat(norrtalje.at("/outsideArea").asLong()).isZero();
        assertThat(norrtalje.at("/noConsentReferrals").asLong()).isZero();
    }

    @Test
    void norrtaljeIsReportedByCalendarYearAsCsvAndAsAPrintablePage() {
        open(PastCases.stockholm("2007-02-02T10:00:00"), 30, "Älmsta", "MALE");

        HttpResponse<String> periods = get("/api/statistics/periods?agreement=norrtalje", COORDINATOR, COORDINATOR_PASSWORD);
        HttpResponse<byte[]> csv = getBytes("/api/statistics?from=2007-01-01&to=2007-12-31&agreement=norrtalje", "text/csv",
                COORDINATOR, COORDINATOR_PASSWORD);
        HttpResponse<String> html = get("/api/statistics?from=2007-01-01&to=2007-12-31&agreement=norrtalje", "text/html",
                COORDINATOR, COORDINATOR_PASSWORD);

        assertThat(periods.statusCode()).isEqualTo(200);
        JsonNode years = JSON.readTree(periods.body());
        assertThat(years.get(0).get("name").asString()).isEqualTo("2022");
        assertThat(years.get(0).get("from").asString()).isEqualTo("2022-01-01");
        assertThat(years.get(0).get("to").asString()).isEqualTo("2022-12-31");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("norrtalje");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("agreement.id,norrtalje")
                .contains("total.casesByGender.MALE,");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("Norrtälje kommun").contains("Personer som nåtts, efter kön")
                .contains("Brottstyper").contains("Förändring jämfört med föregående period")
                .doesNotContain("de fyra parterna");
    }

    @Test
    void anAgreementNotInTheDataIsA400NamingAgreement() {
        HttpResponse<String> report = get("/api/statistics?from=2009-01-01&to=2009-12-31&agreement=gotland", COORDINATOR,
                COORDINATOR_PASSWORD);
        HttpResponse<String> periods = get("/api/statistics/periods?agreement=gotland", COORDINATOR, COORDINATOR_PASSWORD);

        assertThat(report.statusCode()).isEqualTo(400);
        assertThat(report.body()).contains("agreement");
        assertThat(periods.statusCode()).isEqualTo(400);
    }

    private static long sum(JsonNode counts) {
        long sum = 0;
        for (JsonNode n : counts) {
            sum += n.asLong();
        }
        return sum;
    }

    private void attempt(String reference, String at, String outcome) {
        attempt(reference, at, outcome, "gotland-1", "gotland-staff");
    }

    private void action(String reference, String at, String type) {
        action(reference, at, type, "gotland-1", "gotland-staff");
    }
}
