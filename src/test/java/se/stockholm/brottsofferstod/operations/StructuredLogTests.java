package se.stockholm.brottsofferstod.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.TestPorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With structured logging on, each line is JSON with the route, channel and case reference as fields, and no personal data. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aTakenReferralIsLoggedAsJsonWithItsCaseReferenceRouteAndChannelAndNoPersonalData(CapturedOutput output) throws Exception {
        String accepted = "LOG-OK-" + UUID.randomUUID();
        String refused = "LOG-BAD-" + UUID.randomUUID();
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(IntakeApplication.class).run(
                "--server.port=0",
                "--intake.data-dir=" + Files.createTempDirectory("intake-logs-"),
                "--intake.broker.port=" + TestPorts.free(),
                "--intake.security.users-file=src/test/resources/test-users.yml",
                "--intake.http.servlet-name=StructuredLogTestsServlet",
                "--logging.structured.format.console=ecs")) {
            String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
            assertThat(post(base, OperationsTests.adultReferral(accepted)).statusCode()).isEqualTo(202);
            assertThat(post(base, OperationsTests.adultReferral(refused).replace("\"FEMALE\"", "\"F\"")).statusCode()).isEqualTo(400);

            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Rejected " + refused));
        }
        List<JsonNode> lines = Arrays.stream(output.getOut().split("\n")).filter(line -> line.startsWith("{"))
                .map(json::readTree).toList();
        JsonNode opened = lines.stream().filter(line -> line.path("message").asString().contains(accepted)).findFirst().orElseThrow();
        assertThat(opened.path("message").asString()).startsWith("Opened case BO-");
        assertThat(opened.path("caseReference").asString()).startsWith("BO-");
        assertThat(opened.path("route").asString()).isEqualTo("police-rest");
        assertThat(opened.path("channel").asString()).isEqualTo("police");
        JsonNode rejected = lines.stream().filter(line -> line.path("message").asString().contains(refused)).findFirst().orElseThrow();
        assertThat(rejected.path("route").asString()).isEqualTo("police-rest");
        assertThat(output.getOut()).doesNotContain("Lindqvist", "19851104", "Hökarängsplan", "070-123");
    }

    private static HttpResponse<String> post(String base, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/referrals/police"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("police-feed:police-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
