package se.stockholm.brottsofferstod.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.jms.Connection;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import se.stockholm.brottsofferstod.cases.CaseWork;
import se.stockholm.brottsofferstod.deadletters.DeadLetterStore;
import se.stockholm.brottsofferstod.police.InboxRetention;
import se.stockholm.brottsofferstod.support.DatabaseSweep;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import se.stockholm.brottsofferstod.support.ServiceLog;
import tools.jackson.databind.json.JsonMapper;

/**
 * The privacy sweep: a person's values go in through the police feed (REST, file inbox, JMS), the SMS chatbot (46elks and Twilio) and a
 * staff link's reason, a triage case and a refused referral; after retention (cases closed long ago) or the person's
 * erasure request, and once the refused referral's dead letter is past its keep period, none of the values is found
 * in any table of the database, in the data folder's files (the broker's journal, paging and large-message files
 * included, searched as UTF-8, UTF-16LE and UTF-16BE) or in the log output. Not swept here: the H2 file's free pages
 * (searched through SQL instead), and the email channel (its own context).
 */
class PrivacySweepTests extends IntakeIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern REFERENCE = Pattern.compile("BO-\\d{4}-\\d{6}");

    @Autowired
    CaseWork work;

    @Autowired
    InboxRetention inboxRetention;

    @Autowired
    DeadLetterStore deadLetters;

    @Value("${intake.dead-letters.keep-original}")
    Duration keepDeadLetterOriginal;

    /** One person's values, unique to this test run. */
    private record Person(String tag, String givenName, String familyName, String personnummer, String phone, String email,
                          String street, String smsWords, String linkWords) {
        static Person fresh(String personnummer, String phoneDigits) {
            // letters only (no digit may stand in a name), each hex digit its own letter: "xxxxxx" for every all-digit
            // UUID start made two runs in one context the same person, and the second referral a DUPLICATE
            String tag = UUID.randomUUID().toString().substring(0, 6).chars()
                    .map(c -> Character.isDigit(c) ? 'g' + (c - '0') : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            return new Person(tag, "Svepnamn" + tag, "Svepsson" + tag, personnummer, "+467" + phoneDigits,
                    "svep." + tag + "@example.se", "Svepgatan " + tag, "Svepsms" + tag + " berättar", "Sveplänk" + tag);
        }

        List<String> values() {
            String digits = personnummer.replace("-", "");
            return List.of(givenName, familyName, personnummer, digits, digits.substring(2), phone, phone.substring(3),
                    email, street, smsWords, linkWords);
        }
    }

    private String referral(Person p, String id, boolean consent, String role) {
        return """
                {"referralId":"%s","sentAt":"2026-11-12T09:14:00+01:00",
                 "person":{"role":"%s","givenName":"%s","familyName":"%s","personalIdentityNumber":"%s",
                           "gender":"FEMALE","phone":"%s","email":"%s",
                           "address":{"street":"%s","postalCode":"123 47","city":"Farsta"}},
                 "consent":%s,
                 "offence":{"category":"ASSAULT","description":"%s"}}""".formatted(id, role, p.givenName(), p.familyName(),
                p.personnummer(), p.phone(), p.email(), p.street(),
                consent ? "{\"contactConsent\":true,\"givenBy\":\"SELF\",\"recordedAt\":\"2026-11-11T22:40:00+01:00\"}"
                        : "{\"contactConsent\":false}", p.smsWords());
    }

    /** Puts the person's values through every channel of this context; the references of the cases opened. */
    private List<String> feed(Person p) throws Exception {
        List<String> references = new ArrayList<>();
        HttpResponse<String> rest = postReferrals(referral(p, "SWEEP-REST-" + p.tag(), true, "VICTIM"));
        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(202);
        references.add(JSON.readTree(rest.body()).get("results").get(0).get("caseReference").asString());
        assertThat(postReferrals(referral(p, "SWEEP-NC-" + p.tag(), false, "VICTIM")).body()).contains("NO_CONSENT");
        assertThat(postReferrals(referral(p, "SWEEP-BAD-" + p.tag(), true, "BYSTANDER")).statusCode()).isEqualTo(400);

        Path inbox = dataDir().resolve("inbox").resolve("police");
        Files.createDirectories(inbox);
        for (String kind : List.of("FILE", "FILENC")) {
            String name = "sweep-" + kind + "-" + p.tag() + ".json";
            Path part = Files.writeString(inbox.resolve("." + name + ".part"),
                    referral(p, "SWEEP-" + kind + "-" + p.tag(), kind.equals("FILE"), "VICTIM"));
            Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> casesWithExternalId("SWEEP-FILE-" + p.tag()) == 1);
        references.add((String) jdbc.queryForMap("SELECT case_reference FROM support_case WHERE external_id = ?",
                "SWEEP-FILE-" + p.tag()).get("CASE_REFERENCE"));

        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort())
                .createConnection(POLICE_USER, POLICE_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("referrals.police"))
                    .send(session.createTextMessage(referral(p, "SWEEP-JMS-" + p.tag(), true, "VICTIM")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> casesWithExternalId("SWEEP-JMS-" + p.tag()) == 1);
        references.add((String) jdbc.queryForMap("SELECT case_reference FROM support_case WHERE external_id = ?",
                "SWEEP-JMS-" + p.tag()).get("CASE_REFERENCE"));

        HttpResponse<String> triage = postReferrals(referral(p, "SWEEP-TRIAGE-" + p.tag(), true, "WITNESS")
                .replaceAll("\"address\":\\{[^}]*}", "\"district\":\"Atlantis\""));
        String triageReference = JSON.readTree(triage.body()).get("results").get(0).get("caseReference").asString();
        references.add(triageReference);
        awaitQueued("cases.triage", triageReference);

        String reply = "";
        for (String text : List.of("Hej, jag heter " + p.givenName() + " " + p.smsWords() + ". Jag är 34 år och bor i Hökarängen.",
                "Ring mig på kvällen", p.smsWords() + " hände i går", "nej", "ja")) {
            reply = sms(p.phone(), text);
            if (REFERENCE.matcher(reply).find()) {
                break;
            }
        }
        Matcher smsCase = REFERENCE.matcher(reply);
        assertThat(smsCase.find()).as(reply).isTrue();
        references.add(smsCase.group());
        sms(p.phone(), "En sak till: " + p.smsWords());
        java.util.TreeMap<String, String> twilio = new java.util.TreeMap<>(Map.of("MessageSid", "SM" + UUID.randomUUID().toString()
                .replace("-", ""), "From", p.phone(), "To", "+46766861005", "Body", "Via Twilio: " + p.smsWords()));
        HttpResponse<String> viaTwilio = postForm("/webhooks/sms/twilio", encoded(twilio), null, null, "X-Twilio-Signature",
                TwilioSigning.sign(TWILIO_PUBLIC_URL + "/webhooks/sms/twilio", TWILIO_AUTH_TOKEN, twilio));
        assertThat(viaTwilio.statusCode()).as(viaTwilio.body()).isEqualTo(200);

        HttpResponse<String> linked = post("/api/cases/" + references.get(0) + "/links",
                "{\"to\":\"stodcentrum\",\"reason\":\"" + p.linkWords() + "\"}", "sodra-1", "staff-secret");
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        return references;
    }

    private static byte[] encoded(Map<String, String> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    }

    private String sms(String phone, String text) {
        byte[] form = ("id=sweep-" + UUID.randomUUID() + "&from=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)
                + "&message=" + URLEncoder.encode(text, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = postForm("/webhooks/sms/46elks", form, "elks-webhook", "elks-secret");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void afterRetentionNoneOfAPersonsValuesIsFoundAnywhere() throws Exception {
        long log = ServiceLog.mark();
        Person p = Person.fresh("19881212-3456", "09" + (1000000 + (int) (Math.random() * 8999999)));
        List<String> references = feed(p);

        for (String reference : references) {
            post("/api/cases/" + reference + "/close", "{\"at\":\"" + Instant.now().minusSeconds(60) + "\",\"outcome\":\"SUPPORT_GIVEN\"}",
                    "samordnare", "coord-secret");
            jdbc.update("UPDATE support_case SET closed_at = ? WHERE case_reference = ?",
                    Timestamp.from(Instant.now().minus(Duration.ofDays(400))), reference);
        }
        work.erasePersonalData();
        ageProcessedInboxFiles();
        inboxRetention.clean();
        clock.advance(keepDeadLetterOriginal.plusDays(1));
        deadLetters.eraseOriginals();

        assertNothingLeft(p, log);
    }

    @Test
    void afterThePersonsErasureRequestNoneOfTheirValuesIsFoundAnywhere() throws Exception {
        long log = ServiceLog.mark();
        Person p = Person.fresh("19900101-1239", "08" + (1000000 + (int) (Math.random() * 8999999)));
        feed(p);

        assertThat(post("/api/persons/erase", "{\"personnummer\":\"" + p.personnummer() + "\"}", "samordnare", "coord-secret")
                .statusCode()).isEqualTo(200);
        assertThat(post("/api/persons/erase", "{\"phone\":\"" + p.phone() + "\"}", "samordnare", "coord-secret")
                .statusCode()).isEqualTo(200);
        ageProcessedInboxFiles();
        inboxRetention.clean();
        clock.advance(keepDeadLetterOriginal.plusDays(1));
        deadLetters.eraseOriginals();

        assertNothingLeft(p, log);
    }

    private void ageProcessedInboxFiles() throws IOException {
        Path done = dataDir().resolve("inbox").resolve("police").resolve(".done");
        try (Stream<Path> files = Files.list(done)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofDays(31))));
            }
        }
    }

    private void assertNothingLeft(Person p, long logMark) throws IOException {
        List<String> found = new ArrayList<>(DatabaseSweep.find(jdbc, p.values()));
        try (Stream<Path> files = Files.walk(dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = dataDir().relativize(file).toString();
                if (relative.startsWith("db")) {
                    continue;
                }
                // one char per byte, so that a value's bytes in any encoding are found as a string
                String bytes = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (String v : p.values()) {
                    for (java.nio.charset.Charset encoding : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
                            StandardCharsets.UTF_16BE, StandardCharsets.ISO_8859_1)) {
                        if (bytes.contains(new String(v.getBytes(encoding), StandardCharsets.ISO_8859_1))) {
                            found.add("file " + relative + " holds " + v + " (" + encoding + ")");
                        }
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        String logged = ServiceLog.since(logMark);
        p.values().stream().filter(logged::contains).forEach(v -> found.add("the log holds " + v));
        assertThat(found).isEmpty();
    }
}
