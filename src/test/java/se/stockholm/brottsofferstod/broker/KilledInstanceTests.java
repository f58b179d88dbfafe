package se.stockholm.brottsofferstod.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import se.stockholm.brottsofferstod.IntakeApplication;
import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.TestDatabase;
import se.stockholm.brottsofferstod.support.TestPorts;
import se.stockholm.brottsofferstod.support.TestService;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two instances on one database, one broker (from deploy/artemis/broker.xml, as production) and one police inbox
 * folder, one of them a process of its own that is killed with SIGKILL in the middle of a batch: the other takes the
 * file the killed one was reading once its read lock is older than the maximum age, reads the rest, and sends what the
 * killed one had stored but not sent. Every referral ends as one case and one message on its queue. The database is
 * H2 served over TCP from this JVM (so that it outlives the killed process), or PostgreSQL in the second pass.
 */
@Tag(TestDatabase.TAG)
class KilledInstanceTests {

    private static final String QUEUE = "cases.boj-sodra-stockholm";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FILES = 12;
    private static final int PER_FILE = 25;

    @Test
    void whenOneInstanceIsKilledMidBatchTheOtherTakesItsFileOverAndSendsWhatItHadStored(@TempDir Path dir) throws Exception {
        int brokerPort = TestPorts.free();
        ActiveMQServer broker = ExternalBroker.startSingle(dir.resolve("broker"), brokerPort);
        Server h2 = null;
        Process killed = null;
        Path inbox = dir.resolve("inbox");
        Files.createDirectories(inbox);
        Map<String, Object> database;
        if (TestDatabase.postgres()) {
            database = TestDatabase.newPostgresDatabase("killed_instance");
        } else {
            int h2Port = TestPorts.free();
            h2 = Server.createTcpServer("-tcpPort", String.valueOf(h2Port), "-ifNotExists").start();
            database = Map.of("spring.datasource.url", "jdbc:h2:tcp://127.0.0.1:" + h2Port + "/" + dir.resolve("db").toAbsolutePath()
                    + "/intake;WRITE_DELAY=0", "spring.datasource.username", "intake", "spring.datasource.password", "");
        }
        try (ConfigurableApplicationContext survivor = new SpringApplicationBuilder(IntakeApplication.class)
                .run(arguments(settings(dir.resolve("survivor"), inbox, brokerPort, database, "survivor")))) {
            CamelContext camel = survivor.getBean(CamelContext.class);
            JdbcTemplate jdbc = survivor.getBean(JdbcTemplate.class);
            // for now only the other instance reads the inbox, and nothing is sent: what it stores stays in the outbox
            camel.getRouteController().stopRoute("police-file-inbox");
            camel.getRouteController().stopRoute("case-dispatch");
            String prefix = "KILL-" + Examples.unique();
            List<String> files = dropBatch(inbox, prefix);

            Map<String, Object> other = settings(dir.resolve("killed"), inbox, brokerPort, database, "killed");
            // its relay's timer fires at start and then only after an hour, and its intake does not send at once:
            // nothing it stores is sent by it
            other.put("intake.dispatch.period-ms", "3600000");
            other.put("intake.dispatch.at-once", "false");
            killed = startInItsOwnProcess(dir.resolve("killed.log"), other);
            Process process = killed;
            await().atMost(Duration.ofSeconds(180)).until(() -> !process.isAlive() || cases(jdbc, prefix) >= 2 * PER_FILE);
            assertThat(killed.isAlive()).as("the other instance runs").isTrue();
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int storedNotSent = jdbc.queryForObject("SELECT COUNT(*) FROM case_outbox", Integer.class);
            int lockedByTheDead = jdbc.queryForObject("SELECT COUNT(*) FROM file_read_lock WHERE holder = 'killed'", Integer.class);
            System.out.printf("killed instance: %d cases stored, %d not sent, %d files still locked by it at the kill%n",
                    cases(jdbc, prefix), storedNotSent, lockedByTheDead);
            assertThat(storedNotSent).as("stored by the killed instance, not sent").isPositive();

            camel.getRouteController().startRoute("case-dispatch");
            camel.getRouteController().startRoute("police-file-inbox");

            await().atMost(Duration.ofSeconds(180)).until(() -> files.stream().allMatch(name ->
                    Files.exists(inbox.resolve(".done").resolve(name)) && !Files.exists(inbox.resolve(name))));
            await().atMost(Duration.ofSeconds(60)).until(() -> cases(jdbc, prefix) == FILES * PER_FILE);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM case_outbox", Integer.class) == 0);
            List<Map<String, Object>> perReferral = jdbc.queryForList(
                    "SELECT external_id, COUNT(*) AS n FROM support_case WHERE external_id LIKE ? GROUP BY external_id", prefix + "%");
            assertThat(perReferral).hasSize(FILES * PER_FILE);
            assertThat(perReferral).allSatisfy(row -> assertThat(((Number) row.get("n")).intValue()).isEqualTo(1));
            Map<String, Integer> queued = drain(brokerPort);
            List<String> references = jdbc.queryForList("SELECT case_reference FROM support_case WHERE external_id LIKE ?",
                    String.class, prefix + "%");
            int lost = (int) references.stream().filter(r -> !queued.containsKey(r)).count();
            int duplicated = (int) references.stream().filter(r -> queued.getOrDefault(r, 0) > 1).count();
            System.out.printf("killed instance: lost=%d duplicated=%d%n", lost, duplicated);
            assertThat(lost).as("lost").isZero();
            assertThat(duplicated).as("duplicated").isZero();
        } finally {
            if (killed != null) {
                killed.destroyForcibly();
            }
            broker.stop();
            if (h2 != null) {
                h2.stop();
            }
        }
    }

    private static Map<String, Object> settings(Path dataDir, Path inbox, int brokerPort, Map<String, Object> database, String id) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("intake.data-dir", dataDir.toString());
        settings.put("intake.police.inbox", inbox.toString());
        settings.put("intake.instance-id", id);
        settings.put("intake.security.users-file", TestService.USERS_FILE);
        settings.put("intake.dispatch.period-ms", "50");
        settings.put("intake.http.servlet-name", "KilledInstance-" + id);
        settings.put("intake.police.inbox-lock.max-age", "5s");
        settings.put("intake.police.inbox-lock.heartbeat", "1s");
        settings.put("intake.broker.embedded", "false");
        settings.put("spring.artemis.mode", "native");
        settings.put("spring.artemis.broker-url", "tcp://127.0.0.1:" + brokerPort);
        settings.put("spring.artemis.user", "intake-service");
        settings.put("spring.artemis.password", ExternalBroker.PASSWORDS.get("intake-service"));
        settings.putAll(database);
        return settings;
    }

    private static String[] arguments(Map<String, Object> settings) {
        return settings.entrySet().stream().map(s -> "--" + s.getKey() + "=" + s.getValue()).toArray(String[]::new);
    }

    private static Process startInItsOwnProcess(Path log, Map<String, Object> settings) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                IntakeApplication.class.getName()));
        command.addAll(List.of(arguments(settings)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int cases(JdbcTemplate jdbc, String prefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE external_id LIKE ?", Integer.class, prefix + "%");
    }

    private static List<String> dropBatch(Path inbox, String prefix) throws Exception {
        ObjectNode referral = (ObjectNode) JSON.readTree(Examples.read(Examples.ADULT));
        List<String> names = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < PER_FILE; i++) {
                referral.put("referralId", prefix + "-f" + f + "-" + i);
                lines.append(JSON.writeValueAsString(referral)).append('\n');
            }
            String name = prefix + "-f" + f + ".ndjson";
            Path temporary = inbox.resolve("." + name + ".part");
            Files.writeString(temporary, lines);
            Files.move(temporary, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            names.add(name);
        }
        return names;
    }

    /** Consumes the partner's queue as the partner's system does, counting the messages per case. */
    private static Map<String, Integer> drain(int brokerPort) throws Exception {
        Map<String, Integer> counted = new HashMap<>();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
        try (Connection partner = factory.createConnection("sodra-system", ExternalBroker.PASSWORDS.get("sodra-system"))) {
            partner.start();
            Session session = partner.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE))) {
                for (Message message = consumer.receive(5_000); message != null; message = consumer.receive(2_000)) {
                    counted.merge(message.getStringProperty("caseReference"), 1, Integer::sum);
                }
            }
        }
        return counted;
    }
}
