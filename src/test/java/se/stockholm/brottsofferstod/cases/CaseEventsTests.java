package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.jms.Connection;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/** Partner systems report back on case-events, through the same rules as the staff API. */
class CaseEventsTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String sodraCase() {
        HttpResponse<String> response = postReferrals(Examples.withFreshIds(Examples.ADULT, Examples.unique()));
        return JSON.readTree(response.body()).get("results").get(0).get("caseReference").asString();
    }

    private void sendEvent(String user, String password, String body) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort()).createConnection(user, password)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("case-events")).send(session.createTextMessage(body));
        }
    }

    private int attemptsOn(String reference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM contact_attempt a JOIN support_case c ON a.case_id = c.id"
                + " WHERE c.case_reference = ?", Integer.class, reference);
    }

    private int actionsOn(String reference) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM case_action a JOIN support_case c ON a.case_id = c.id"
                + " WHERE c.case_reference = ? AND a.action_type = 'WITNESS_SUPPORT'", Integer.class, reference);
    }

    @Test
    void partnerSystemRecordsAnAttemptAndAnActionOnItsOwnCase() throws Exception {
        String ref = sodraCase();

        sendEvent("sodra-system", "sodra-secret", """
                {"type":"CONTACT_ATTEMPT","caseReference":"%s","at":"2026-01-12T18:15:00+01:00","channel":"PHONE","outcome":"REACHED"}"""
                .formatted(ref));

        sendEvent("sodra-system", "sodra-secret", """
                {"type":"WITNESS_SUPPORT","caseReference":"%s","at":"2026-01-13T10:00:00+01:00"}""".formatted(ref));

        await().atMost(Duration.ofSeconds(20)).until(() -> attemptsOn(ref) == 1 && actionsOn(ref) == 1);
        assertThat(storedCase(ref)).containsEntry("STATUS", "IN_PROGRESS");
        assertThat(jdbc.queryForObject("SELECT recorded_by FROM contact_attempt a JOIN support_case c ON a.case_id = c.id"
                + " WHERE c.case_reference = ?", String.class, ref)).isEqualTo("sodra-system");
    }

    @Test
    void eventForAnotherPartnersCaseIsDeadLetteredWithItsReason() throws Exception {
        String ref = sodraCase();

        sendEvent("vast-system", "vast-secret", """
                {"type":"ACTION","actionType":"SUPPORT_CALL","caseReference":"%s","at":"2026-01-12T10:00:00+01:00"}""".formatted(ref));

        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("intake.dlq", "externalId = '" + ref + "'") == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_action a JOIN support_case c ON a.case_id = c.id"
                + " WHERE c.case_reference = ?", Integer.class, ref)).isZero();
        assertThat(jdbc.queryForObject("SELECT reason FROM rejection WHERE external_id = ?", String.class, ref))
                .contains("No case " + ref);
    }

    @Test
    void eventWithAnUnknownTypeIsDeadLetteredNamingTheField() throws Exception {
        String ref = sodraCase();

        sendEvent("sodra-system", "sodra-secret", "{\"type\":\"HUG\",\"caseReference\":\"%s\"}".formatted(ref));

        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("intake.dlq", "externalId = '" + ref + "'") == 1);
        assertThat(jdbc.queryForObject("SELECT reason FROM rejection WHERE external_id = ?", String.class, ref))
                .startsWith("type: must be one of");
    }

    @Test
    void eventBreakingARuleIsDeadLettered() throws Exception {
        String ref = sodraCase();

        sendEvent("sodra-system", "sodra-secret", """
                {"type":"CLOSE","caseReference":"%s","at":"2026-01-12T10:00:00+01:00","outcome":"NOT_REACHED"}""".formatted(ref));

        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("intake.dlq", "externalId = '" + ref + "'") == 1);
        assertThat(storedCase(ref)).containsEntry("STATUS", "NEW");
    }
}
