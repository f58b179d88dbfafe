package se.stockholm.brottsofferstod.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;

import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;

import se.stockholm.brottsofferstod.support.TestPorts;

/**
 * The production shape's broker pair under a fault (issue 13, "Broker failover"): the primary and the backup are started
 * from deploy/artemis as a replication pair on their own ports, the primary in a process of its own. The service's
 * broker connection, as Spring Boot builds it from config/application-postgres.yml (failover URL, the service's own
 * user), sends a batch of case messages in JMS transactions with {@code _AMQ_DUPL_ID}, resending a block whose commit
 * failed as the outbox relays do. The primary is killed with SIGKILL mid-batch; the backup takes over; every message
 * is on the queue exactly once.
 */
class BrokerFailoverTests {

    private static final int BATCH = 3000;
    private static final int BLOCK = 100;
    private static final int KILL_AFTER = 1000;
    private static final String QUEUE = "cases.triage";

    @Test
    void thePrimaryKilledMidBatchTheBackupTakesOverAndNothingIsLostOrTwice(@TempDir Path dir) throws Exception {
        int primaryPort = TestPorts.free();
        int backupPort = TestPorts.free();
        Process primary = ExternalBroker.startInItsOwnProcess(dir.resolve("primary"), "ha-primary.xml", primaryPort, backupPort);
        ActiveMQServer backup = ExternalBroker.server(dir.resolve("backup"), "ha-backup.xml", backupPort, primaryPort);
        try {
            backup.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(backup::isReplicaSync);
            assertThat(backup.isActive()).as("the backup waits while the primary lives").isFalse();

            serviceConnection(primaryPort, backupPort).run(context -> {
                assertThat(context).doesNotHaveBean(org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ.class);
                ConnectionFactory connectionFactory = context.getBean(ConnectionFactory.class);
                Relay relay = new Relay(connectionFactory);
                List<String> outbox = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    outbox.add("failover-case-" + i);
                }
                AtomicInteger sentAtKill = new AtomicInteger(-1);
                Thread killer = new Thread(() -> {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(1)).until(() -> relay.sent.get() >= KILL_AFTER);
                    sentAtKill.set(relay.sent.get());
                    primary.destroyForcibly();
                }, "kill-primary");
                killer.start();
                long started = System.nanoTime();
                relay.sendAll(outbox);
                killer.join();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertThat(primary.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(primary.exitValue()).as("killed by SIGKILL").isEqualTo(137);
                assertThat(sentAtKill.get()).as("killed mid-batch").isBetween(KILL_AFTER, BATCH - 1);
                assertThat(backup.waitForActivation(60, TimeUnit.SECONDS)).as("the backup took over").isTrue();

                List<String> received = drain(connectionFactory);
                int distinct = new LinkedHashSet<>(received).size();
                int lost = (int) outbox.stream().filter(id -> !received.contains(id)).count();
                int duplicated = received.size() - distinct;
                System.out.printf("broker failover: %d messages in blocks of %d, primary killed after %d, %d blocks sent"
                        + " again after a failed commit, %d ms; lost=%d duplicated=%d%n",
                        BATCH, BLOCK, sentAtKill.get(), relay.resentBlocks.get(), millis, lost, duplicated);
                assertThat(lost).as("lost").isZero();
                assertThat(duplicated).as("duplicated").isZero();
                assertThat(received).hasSize(BATCH);
            });
        } finally {
            primary.destroyForcibly();
            backup.stop();
        }
    }

    /** The connection factory Spring Boot makes from the production profile, pointed at this pair. */
    private static ApplicationContextRunner serviceConnection(int primaryPort, int backupPort) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        // the production profile over the defaults, as the service reads them
        yaml.setResources(new FileSystemResource("config/application.yml"), new FileSystemResource("config/application-postgres.yml"));
        Properties production = yaml.getObject();
        List<String> settings = new ArrayList<>();
        production.forEach((key, value) -> {
            if (key.toString().startsWith("spring.artemis.") || key.toString().startsWith("intake.broker.")) {
                settings.add(key + "=" + value);
            }
        });
        assertThat(production.getProperty("spring.artemis.broker-url")).contains("ha=true").contains("reconnectAttempts=-1");
        String user = production.getProperty("spring.artemis.user");
        settings.add("intake.broker.primary=127.0.0.1:" + primaryPort);
        settings.add("intake.broker.backup=127.0.0.1:" + backupPort);
        settings.add("spring.artemis.password=" + ExternalBroker.PASSWORDS.get(user));
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ArtemisAutoConfiguration.class))
                .withPropertyValues(settings.toArray(String[]::new));
    }

    /** Sends an outbox as the relays do: blocks in one JMS transaction each, a failed block again, duplicates skipped. */
    private static final class Relay {
        private final JmsTemplate jms;
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger resentBlocks = new AtomicInteger();

        Relay(ConnectionFactory connectionFactory) {
            jms = new JmsTemplate(connectionFactory);
            jms.setSessionTransacted(true);
        }

        void sendAll(List<String> outbox) throws InterruptedException {
            java.util.Set<String> pending = new LinkedHashSet<>(outbox);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!pending.isEmpty()) {
                assertThat(System.nanoTime()).as("the batch is sent within 3 minutes").isLessThan(deadline);
                List<String> block = pending.stream().limit(BLOCK).toList();
                try {
                    send(block);
                } catch (JmsException e) {
                    if (!duplicate(e)) {
                        // the relay's next poll: the same block again
                        resentBlocks.incrementAndGet();
                        Thread.sleep(200);
                        continue;
                    }
                    if (!oneByOne(block)) {
                        continue;
                    }
                }
                block.forEach(pending::remove);
                sent.addAndGet(block.size());
            }
        }

        /** A block part of which had arrived (its commit answered too late): each message alone, duplicates skipped. */
        private boolean oneByOne(List<String> block) {
            for (String id : block) {
                try {
                    send(List.of(id));
                } catch (JmsException e) {
                    if (!duplicate(e)) {
                        resentBlocks.incrementAndGet();
                        return false;
                    }
                }
            }
            return true;
        }

        private void send(List<String> block) {
            jms.execute(session -> {
                try (MessageProducer producer = session.createProducer(session.createQueue(QUEUE))) {
                    for (String id : block) {
                        Message message = session.createTextMessage("{\"caseReference\":\"" + id + "\"}");
                        message.setStringProperty("caseReference", id);
                        message.setStringProperty("_AMQ_DUPL_ID", id);
                        producer.send(message, DeliveryMode.PERSISTENT, 4, 0);
                    }
                    session.commit();
                }
                return null;
            }, true);
        }

        private static boolean duplicate(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ActiveMQDuplicateIdException) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<String> drain(ConnectionFactory connectionFactory) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(5000);
        List<String> received = new ArrayList<>();
        Message message;
        while ((message = jms.receive(QUEUE)) != null) {
            try {
                received.add(message.getStringProperty("caseReference"));
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
        }
        return received;
    }
}
