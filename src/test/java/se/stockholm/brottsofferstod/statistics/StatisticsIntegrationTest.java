package se.stockholm.brottsofferstod.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.cases.CaseIntake;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import se.stockholm.brottsofferstod.support.PastCases;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the statistics tests share: cases opened in the past, contacts and actions recorded on them by a partner's
 * staff through the staff API, and the coordinator's report through the statistics API.
 */
abstract class StatisticsIntegrationTest extends IntakeIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String COORDINATOR = "samordnare";
    static final String COORDINATOR_PASSWORD = "coord-secret";

    @Autowired
    private CaseIntake intake;

    @Autowired
    private Router router;

    /** A case received at that moment, routed as the rules route it; its reference. */
    String open(Instant receivedAt, Integer age, String district, String gender) {
        return new PastCases(intake, router).open(receivedAt, age, district, gender);
    }

    /** A phone contact attempt with that outcome, recorded by the staff member. */
    void attempt(String reference, String at, String outcome, String staff, String password) {
        HttpResponse<String> response = post("/api/cases/" + reference + "/contact-attempts",
                "{\"at\":\"" + at + "\",\"channel\":\"PHONE\",\"outcome\":\"" + outcome + "\"}", staff, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** An action of that type, recorded by the staff member. */
    void action(String reference, String at, String type, String staff, String password) {
        HttpResponse<String> response = post("/api/cases/" + reference + "/actions",
                "{\"at\":\"" + at + "\",\"type\":\"" + type + "\"}", staff, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The coordinator's report of the period as JSON, of one agreement or (null) the default one. */
    JsonNode report(String from, String to, String agreement) {
        HttpResponse<String> response = get("/api/statistics?from=" + from + "&to=" + to
                + (agreement == null ? "" : "&agreement=" + agreement), COORDINATOR, COORDINATOR_PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
