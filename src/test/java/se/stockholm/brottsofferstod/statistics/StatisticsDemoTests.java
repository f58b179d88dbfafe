package se.stockholm.brottsofferstod.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import se.stockholm.brottsofferstod.support.OwnContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo data command loads the seeds' two agreement years through the product's services, and the report
 * reproduces the social committee's figures (seeds 000 and 001) exactly.
 */
@OwnContext
class StatisticsDemoTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("intake.demo-data", () -> "true");
    }

    private JsonNode report(String from, String to) {
        HttpResponse<String> response = get("/api/statistics?from=" + from + "&to=" + to, "samordnare", "coord-secret");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void yearTwoGivesTheFiguresOfSeed000AndYearOneThoseOfSeed001() {
        JsonNode report = report("2023-04-01", "2024-03-31");

        assertThat(report.at("/total/cases").asLong()).isEqualTo(4751);
        assertThat(report.at("/total/directContacts").asLong()).isEqualTo(8919);
        assertThat(report.at("/total/actions").asLong()).isEqualTo(13377);
        assertThat(report.at("/gangRelated").asLong()).isEqualTo(100);
        assertThat(report.at("/intimatePartnerViolence").asLong()).isEqualTo(361);
        assertThat(report.at("/jours/cases").asLong()).isEqualTo(3697);
        assertThat(report.at("/previousPeriod/from").asString()).isEqualTo("2022-04-01");
        assertThat(report.at("/previousPeriod/to").asString()).isEqualTo("2023-03-31");
        assertThat(report.at("/previousPeriod/cases").asLong()).isEqualTo(4397);
        assertThat(report.at("/previousPeriod/directContacts").asLong()).isEqualTo(8354);
        assertThat(report.at("/previousPeriod/actions").asLong()).isEqualTo(9849);
        assertThat(report.at("/previousPeriod/jourCases").asLong()).isEqualTo(2747);
        assertThat(report.at("/previousPeriod/gangRelated").asLong()).isEqualTo(32);
        assertThat(report.at("/previousPeriod/intimatePartnerViolence").asLong()).isEqualTo(275);
        assertThat(report.at("/change/casesPercent").asDouble()).isEqualTo(8.1);
        assertThat(report.at("/change/directContactsPercent").asDouble()).isEqualTo(6.8);
        assertThat(report.at("/change/actionsPercent").asDouble()).isEqualTo(35.8);
        assertThat(report.at("/change/jourCasesPercent").asDouble()).isGreaterThanOrEqualTo(34.0);
    }

    @Test
    void yearOneReportedOnItsOwnGivesSeed001() {
        JsonNode report = report("2022-04-01", "2023-03-31");

        assertThat(report.at("/total/cases").asLong()).isEqualTo(4397);
        assertThat(report.at("/total/directContacts").asLong()).isEqualTo(8354);
        assertThat(report.at("/total/actions").asLong()).isEqualTo(9849);
        assertThat(report.at("/gangRelated").asLong()).isEqualTo(32);
        assertThat(report.at("/intimatePartnerViolence").asLong()).isEqualTo(275);
        assertThat(report.at("/jours/cases").asLong()).isEqualTo(2747);
        assertThat(report.at("/womenShare/cases").asDouble()).isBetween(55.0, 60.0);
    }

    @Test
    void sharesAndCrimeTypesFollowTheSeeds() {
        JsonNode report = report("2023-04-01", "2024-03-31");
        JsonNode previous = report("2022-04-01", "2023-03-31");

        assertThat(report.at("/womenShare/cases").asDouble()).isBetween(59.5, 62.0);
        assertThat(report.at("/womenShare/directContacts").asDouble()).isBetween(69.5, 71.0);
        JsonNode youth = report.at("/byPartner/stodcentrum");
        assertThat(youth.at("/intimatePartnerViolenceByGender/FEMALE").asLong()).isEqualTo(26);
        assertThat(youth.at("/intimatePartnerViolenceByGender/MALE").asLong()).isEqualTo(2);
        JsonNode crimes = report.get("casesByCrimeCategory");
        assertThat(crimes.get("ASSAULT").asLong()).isGreaterThan(crimes.get("FRAUD").asLong());
        assertThat(crimes.get("FRAUD").asLong()).isGreaterThan(crimes.get("UNLAWFUL_THREAT").asLong());
        assertThat(crimes.get("UNLAWFUL_THREAT").asLong()).isGreaterThan(crimes.get("MOLESTATION").asLong());
        assertThat(crimes.get("MOLESTATION").asLong()).isGreaterThan(crimes.get("SEXUAL_OFFENCE").asLong());
        crimes.properties().stream()
                .filter(e -> !e.getKey().matches("ASSAULT|FRAUD|UNLAWFUL_THREAT|MOLESTATION|SEXUAL_OFFENCE"))
                .forEach(e -> assertThat(e.getValue().asLong()).as(e.getKey()).isLessThan(crimes.get("SEXUAL_OFFENCE").asLong()));
        long fraudRise = jourCount(report, "FRAUD") - jourCount(previous, "FRAUD");
        for (String category : new String[] {"ASSAULT", "UNLAWFUL_THREAT", "MOLESTATION", "SEXUAL_OFFENCE"}) {
            assertThat(fraudRise).as("fraud rises more than " + category)
                    .isGreaterThan(jourCount(report, category) - jourCount(previous, category));
        }
        assertThat(report.at("/links/toStodcentrum").asLong()).isPositive();
        assertThat(report.at("/links/toJour").asLong()).isPositive();
    }

    @Test
    void theHtmlReportShowsTheSeedFigures() {
        HttpResponse<String> response = get("/api/statistics?from=2023-04-01&to=2024-03-31", "text/html", "samordnare", "coord-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String html = response.body().replace('\u202f', ' ');
        assertThat(html).contains("4 751", "8 919", "13 377", "4 397", "8 354", "9 849", "3 697", "2 747",
                "+8,1 %", "+6,8 %", "+35,8 %", "26 flickor och 2 pojkar", "<svg");
    }

    @Test
    void norrtaljesInventedYearsAreReportedApartAndTheirGenderTotalsAddUp() {
        HttpResponse<String> response = get("/api/statistics?from=2024-01-01&to=2024-12-31&agreement=norrtalje",
                "samordnare", "coord-secret");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode norrtalje = JSON.readTree(response.body());
        JsonNode stockholm2024 = report("2024-01-01", "2024-12-31");

        long cases = norrtalje.at("/total/cases").asLong();
        assertThat(cases).isBetween(150L, 193L);
        assertThat(norrtalje.at("/byPartner/boj-stockholm-gotland/cases").asLong()).isEqualTo(cases);
        long byGender = 0;
        for (JsonNode n : norrtalje.at("/total/casesByGender")) {
            byGender += n.asLong();
        }
        assertThat(byGender).isEqualTo(cases);
        long contactsByGender = 0;
        for (JsonNode n : norrtalje.at("/total/directContactsByGender")) {
            contactsByGender += n.asLong();
        }
        assertThat(contactsByGender).isEqualTo(norrtalje.at("/total/directContacts").asLong()).isPositive();
        assertThat(norrtalje.at("/total/actions").asLong()).isPositive();
        assertThat(norrtalje.at("/previousPeriod/cases").asLong()).isPositive();
        assertThat(norrtalje.at("/change/casesPercent").isNumber()).isTrue();
        assertThat(stockholm2024.at("/total/cases").asLong() + cases).isEqualTo(countedInEveryAgreement(2024));
    }

    /** Every case received in the year, whatever its agreement, as the database holds them. */
    private long countedInEveryAgreement(int year) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE received_at >= ? AND received_at < ?", Long.class,
                java.time.LocalDate.of(year, 1, 1).atStartOfDay(java.time.ZoneId.of("Europe/Stockholm")).toOffsetDateTime(),
                java.time.LocalDate.of(year + 1, 1, 1).atStartOfDay(java.time.ZoneId.of("Europe/Stockholm")).toOffsetDateTime());
    }

    private static long jourCount(JsonNode report, String category) {
        long n = 0;
        for (String jour : new String[] {"boj-sodra-stockholm", "boj-vasterort", "boj-stockholm-gotland"}) {
            n += report.at("/byPartner/" + jour + "/casesByCrimeCategory/" + category).asLong();
        }
        return n;
    }
}
