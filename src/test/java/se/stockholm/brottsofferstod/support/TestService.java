package se.stockholm.brottsofferstod.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One place that derives every folder and port of a test service: a temporary data folder (H2, the broker's
 * journal and the inbox follow it through the service's own settings), a free broker port, a free port for the
 * stand-in of 46elks' API and a Camel servlet name; on PostgreSQL ({@link TestDatabase}) a database of its own. Integration tests share one service unless their class is
 * marked {@link OwnContext}. The folders are deleted when the test JVM ends, after their contexts are closed.
 */
public final class TestService {

    public static final String USERS_FILE = "src/test/resources/test-users.yml";
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final String ELKS_API_USER = "elks-api-user";
    public static final String ELKS_API_PASSWORD = "elks-api-secret";
    public static final String TWILIO_AUTH_TOKEN = "test-twilio-token";
    public static final String TWILIO_PUBLIC_URL = "https://sms.example.org";

    private static final List<Runnable> AT_EXIT = new ArrayList<>();
    private static final TestService SHARED = new TestService("shared");
    private static final Map<Class<?>, TestService> OWN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestService::cleanUp, "test-service-clean-up"));
    }

    private final String name;
    private final Path dataDir;
    private final int brokerPort = TestPorts.free();
    private final int smsGatewayPort = TestPorts.free();
    private final TestClock clock = new TestClock();
    private Map<String, Object> database;

    private TestService(String name) {
        this.name = name;
        this.dataDir = temporaryFolder("intake-test-" + name + "-");
        atExit(() -> delete(dataDir));
    }

    /** The service a test class runs against: its own when the class (or the class it is nested in) asks for one. */
    public static TestService of(Class<?> testClass) {
        Class<?> owner = testClass;
        while (owner.getEnclosingClass() != null && !owner.isAnnotationPresent(OwnContext.class)) {
            owner = owner.getEnclosingClass();
        }
        if (!owner.isAnnotationPresent(OwnContext.class)) {
            return SHARED;
        }
        return OWN.computeIfAbsent(owner, c -> new TestService(c.getSimpleName()));
    }

    public Path dataDir() {
        return dataDir;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int smsGatewayPort() {
        return smsGatewayPort;
    }

    /** The clock every bean of this service reads the time from. */
    public TestClock clock() {
        return clock;
    }

    /** The settings that make the service this one; a test class's own property sources still win over them. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("intake.data-dir", dataDir.toString());
        properties.put("intake.broker.port", brokerPort);
        properties.put("intake.http.servlet-name", "TestServlet-" + name);
        properties.put("intake.security.users-file", USERS_FILE);
        properties.put("intake.police.max-body-size", MAX_BODY_BYTES + "B");
        properties.put("intake.dispatch.period-ms", 50);
        properties.put("intake.operations.metrics-period-ms", 300);
        properties.put("intake.dead-letters.check-delay-ms", 500);
        // a message that keeps failing on our side is dead-lettered after 3 quick attempts
        properties.put("intake.redeliveries", 2);
        properties.put("intake.redelivery-delay-ms", 50);
        properties.put("intake.sms.elks.api-url", "http://127.0.0.1:" + smsGatewayPort);
        properties.put("intake.sms.elks.api-username", ELKS_API_USER);
        properties.put("intake.sms.elks.api-password", ELKS_API_PASSWORD);
        properties.put("intake.sms.elks.sender", "Brottsstod");
        properties.put("intake.sms.elks.retry-backoff", "20ms");
        properties.put("intake.sms.elks.send-period-ms", 100);
        properties.put("intake.sms.twilio.auth-token", TWILIO_AUTH_TOKEN);
        properties.put("intake.sms.twilio.public-url", TWILIO_PUBLIC_URL);
        properties.putAll(database());
        return properties;
    }

    /** H2 in the data folder (the settings of config/application.yml), or this service's own PostgreSQL database. */
    private synchronized Map<String, Object> database() {
        if (database == null) {
            database = TestDatabase.postgres() ? TestDatabase.newPostgresDatabase(name) : Map.of();
        }
        return database;
    }

    /** A context on this service is closed before its folder is deleted at exit (closing twice is harmless). */
    void started(ConfigurableApplicationContext context) {
        atExit(context::close);
    }

    static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized void atExit(Runnable task) {
        // contexts first, then folders: the last registered runs first
        AT_EXIT.add(0, task);
    }

    private static synchronized void cleanUp() {
        for (Runnable task : AT_EXIT) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a context that fails to close must not keep the other folders on disk
            }
        }
        // a database's last trace file may come after its folder went: the services' folders once more
        SHARED.deleteQuietly();
        OWN.values().forEach(TestService::deleteQuietly);
    }

    private void deleteQuietly() {
        try {
            delete(dataDir);
        } catch (UncheckedIOException e) {
            // left for the system's temporary folder clean-up
        }
    }

    public static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
