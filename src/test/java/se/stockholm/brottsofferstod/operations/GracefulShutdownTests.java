package se.stockholm.brottsofferstod.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.TestDatabase;
import se.stockholm.brottsofferstod.support.TestPorts;
import tools.jackson.databind.json.JsonMapper;

/** Stopping the service lets a batch that is being taken in finish: the police get their 202 and every case is stored. */
@Tag(TestDatabase.TAG)
class GracefulShutdownTests {

    private static final int BATCH = 3000;

    @Test
    void aBatchInFlightWhenTheServiceIsStoppedIsTakenWholeAndAnswered() throws Exception {
        Path dataDir = Files.createTempDirectory("intake-shutdown-");
        int brokerPort = TestPorts.free();
        String prefix = "STOP-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        StringJoiner batch = new StringJoiner(",", "[", "]");
        for (int i = 0; i < BATCH; i++) {
            batch.add(OperationsTests.adultReferral(prefix + i));
        }
        ConfigurableApplicationContext service = start(dataDir, brokerPort);
        CamelContext camel = service.getBean(CamelContext.class);
        String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");

        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/api/referrals/police")).header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString("police-feed:police-secret".getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(batch.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> camel.getInflightRepository().size("police-rest") > 0 || response.isDone());
        service.close();

        HttpResponse<String> answered = response.get();
        assertThat(answered.statusCode()).isEqualTo(202);
        assertThat(JsonMapper.builder().build().readTree(answered.body()).path("results").size()).isEqualTo(BATCH);
        try (ConfigurableApplicationContext again = start(dataDir, brokerPort)) {
            assertThat(again.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM support_case WHERE external_id LIKE ?", Integer.class, prefix + "%")).isEqualTo(BATCH);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, int brokerPort) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--intake.data-dir=" + dataDir,
                "--intake.broker.port=" + brokerPort,
                "--intake.security.users-file=src/test/resources/test-users.yml",
                "--intake.http.servlet-name=GracefulShutdownTestsServlet",
                "--intake.shutdown.timeout=60s"));
        arguments.addAll(TestDatabase.arguments(dataDir));
        return new SpringApplicationBuilder(IntakeApplication.class).run(arguments.toArray(String[]::new));
    }
}
