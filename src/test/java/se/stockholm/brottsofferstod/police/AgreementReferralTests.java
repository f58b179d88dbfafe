package se.stockholm.brottsofferstod.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15: a referral of a Norrtälje resident reaches Brottsofferjouren Stockholm-Gotland under Norrtälje's own
 * agreement, by postal code or by a place of the municipality; the queue message and the staff API carry the
 * agreement. A person in Uppsala, under no agreement, still goes to outside area.
 */
class AgreementReferralTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String refer(String street, String postalCode, String city) {
        String id = "PM-NTLJ-" + Examples.unique();
        String body = Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id)
                .replace("Hökarängsplan 3", street)
                .replace("\"postalCode\": \"123 47\", ", postalCode == null ? "" : "\"postalCode\": \"" + postalCode + "\", ")
                .replace("\"Farsta\"", "\"" + city + "\"")
                .replace("Lokalpolisområde Farsta", "Lokalpolisområde Norrtälje");
        HttpResponse<String> response = postReferrals(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("results").get(0).get("caseReference").asString();
    }

    @ParameterizedTest(name = "{0}, {1} {2} → {3}, agreement {4}")
    @CsvSource(textBlock = """
            Storgatan 5,    761 30, Norrtälje,  boj-stockholm-gotland, norrtalje
            Köpmangatan 2,  762 31, Rimbo,      boj-stockholm-gotland, norrtalje
            Skolvägen 1,    ,       Hallstavik, boj-stockholm-gotland, norrtalje
            Byvägen 3,      764 50, Blidö,      boj-stockholm-gotland, norrtalje
            Kungsgatan 10,  753 20, Uppsala,    outside-area,          stockholm
            """)
    void theResidentsMunicipalityDecidesTheAgreementAndItsRuleThePartner(String street, String postalCode, String city,
                                                                         String partner, String agreement) {
        String reference = refer(street, postalCode, city);

        awaitQueued("cases." + partner, reference);
        assertThat(countOnQueue("cases." + partner, "caseReference = '%s' AND agreement = '%s'".formatted(reference, agreement)))
                .isEqualTo(1);
        assertThat(storedCase(reference)).containsEntry("PARTNER", partner).containsEntry("AGREEMENT", agreement);
    }

    @org.junit.jupiter.api.Test
    void theStaffApiShowsTheAgreementAndTheQueueMessageBodyCarriesIt() {
        String reference = refer("Storgatan 5", "761 30", "Norrtälje");

        String body = awaitQueued("cases.boj-stockholm-gotland", reference).body();
        assertThat(JSON.readTree(body).at("/routing/agreement").asString()).isEqualTo("norrtalje");
        JsonNode details = await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> response = get("/api/cases/" + reference, "samordnare", "coord-secret");
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, java.util.Objects::nonNull);
        assertThat(details.at("/routing/agreement").asString()).isEqualTo("norrtalje");
        assertThat(details.at("/routing/reason").asString()).contains("Norrtälje kommun");
        assertThat(details.at("/partner").asString()).isEqualTo("boj-stockholm-gotland");
    }
}
