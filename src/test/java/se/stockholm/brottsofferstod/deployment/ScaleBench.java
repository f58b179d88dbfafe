package se.stockholm.brottsofferstod.deployment;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import se.stockholm.brottsofferstod.deployment.CrashProof.Broker;
import se.stockholm.brottsofferstod.support.Examples;

/**
 * bench/scale: the same police batch through the production shape with one instance, then with two, and the
 * referrals per second each reaches end to end. Each run starts a fresh {@link ProductionShape} (PostgreSQL, the
 * Artemis pair, the instances) and waits until the instances are ready; then half the batch is moved into the
 * shared inbox as NDJSON files and the other half is sent to {@code referrals.police} in JMS transactions, at once,
 * and the clock runs until every referral is a message on its partner's queue (consumed and counted as they arrive).
 */
public final class ScaleBench {

    private static final String QUEUE = "cases.boj-sodra-stockholm";
    private static final int PER_FILE = 500;
    private static final int PER_TRANSACTION = 500;

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int referrals = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        List<Double> rates = new ArrayList<>();
        for (int instances = 1; instances <= 2; instances++) {
            Path folder = Files.createTempDirectory("intake-scale-" + instances + "-");
            try (ProductionShape shape = ProductionShape.start(jar, folder, instances, System.out)) {
                double rate = run(shape, referrals, instances);
                rates.add(rate);
                shape.stopInstances();
            }
        }
        System.out.printf("two instances against one: %.2f%n", rates.get(1) / rates.get(0));
    }

    private static double run(ProductionShape shape, int referrals, int instances) throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < referrals; i++) {
            bodies.add(Examples.read(Examples.ADULT).replace("PM-STHLM-2024-000917", "PM-SCALE-" + i + "-" + suffix)
                    .replaceAll("\\s*\\n\\s*", ""));
        }
        List<String> byFile = bodies.subList(0, referrals / 2);
        List<String> byJms = bodies.subList(referrals / 2, referrals);
        // the files are written beside the inbox first, so that the clock counts only their moves
        Path staging = Files.createDirectories(shape.inbox().resolveSibling("staging"));
        List<Path> files = new ArrayList<>();
        for (int from = 0; from < byFile.size(); from += PER_FILE) {
            Path file = staging.resolve("scale-" + from + ".ndjson");
            Files.writeString(file, String.join("\n", byFile.subList(from, Math.min(byFile.size(), from + PER_FILE))) + "\n");
            files.add(file);
        }
        Broker broker = shape.broker();
        Set<String> arrived = ConcurrentHashMap.newKeySet();
        AtomicBoolean counting = new AtomicBoolean(true);
        Thread counter = new Thread(() -> count(broker, arrived, counting), "scale-counter");
        counter.start();

        long started = System.nanoTime();
        for (Path file : files) {
            Files.move(file, shape.inbox().resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        send(broker, byJms);
        long sent = System.nanoTime();
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).until(() -> arrived.size() >= referrals);
        long took = System.nanoTime() - started;
        counting.set(false);
        counter.join();
        double rate = referrals / (took / 1e9);
        System.out.printf("instances=%d: %d referrals (%d in %d files, %d by JMS, sent in %d ms) on the partner's queue in %.1f s:"
                        + " %.0f referrals/s; load average %s%n",
                instances, referrals, byFile.size(), files.size(), byJms.size(), TimeUnit.NANOSECONDS.toMillis(sent - started),
                took / 1e9, rate, String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3)));
        return rate;
    }

    /** The police feed's side: the messages in transactions of {@value #PER_TRANSACTION}. */
    private static void send(Broker broker, List<String> bodies) throws Exception {
        try (jakarta.jms.Connection connection = broker.factory().createConnection(broker.feedUser(), broker.feedPassword())) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            try (MessageProducer producer = session.createProducer(session.createQueue("referrals.police"))) {
                for (int i = 0; i < bodies.size(); i++) {
                    producer.send(session.createTextMessage(bodies.get(i)), DeliveryMode.PERSISTENT, 4, 0);
                    if ((i + 1) % PER_TRANSACTION == 0) {
                        session.commit();
                    }
                }
                session.commit();
            }
        }
    }

    /** The partner system's side: consumes its queue and keeps the case references that arrived. */
    private static void count(Broker broker, Set<String> arrived, AtomicBoolean counting) {
        try (jakarta.jms.Connection connection = broker.factory().createConnection(broker.partnerUser(), broker.partnerPassword())) {
            connection.start();
            Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE))) {
                while (counting.get()) {
                    Message message = consumer.receive(500);
                    if (message != null) {
                        arrived.add(message.getStringProperty("caseReference"));
                    }
                }
            }
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
