package se.stockholm.brottsofferstod.deployment;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.core.ConditionTimeoutException;

import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.TestService;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Nothing lost, nothing twice" under SIGKILL: the packaged service runs as a process of its own on a data folder
 * while a police batch comes in through the file inbox and through the JMS queue; the process is killed with
 * SIGKILL at random moments and started again on the same data. At the end every referral must be exactly one
 * case in the database and one message on its partner's queue. Run by {@code KillNineIT} and by {@code bench/crash}.
 *
 * <p>Every referral is an adult in Farsta with consent, so each becomes a case on {@code cases.boj-sodra-stockholm},
 * which the partner's own system user may browse. The feeders go on while the service is down: files wait in the
 * inbox, and a JMS send that fails is sent again (at least once from the sender's side, as a real feed does), so
 * the service's idempotency is part of what is proved.
 */
public final class CrashProof {

    private static final String QUEUE = "cases.boj-sodra-stockholm";
    private static final int REFERRALS_PER_FILE = 25;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a run ends with: lost and duplicated must both be 0. */
    public record Outcome(int referrals, int kills, int lost, int duplicated, int cases, int queued, Duration took) {
        public String line() {
            return "lost=" + lost + " duplicated=" + duplicated;
        }
    }

    private final Path jar;
    private final Path folder;
    private final int referrals;
    private final int kills;
    private final Random random;
    private final PrintStream out;

    public CrashProof(Path jar, Path folder, int referrals, int kills, long seed, PrintStream out) {
        this.jar = jar;
        this.folder = folder;
        this.referrals = referrals;
        this.kills = kills;
        this.random = new Random(seed);
        this.out = out;
    }

    /** bench/crash: {@code CrashProof <jar> [N] [KILLS]}; the last line printed is {@code lost=<n> duplicated=<n>}. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int referrals = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int kills = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Path folder = Files.createTempDirectory("intake-crash-");
        Outcome outcome = new CrashProof(jar, folder, referrals, kills, seed, System.out).run();
        System.out.printf("%d referrals, %d kills, %d cases stored, %d messages queued, in %d s (seed %d, folder %s)%n",
                outcome.referrals(), outcome.kills(), outcome.cases(), outcome.queued(), outcome.took().toSeconds(), seed, folder);
        System.out.println(outcome.line());
        System.exit(outcome.lost() == 0 && outcome.duplicated() == 0 ? 0 : 1);
    }

    public Outcome run() throws Exception {
        long started = System.nanoTime();
        Path data = folder.resolve("data");
        Path inbox = data.resolve("inbox").resolve("police");
        Files.createDirectories(inbox);
        int httpPort = freePort();
        int brokerPort = freePort();
        ServiceProcess service = new ServiceProcess(jar, data, httpPort, brokerPort, folder.resolve("service.log"));

        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        String suffix = Long.toString(Math.abs(random.nextLong()), 36);
        for (int i = 0; i < referrals; i++) {
            String id = "PM-CRASH-" + i + "-" + suffix;
            ids.add(id);
            bodies.add(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id).replaceAll("\\s*\\n\\s*", ""));
        }
        List<String> byFile = bodies.subList(0, referrals / 2);
        List<String> byJms = bodies.subList(referrals / 2, referrals);
        List<List<String>> files = new ArrayList<>();
        for (int from = 0; from < byFile.size(); from += REFERRALS_PER_FILE) {
            files.add(byFile.subList(from, Math.min(byFile.size(), from + REFERRALS_PER_FILE)));
        }

        Semaphore filePermits = new Semaphore(0);
        Semaphore messagePermits = new Semaphore(0);
        AtomicInteger resent = new AtomicInteger();
        Thread fileFeeder = feeder("crash-file-feeder", () -> feedFiles(files, inbox, filePermits));
        Thread jmsFeeder = feeder("crash-jms-feeder", () -> feedQueue(byJms, brokerPort, messagePermits, resent));
        fileFeeder.start();
        jmsFeeder.start();

        int lives = kills + 1;
        try {
            for (int life = 0; life < lives; life++) {
                service.start();
                // this life's share of the batch: files wait in the inbox and JMS sends are repeated while it starts
                int fileShare = share(files.size(), life, lives);
                int messageShare = share(byJms.size(), life, lives);
                filePermits.release(fileShare);
                messagePermits.release(messageShare);
                boolean killDuringStartUp = life < kills && life % 2 == 1;
                if (killDuringStartUp) {
                    // a moment in the start-up: the database, the broker journal or the routes half set up
                    Thread.sleep(1_000 + random.nextInt(4_000));
                    if (!service.isReady()) {
                        service.kill();
                        out.printf("life %d: fed %d files and %d messages, killed (SIGKILL) while starting%n",
                                life + 1, fileShare, messageShare);
                        continue;
                    }
                }
                Duration ready = service.awaitReady(Duration.ofMinutes(3));
                if (life < kills) {
                    // a random moment while this life takes its share of the batch and sends it on
                    Thread.sleep(200 + random.nextInt(3_000));
                    service.kill();
                    out.printf("life %d: ready in %d ms, fed %d files and %d messages, killed (SIGKILL)%n",
                            life + 1, ready.toMillis(), fileShare, messageShare);
                } else {
                    out.printf("life %d: ready in %d ms, fed the last %d files and %d messages%n",
                            life + 1, ready.toMillis(), fileShare, messageShare);
                }
            }
            fileFeeder.join(Duration.ofMinutes(3).toMillis());
            jmsFeeder.join(Duration.ofMinutes(3).toMillis());
            Map<String, Integer> queued = awaitQueued(brokerPort, ids, inbox, Duration.ofMinutes(3));
            service.stop();
            Map<String, Integer> stored = storedCases(data);
            int lost = 0;
            int duplicated = 0;
            for (String id : ids) {
                int onQueue = queued.getOrDefault(id, 0);
                int inStore = stored.getOrDefault(id, 0);
                if (onQueue == 0 || inStore == 0) {
                    lost++;
                    if (lost <= 20) {
                        out.printf("lost: %s (%s), %d cases, %d messages%n", id,
                                ids.indexOf(id) < referrals / 2 ? "file" : "JMS", inStore, onQueue);
                    }
                }
                if (onQueue > 1 || inStore > 1) {
                    out.printf("duplicated: %s, %d cases, %d messages%n", id, inStore, onQueue);
                }
                duplicated += Math.max(0, onQueue - 1) + Math.max(0, inStore - 1);
            }
            out.printf("JMS sends repeated after a failure: %d%n", resent.get());
            return new Outcome(referrals, kills, lost, duplicated, stored.values().stream().mapToInt(Integer::intValue).sum(),
                    queued.values().stream().mapToInt(Integer::intValue).sum(), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            fileFeeder.interrupt();
            jmsFeeder.interrupt();
            service.kill();
        }
    }

    /** The part of {@code total} fed in life {@code life} of {@code lives}: the lives share it out evenly. */
    private static int share(int total, int life, int lives) {
        return total * (life + 1) / lives - total * life / lives;
    }

    private interface Feed {
        void run() throws Exception;
    }

    private Thread feeder(String name, Feed feed) {
        Thread thread = new Thread(() -> {
            try {
                feed.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                out.println(name + " failed: " + e);
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Drops the files the way a sender should: written under another name, then renamed into the inbox. */
    private static void feedFiles(List<List<String>> files, Path inbox, Semaphore permits) throws Exception {
        for (int i = 0; i < files.size(); i++) {
            permits.acquire();
            Path part = inbox.resolve(".crash-" + i + ".ndjson.part");
            Files.writeString(part, String.join("\n", files.get(i)) + "\n");
            Files.move(part, inbox.resolve("crash-" + i + ".ndjson"), StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(50);
        }
    }

    /** Sends each referral as one persistent message; a send that fails (the broker died with the service) is sent again. */
    private static void feedQueue(List<String> bodies, int brokerPort, Semaphore permits, AtomicInteger resent) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort + "?callTimeout=10000");
        jakarta.jms.Connection connection = null;
        try {
            for (String body : bodies) {
                permits.acquire();
                boolean first = true;
                while (true) {
                    try {
                        if (connection == null) {
                            connection = factory.createConnection("police-feed", "police-secret");
                        }
                        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        try (MessageProducer producer = session.createProducer(session.createQueue("referrals.police"))) {
                            producer.send(session.createTextMessage(body), DeliveryMode.PERSISTENT, 4, 0);
                        }
                        session.close();
                        break;
                    } catch (JMSException e) {
                        closeQuietly(connection);
                        connection = null;
                        if (!first) {
                            Thread.sleep(500);
                        }
                        first = false;
                        resent.incrementAndGet();
                    }
                }
            }
        } finally {
            closeQuietly(connection);
        }
    }

    /**
     * Waits until the partner's queue seems to hold every referral and the inbox is empty (or the time is up), then
     * takes every message off the queue and counts them: externalId → messages. The count is made by consuming, not by
     * browsing: a queue browser's enumeration may end before the last messages have reached the client.
     */
    private static Map<String, Integer> awaitQueued(int brokerPort, List<String> ids, Path inbox, Duration atMost) throws Exception {
        try {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> waitingFiles(inbox) == 0 && browse(brokerPort).keySet().containsAll(ids));
            // settled: the queue must keep its count for 3 s, so that a late repeat shows itself before the count
            AtomicInteger last = new AtomicInteger(-1);
            await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        int now = browse(brokerPort).values().stream().mapToInt(Integer::intValue).sum();
                        return last.getAndSet(now) == now;
                    });
        } catch (ConditionTimeoutException e) {
            // counted all the same: what is missing is reported as lost
        }
        return consumeAll(brokerPort);
    }

    private static Map<String, Integer> browse(int brokerPort) throws JMSException {
        Map<String, Integer> counts = new HashMap<>();
        try (jakarta.jms.Connection connection = partnerSystem(brokerPort)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(QUEUE))) {
                for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); ) {
                    counts.merge(externalIdOf((TextMessage) messages.nextElement()), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static Map<String, Integer> consumeAll(int brokerPort) throws JMSException {
        Map<String, Integer> counts = new HashMap<>();
        try (jakarta.jms.Connection connection = partnerSystem(brokerPort)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE))) {
                for (Message message = consumer.receive(10_000); message != null; message = consumer.receive(3_000)) {
                    counts.merge(externalIdOf((TextMessage) message), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static jakarta.jms.Connection partnerSystem(int brokerPort) throws JMSException {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort).createConnection("sodra-system", "sodra-secret");
    }

    private static String externalIdOf(TextMessage message) throws JMSException {
        return JSON.readTree(message.getText()).path("externalId").asString();
    }

    private static long waitingFiles(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ndjson")).count();
        }
    }

    /** The cases in the stopped service's H2 file: externalId → cases. */
    private static Map<String, Integer> storedCases(Path data) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db").resolve("intake").toAbsolutePath(), "intake", "");
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT external_id, COUNT(*) FROM support_case WHERE external_id LIKE 'PM-CRASH-%' GROUP BY external_id")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static void closeQuietly(jakarta.jms.Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException ignored) {
                // the broker died with the service: nothing to close
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged service as a process of its own, started from the repository folder (it reads routes/ and config/ there). */
    static final class ServiceProcess {
        private final Path jar;
        private final Path data;
        private final int httpPort;
        private final int brokerPort;
        private final Path log;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private Process process;

        ServiceProcess(Path jar, Path data, int httpPort, int brokerPort, Path log) {
            this.jar = jar;
            this.data = data;
            this.httpPort = httpPort;
            this.brokerPort = brokerPort;
            this.log = log;
        }

        void start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                    "--server.port=" + httpPort,
                    "--intake.data-dir=" + data.toAbsolutePath(),
                    "--intake.broker.port=" + brokerPort,
                    "--intake.security.users-file=" + Path.of(TestService.USERS_FILE).toAbsolutePath(),
                    "--intake.dispatch.period-ms=50",
                    "--intake.police.inbox-poll-ms=200")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        }

        boolean isReady() {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        Duration awaitReady(Duration atMost) {
            long started = System.nanoTime();
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service stopped while starting (exit " + process.exitValue() + "); see " + log);
                }
                return isReady();
            });
            return Duration.ofNanos(System.nanoTime() - started);
        }

        /** SIGKILL: no shutdown hook, no flush, no goodbye. */
        void kill() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }

        /** SIGTERM: the graceful stop, so that the database file can be opened afterwards. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
