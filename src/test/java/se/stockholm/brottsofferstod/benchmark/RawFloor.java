package se.stockholm.brottsofferstod.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor: the least work that takes the same referrals with the same guarantees, without Camel, Spring
 * or the service's code. One thread reads NDJSON lines, parses each into a Jackson 3 tree, checks it against
 * the contract's schema (format assertions on, as the service does) and the personnummer's check digit,
 * skips repeated ids (in memory), inserts a row per referral into a fresh H2 file database with JDBC
 * batches of 500 (one transaction each), and sends each consenting referral as a persistent message to a
 * fresh embedded Artemis (persistent NIO journal, like Spring Boot's embedded broker) in JMS transactions of
 * 500 messages.
 */
final class RawFloor {

    static final int CHUNK = 500;
    static final String QUEUE = "floor.cases";
    static final int SERVER_ID = 73;

    record Result(double seconds, long rows, long messages, int invalid, int duplicates, long parseNanos, long schemaNanos,
                  long jdbcNanos, long jmsNanos) {
    }

    private RawFloor() {
    }

    static Schema loadSchema() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        try (InputStream in = RawFloor.class.getResourceAsStream("/contract/police-referral.schema.json")) {
            return registry.getSchema(SchemaLocation.of("urn:brottsofferstod:police-referral.schema.json"), in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result run(Path ndjson, Path workDir, Runnable onStart) throws Exception {
        Schema schema = loadSchema();
        JsonMapper json = JsonMapper.builder().build();
        EmbeddedActiveMQ broker = startBroker(workDir.resolve("broker"));
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("db/floor").toAbsolutePath() + ";WRITE_DELAY=0",
                "floor", "");
             jakarta.jms.Connection jms = new ActiveMQConnectionFactory("vm://" + SERVER_ID).createConnection()) {
            createTable(db);
            db.setAutoCommit(false);
            Session session = jms.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            PreparedStatement insert = db.prepareStatement("""
                    INSERT INTO floor_case (case_reference, received_at, partner, external_id, gender, given_name,
                        family_name, personal_identity_number, birth_year, postal_code, district_text, crime_category,
                        contact_consent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");

            Set<String> seen = new HashSet<>();
            long rows = 0;
            long messages = 0;
            int invalid = 0;
            int duplicates = 0;
            int inBatch = 0;
            int inTransaction = 0;
            long parse = 0;
            long check = 0;
            long jdbc = 0;
            long send = 0;
            Timestamp receivedAt = Timestamp.from(Instant.now());
            onStart.run();
            long start = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    long t0 = System.nanoTime();
                    JsonNode node = json.readTree(line);
                    long t1 = System.nanoTime();
                    boolean valid = valid(schema, node);
                    boolean consent = node.path("consent").path("contactConsent").asBoolean(false);
                    String pnr = node.path("person").path("personalIdentityNumber").asString(null);
                    long t2 = System.nanoTime();
                    parse += t1 - t0;
                    check += t2 - t1;
                    if (!valid) {
                        invalid++;
                        continue;
                    }
                    String id = node.get("referralId").asString();
                    if (!seen.add(id)) {
                        duplicates++;
                        continue;
                    }
                    JsonNode person = node.get("person");
                    JsonNode address = person.path("address");
                    String reference = "BO-F-" + (rows + 1);
                    String partner = consent ? "partner-" + (Math.floorMod(id.hashCode(), 4)) : "none";
                    insert.setString(1, reference);
                    insert.setTimestamp(2, receivedAt);
                    insert.setString(3, partner);
                    insert.setString(4, id);
                    insert.setString(5, person.path("gender").asString("UNKNOWN"));
                    insert.setString(6, consent ? person.path("givenName").asString(null) : null);
                    insert.setString(7, consent ? person.path("familyName").asString(null) : null);
                    insert.setString(8, consent ? pnr : null);
                    if (person.has("birthYear")) {
                        insert.setInt(9, person.get("birthYear").asInt());
                    } else {
                        insert.setNull(9, Types.INTEGER);
                    }
                    insert.setString(10, address.path("postalCode").asString(null));
                    insert.setString(11, person.path("district").asString(null));
                    insert.setString(12, node.path("offence").path("category").asString(null));
                    insert.setBoolean(13, consent);
                    insert.addBatch();
                    rows++;
                    inBatch++;
                    long t3 = System.nanoTime();
                    jdbc += t3 - t2;
                    if (consent) {
                        TextMessage message = session.createTextMessage(line);
                        message.setStringProperty("caseReference", reference);
                        message.setStringProperty("partner", partner);
                        message.setStringProperty("source", "POLICE");
                        message.setStringProperty("_AMQ_DUPL_ID", reference);
                        producer.send(message);
                        messages++;
                        inTransaction++;
                    }
                    long t4 = System.nanoTime();
                    send += t4 - t3;
                    if (inBatch == CHUNK) {
                        insert.executeBatch();
                        db.commit();
                        inBatch = 0;
                        long t5 = System.nanoTime();
                        jdbc += t5 - t4;
                        t4 = t5;
                    }
                    if (inTransaction == CHUNK) {
                        session.commit();
                        inTransaction = 0;
                        send += System.nanoTime() - t4;
                    }
                }
            }
            long t4 = System.nanoTime();
            insert.executeBatch();
            db.commit();
            long t5 = System.nanoTime();
            session.commit();
            long end = System.nanoTime();
            jdbc += t5 - t4;
            send += end - t5;

            long stored;
            try (Statement s = db.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM floor_case")) {
                rs.next();
                stored = rs.getLong(1);
            }
            // once the broker pages, its message count catches up with the committed sends a little later
            var queue = broker.getActiveMQServer().locateQueue(SimpleString.of(QUEUE));
            long queued = queue.getMessageCount();
            for (long deadline = System.nanoTime() + 60_000_000_000L; queued != messages && System.nanoTime() < deadline; ) {
                Thread.sleep(50);
                queued = queue.getMessageCount();
            }
            if (stored != rows || queued != messages) {
                throw new IllegalStateException("floor: %d rows stored of %d, %d messages queued of %d"
                        .formatted(stored, rows, queued, messages));
            }
            return new Result((end - start) / 1e9, stored, queued, invalid, duplicates, parse, check, jdbc, send);
        } finally {
            broker.stop();
        }
    }

    /** What the service checks of a referral: the contract's schema, and the personnummer's check digit when it consents. */
    static boolean valid(Schema schema, JsonNode node) {
        if (!schema.validate(node).isEmpty()) {
            return false;
        }
        String pnr = node.path("person").path("personalIdentityNumber").asString(null);
        return !node.path("consent").path("contactConsent").asBoolean(false) || pnr == null || checkDigitOk(pnr);
    }

    /** The personnummer's Luhn check digit, as the service checks it for a referral with consent. */
    static boolean checkDigitOk(String pnr) {
        String digits = pnr.replace("-", "").replace("+", "");
        if (digits.length() == 12) {
            digits = digits.substring(2);
        }
        if (digits.length() != 10) {
            return false;
        }
        return ReferralGenerator.luhn(digits.substring(0, 9)) == digits.charAt(9) - '0';
    }

    private static void createTable(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("""
                    CREATE TABLE floor_case (
                        id                        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                        case_reference            VARCHAR(20)  NOT NULL,
                        received_at               TIMESTAMP WITH TIME ZONE NOT NULL,
                        partner                   VARCHAR(40)  NOT NULL,
                        external_id               VARCHAR(64),
                        gender                    VARCHAR(16)  NOT NULL,
                        given_name                VARCHAR(100),
                        family_name               VARCHAR(100),
                        personal_identity_number  VARCHAR(13),
                        birth_year                INTEGER,
                        postal_code               VARCHAR(6),
                        district_text             VARCHAR(100),
                        crime_category            VARCHAR(32),
                        contact_consent           BOOLEAN NOT NULL,
                        CONSTRAINT uk_floor_case_reference UNIQUE (case_reference))""");
        }
    }

    static EmbeddedActiveMQ startBroker(Path dir) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setSecurityEnabled(false);
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dir.resolve("largemessages").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                Map.of("serverId", SERVER_ID)));
        config.addAddressConfiguration(new CoreAddressConfiguration().setName(QUEUE).addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        return broker;
    }
}
