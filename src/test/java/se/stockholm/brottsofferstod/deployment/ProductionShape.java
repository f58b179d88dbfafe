package se.stockholm.brottsofferstod.deployment;

import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import se.stockholm.brottsofferstod.broker.ExternalBroker;
import se.stockholm.brottsofferstod.deployment.CrashProof.Broker;
import se.stockholm.brottsofferstod.deployment.CrashProof.ServiceProcess;

/**
 * The production shape on this machine, for bench/crash production and bench/scale: PostgreSQL (embedded, in this
 * JVM), the Artemis primary/backup pair of deploy/artemis (the primary in a process of its own, so that it can be
 * killed with SIGKILL; the backup in this JVM) and service instances, each the packaged jar in a process of its own
 * with the {@code postgres} profile, all sharing one database, one broker pair and one police inbox folder. Secrets
 * reach the instances by their environment.
 */
final class ProductionShape implements AutoCloseable {

    static final String DB_USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final String jdbcUrl;
    private final Process primary;
    private final ActiveMQServer backup;
    private final int primaryPort;
    private final int backupPort;
    private final Path inbox;
    private final List<ServiceProcess> instances = new ArrayList<>();

    private ProductionShape(EmbeddedPostgres postgres, String jdbcUrl, Process primary, ActiveMQServer backup,
                            int primaryPort, int backupPort, Path inbox) {
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.primary = primary;
        this.backup = backup;
        this.primaryPort = primaryPort;
        this.backupPort = backupPort;
        this.inbox = inbox;
    }

    /** Starts the database, the broker pair and {@code count} instances, and waits until every instance is ready. */
    static ProductionShape start(Path jar, Path folder, int count, PrintStream out) throws Exception {
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement statement = db.createStatement()) {
            statement.execute("CREATE DATABASE intake");
        }
        String jdbcUrl = postgres.getJdbcUrl(DB_USER, "intake") + "&reWriteBatchedInserts=true";
        int primaryPort = CrashProof.freePort();
        int backupPort = CrashProof.freePort();
        Process primary = ExternalBroker.startInItsOwnProcess(folder.resolve("broker-primary"), "ha-primary.xml", primaryPort, backupPort);
        ActiveMQServer backup = ExternalBroker.server(folder.resolve("broker-backup"), "ha-backup.xml", backupPort, primaryPort);
        backup.start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(backup::isReplicaSync);
        Path inbox = Files.createDirectories(folder.resolve("inbox").resolve("police"));
        ProductionShape shape = new ProductionShape(postgres, jdbcUrl, primary, backup, primaryPort, backupPort, inbox);
        String keysSecret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
        // the production profile takes only hashed passwords; the proof logs in to no HTTP endpoint
        Path users = folder.resolve("users.yml");
        Files.writeString(users, "users:\n  - { username: samordnare, password: \"{bcrypt}"
                + new BCryptPasswordEncoder().encode(keysSecret) + "\", role: COORDINATOR }\n");
        for (int i = 0; i < count; i++) {
            shape.instances.add(new ServiceProcess(jar, List.of(
                    "--spring.profiles.active=postgres",
                    // stable across restarts: a started-again instance takes its own inbox locks back at once
                    "--intake.instance-id=instance-" + (i + 1),
                    "--intake.data-dir=" + folder.resolve("instance-" + (i + 1)).toAbsolutePath(),
                    "--intake.police.inbox=" + inbox.toAbsolutePath(),
                    "--intake.security.users-file=" + users.toAbsolutePath(),
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + DB_USER,
                    "--intake.broker.primary=127.0.0.1:" + primaryPort,
                    "--intake.broker.backup=127.0.0.1:" + backupPort),
                    Map.of("SPRING_ARTEMIS_PASSWORD", ExternalBroker.PASSWORDS.get("intake-service"),
                            // the embedded server trusts local connections; the production profile wants a password all the same
                            "SPRING_DATASOURCE_PASSWORD", keysSecret.substring(0, 16),
                            "INTAKE_KEYS_SECRET", keysSecret),
                    CrashProof.freePort(), folder.resolve("instance-" + (i + 1) + ".log")));
        }
        try {
            for (ServiceProcess instance : shape.instances) {
                instance.start();
            }
            for (ServiceProcess instance : shape.instances) {
                instance.awaitReady(Duration.ofMinutes(3));
            }
        } catch (Exception | Error e) {
            shape.close();
            throw e;
        }
        out.printf("production shape: PostgreSQL, Artemis primary :%d and backup :%d, %d instances, ready in %d s (folder %s)%n",
                primaryPort, backupPort, count, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), folder);
        return shape;
    }

    ServiceProcess instance(int index) {
        return instances.get(index);
    }

    Path inbox() {
        return inbox;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The pair as a client of the police feed or a partner system reaches it: failover to the backup. */
    Broker broker() {
        String url = "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort
                + ")?ha=true&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.5&maxRetryInterval=2000";
        return new Broker(url, "police-feed", ExternalBroker.PASSWORDS.get("police-feed"),
                "sodra-system", ExternalBroker.PASSWORDS.get("sodra-system"));
    }

    /** SIGKILL to the primary broker; how long until the backup serves clients. */
    Duration killPrimaryBroker() throws InterruptedException {
        long killed = System.nanoTime();
        primary.destroyForcibly();
        primary.waitFor(30, TimeUnit.SECONDS);
        if (!backup.waitForActivation(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the backup broker did not take over within 60 s");
        }
        return Duration.ofNanos(System.nanoTime() - killed);
    }

    /** SIGTERM to every instance: they stop gracefully. */
    void stopInstances() throws InterruptedException {
        for (ServiceProcess instance : instances) {
            instance.stop();
        }
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess instance : instances) {
            instance.kill();
        }
        primary.destroyForcibly();
        try {
            backup.stop();
        } finally {
            postgres.close();
        }
    }
}
