package se.stockholm.brottsofferstod.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.ha.PrimaryOnlyPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

import se.stockholm.brottsofferstod.routing.Partners;
import se.stockholm.brottsofferstod.support.TestPorts;

/**
 * The external broker's deploy/artemis/broker.xml says what the embedded broker sets up (same queues, same rights per
 * queue, validated user, duplicate-id cache, dead letters, paging), and a broker started from it lets each role do
 * exactly what contract section 7 says.
 */
class BrokerXmlTests {

    private static Partners partners() {
        return Partners.load(Path.of("config", "routing", "partners.yml"));
    }

    /** What the embedded broker sets up, from the shipped settings and routing data. */
    private static Configuration embedded() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("config/application.yml"));
        Properties settings = yaml.getObject();
        Configuration configuration = new ConfigurationImpl();
        EmbeddedBrokerConfiguration.applyContract(configuration, partners().ids(), partners().caseQueues(),
                Integer.parseInt(settings.getProperty("intake.broker.max-delivery-attempts")));
        return configuration;
    }

    private static Map<String, String> queues(Configuration configuration) {
        Map<String, String> queues = new TreeMap<>();
        for (CoreAddressConfiguration address : configuration.getAddressConfigurations()) {
            address.getQueueConfigs().forEach(queue -> queues.put(queue.getName().toString(),
                    address.getName() + " " + queue.getRoutingType() + (Boolean.FALSE.equals(queue.isDurable()) ? " non-durable" : " durable")));
        }
        return queues;
    }

    /** Each address match with its roles and what each may do, in a form that compares as text. */
    private static Map<String, Set<String>> rights(Configuration configuration) {
        Map<String, Set<String>> rights = new TreeMap<>();
        configuration.getSecurityRoles().forEach((match, roles) -> rights.put(match, roles.stream()
                .map(BrokerXmlTests::describe).collect(Collectors.toCollection(TreeSet::new))));
        return rights;
    }

    private static String describe(Role role) {
        return role.getName() + ":" + (role.isSend() ? " send" : "") + (role.isConsume() ? " consume" : "")
                + (role.isBrowse() ? " browse" : "") + (role.isCreateAddress() ? " createAddress" : "")
                + (role.isDeleteAddress() ? " deleteAddress" : "") + (role.isCreateDurableQueue() ? " createDurableQueue" : "")
                + (role.isDeleteDurableQueue() ? " deleteDurableQueue" : "")
                + (role.isCreateNonDurableQueue() ? " createNonDurableQueue" : "")
                + (role.isDeleteNonDurableQueue() ? " deleteNonDurableQueue" : "") + (role.isManage() ? " manage" : "")
                + (role.isView() ? " view" : "") + (role.isEdit() ? " edit" : "");
    }

    private static String describe(AddressSettings settings) {
        return "dla=" + settings.getDeadLetterAddress() + " expiry=" + settings.getExpiryAddress()
                + " attempts=" + settings.getMaxDeliveryAttempts() + " delay=" + settings.getRedeliveryDelay()
                + " full=" + settings.getAddressFullMessagePolicy() + " page=" + settings.getPageSizeBytes();
    }

    @Test
    void brokerXmlHasTheEmbeddedBrokersQueuesRightsAndSettings(@TempDir Path dir) throws Exception {
        Configuration xml = ExternalBroker.parse(dir.resolve("etc"), "ha-primary.xml");
        Configuration embedded = embedded();

        Map<String, String> expectedQueues = new TreeMap<>(queues(embedded));
        // the expiry address the settings name (the embedded broker has it from Spring Boot)
        expectedQueues.put("ExpiryQueue", "ExpiryQueue ANYCAST durable");
        assertThat(queues(xml)).isEqualTo(expectedQueues);
        assertThat(queues(xml)).containsKeys("referrals.police", "cases.triage", "cases.outside-area", "case-events",
                "intake.dlq", "cases.boj-vasterort");
        assertThat(rights(xml)).isEqualTo(rights(embedded));
        assertThat(rights(xml).get("case-events")).contains("partner:boj-sodra-stockholm: send");

        assertThat(xml.isSecurityEnabled()).isTrue();
        assertThat(xml.isPopulateValidatedUser()).as("populate-validated-user").isTrue();
        assertThat(xml.getIDCacheSize()).isEqualTo(embedded.getIDCacheSize()).isGreaterThanOrEqualTo(100_000);
        assertThat(xml.isPersistIDCache()).isTrue();
        assertThat(xml.getGlobalMaxSize()).isPositive();
        for (String match : Set.of("#", "intake.dlq")) {
            assertThat(describe(xml.getAddressSettings().get(match))).as(match)
                    .isEqualTo(describe(embedded.getAddressSettings().get(match)));
        }
        assertThat(xml.getAddressSettings().get("#").getDeadLetterAddress().toString()).isEqualTo("intake.dlq");
        assertThat(xml.getAddressSettings().get("intake.dlq").getMaxDeliveryAttempts()).isEqualTo(-1);
    }

    @Test
    void thePairsHaPoliciesReplicateFromThePrimaryToTheBackup(@TempDir Path dir) throws Exception {
        Configuration primary = ExternalBroker.parse(dir.resolve("primary"), "ha-primary.xml");
        Configuration backup = ExternalBroker.parse(dir.resolve("backup"), "ha-backup.xml");

        assertThat(primary.getHAPolicyConfiguration()).isInstanceOf(ReplicatedPolicyConfiguration.class);
        assertThat(((ReplicatedPolicyConfiguration) primary.getHAPolicyConfiguration()).isCheckForActiveServer()).isTrue();
        assertThat(backup.getHAPolicyConfiguration()).isInstanceOf(ReplicaPolicyConfiguration.class);
        assertThat(((ReplicaPolicyConfiguration) backup.getHAPolicyConfiguration()).isAllowFailBack()).isTrue();
        assertThat(primary.getClusterConfigurations()).singleElement()
                .satisfies(cluster -> assertThat(cluster.getStaticConnectors()).containsExactly("peer"));
        // the pair's password comes from the environment (docker-compose.yml requires it), never from the file
        assertThat(java.nio.file.Files.readString(ExternalBroker.DEPLOY.resolve("broker.xml")))
                .contains("<cluster-password>${ARTEMIS_CLUSTER_PASSWORD}</cluster-password>");
        assertThat(primary.getClusterPassword()).isEqualTo(System.getenv().getOrDefault("ARTEMIS_CLUSTER_PASSWORD", ""));
    }

    @Test
    void aBrokerStartedFromBrokerXmlGivesEachRoleExactlyItsRights(@TempDir Path dir) throws Exception {
        int port = TestPorts.free();
        ActiveMQServer server = ExternalBroker.server(dir, "ha-primary.xml", port, TestPorts.free());
        // alone here: no pair to replicate to
        server.getConfiguration().setHAPolicyConfiguration(new PrimaryOnlyPolicyConfiguration());
        server.getConfiguration().getClusterConfigurations().clear();
        server.start();
        try {
            String url = "tcp://127.0.0.1:" + port;
            // the police send a referral; the service reads it and sends a case to a partner
            send(url, "police-feed", "referrals.police", "a referral");
            assertThat(receive(url, "intake-service", "referrals.police")).isNotNull();
            send(url, "intake-service", "cases.boj-sodra-stockholm", "a case");
            send(url, "intake-service", "cases.boj-vasterort", "another case");
            // each partner consumes only its own queue; the coordinator browses, never consumes
            assertThatThrownBy(() -> receive(url, "vasterort-system", "cases.boj-sodra-stockholm"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> receive(url, "samordnare", "cases.boj-sodra-stockholm"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThat(browse(url, "samordnare", "cases.boj-sodra-stockholm")).isEqualTo(1);
            assertThat(receive(url, "sodra-system", "cases.boj-sodra-stockholm")).isNotNull();
            // outsiders send nowhere but where they may
            assertThatThrownBy(() -> send(url, "police-feed", "cases.triage", "forged"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> send(url, "sodra-system", "referrals.police", "forged"))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> send(url, "samordnare", "case-events", "forged"))
                    .isInstanceOf(JMSSecurityException.class);
            // a case event carries the sender the broker checked, whatever the sender claims (contract 4.3)
            send(url, "sodra-system", "case-events", "an event");
            Message event = receive(url, "intake-service", "case-events");
            assertThat(event.getStringProperty("_AMQ_VALIDATED_USER")).isEqualTo("sodra-system");
            // a wrong password gets nowhere
            assertThatThrownBy(() -> new ActiveMQConnectionFactory(url).createConnection("intake-service", "guess").close())
                    .isInstanceOf(JMSSecurityException.class);
        } finally {
            server.stop();
        }
    }

    private static Connection connect(String url, String user) throws Exception {
        return new ActiveMQConnectionFactory(url).createConnection(user, ExternalBroker.PASSWORDS.get(user));
    }

    private static void send(String url, String user, String queue, String text) throws Exception {
        try (Connection connection = connect(url, user)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var message = session.createTextMessage(text);
            message.setStringProperty("_AMQ_VALIDATED_USER", "somebody-else");
            session.createProducer(session.createQueue(queue)).send(message);
        }
    }

    private static Message receive(String url, String user, String queue) throws Exception {
        try (Connection connection = connect(url, user)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
                return consumer.receive(5000);
            }
        }
    }

    private static int browse(String url, String user, String queue) throws Exception {
        try (Connection connection = connect(url, user)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                return java.util.Collections.list(browser.getEnumeration()).size();
            }
        }
    }

}
