package se.stockholm.brottsofferstod.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.jms.Connection;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generated bad input through every channel of this context (police REST, file inbox and JMS, both SMS webhooks, the
 * staff API): never a 5xx, each answered with a clear error (or stored as a rejection where the channel cannot
 * answer), and the service healthy afterwards. {@code -Dfuzz.count=10000} for the full run; the suite runs
 * fewer, from a fixed seed ({@code -Dfuzz.seed} to vary it).
 */
class FuzzTests extends IntakeIntegrationTest {

    private static final int COUNT = Integer.getInteger("fuzz.count", 1_500);
    private static final long SEED = Long.getLong("fuzz.seed", 18L);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] FIELDS = {"referralId", "sentAt", "policeUnit", "reportNumber", "person", "person.role",
            "person.givenName", "person.personalIdentityNumber", "person.birthYear", "person.gender", "person.phone",
            "person.address", "person.address.postalCode", "person.district", "person.preferredLanguage",
            "person.interpreterNeeded", "person.protectedIdentity", "consent", "consent.contactConsent", "consent.givenBy",
            "consent.recordedAt", "offence", "offence.category", "offence.occurredOn", "offence.gangRelated"};

    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random(SEED);

    private String value() {
        return switch (random.nextInt(22)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> Integer.toString(random.nextInt());
            case 3 -> "1e400";
            case 4 -> "-0.0";
            case 5 -> "123456789012345678901234567890";
            case 6 -> "\"\"";
            case 7 -> "\"" + "x".repeat(random.nextInt(5000)) + "\"";
            case 8 -> "\"\\u0000\"";
            case 9 -> "[]";
            case 10 -> "[1,\"a\",null,{}]";
            case 11 -> "{}";
            case 12 -> "{\"a\":{\"b\":[{\"c\":1}]}}";
            case 13 -> "\"2026-13-45T25:61:00+01:00\"";
            case 14 -> "\"19851104-5548\"";
            case 15 -> "\"\\ud800\"";
            case 16 -> "\"" + "[".repeat(50) + "\"";
            case 17 -> "1.5";
            case 18 -> "\"VICTIM\"";
            case 19 -> "\"🙂🙂🙂\"";
            case 20 -> "[".repeat(random.nextInt(3000) + 1);
            default -> "\"<script>&\"";
        };
    }

    /** A referral with one field given a value of a random JSON type, or the text broken in another way. */
    private String badReferral() {
        String valid = """
                {"referralId":"FUZZ-%s","sentAt":"2026-11-12T09:14:00+01:00","policeUnit":"x","reportNumber":"5000-K1-24",
                 "person":{"role":"VICTIM","givenName":"F","personalIdentityNumber":"19900101-1239","birthYear":1990,
                           "gender":"MALE","phone":"0701","address":{"street":"s","postalCode":"12347","city":"c"},
                           "district":"Farsta","preferredLanguage":"sv","interpreterNeeded":false,"protectedIdentity":false},
                 "consent":{"contactConsent":false,"givenBy":"SELF","recordedAt":"2026-11-11T22:40:00+01:00"},
                 "offence":{"category":"FRAUD","occurredOn":"2026-01-01","gangRelated":false}}""".formatted(token());
        int kind = random.nextInt(10);
        if (kind == 0) {
            return valid.substring(0, random.nextInt(valid.length()));
        }
        if (kind == 1) {
            byte[] noise = new byte[random.nextInt(400)];
            random.nextBytes(noise);
            return new String(noise, StandardCharsets.ISO_8859_1);
        }
        if (kind == 2) {
            return "[" + valid + "," + value() + "]";
        }
        String field = FIELDS[random.nextInt(FIELDS.length)];
        String name = field.substring(field.lastIndexOf('.') + 1);
        int at = valid.indexOf("\"" + name + "\":");
        int end = endOfValue(valid, at + name.length() + 3);
        return valid.substring(0, at + name.length() + 3) + value() + valid.substring(end);
    }

    private static int endOfValue(String json, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return json.length();
    }

    private TreeMap<String, String> badForm(String idField, String fromField, String textField) {
        TreeMap<String, String> form = new TreeMap<>();
        if (random.nextInt(5) > 0) {
            form.put(idField, random.nextInt(10) == 0 ? "x".repeat(200) : "fuzz-" + token());
        }
        if (random.nextInt(5) > 0) {
            form.put(fromField, switch (random.nextInt(6)) {
                case 0 -> "Telia";
                case 1 -> "";
                case 2 -> "+46" + random.nextInt(1_000_000_000);
                case 3 -> "\u0000+4670";
                case 4 -> "+".repeat(40);
                default -> "+4670" + (1_000_000 + random.nextInt(8_999_999));
            });
        }
        if (random.nextInt(5) > 0) {
            form.put(textField, switch (random.nextInt(6)) {
                case 0 -> "a".repeat(10_001);
                case 1 -> "hej\u0007";
                case 2 -> "STOPP";
                case 3 -> "112 hjälp";
                case 4 -> "\ud83d";
                default -> "jag är " + random.nextInt(200) + " och bor i " + token();
            });
        }
        return form;
    }

    private static byte[] encoded(Map<String, String> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String path, String contentType, byte[] body, String user, String password,
                                      String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void generatedBadInputOverHttpIsNeverAnsweredWithA5xxAndTheServiceStaysHealthy() throws Exception {
        HttpResponse<String> opened = postReferrals("""
                {"referralId":"FUZZ-CASE-%s","sentAt":"2026-11-12T09:14:00+01:00",
                 "person":{"role":"VICTIM","birthYear":1990,"gender":"MALE","district":"Farsta"},
                 "consent":{"contactConsent":true,"givenBy":"SELF","recordedAt":"2026-11-11T22:40:00+01:00"}}"""
                .formatted(token()));
        String caseReference = JSON.readTree(opened.body()).path("results").path(0).path("caseReference").asString();
        assertThat(caseReference).as(opened.body()).startsWith("BO-");
        List<String> failures = new ArrayList<>();
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < COUNT; i++) {
            HttpResponse<String> response;
            String what;
            switch (i % 4) {
                case 0 -> {
                    String body = badReferral();
                    what = "police REST";
                    response = send("/api/referrals/police", "application/json", body.getBytes(StandardCharsets.UTF_8),
                            POLICE_USER, POLICE_PASSWORD);
                }
                case 1 -> {
                    what = "46elks";
                    response = send("/webhooks/sms/46elks", "application/x-www-form-urlencoded",
                            encoded(badForm("id", "from", "message")), "elks-webhook", "elks-secret");
                }
                case 2 -> {
                    what = "Twilio";
                    TreeMap<String, String> form = badForm("MessageSid", "From", "Body");
                    response = send("/webhooks/sms/twilio", "application/x-www-form-urlencoded", encoded(form), null, null,
                            "X-Twilio-Signature", random.nextInt(10) == 0 ? "forged" : TwilioSigning.sign(TWILIO_PUBLIC_URL + "/webhooks/sms/twilio", TWILIO_AUTH_TOKEN, form));
                }
                default -> {
                    String[] paths = {"contact-attempts", "actions", "links", "close"};
                    what = "staff API";
                    String body = "{\"at\":" + value() + ",\"channel\":" + value() + ",\"outcome\":" + value() + ",\"type\":"
                            + value() + ",\"to\":" + value() + ",\"reason\":" + value() + "}";
                    response = send("/api/cases/" + (random.nextBoolean() ? caseReference : "BO-2026-" + random.nextInt(999_999))
                            + "/" + paths[random.nextInt(paths.length)], "application/json",
                            body.getBytes(StandardCharsets.UTF_8), "samordnare", "coord-secret");
                }
            }
            if (response.statusCode() >= 500) {
                failures.add(what + " answered " + response.statusCode() + ": " + response.body());
            } else if (response.statusCode() >= 400 && !response.body().contains("\"detail\"")) {
                failures.add(what + " answered " + response.statusCode() + " without a problem detail: "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
        }

        assertThat(failures).isEmpty();
        assertThat(get("/actuator/health", null, null).body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(runtime.totalMemory() - runtime.freeMemory()).isLessThan(runtime.maxMemory());
    }

    @Test
    void generatedBadReferralsOverJmsAndTheFileInboxAreStoredAsRejectionsAndNeverLoop() throws Exception {
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM rejection WHERE source = 'POLICE'", Integer.class);
        int messages = Math.max(50, COUNT / 20);
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort())
                .createConnection(POLICE_USER, POLICE_PASSWORD)) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            var producer = session.createProducer(session.createQueue("referrals.police"));
            for (int i = 0; i < messages; i++) {
                producer.send(session.createTextMessage("{\"referralId\":\"FUZZ-JMS-" + i + "\",\"person\":" + value() + "}"));
            }
            session.commit();
        }
        StringBuilder file = new StringBuilder();
        int lines = Math.max(50, COUNT / 20);
        for (int i = 0; i < lines; i++) {
            file.append(badReferral().replace("\n", " ").replace("\r", " ")).append('\n');
        }
        Path inbox = dataDir().resolve("inbox").resolve("police");
        Files.createDirectories(inbox);
        String name = "fuzz-" + token() + ".ndjson";
        Path part = Files.writeString(inbox.resolve("." + name + ".part"), file);
        Files.move(part, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(inbox.resolve(name))
                && countOnQueue("referrals.police", "1 = 1") == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM rejection WHERE source = 'POLICE'", Integer.class) >= before + messages);
        assertThat(get("/actuator/health", null, null).body()).isEqualTo("{\"status\":\"UP\"}");
    }

    /**
     * A random id without dashes: a UUID's "19724891-0523" would have the shape of a personnummer, which the log
     * scan (LogScanTests) rightly reports wherever it is logged.
     */
    private static String token() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
