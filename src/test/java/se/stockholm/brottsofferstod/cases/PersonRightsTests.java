package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A person's rights over real HTTP: the coordinator finds, exports and erases everything on a person, audited. */
class PersonRightsTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private CamelContext camel;

    private String openCase(String personnummer, String phone, String email) {
        String id = "RIGHTS-" + UUID.randomUUID();
        HttpResponse<String> response = postReferrals("""
                {"referralId":"%s","sentAt":"2026-11-12T09:14:00+01:00",
                 "person":{"role":"VICTIM","givenName":"Rightstest","familyName":"Personsson","personalIdentityNumber":"%s",
                           "gender":"MALE","phone":"%s","email":"%s","district":"Farsta"},
                 "consent":{"contactConsent":true,"givenBy":"SELF","recordedAt":"2026-11-11T22:40:00+01:00"}}"""
                .formatted(id, personnummer, phone, email));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("results").get(0).get("caseReference").asString();
    }

    @Test
    void theCoordinatorExportsEverythingOnAPersonByPersonnummerAndItIsAudited() {
        String ref = openCase("19900101-1239", "070-444 10 01", "rights.one@example.se");

        HttpResponse<String> export = post("/api/persons/export", "{\"personnummer\":\"900101-1239\"}", "samordnare", "coord-secret");

        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        JsonNode cases = JSON.readTree(export.body()).get("cases");
        assertThat(cases).anySatisfy(c -> {
            assertThat(c.get("caseReference").asString()).isEqualTo(ref);
            assertThat(c.toString()).contains("Rightstest");
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE operation = 'EXPORT_PERSON' AND case_reference = ?",
                Integer.class, ref)).isEqualTo(1);
    }

    @Test
    void staffCannotAskForAPersonsData() {
        assertThat(post("/api/persons/export", "{\"phone\":\"0704441001\"}", "sodra-1", "staff-secret").statusCode()).isEqualTo(403);
        assertThat(post("/api/persons/erase", "{\"phone\":\"0704441001\"}", "sodra-1", "staff-secret").statusCode()).isEqualTo(403);
    }

    @Test
    void erasingByPhoneErasesEveryCaseOfThePersonAndTheStatisticsStayExact() {
        String first = openCase("19770707-5557", "070-444 20 02", "rights.two@example.se");
        String second = openCase("19770707-5557", "+46704442002", "other.address@example.se");
        String today = LocalDate.now(ZoneId.of("Europe/Stockholm")).toString();
        String statistics = "/api/statistics?from=" + today + "&to=" + today;
        String before = get(statistics, "samordnare", "coord-secret").body();

        HttpResponse<String> erase = post("/api/persons/erase", "{\"phone\":\"0704442002\"}", "samordnare", "coord-secret");

        assertThat(erase.statusCode()).as(erase.body()).isEqualTo(200);
        assertThat(JSON.readTree(erase.body()).get("erasedCases").toString()).contains(first).contains(second);
        for (String ref : new String[] {first, second}) {
            assertThat(storedCase(ref)).containsEntry("GIVEN_NAME", null).containsEntry("PERSONAL_IDENTITY_NUMBER", null)
                    .containsEntry("PHONE", null).containsEntry("EMAIL", null).containsEntry("GENDER", "MALE");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE operation = 'ERASE_PERSONAL_DATA'"
                    + " AND case_reference = ?", Integer.class, ref)).isEqualTo(1);
        }
        assertThat(get(statistics, "samordnare", "coord-secret").body()).isEqualTo(before);
        HttpResponse<String> after = post("/api/persons/export", "{\"personnummer\":\"197707075557\"}", "samordnare", "coord-secret");
        assertThat(JSON.readTree(after.body()).get("cases")).isEmpty();
    }

    @Test
    void aMessageOfTheCaseNotSentYetWhenThePersonIsErasedIsNeverSent() throws Exception {
        String ref = openCase("19660606-6667", "070-444 30 03", "rights.three@example.se");
        // the relay is held, so the link's message (the case with the link's reason) waits in the outbox
        camel.getRouteController().stopRoute("case-dispatch");
        try {
            HttpResponse<String> linked = post("/api/cases/" + ref + "/links",
                    "{\"to\":\"stodcentrum\",\"reason\":\"Rightstest är 17 år\"}", "sodra-1", "staff-secret");
            assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
            assertThat(outboxRowsOf(ref)).as("waiting to be sent").isEqualTo(1);

            HttpResponse<String> erase = post("/api/persons/erase", "{\"phone\":\"0704443003\"}", "samordnare", "coord-secret");

            assertThat(erase.statusCode()).as(erase.body()).isEqualTo(200);
            assertThat(outboxRowsOf(ref)).as("nothing of the erased person is sent afterwards").isZero();
        } finally {
            camel.getRouteController().startRoute("case-dispatch");
        }
    }

    private int outboxRowsOf(String caseReference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM case_outbox WHERE case_reference = ?", Integer.class, caseReference);
    }

    @Test
    void exactlyOneIdentifierIsAsked() {
        HttpResponse<String> response = post("/api/persons/export", "{\"phone\":\"0701\",\"email\":\"a@b.se\"}", "samordnare",
                "coord-secret");

        assertThat(response.statusCode()).isEqualTo(400);
    }
}
