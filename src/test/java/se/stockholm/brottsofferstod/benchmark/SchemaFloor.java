package se.stockholm.brottsofferstod.benchmark;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.flywaydb.core.Flyway;

import com.networknt.schema.Schema;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor of the service's own storage: the raw floor's single thread (Jackson, the schema check, JDBC, a persistent
 * Artemis send), but writing what the service's guarantees need, in the service's schema (its Flyway migrations, with
 * every index) and still without Camel, Spring or the service's code. Per chunk of 500 valid referrals: the keyed
 * receipts looked up in the database (the durable, cross-instance duplicate check the raw floor keeps in memory), a
 * block of case numbers in its own short transaction, then in one transaction the receipts, the cases (with the keyed
 * phone and email lookups that person rights and the SMS dialogue need) and their outbox rows; then the messages in one
 * JMS transaction, and the outbox rows deleted. It answers how close to the raw floor the service can come on this
 * store: the service does the same writes and more (a log line, statistics days, REST or file handling).
 */
final class SchemaFloor {

    private static final String RECEIPT = """
            INSERT INTO referral_receipt (receipt_key, source, channel, status, case_reference, received_at)
            VALUES (?, 'POLICE', 'POLICE', ?, ?, ?)""";
    private static final String CASE = """
            INSERT INTO support_case (case_reference, received_at, source, channel, external_id, status, partner,
                routing_reason, age_unknown, district, age_years, person_role, gender, protected_identity,
                preferred_language, interpreter_needed, given_name, family_name, personal_identity_number, birth_year,
                phone, email, consent_given_by, crime_category, gang_related, intimate_partner_violence, text,
                report_number, police_unit, phone_key, email_key, agreement, urgent)
            VALUES (?, ?, 'POLICE', 'POLICE', ?, 'NEW', ?, 'floor', FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, ?, ?, ?, ?, 'stockholm', FALSE)""";
    private static final String OUTBOX = """
            INSERT INTO case_outbox (message_id, case_reference, queue_name, partner, source, body, created_at, agreement,
                                     urgent, language, next_attempt_at)
            VALUES (?, ?, ?, ?, 'POLICE', NULL, ?, 'stockholm', FALSE, ?, ?)""";

    private record Pending(JsonNode node, String line, boolean consent, String receiptKey) {
    }

    private final Schema schema = RawFloor.loadSchema();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Mac mac;
    private final Connection db;
    private final Session session;
    private final MessageProducer producer;
    private final List<Pending> pending = new ArrayList<>();
    private final Timestamp receivedAt = Timestamp.from(Instant.now());
    private long rows;
    private long messages;
    private int invalid;
    private int duplicates;
    private long parse;
    private long check;
    private long jdbc;
    private long send;

    private SchemaFloor(Connection db, Session session) throws Exception {
        this.db = db;
        this.session = session;
        this.producer = session.createProducer(session.createQueue(RawFloor.QUEUE));
        this.producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        this.mac = Mac.getInstance("HmacSHA256");
        this.mac.init(new SecretKeySpec("schema-floor-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    static RawFloor.Result run(Path ndjson, Path workDir, Runnable onStart) throws Exception {
        String url = "jdbc:h2:file:" + workDir.resolve("db/schema-floor").toAbsolutePath() + ";WRITE_DELAY=0";
        Flyway.configure().dataSource(url, "floor", "").locations("classpath:db/migration", "classpath:db/vendor/h2").load()
                .migrate();
        EmbeddedActiveMQ broker = RawFloor.startBroker(workDir.resolve("broker"));
        try (Connection db = DriverManager.getConnection(url, "floor", "");
             jakarta.jms.Connection jms = new ActiveMQConnectionFactory("vm://" + RawFloor.SERVER_ID).createConnection()) {
            db.setAutoCommit(false);
            try (Statement s = db.createStatement()) {
                s.execute("INSERT INTO case_counter (counter_year, last_number) VALUES (2026, 0)");
            }
            db.commit();
            SchemaFloor floor = new SchemaFloor(db, jms.createSession(true, Session.SESSION_TRANSACTED));
            onStart.run();
            long start = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) {
                        floor.take(line);
                    }
                }
            }
            floor.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            floor.verify(broker);
            return new RawFloor.Result(seconds, floor.rows, floor.messages, floor.invalid, floor.duplicates, floor.parse,
                    floor.check, floor.jdbc, floor.send);
        } finally {
            broker.stop();
        }
    }

    private void take(String line) throws Exception {
        long t0 = System.nanoTime();
        JsonNode node = json.readTree(line);
        long t1 = System.nanoTime();
        boolean valid = RawFloor.valid(schema, node);
        boolean consent = node.path("consent").path("contactConsent").asBoolean(false);
        long t2 = System.nanoTime();
        parse += t1 - t0;
        check += t2 - t1;
        if (!valid) {
            invalid++;
            return;
        }
        pending.add(new Pending(node, line, consent, hmac("receipt:POLICE:" + node.get("referralId").asString())));
        jdbc += System.nanoTime() - t2;
        if (pending.size() == RawFloor.CHUNK) {
            flush();
        }
    }

    private void flush() throws Exception {
        if (pending.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        Set<String> taken = earlierReceipts();
        List<Pending> fresh = new ArrayList<>();
        for (Pending p : pending) {
            if (taken.add(p.receiptKey())) {
                fresh.add(p);
            } else {
                duplicates++;
            }
        }
        pending.clear();
        long cases = fresh.stream().filter(Pending::consent).count();
        long first = allocate(cases);
        List<String> references = new ArrayList<>();
        List<Long> outboxIds = new ArrayList<>();
        try (PreparedStatement receipt = db.prepareStatement(RECEIPT);
             PreparedStatement kase = db.prepareStatement(CASE);
             PreparedStatement outbox = db.prepareStatement(OUTBOX, new String[] {"id"})) {
            long number = first;
            for (Pending p : fresh) {
                references.add(p.consent() ? "BO-2026-%06d".formatted(number++) : null);
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(i -> fresh.get(i).receiptKey()));
            for (int i : order) {
                receipt.setString(1, fresh.get(i).receiptKey());
                receipt.setString(2, fresh.get(i).consent() ? "ACCEPTED" : "NO_CONSENT");
                receipt.setString(3, references.get(i));
                receipt.setTimestamp(4, receivedAt);
                receipt.addBatch();
            }
            receipt.executeBatch();
            for (int i = 0; i < fresh.size(); i++) {
                if (fresh.get(i).consent()) {
                    bindCase(kase, references.get(i), fresh.get(i).node());
                    kase.addBatch();
                    bindOutbox(outbox, references.get(i), fresh.get(i).node());
                    outbox.addBatch();
                }
            }
            kase.executeBatch();
            outbox.executeBatch();
            try (ResultSet ids = outbox.getGeneratedKeys()) {
                while (ids.next()) {
                    outboxIds.add(ids.getLong(1));
                }
            }
            db.commit();
        }
        rows += fresh.size();
        long t1 = System.nanoTime();
        for (int i = 0; i < fresh.size(); i++) {
            if (fresh.get(i).consent()) {
                TextMessage message = session.createTextMessage(fresh.get(i).line());
                message.setStringProperty("caseReference", references.get(i));
                message.setStringProperty("partner", "partner-" + Math.floorMod(references.get(i).hashCode(), 4));
                message.setStringProperty("source", "POLICE");
                message.setStringProperty("_AMQ_DUPL_ID", UUID.randomUUID().toString());
                producer.send(message);
                messages++;
            }
        }
        session.commit();
        long t2 = System.nanoTime();
        deleteSent(outboxIds);
        jdbc += (t1 - t0) + (System.nanoTime() - t2);
        send += t2 - t1;
    }

    private Set<String> earlierReceipts() throws SQLException {
        Set<String> taken = new HashSet<>();
        String marks = String.join(",", java.util.Collections.nCopies(pending.size(), "?"));
        try (PreparedStatement query = db.prepareStatement("SELECT receipt_key FROM referral_receipt WHERE receipt_key IN ("
                + marks + ")")) {
            for (int i = 0; i < pending.size(); i++) {
                query.setString(i + 1, pending.get(i).receiptKey());
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getString(1));
                }
            }
        }
        return taken;
    }

    /** A block of case numbers in its own short transaction, as the service takes them: the first of the block. */
    private long allocate(long count) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE case_counter SET last_number = last_number + ? WHERE counter_year = 2026");
             PreparedStatement read = db.prepareStatement("SELECT last_number FROM case_counter WHERE counter_year = 2026")) {
            update.setLong(1, count);
            update.executeUpdate();
            long last;
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
            }
            db.commit();
            return last - count + 1;
        }
    }

    private void bindCase(PreparedStatement ps, String reference, JsonNode node) throws SQLException {
        JsonNode person = node.path("person");
        JsonNode offence = node.path("offence");
        String phone = person.path("phone").asString(null);
        String email = person.path("email").asString(null);
        int c = 1;
        ps.setString(c++, reference);
        ps.setTimestamp(c++, receivedAt);
        ps.setString(c++, node.get("referralId").asString());
        ps.setString(c++, "partner-" + Math.floorMod(reference.hashCode(), 4));
        ps.setString(c++, person.path("district").asString(null));
        ps.setNull(c++, Types.INTEGER);
        ps.setString(c++, person.path("role").asString(null));
        ps.setString(c++, person.path("gender").asString("UNKNOWN"));
        ps.setBoolean(c++, person.path("protectedIdentity").asBoolean(false));
        ps.setString(c++, person.path("preferredLanguage").asString(null));
        ps.setBoolean(c++, person.path("interpreterNeeded").asBoolean(false));
        ps.setString(c++, person.path("givenName").asString(null));
        ps.setString(c++, person.path("familyName").asString(null));
        ps.setString(c++, person.path("personalIdentityNumber").asString(null));
        if (person.has("birthYear")) {
            ps.setInt(c++, person.get("birthYear").asInt());
        } else {
            ps.setNull(c++, Types.INTEGER);
        }
        ps.setString(c++, phone);
        ps.setString(c++, email);
        ps.setString(c++, node.path("consent").path("givenBy").asString(null));
        ps.setString(c++, offence.path("category").asString(null));
        ps.setBoolean(c++, offence.path("gangRelated").asBoolean(false));
        ps.setBoolean(c++, offence.path("intimatePartnerViolence").asBoolean(false));
        ps.setString(c++, offence.path("description").asString(null));
        ps.setString(c++, node.path("reportNumber").asString(null));
        ps.setString(c++, node.path("policeUnit").asString(null));
        ps.setString(c++, phone == null ? null : hmac("phone:" + phone.replaceAll("\\D", "")));
        ps.setString(c, email == null ? null : hmac("email:" + email.toLowerCase(java.util.Locale.ROOT)));
    }

    private void bindOutbox(PreparedStatement ps, String reference, JsonNode node) throws SQLException {
        String partner = "partner-" + Math.floorMod(reference.hashCode(), 4);
        ps.setString(1, UUID.randomUUID().toString());
        ps.setString(2, reference);
        ps.setString(3, "cases." + partner);
        ps.setString(4, partner);
        ps.setTimestamp(5, receivedAt);
        ps.setString(6, node.path("person").path("preferredLanguage").asString(null));
        ps.setTimestamp(7, receivedAt);
    }

    private void deleteSent(List<Long> ids) throws SQLException {
        try (PreparedStatement delete = db.prepareStatement("DELETE FROM case_outbox WHERE id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
            db.commit();
        }
    }

    private String hmac(String text) {
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void verify(EmbeddedActiveMQ broker) throws Exception {
        long stored;
        long outbox;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT (SELECT COUNT(*) FROM referral_receipt), (SELECT COUNT(*) FROM case_outbox)")) {
            rs.next();
            stored = rs.getLong(1);
            outbox = rs.getLong(2);
        }
        var queue = broker.getActiveMQServer().locateQueue(SimpleString.of(RawFloor.QUEUE));
        long queued = queue.getMessageCount();
        for (long deadline = System.nanoTime() + 60_000_000_000L; queued != messages && System.nanoTime() < deadline; ) {
            Thread.sleep(50);
            queued = queue.getMessageCount();
        }
        if (stored != rows || queued != messages || outbox != 0) {
            throw new IllegalStateException("schema floor: %d receipts of %d, %d messages queued of %d, %d outbox rows left"
                    .formatted(stored, rows, queued, messages, outbox));
        }
    }
}
