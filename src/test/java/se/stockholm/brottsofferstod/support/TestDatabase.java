package se.stockholm.brottsofferstod.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database the integration tests run on: H2 in each service's data folder (the default shape), or, with the
 * system property {@code intake.test.database=postgres} (the build's second test pass), PostgreSQL, the production
 * database. Then one embedded PostgreSQL server runs per test JVM and every service gets a database of its own on
 * it, created empty and migrated by the service's Flyway, so services never share data. The connection takes the
 * production profile's URL parameters ({@code config/application-postgres.yml}). The test classes that start the
 * service carry the tag {@value #TAG}.
 */
public final class TestDatabase {

    public static final String PROPERTY = "intake.test.database";
    /** The tests that run on both databases: the build's PostgreSQL pass runs only these. */
    public static final String TAG = "database";
    private static final String PRODUCTION_SETTINGS = "config/application-postgres.yml";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Map<Path, Map<String, Object>> BY_DATA_DIR = new ConcurrentHashMap<>();

    private TestDatabase() {
    }

    /** Whether this test JVM runs the services on PostgreSQL. */
    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty(PROPERTY, "h2"));
    }

    /**
     * The datasource settings of a new, empty PostgreSQL database on this JVM's embedded server, named after
     * {@code name} (for reading the server's log).
     */
    public static Map<String, Object> newPostgresDatabase(String name) {
        String database = ("intake_" + DATABASES.incrementAndGet() + "_" + name).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        database = database.substring(0, Math.min(database.length(), 63));
        EmbeddedPostgres server = Server.INSTANCE;
        new JdbcTemplate(server.getPostgresDatabase()).execute("CREATE DATABASE " + database);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", server.getJdbcUrl("postgres", database) + "&" + Server.PRODUCTION_URL_PARAMETERS);
        settings.put("spring.datasource.username", "postgres");
        settings.put("spring.datasource.password", "");
        return settings;
    }

    /**
     * The datasource settings of the service on this data folder, as command-line arguments: none on H2 (the
     * database is in the folder), on PostgreSQL the same database each time the service starts on the folder.
     */
    public static List<String> arguments(Path dataDir) {
        if (!postgres()) {
            return List.of();
        }
        return BY_DATA_DIR.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> newPostgresDatabase(dir.getFileName().toString()))
                .entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toList();
    }

    /**
     * An empty database of its own for a test that migrates and uses it without the service: H2 in memory, or a new
     * database on the embedded PostgreSQL.
     */
    public static DataSource newDatabase(String name) {
        if (!postgres()) {
            return new DriverManagerDataSource("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        Map<String, Object> settings = newPostgresDatabase(name);
        return new DriverManagerDataSource((String) settings.get("spring.datasource.url"),
                (String) settings.get("spring.datasource.username"), (String) settings.get("spring.datasource.password"));
    }

    /** The server, started on first use and stopped when the JVM ends, after the services' contexts. */
    private static final class Server {

        static final String PRODUCTION_URL_PARAMETERS = productionUrlParameters();
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder()
                        // a test server: what is lost in a crash is of no matter
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setRegisterShutdownHook(false)
                        .start();
                TestService.atExit(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String productionUrlParameters() {
            try {
                PropertySource<?> production = new YamlPropertySourceLoader()
                        .load("production", new FileSystemResource(Path.of(PRODUCTION_SETTINGS))).get(0);
                String url = String.valueOf(production.getProperty("spring.datasource.url"));
                String query = URI.create(url.substring("jdbc:".length())).getQuery();
                return query == null ? "" : query;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
