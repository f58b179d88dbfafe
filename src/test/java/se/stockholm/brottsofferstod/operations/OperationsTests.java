package se.stockholm.brottsofferstod.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an operator sees of the running service: health, its groups, and the figures at /actuator/prometheus. */
class OperationsTests extends IntakeIntegrationTest {

    private static final String METRICS_USER = "prometheus";
    private static final String METRICS_PASSWORD = "metrics-secret";

    @Autowired
    private CamelContext camel;

    private final JsonMapper json = JsonMapper.builder().build();

    static String adultReferral(String referralId) {
        try (InputStream in = OperationsTests.class.getResourceAsStream("/contract/examples/police-referral-adult.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PM-STHLM-2024-000917", referralId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String scrape() {
        HttpResponse<String> response = get("/actuator/prometheus", METRICS_USER, METRICS_PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sum of the samples of this metric whose labels include all of these ({@code name="value"}). */
    static double value(String scrape, String metric, String... labels) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void healthAnswersExactlyUpWhileLivenessAndReadinessAnswerBesideIt() {
        HttpResponse<String> health = get("/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");

        HttpResponse<String> liveness = get("/actuator/health/liveness", null, null);
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");

        HttpResponse<String> readiness = get("/actuator/health/readiness", null, null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode components = json.readTree(readiness.body()).path("components");
        assertThat(components.propertyNames()).contains("db", "jms", "mailbox", "readinessState");
        assertThat(components.path("mailbox").path("status").asString()).isEqualTo("UP");
        assertThat(readiness.body()).doesNotContain("details");
    }

    @Test
    void prometheusIsForTheCoordinatorAndTheMetricsRoleOnly() {
        assertThat(get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "sodra-1", "staff-secret").statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", POLICE_USER, POLICE_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", "samordnare", "coord-secret").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", METRICS_USER, METRICS_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(get("/api/cases", METRICS_USER, METRICS_PASSWORD).statusCode()).isEqualTo(403);
    }

    @Test
    void routeAndOutboxFiguresMoveWhenAReferralIsTakenIn() throws Exception {
        String route = "route=\"police-rest\"";
        double takenBefore = value(scrape(), "intake_route_messages_total", route, "outcome=\"completed\"");
        // the relay and the intake's send right after its commit are held, so the case's message waits in the outbox
        // where the figure can see it
        camel.getRouteController().stopRoute("case-dispatch");
        camel.getRouteController().stopRoute("case-dispatch-now");
        try {
            assertThat(postReferrals(adultReferral("OPS-IN-" + UUID.randomUUID())).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                String scrape = scrape();
                return value(scrape, "intake_route_messages_total", route, "outcome=\"completed\"") == takenBefore + 1
                        && value(scrape, "intake_outbox_backlog", "outbox=\"cases\"") >= 1;
            });
        } finally {
            camel.getRouteController().startRoute("case-dispatch-now");
            camel.getRouteController().startRoute("case-dispatch");
        }
        // the relay takes a row the intake did not send once intake.dispatch.fallback-after-ms (10 s) has passed
        await().atMost(Duration.ofSeconds(40)).until(() -> value(scrape(), "intake_outbox_backlog", "outbox=\"cases\"") == 0);
        String scrape = scrape();
        assertThat(scrape).contains("intake_outbox_backlog{", "outbox=\"email-replies\"", "outbox=\"sms\"",
                "intake_outbox_oldest_seconds{");
    }

    @Test
    void routeAndDeadLetterFiguresMoveWhenAReferralIsRefused() {
        String route = "route=\"police-rest\"";
        String[] deadLetter = {"source=\"POLICE\"", "channel=\"REST\"", "reason=\"field:person.gender\""};
        String before = scrape();
        double refusedBefore = value(before, "intake_route_messages_total", route, "outcome=\"refused\"");
        double deadLettersBefore = value(before, "intake_dead_letters_total", deadLetter);
        double openBefore = value(before, "intake_dead_letters_open", deadLetter);

        String id = "OPS-REFUSED-" + UUID.randomUUID();
        assertThat(postReferrals(adultReferral(id).replace("\"FEMALE\"", "\"F\"")).statusCode()).isEqualTo(400);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String scrape = scrape();
            return value(scrape, "intake_route_messages_total", route, "outcome=\"refused\"") == refusedBefore + 1
                    && value(scrape, "intake_dead_letters_total", deadLetter) == deadLettersBefore + 1
                    && value(scrape, "intake_dead_letters_open", deadLetter) == openBefore + 1;
        });
        assertThat(scrape()).doesNotContain(id);
    }

    @Test
    void loginFailuresJvmAndPoolFiguresAreThere() {
        double before = value(scrape(), "intake_login_failures_total");
        assertThat(get("/api/cases", "sodra-1", "wrong-password").statusCode()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(10)).until(() -> value(scrape(), "intake_login_failures_total") == before + 1);
        String scrape = scrape();
        assertThat(scrape).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads{", "jvm_gc_max_data_size_bytes{", "hikaricp_connections_active{",
                "intake_cases{", "intake_service_level_first_attempt{").doesNotContain("sodra-1");
    }
}
