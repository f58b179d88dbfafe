package se.stockholm.brottsofferstod.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.TestPorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness follows what the service needs to take requests, and liveness does not: the database (embedded
 * PostgreSQL, stopped and started again on its data folder as a database server goes down and comes back), the
 * broker, and the mailbox (GreenMail).
 * A context of its own, since its parts are stopped under it.
 */
class ReadinessTests {

    private static final int DB_PORT = TestPorts.free();
    private static final int IMAP_PORT = TestPorts.free();
    private static final Duration DOWN_OR_UP = Duration.ofSeconds(60);
    private static Path dataDir;
    private static EmbeddedPostgres database;
    private static GreenMail mailbox;
    private static ConfigurableApplicationContext service;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("intake-readiness-");
        startDatabase();
        startMailbox();
        service = new SpringApplicationBuilder(IntakeApplication.class).run(
                "--server.port=0",
                "--intake.data-dir=" + dataDir,
                "--intake.broker.port=" + TestPorts.free(),
                "--intake.security.users-file=src/test/resources/test-users.yml",
                "--intake.http.servlet-name=ReadinessTestsServlet",
                "--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--spring.datasource.hikari.validation-timeout=500",
                "--intake.mail.enabled=true",
                "--intake.mail.imap.host=127.0.0.1",
                "--intake.mail.imap.port=" + IMAP_PORT,
                "--intake.mail.imap.ssl=false",
                "--intake.mail.imap.username=intake",
                "--intake.mail.imap.password=mail-secret",
                "--intake.mail.timeout-ms=1000");
    }

    private static void startDatabase() throws IOException {
        database = EmbeddedPostgres.builder().setPort(DB_PORT).setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).start();
    }

    private static void startMailbox() {
        mailbox = new GreenMail(new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailbox.start();
        mailbox.setUser("intake@brottsofferstod.test", "intake", "mail-secret");
    }

    @AfterAll
    static void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        mailbox.stop();
        database.close();
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + service.getEnvironment().getProperty("local.server.port") + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String componentStatus(HttpResponse<String> readiness, String component) {
        JsonNode body = json.readTree(readiness.body());
        return body.path("components").path(component).path("status").asString();
    }

    private void awaitReady() {
        await().atMost(DOWN_OR_UP).until(() -> get("/actuator/health/readiness").statusCode() == 200);
    }

    private void awaitNotReadyBecauseOf(String component) {
        await().atMost(DOWN_OR_UP).until(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness");
            return readiness.statusCode() == 503 && "DOWN".equals(componentStatus(readiness, component));
        });
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void aMailboxThatIsDownMakesReadinessSaySoWhileLivenessAndHealthStayUp() {
        awaitReady();
        mailbox.stop();
        try {
            awaitNotReadyBecauseOf("mailbox");
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        } finally {
            startMailbox();
        }
        awaitReady();
    }

    @Test
    void readinessGoesDownWhenTheBrokerStopsAndUpWhenItReturns() throws Exception {
        awaitReady();
        EmbeddedActiveMQ broker = service.getBean(EmbeddedActiveMQ.class);
        broker.stop();
        try {
            awaitNotReadyBecauseOf("jms");
        } finally {
            broker.start();
        }
        awaitReady();
    }

    @Test
    void readinessGoesDownWhenTheDatabaseStopsAndUpWhenItReturns() throws IOException {
        awaitReady();
        database.close();
        try {
            awaitNotReadyBecauseOf("db");
        } finally {
            startDatabase();
        }
        awaitReady();
    }
}
