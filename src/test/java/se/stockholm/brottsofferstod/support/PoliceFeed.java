package se.stockholm.brottsofferstod.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * A police feed that goes on through a fault (issue 13, "Outages"): referrals keep coming by REST, by the file inbox
 * and by JMS, each as a real police system sends them, again until it is taken: a REST request answered 503 is sent
 * again (after a short pause, not the whole Retry-After), a file waits in the inbox, a JMS send that fails is sent
 * again once the broker answers. Every eighth referral is invalid and must end as exactly one rejection. The feed
 * notes every answer the REST endpoint gave; anything but 202, 400 and 503 problem+json with Retry-After is a problem,
 * and so is no answer within 60 s (a refusal waits for its dead letter while the broker is away, up to the outage).
 * At the end {@link #count} takes every case off the partner's queue and says what was lost and what came twice.
 */
public final class PoliceFeed {

    /** Every referral is an adult in Farsta with consent: a case on this queue. */
    public static final String QUEUE = "cases.boj-sodra-stockholm";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int INVALID_EVERY = 8;
    private static final int REFERRALS_PER_FILE = 4;
    /** The police system's login over HTTP, from the test users file. */
    private static final String REST_AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("police-feed:police-secret".getBytes(StandardCharsets.UTF_8));

    private final String tag = Examples.unique();
    private final URI rest;
    private final Path inbox;
    private final ActiveMQConnectionFactory broker;
    private final String jmsUser;
    private final String jmsPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final Set<String> invalid = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> restAnswers = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger jmsResent = new AtomicInteger();
    private final List<Thread> feeders = new ArrayList<>();
    private volatile boolean feeding;

    /** {@code jmsUser} and {@code jmsPassword}: the police's login on the broker (REST logs in from the test users file). */
    public PoliceFeed(URI rest, Path inbox, String brokerUrl, String jmsUser, String jmsPassword) {
        this.rest = rest;
        this.inbox = inbox;
        this.broker = new ActiveMQConnectionFactory(brokerUrl);
        this.jmsUser = jmsUser;
        this.jmsPassword = jmsPassword;
    }

    /** The outcome: lost and duplicated must both be 0. */
    public record Outcome(int valid, int invalid, int lost, int duplicated, int rejected, Map<Integer, Integer> restAnswers,
                          int jmsResent, List<String> problems) {
        public String line() {
            return "lost=" + lost + " duplicated=" + duplicated;
        }

        /** Prints the outcome and checks it: every REST answer as it should be, nothing lost, nothing twice. */
        public void check(String fault, Duration outage, PrintStream out) {
            out.printf("%s of %d s: %d referrals, %d invalid (%d rejected), REST answers %s, %d JMS sends repeated; %s%n", fault,
                    outage.toSeconds(), valid + invalid, invalid, rejected, restAnswers, jmsResent, line());
            assertThat(problems).as("REST answers other than 202, 400, 503 problem+json with Retry-After").isEmpty();
            assertThat(lost).as("lost").isZero();
            assertThat(duplicated).as("duplicated").isZero();
        }
    }

    /** A fault's beginning or end. */
    public interface Fault {
        void run() throws Exception;
    }

    /**
     * Feeds for 5 s, begins the fault, feeds on through {@code outage} of wall time, ends the fault, feeds 5 s more
     * and stops (every referral sent is then taken by its channel).
     */
    public void through(String fault, Duration outage, Fault begin, Fault end, PrintStream out) throws Exception {
        Thread.sleep(5_000);
        long began = System.nanoTime();
        begin.run();
        out.println(fault + ": began");
        Thread.sleep(outage.toMillis());
        end.run();
        out.printf("%s: ended after %d ms%n", fault, Duration.ofNanos(System.nanoTime() - began).toMillis());
        Thread.sleep(5_000);
        stop(Duration.ofSeconds(90));
    }

    /**
     * Starts the three feeders: a REST request every {@code restPause}, a file every {@code filePause}, a JMS message every
     * {@code jmsPause} (slow enough that a message is not waiting behind a backlog when a fault begins).
     */
    public void start(Duration restPause, Duration filePause, Duration jmsPause) {
        feeding = true;
        // two REST clients: a refusal that waits for the broker does not hold up the other
        feeders.add(feeder("rest", () -> feedRest(restPause.multipliedBy(2))));
        feeders.add(feeder("rest-2", () -> feedRest(restPause.multipliedBy(2))));
        feeders.add(feeder("file", () -> feedFiles(filePause)));
        feeders.add(feeder("jms", () -> feedJms(jmsPause)));
        feeders.forEach(Thread::start);
    }

    /** Stops sending new referrals; returns once every one sent so far is taken by its channel (or the time is up). */
    public void stop(Duration atMost) throws InterruptedException {
        feeding = false;
        for (Thread feeder : feeders) {
            feeder.join(atMost.toMillis());
            if (feeder.isAlive()) {
                problems.add(feeder.getName() + " did not finish within " + atMost);
            }
        }
    }

    public Map<Integer, Integer> restAnswers() {
        Map<Integer, Integer> answers = new HashMap<>();
        restAnswers.forEach((status, count) -> answers.put(status, count.get()));
        return answers;
    }

    public List<String> problems() {
        return problems;
    }

    private Thread feeder(String name, Feeder feeder) {
        Thread thread = new Thread(() -> {
            try {
                feeder.run();
            } catch (Exception e) {
                problems.add(name + " feeder failed: " + e);
            }
        }, "police-feed-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private interface Feeder {
        void run() throws Exception;
    }

    /** The next referral: its id noted as valid or invalid. */
    private String next(String channel) {
        int n = sequence.incrementAndGet();
        String id = "PM-OUT-" + tag + "-" + channel + "-" + n;
        String referral = Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", id).replaceAll("\\s*\\n\\s*", "");
        if (n % INVALID_EVERY == 0) {
            invalid.add(id);
            String refused = referral.replaceFirst("\"role\":\\s*\"VICTIM\"", "\"role\":\"NOBODY\"");
            if (refused.equals(referral)) {
                throw new IllegalStateException("the example has changed: no person.role to make invalid");
            }
            return refused;
        }
        valid.add(id);
        return referral;
    }

    private void feedRest(Duration pause) throws InterruptedException {
        while (feeding) {
            String referral = next("rest");
            while (true) {
                int status = post(referral);
                if (status == 202 || status == 400) {
                    break;
                }
                Thread.sleep(500);
            }
            Thread.sleep(pause.toMillis());
        }
    }

    /** One POST; its status, or -1 when it got no answer. */
    private int post(String referral) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest).timeout(Duration.ofSeconds(60))
                    .header("Authorization", REST_AUTHORIZATION).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(referral)).build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            restAnswers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status == 503) {
                if (!type.startsWith("application/problem+json")) {
                    problems.add("503 answered as " + type);
                }
                if (response.headers().firstValue("Retry-After").filter(s -> s.matches("\\d+")).isEmpty()) {
                    problems.add("503 without Retry-After in seconds: " + response.headers().map());
                }
            } else if (status != 202 && status != 400) {
                problems.add("REST answered " + status + " " + type + ": " + response.body());
            }
            return status;
        } catch (IOException e) {
            problems.add("REST gave no answer: " + e);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void feedFiles(Duration pause) throws Exception {
        Files.createDirectories(inbox);
        int file = 0;
        while (feeding) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < REFERRALS_PER_FILE; i++) {
                lines.add(next("file"));
            }
            Path part = inbox.resolve(".outage-" + tag + "-" + file + ".ndjson.part");
            Files.writeString(part, String.join("\n", lines) + "\n");
            Files.move(part, inbox.resolve("outage-" + tag + "-" + file + ".ndjson"), StandardCopyOption.ATOMIC_MOVE);
            file++;
            Thread.sleep(pause.toMillis());
        }
    }

    private void feedJms(Duration pause) throws Exception {
        Connection connection = null;
        try {
            while (feeding) {
                String referral = next("jms");
                while (true) {
                    try {
                        if (connection == null) {
                            connection = broker.createConnection(jmsUser, jmsPassword);
                        }
                        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                             MessageProducer producer = session.createProducer(session.createQueue("referrals.police"))) {
                            producer.send(session.createTextMessage(referral), DeliveryMode.PERSISTENT, 4, 0);
                        }
                        break;
                    } catch (JMSException e) {
                        // the broker is away: sent again once it answers (at least once, as a real feed does)
                        closeQuietly(connection);
                        connection = null;
                        jmsResent.incrementAndGet();
                        Thread.sleep(500);
                    }
                }
                Thread.sleep(pause.toMillis());
            }
        } finally {
            closeQuietly(connection);
        }
    }

    /**
     * Takes every case message off the partner's queue (consuming: a browser's enumeration may end early) until each
     * valid referral has arrived or {@code atMost} has passed, then {@code quiet} more for any that comes twice;
     * {@code rejected} gives each invalid referral's dead letters (it must be one).
     */
    public Outcome count(ActiveMQConnectionFactory partnerBroker, String partnerUser, String partnerPassword, Duration atMost,
                         Duration quiet, java.util.function.Function<Set<String>, Map<String, Integer>> rejected, PrintStream out)
            throws JMSException {
        Map<String, Integer> queued = new HashMap<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        try (Connection connection = partnerBroker.createConnection(partnerUser, partnerPassword)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                Message message = consumer.receive(500);
                if (message instanceof TextMessage text) {
                    String id = JSON.readTree(text.getText()).path("externalId").asString();
                    if (id.startsWith("PM-OUT-" + tag)) {
                        queued.merge(id, 1, Integer::sum);
                    }
                }
                if (quietUntil == Long.MAX_VALUE && queued.keySet().containsAll(valid)) {
                    quietUntil = System.nanoTime() + quiet.toNanos();
                }
            }
        }
        Map<String, Integer> deadLetters = rejected.apply(invalid);
        int lost = 0;
        int duplicated = 0;
        for (String id : valid) {
            int count = queued.getOrDefault(id, 0);
            if (count == 0) {
                lost++;
                if (lost <= 20) {
                    out.println("lost: " + id);
                }
            }
            duplicated += Math.max(0, count - 1);
        }
        for (String id : invalid) {
            int count = deadLetters.getOrDefault(id, 0) + queued.getOrDefault(id, 0);
            if (count == 0) {
                lost++;
                out.println("lost (no rejection): " + id);
            }
            if (count > 1) {
                out.println("twice: " + id + " has " + count + " rejections");
            }
            duplicated += Math.max(0, count - 1);
        }
        int rejectedCount = (int) invalid.stream().filter(id -> deadLetters.getOrDefault(id, 0) > 0).count();
        return new Outcome(valid.size(), invalid.size(), lost, duplicated, rejectedCount, restAnswers(), jmsResent.get(), problems);
    }

    /** The dead letters of these referrals in the service's database: external id → rows. */
    public static Map<String, Integer> deadLetters(JdbcTemplate db, Set<String> ids) {
        Map<String, Integer> counts = new HashMap<>();
        db.query("SELECT external_id FROM dead_letter WHERE external_id LIKE 'PM-OUT-%'", row -> {
            String id = row.getString(1);
            if (ids.contains(id)) {
                counts.merge(id, 1, Integer::sum);
            }
        });
        return counts;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException ignored) {
                // the broker went
            }
        }
    }
}
