package se.stockholm.brottsofferstod.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every staff endpoint with every role of the users file, and every queue with every broker user:
 * the allowed ones work, the others get 401, 403 or 404 and see nothing of the case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record User(String name, String password) {
        @Override
        public String toString() {
            return name == null ? "anonymous" : name;
        }
    }

    private static final User ANONYMOUS = new User(null, null);
    private static final User POLICE = new User("police-feed", "police-secret");
    private static final User OWN_STAFF = new User("sodra-1", "staff-secret");
    private static final User OTHER_STAFF = new User("vast-1", "vast-staff");
    private static final User COORDINATOR = new User("samordnare", "coord-secret");
    private static final User SMS_GATEWAY = new User("elks-webhook", "elks-secret");
    private static final User PARTNER_SYSTEM = new User("sodra-system", "sodra-secret");
    private static final User WRONG_PASSWORD = new User("sodra-1", "guess");

    private String caseReference;

    @BeforeAll
    void aCaseOfBojSodraStockholm() {
        HttpResponse<String> response = postReferrals(Examples.withFreshIds(Examples.ADULT, Examples.unique()));
        caseReference = JSON.readTree(response.body()).get("results").get(0).get("caseReference").asString();
    }

    /** endpoint, method, body, and the expected status per user. */
    static Stream<Arguments> matrix() {
        String at = "\"at\":\"2026-01-10T10:00:00+01:00\"";
        String[][] endpoints = {
                {"GET", "/api/cases", null},
                {"GET", "/api/cases/{ref}", null},
                {"POST", "/api/cases/{ref}/contact-attempts", "{" + at + ",\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\"}"},
                {"POST", "/api/cases/{ref}/actions", "{" + at + ",\"type\":\"SUPPORT_CALL\"}"},
                {"POST", "/api/cases/{ref}/links", "{\"to\":\"boj-sodra-stockholm\"}"},
                {"POST", "/api/cases/{ref}/close", "{" + at + ",\"outcome\":\"GONE\"}"},
                {"POST", "/api/cases/{ref}/assign", "{\"partner\":\"boj-vasterort\"}"},
                {"GET", "/api/audit?caseReference={ref}", null},
        };
        // Changes that would alter the shared case are sent in a form the rules refuse after access is granted
        // (link to its own holder: 409; close with an unknown outcome: 400), so one case serves every row.
        int[][] expected = {
                // anonymous, wrong password, police, own staff, other staff, coordinator, sms gateway, partner system
                {401, 401, 403, 200, 200, 200, 403, 403},
                {401, 401, 403, 200, 404, 200, 403, 403},
                {401, 401, 403, 200, 404, 200, 403, 403},
                {401, 401, 403, 200, 404, 200, 403, 403},
                {401, 401, 403, 409, 404, 409, 403, 403},
                {401, 401, 403, 400, 400, 400, 403, 403},
                {401, 401, 403, 403, 403, 409, 403, 403},
                {401, 401, 403, 403, 403, 200, 403, 403},
        };
        User[] users = {ANONYMOUS, WRONG_PASSWORD, POLICE, OWN_STAFF, OTHER_STAFF, COORDINATOR, SMS_GATEWAY, PARTNER_SYSTEM};
        List<Arguments> rows = new ArrayList<>();
        for (int e = 0; e < endpoints.length; e++) {
            for (int u = 0; u < users.length; u++) {
                rows.add(Arguments.of(endpoints[e][0], endpoints[e][1], endpoints[e][2], users[u], expected[e][u]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {3} → {4}")
    @MethodSource("matrix")
    void endpointAnswersEachRoleAsTheContractSays(String method, String path, String body, User user, int status) {
        String resolved = path.replace("{ref}", caseReference);
        HttpResponse<String> response = "GET".equals(method)
                ? get(resolved, user.name(), user.password())
                : post(resolved, body, user.name(), user.password());

        assertThat(response.statusCode()).isEqualTo(status);
        if (status >= 400) {
            assertThat(response.body()).doesNotContain("Lindqvist").doesNotContain("19851104");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        }
    }

    /** queue, operation, broker user, allowed. */
    static Stream<Arguments> queues() {
        return Stream.of(
                Arguments.of("referrals.police", "send", POLICE, true),
                Arguments.of("referrals.police", "send", PARTNER_SYSTEM, false),
                Arguments.of("referrals.police", "send", COORDINATOR, false),
                Arguments.of("referrals.police", "consume", POLICE, false),
                Arguments.of("cases.boj-sodra-stockholm", "consume", PARTNER_SYSTEM, true),
                Arguments.of("cases.boj-vasterort", "consume", PARTNER_SYSTEM, false),
                Arguments.of("cases.boj-sodra-stockholm", "consume", POLICE, false),
                Arguments.of("cases.boj-sodra-stockholm", "consume", COORDINATOR, false),
                Arguments.of("cases.boj-sodra-stockholm", "browse", COORDINATOR, true),
                Arguments.of("cases.triage", "browse", COORDINATOR, true),
                Arguments.of("cases.boj-vasterort", "browse", PARTNER_SYSTEM, false),
                Arguments.of("cases.boj-sodra-stockholm", "send", PARTNER_SYSTEM, false),
                Arguments.of("case-events", "send", PARTNER_SYSTEM, true),
                Arguments.of("case-events", "send", POLICE, false),
                Arguments.of("case-events", "consume", PARTNER_SYSTEM, false),
                Arguments.of("intake.dlq", "browse", COORDINATOR, true),
                Arguments.of("intake.dlq", "consume", PARTNER_SYSTEM, false),
                Arguments.of("intake.dlq", "browse", OWN_STAFF, false));
    }

    @ParameterizedTest(name = "{2} may {1} {0}: {3}")
    @MethodSource("queues")
    void brokerUserMayUseOnlyItsQueues(String queue, String operation, User user, boolean allowed) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort())
                .createConnection(user.name(), user.password())) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var destination = session.createQueue(queue);
            Throwable refused = catchThrowable(() -> {
                switch (operation) {
                    case "send" -> session.createProducer(destination).send(session.createTextMessage("{\"probe\":true}"));
                    case "consume" -> session.createConsumer(destination, "probe = 'none'").close();
                    default -> session.createBrowser(destination).getEnumeration().hasMoreElements();
                }
            });
            if (allowed) {
                assertThat(refused).isNull();
            } else {
                assertThat(refused).isInstanceOf(JMSSecurityException.class);
            }
        }
    }
}
