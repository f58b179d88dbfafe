package se.stockholm.brottsofferstod.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.TestPorts;
import se.stockholm.brottsofferstod.support.TestService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With structured logging on, each line is JSON with the route, channel and case reference as fields, and no personal
 * data. The service runs as its own process on the product's classpath alone, so it logs to its console exactly as in
 * production (the tests' own logging set-up, which writes to a file, is not on that classpath).
 */
class StructuredLogTests {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final JsonMapper json = JsonMapper.builder().build();
    private final StringBuffer console = new StringBuffer();

    @Test
    void aTakenReferralIsLoggedAsJsonWithItsCaseReferenceRouteAndChannelAndNoPersonalData() throws Exception {
        String accepted = "LOG-OK-" + UUID.randomUUID();
        String refused = "LOG-BAD-" + UUID.randomUUID();
        Path dataDir = Files.createTempDirectory("intake-logs-");
        Process service = start(dataDir);
        try {
            // the port is logged when Tomcat starts, the Camel routes behind it are up once the service says it started
            await().atMost(Duration.ofSeconds(120)).until(() -> console.toString().contains("Started IntakeApplication"));
            Matcher port = PORT.matcher(console);
            assertThat(port.find()).isTrue();
            String base = "http://127.0.0.1:" + port.group(1);
            assertThat(post(base, OperationsTests.adultReferral(accepted)).statusCode()).isEqualTo(202);
            assertThat(post(base, OperationsTests.adultReferral(refused).replace("\"FEMALE\"", "\"F\"")).statusCode()).isEqualTo(400);

            await().atMost(Duration.ofSeconds(10)).until(() -> console.toString().contains("Rejected " + refused));
        } finally {
            service.destroy();
            service.waitFor();
            TestService.delete(dataDir);
        }
        List<JsonNode> lines = Arrays.stream(console.toString().split("\n")).filter(line -> line.startsWith("{"))
                .map(json::readTree).toList();
        JsonNode opened = lines.stream().filter(line -> line.path("message").asString().contains(accepted)).findFirst().orElseThrow();
        assertThat(opened.path("message").asString()).startsWith("Opened case BO-");
        assertThat(opened.path("caseReference").asString()).startsWith("BO-");
        assertThat(opened.path("route").asString()).isEqualTo("police-rest");
        assertThat(opened.path("channel").asString()).isEqualTo("police");
        JsonNode rejected = lines.stream().filter(line -> line.path("message").asString().contains(refused)).findFirst().orElseThrow();
        assertThat(rejected.path("route").asString()).isEqualTo("police-rest");
        assertThat(console.toString()).doesNotContain("Lindqvist", "19851104", "Hökarängsplan", "070-123");
    }

    /** The service on the product's classpath (surefire names the test classpath; the test classes are left out). */
    private Process start(Path dataDir) throws IOException {
        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String classpath = String.join(File.pathSeparator, Arrays.stream(testClasspath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).toList());
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", classpath, IntakeApplication.class.getName(),
                "--server.port=0",
                "--intake.data-dir=" + dataDir,
                "--intake.broker.port=" + TestPorts.free(),
                "--intake.security.users-file=" + TestService.USERS_FILE,
                "--logging.structured.format.console=ecs")
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    console.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process was stopped: its output ends here
            }
        }, "structured-log-reader");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private static HttpResponse<String> post(String base, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/referrals/police"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("police-feed:police-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
