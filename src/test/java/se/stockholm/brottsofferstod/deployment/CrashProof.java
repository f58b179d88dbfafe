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
 *
 * <p>In the production shape ({@link ProductionShape}) two instances run on one PostgreSQL and an Artemis
 * primary/backup pair and share one inbox; the kills take one instance at a time (the other carries on) and, once,
 * the primary broker (the backup takes over).
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
    private final boolean production;

    public CrashProof(Path jar, Path folder, int referrals, int kills, long seed, PrintStream out) {
        this(jar, folder, referrals, kills, seed, out, false);
    }

    public CrashProof(Path jar, Path folder, int referrals, int kills, long seed, PrintStream out, boolean production) {
        this.jar = jar;
        this.folder = folder;
        this.referrals = referrals;
        this.kills = kills;
        this.random = new Random(seed);
        this.out = out;
        this.production = production;
    }

    /**
     * bench/crash: {@code CrashProof <jar> [N] [KILLS] [embedded|production]}; the last line printed is
     * {@code lost=<n> duplicated=<n>}.
     */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int referrals = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int kills = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean production = args.length > 3 && "production".equals(args[3]);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Path folder = Files.createTempDirectory("intake-crash-");
        Outcome outcome = new CrashProof(jar, folder, referrals, kills, seed, System.out, production).run();
        System.out.printf("%d referrals, %d kills, %d cases stored, %d messages queued, in %d s (seed %d, folder %s)%n",
                outcome.referrals(), outcome.kills(), outcome.cases(), outcome.queued(), outcome.took().toSeconds(), seed, folder);
        System.out.println(outcome.line());
        System.exit(outcome.lost() == 0 && outcome.duplicated() == 0 ? 0 : 1);
    }

    /** How the proof reaches the broker: its URL, the police feed's login and the partner system's. */
    record Broker(String url, String feedUser, String feedPassword, String partnerUser, String partnerPassword) {
        static Broker embedded(int port) {
            return new Broker("tcp://127.0.0.1:" + port, "police-feed", "police-secret", "sodra-system", "sodra-secret");
        }

        ActiveMQConnectionFactory factory() {
            return new ActiveMQConnectionFactory(url);
        }
    }

    /** The batch: each referral's id and body, half of them in inbox files, half as JMS messages. */
    private record Batch(List<String> ids, List<List<String>> files, List<String> byJms) {
    }

    private Batch batch() {
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        String suffix = Long.toString(Math.abs(random.nextLong()), 36);
        for (int i = 0; i < referrals; i++) {
            String id = "PM-CRASH-" + i + "-" + suffix;
            ids.add(id);
            bodies.add(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id).replaceAll("\\s*\\n\\s*", ""));
        }
        List<String> byFile = bodies.subList(0, referrals / 2);
        List<List<String>> files = new ArrayList<>();
        for (int from = 0; from < byFile.size(); from += REFERRALS_PER_FILE) {
            files.add(byFile.subList(from, Math.min(byFile.size(), from + REFERRALS_PER_FILE)));
        }
        return new Batch(ids, files, bodies.subList(referrals / 2, referrals));
    }

    public Outcome run() throws Exception {
        return production ? runProduction() : runEmbedded();
    }

    private Outcome runEmbedded() throws Exception {
        long started = System.nanoTime();
        Path data = folder.resolve("data");
        Path inbox = data.resolve("inbox").resolve("police");
        Files.createDirectories(inbox);
        int httpPort = freePort();
        int brokerPort = freePort();
        ServiceProcess service = ServiceProcess.embedded(jar, data, httpPort, brokerPort, folder.resolve("service.log"));
        Broker broker = Broker.embedded(brokerPort);
        Batch batch = batch();

        Semaphore filePermits = new Semaphore(0);
        Semaphore messagePermits = new Semaphore(0);
        AtomicInteger resent = new AtomicInteger();
        Thread fileFeeder = feeder("crash-file-feeder", () -> feedFiles(batch.files(), inbox, filePermits));
        Thread jmsFeeder = feeder("crash-jms-feeder", () -> feedQueue(batch.byJms(), broker, messagePermits, resent));
        fileFeeder.start();
        jmsFeeder.start();

        int lives = kills + 1;
        try {
            for (int life = 0; life < lives; life++) {
                service.start();
                // this life's share of the batch: files wait in the inbox and JMS sends are repeated while it starts
                int fileShare = share(batch.files().size(), life, lives);
                int messageShare = share(batch.byJms().size(), life, lives);
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
            Map<String, Integer> queued = awaitQueued(broker, batch.ids(), inbox, Duration.ofMinutes(3));
            service.stop();
            return outcome(batch, queued, storedCases("jdbc:h2:file:" + data.resolve("db").resolve("intake").toAbsolutePath(), "intake", ""),
                    resent, started);
        } finally {
            fileFeeder.interrupt();
            jmsFeeder.interrupt();
            service.kill();
        }
    }

    /**
     * Two instances on PostgreSQL and an Artemis pair, one inbox: at each of the kill moments one instance is killed
     * (in turn; now and then again while it starts) and started again while the other carries on; the moment in the
     * middle kills the primary broker instead, and the backup takes over.
     */
    private Outcome runProduction() throws Exception {
        long started = System.nanoTime();
        Batch batch = batch();
        try (ProductionShape shape = ProductionShape.start(jar, folder, 2, out)) {
            Broker broker = shape.broker();
            Semaphore filePermits = new Semaphore(0);
            Semaphore messagePermits = new Semaphore(0);
            AtomicInteger resent = new AtomicInteger();
            Thread fileFeeder = feeder("crash-file-feeder", () -> feedFiles(batch.files(), shape.inbox(), filePermits));
            Thread jmsFeeder = feeder("crash-jms-feeder", () -> feedQueue(batch.byJms(), broker, messagePermits, resent));
            fileFeeder.start();
            jmsFeeder.start();
            int phases = kills + 1;
            int brokerMoment = kills >= 2 ? kills / 2 : -1;
            int instanceKills = 0;
            try {
                for (int moment = 0; moment < phases; moment++) {
                    filePermits.release(share(batch.files().size(), moment, phases));
                    messagePermits.release(share(batch.byJms().size(), moment, phases));
                    if (moment == kills) {
                        break;
                    }
                    Thread.sleep(200 + random.nextInt(3_000));
                    if (moment == brokerMoment) {
                        Duration takeover = shape.killPrimaryBroker();
                        out.printf("moment %d: the primary broker killed (SIGKILL), the backup active after %d ms%n",
                                moment + 1, takeover.toMillis());
                        continue;
                    }
                    int victim = instanceKills++ % 2;
                    ServiceProcess instance = shape.instance(victim);
                    instance.kill();
                    instance.start();
                    String how = "killed (SIGKILL) and started again";
                    if (random.nextBoolean()) {
                        // a moment in its start-up: the routes half set up while the other instance works on
                        Thread.sleep(1_000 + random.nextInt(4_000));
                        if (!instance.isReady()) {
                            instance.kill();
                            instance.start();
                            how = "killed (SIGKILL), killed again while starting, and started again";
                        }
                    }
                    out.printf("moment %d: instance %d %s%n", moment + 1, victim + 1, how);
                }
                for (int i = 0; i < 2; i++) {
                    out.printf("instance %d ready after %d ms more%n", i + 1, shape.instance(i).awaitReady(Duration.ofMinutes(3)).toMillis());
                }
                fileFeeder.join(Duration.ofMinutes(3).toMillis());
                jmsFeeder.join(Duration.ofMinutes(3).toMillis());
                Map<String, Integer> queued = awaitQueued(broker, batch.ids(), shape.inbox(), Duration.ofMinutes(3));
                shape.stopInstances();
                return outcome(batch, queued, storedCases(shape.jdbcUrl(), ProductionShape.DB_USER, ""), resent, started);
            } finally {
                fileFeeder.interrupt();
                jmsFeeder.interrupt();
            }
        }
    }

    private Outcome outcome(Batch batch, Map<String, Integer> queued, Map<String, Integer> stored, AtomicInteger resent, long started) {
        int lost = 0;
        int duplicated = 0;
        for (String id : batch.ids()) {
            int onQueue = queued.getOrDefault(id, 0);
            int inStore = stored.getOrDefault(id, 0);
            if (onQueue == 0 || inStore == 0) {
                lost++;
                if (lost <= 20) {
                    out.printf("lost: %s (%s), %d cases, %d messages%n", id,
                            batch.ids().indexOf(id) < referrals / 2 ? "file" : "JMS", inStore, onQueue);
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
    private static void feedQueue(List<String> bodies, Broker broker, Semaphore permits, AtomicInteger resent) throws Exception {
        ActiveMQConnectionFactory factory = broker.factory();
        factory.setCallTimeout(10_000);
        jakarta.jms.Connection connection = null;
        try {
            for (String body : bodies) {
                permits.acquire();
                boolean first = true;
                while (true) {
                    try {
                        if (connection == null) {
                            connection = factory.createConnection(broker.feedUser(), broker.feedPassword());
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
    static Map<String, Integer> awaitQueued(Broker broker, List<String> ids, Path inbox, Duration atMost) throws Exception {
        try {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> waitingFiles(inbox) == 0 && browse(broker).keySet().containsAll(ids));
            // settled: the queue must keep its count for 3 s, so that a late repeat shows itself before the count
            AtomicInteger last = new AtomicInteger(-1);
            await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        int now = browse(broker).values().stream().mapToInt(Integer::intValue).sum();
                        return last.getAndSet(now) == now;
                    });
        } catch (ConditionTimeoutException e) {
            // counted all the same: what is missing is reported as lost
        }
        return consumeAll(broker);
    }

    private static Map<String, Integer> browse(Broker broker) throws JMSException {
        Map<String, Integer> counts = new HashMap<>();
        try (jakarta.jms.Connection connection = partnerSystem(broker)) {
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

    private static Map<String, Integer> consumeAll(Broker broker) throws JMSException {
        Map<String, Integer> counts = new HashMap<>();
        try (jakarta.jms.Connection connection = partnerSystem(broker)) {
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

    private static jakarta.jms.Connection partnerSystem(Broker broker) throws JMSException {
        return broker.factory().createConnection(broker.partnerUser(), broker.partnerPassword());
    }

    private static String externalIdOf(TextMessage message) throws JMSException {
        return JSON.readTree(message.getText()).path("externalId").asString();
    }

    private static long waitingFiles(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ndjson")).count();
        }
    }

    /** The cases in the service's database (H2's file once the service has stopped): externalId → cases. */
    private static Map<String, Integer> storedCases(String url, String user, String password) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection db = DriverManager.getConnection(url, user, password);
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
        private final List<String> arguments;
        private final Map<String, String> environment;
        private final int httpPort;
        private final Path log;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private Process process;

        ServiceProcess(Path jar, List<String> arguments, Map<String, String> environment, int httpPort, Path log) {
            this.jar = jar;
            this.arguments = arguments;
            this.environment = environment;
            this.httpPort = httpPort;
            this.log = log;
        }

        /** The default shape: H2 and the embedded broker in the data folder. */
        static ServiceProcess embedded(Path jar, Path data, int httpPort, int brokerPort, Path log) {
            return new ServiceProcess(jar, List.of(
                    "--intake.data-dir=" + data.toAbsolutePath(),
                    "--intake.broker.port=" + brokerPort,
                    // stable across lives: a started-again service takes its own inbox locks back at once
                    "--intake.instance-id=crash-proof",
                    "--intake.security.users-file=" + Path.of(TestService.USERS_FILE).toAbsolutePath()), Map.of(), httpPort, log);
        }

        void start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                    "--server.port=" + httpPort,
                    "--intake.dispatch.period-ms=50",
                    "--intake.police.inbox-poll-ms=200"));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // secrets go by the environment, as in production, not on the command line
            builder.environment().putAll(environment);
            process = builder.start();
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
