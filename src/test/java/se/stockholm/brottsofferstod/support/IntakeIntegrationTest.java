package se.stockholm.brottsofferstod.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * The wired product on a random port with its real parts in-process: embedded Artemis with its journal
 * and H2 in a temporary data folder, the test users file; {@link TestService} derives the folders and ports.
 * Subclasses share one application context, so each test uses fresh referral ids; a class marked
 * {@link OwnContext} gets a service of its own.
 */
@Tag(TestDatabase.TAG)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntakeIntegrationTest {

    protected static final String POLICE_USER = "police-feed";
    protected static final String POLICE_PASSWORD = "police-secret";
    protected static final int MAX_BODY_BYTES = TestService.MAX_BODY_BYTES;
    protected static final String ELKS_API_USER = TestService.ELKS_API_USER;
    protected static final String ELKS_API_PASSWORD = TestService.ELKS_API_PASSWORD;
    protected static final String TWILIO_AUTH_TOKEN = TestService.TWILIO_AUTH_TOKEN;
    protected static final String TWILIO_PUBLIC_URL = TestService.TWILIO_PUBLIC_URL;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected Environment environment;

    @Autowired
    protected ConnectionFactory connectionFactory;

    /** The service's clock: a test that needs time to pass moves it; it is set back after each test. */
    @Autowired
    protected TestClock clock;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void setTheClockBack() {
        clock.reset();
    }

    /** This context's data folder (see {@link TestService}). */
    protected Path dataDir() {
        return Path.of(environment.getRequiredProperty("intake.data-dir"));
    }

    /** The port of this context's broker's TCP acceptor, for outside JMS clients. */
    protected int brokerPort() {
        return environment.getRequiredProperty("intake.broker.port", Integer.class);
    }

    protected HttpResponse<String> postReferrals(String body) {
        return post("/api/referrals/police", body, POLICE_USER, POLICE_PASSWORD);
    }

    /** Posts the same body {@code times} times from 16 threads at once; the responses in order. */
    protected List<HttpResponse<String>> postReferralsConcurrently(String body, int times) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                posts.add(() -> postReferrals(body));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : pool.invokeAll(posts)) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }

    protected HttpResponse<String> post(String path, String body, String user, String password) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), user, password);
    }

    protected HttpResponse<String> postWithBearer(String path, String body, String key) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), null, null);
    }

    /** Posts a form as a gateway does, with optional extra headers (name, value, name, value, ...). */
    protected HttpResponse<String> postForm(String path, byte[] form, String user, String password, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request, user, password);
    }

    protected HttpResponse<String> get(String path, String user, String password) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user, password);
    }

    protected HttpResponse<String> get(String path, String accept, String user, String password) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET(), user, password);
    }

    /** The response's bytes as sent, for checking an encoding. */
    protected HttpResponse<byte[]> getBytes(String path, String accept, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET();
        authorize(request, user, password);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void authorize(HttpRequest.Builder request, String user, String password) {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String user, String password) {
        authorize(request, user, password);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }

    /** The stored case as column → value, or an empty map. */
    protected Map<String, Object> storedCase(String caseReference) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM support_case WHERE case_reference = ?", caseReference);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    protected int casesWithExternalId(String externalId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE external_id = ?", Integer.class, externalId);
    }

    protected int rejectionsFor(String externalId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM rejection WHERE external_id = ?", Integer.class, externalId);
    }

    /** Waits for the case's message on the queue and gives it back, left on the queue (browsed). */
    protected QueuedCase awaitQueued(String queue, String caseReference) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> jms.browseSelected(queue, "caseReference = '" + caseReference + "'", (session, browser) -> {
                    var messages = browser.getEnumeration();
                    return messages.hasMoreElements() ? QueuedCase.of((Message) messages.nextElement()) : null;
                }), java.util.Objects::nonNull);
    }

    /** How many messages on the queue match the selector, browsed. */
    protected int countOnQueue(String queue, String selector) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        Integer count = jms.browseSelected(queue, selector, (session, browser) -> {
            int n = 0;
            for (var e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                n++;
            }
            return n;
        });
        return count == null ? 0 : count;
    }

    /**
     * A case message as a partner system receives it.
     *
     * @param urgent   the message's {@code urgent} property
     * @param language the message's {@code language} property, or {@code null}
     * @param priority the JMS priority it was sent with
     */
    public record QueuedCase(String body, String caseReference, String partner, String source, boolean urgent, String language,
                             int priority) {
        static QueuedCase of(Message message) throws JMSException {
            return new QueuedCase(((TextMessage) message).getText(), message.getStringProperty("caseReference"),
                    message.getStringProperty("partner"), message.getStringProperty("source"),
                    message.propertyExists("urgent") && message.getBooleanProperty("urgent"),
                    message.getStringProperty("language"), message.getJMSPriority());
        }
    }
}
