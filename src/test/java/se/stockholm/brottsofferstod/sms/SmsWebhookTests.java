package se.stockholm.brottsofferstod.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.stockholm.brottsofferstod.cases.CaseIntake;
import se.stockholm.brottsofferstod.intake.Consent;
import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.intake.UnprovenSenders;
import se.stockholm.brottsofferstod.routing.KnownAge;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.support.Examples;
import se.stockholm.brottsofferstod.support.IntakeIntegrationTest;
import se.stockholm.brottsofferstod.support.TestService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chatbot through both webhooks, end to end: from the first SMS to the case on its partner's queue. */
class SmsWebhookTests extends IntakeIntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("BO-\\d{4}-\\d{6}");
    private static ElksApiStandIn elksApi;

    @Autowired
    SmsChatbot chatbot;

    @Autowired
    CaseIntake intake;

    @Autowired
    Router router;

    @Autowired
    JsonMapper json;

    @Autowired
    UnprovenSenders unprovenSenders;

    @Autowired
    Keys keys;

    @BeforeAll
    static void startElksApi() {
        elksApi = ElksApiStandIn.start(TestService.of(SmsWebhookTests.class).smsGatewayPort());
    }

    @AfterAll
    static void stopElksApi() {
        elksApi.close();
    }

    private static String newPhone() {
        return "+4670" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    private static byte[] form(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> elks(String from, String id, String message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("from", from);
        fields.put("to", "+46766861004");
        fields.put("message", message);
        fields.put("created", "2026-11-25 14:00:00.000000");
        fields.put("direction", "incoming");
        return postForm("/webhooks/sms/46elks", form(fields), "elks-webhook", "elks-secret");
    }

    /** Sends the SMS through 46elks' webhook and gives the reply, which must come with 200. */
    private String say(String from, String message) {
        HttpResponse<String> response = elks(from, "s" + Examples.unique(), message);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        return response.body();
    }

    private static Map<String, String> twilioFields(String from, String sid, String body) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("MessageSid", sid);
        fields.put("SmsSid", sid);
        fields.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        fields.put("From", from);
        fields.put("To", "+46766861005");
        fields.put("Body", body);
        fields.put("NumMedia", "0");
        return fields;
    }

    private static String sign(String token, Map<String, String> fields) {
        Map<String, List<String>> parameters = new TreeMap<>();
        fields.forEach((k, v) -> parameters.put(k, List.of(v)));
        return TwilioSignature.of(token, TWILIO_PUBLIC_URL + "/webhooks/sms/twilio", parameters);
    }

    private HttpResponse<String> twilio(Map<String, String> fields, String... headers) {
        return postForm("/webhooks/sms/twilio", form(fields), null, null, headers);
    }

    /** Sends the SMS through Twilio's webhook, signed, and gives the TwiML message. */
    private String sayViaTwilio(String from, String message) {
        Map<String, String> fields = twilioFields(from, "SM" + Examples.unique(), message);
        HttpResponse<String> response = twilio(fields, "X-Twilio-Signature", sign(TWILIO_AUTH_TOKEN, fields));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).startsWith("<?xml").contains("<Response><Message>");
        return response.body().replaceAll(".*<Message>(.*)</Message>.*", "$1").replace("&apos;", "'").replace("&amp;", "&");
    }

    private static String referenceIn(String reply) {
        Matcher m = REFERENCE.matcher(reply);
        assertThat(m.find()).as("a case reference in: " + reply).isTrue();
        return m.group();
    }

    private Map<String, Object> conversationOf(String phone) {
        return jdbc.queryForMap("SELECT * FROM sms_conversation WHERE phone_key = ?",
                keys.phone(phone));
    }

    @Nested
    class WholeConversations {

        @Test
        void anAdultInHokarangenWritingSwedishReachesBrottsofferjourenSodraStockholm() {
            String phone = newPhone();
            assertThat(say(phone, "Hej, jag blev rånad igår")).contains("Hej!").contains("Hur gammal är du?").contains("2 English");
            assertThat(say(phone, "34")).contains("Var bor du?");
            assertThat(say(phone, "Hökarängen")).contains("Får vi ringa dig");
            assertThat(say(phone, "kväll")).contains("Vill du berätta kort");
            String confirmation = say(phone, "nej");

            assertThat(confirmation).contains("Brottsofferjouren Södra Stockholm").contains("inom 3 dagar").contains("på kvällen");
            String reference = referenceIn(confirmation);
            QueuedCase queued = awaitQueued("cases.boj-sodra-stockholm", reference);
            assertThat(queued.source()).isEqualTo("SMS");
            assertThat(storedCase(reference)).containsEntry("AGE_YEARS", 34).containsEntry("DISTRICT", "Farsta")
                    .containsEntry("PHONE", phone).containsEntry("CHANNEL", "46ELKS").containsEntry("PREFERRED_LANGUAGE", "sv");
            assertThat((String) storedCase(reference).get("TEXT")).contains("Hej, jag blev rånad igår").contains("Får ringas på kvällen");
        }

        @Test
        void aSixteenYearOldInRinkebyWritingEnglishThroughTwilioReachesStodcentrum() {
            String phone = newPhone();
            assertThat(sayViaTwilio(phone, "Hi, I need help")).contains("How old are you?");
            assertThat(sayViaTwilio(phone, "I'm 16")).contains("Where do you live?");
            assertThat(sayViaTwilio(phone, "Rinkeby")).contains("May we call you");
            assertThat(sayViaTwilio(phone, "evening")).contains("what happened");
            String confirmation = sayViaTwilio(phone, "Some older boys threatened me after school");

            assertThat(confirmation).contains("Stödcentrum för unga brottsutsatta och vittnen").contains("within 3 days");
            String reference = referenceIn(confirmation);
            awaitQueued("cases.stodcentrum", reference);
            assertThat(storedCase(reference)).containsEntry("AGE_YEARS", 16).containsEntry("CHANNEL", "TWILIO")
                    .containsEntry("PREFERRED_LANGUAGE", "en");
        }

        @Test
        void someoneInUppsalaIsToldWhereToTurnAndCountedAsOutsideArea() {
            String phone = newPhone();
            String reply = say(phone, "Hej, jag är 45 och bor i Uppsala");

            assertThat(reply).contains("utanför Stockholms stad").contains("116 006");
            awaitQueued("cases.outside-area", referenceIn(reply));
        }

        @Test
        void someoneInNorrtaljeReachesTheJourUnderNorrtaljesAgreementAndIsToldSo() {
            String phone = newPhone();
            String confirmation = say(phone, "Hej, jag är 45 och bor i Rimbo. Ni får ringa mig på kvällen. Mitt ex hotar mig.");

            assertThat(confirmation).contains("Brottsofferjouren Stockholm-Gotland").contains("3 dagar")
                    .doesNotContain("utanför Stockholms stad").doesNotContain("116 006");
            String reference = referenceIn(confirmation);
            awaitQueued("cases.boj-stockholm-gotland", reference);
            assertThat(countOnQueue("cases.boj-stockholm-gotland",
                    "caseReference = '" + reference + "' AND agreement = 'norrtalje'")).isEqualTo(1);
        }

        @Test
        void everyFactInTheFirstMessageOpensTheCaseWithoutAQuestion() {
            String phone = newPhone();
            String reply = say(phone, "Hej, jag är 19 och bor i Tensta. Ni får ringa mig på kvällen. Mitt ex hotar mig.");

            assertThat(reply).doesNotContain("?").contains("Stödcentrum").contains("på kvällen");
            awaitQueued("cases.stodcentrum", referenceIn(reply));
        }

        @Test
        void aLanguageOtherThanSwedishOrEnglishIsRecordedWithAnInterpreter() {
            String phone = newPhone();
            // a language the chatbot has no texts in (Arabic and eight more have theirs: LanguagesSmsTests)
            say(phone, "Hej, jag vill ha tolk på kurdiska");
            say(phone, "52");
            say(phone, "Skärholmen");
            String confirmation = say(phone, "dag");

            assertThat(confirmation).contains("tolk på kurdiska");
            assertThat(storedCase(referenceIn(confirmation))).containsEntry("PREFERRED_LANGUAGE", "ku")
                    .containsEntry("INTERPRETER_NEEDED", true);
        }
    }

    @Nested
    class Safety {

        @Test
        void dangerIsAnsweredWith112BeforeAnythingElse() {
            String reply = say(newPhone(), "han är här nu, hjälp");

            assertThat(reply).startsWith("Är du i fara just nu? Ring 112.");
        }

        @Test
        void thoughtsOfSuicideAreAnsweredWith112AndTheSuicideLines() {
            String reply = say(newPhone(), "I want to die");

            assertThat(reply).startsWith("Are you thinking of taking your life? Call 112").contains("90101").contains("1177");
        }

        @Test
        void stoppEndsTheConversationErasesItAndTheNextMessageStartsAnew() {
            String phone = newPhone();
            say(phone, "Hej, jag är 30 och bor i Bromma");

            assertThat(say(phone, "STOPP")).contains("raderat");
            Map<String, Object> erased = conversationOf(phone);
            assertThat(erased).containsEntry("STAGE", "STOPPED").containsEntry("STATE", null).containsEntry("PHONE", null);

            assertThat(say(phone, "hej igen")).contains("Hej!").contains("Hur gammal är du?");
        }

        @Test
        void aPersonnummerSentIsNeitherStoredNorAskedFor() {
            String phone = newPhone();
            String reply = say(phone, "mitt personnummer är 19900101-0017 och jag bor i Farsta");

            assertThat(reply).contains("Du behöver inte skicka ditt personnummer");
            assertThat((String) conversationOf(phone).get("STATE")).doesNotContain("0017").doesNotContain("900101");
            String confirmation = say(phone, "nej");
            Map<String, Object> stored = storedCase(referenceIn(confirmation));
            assertThat((String) stored.get("TEXT")).doesNotContain("0017").contains("[personnummer borttaget]");
            assertThat(stored).containsEntry("PERSONAL_IDENTITY_NUMBER", null).containsEntry("AGE_YEARS", 36);
        }
    }

    @Nested
    class Idempotency {

        @Test
        void aRetryOfTheSameMessageIdGetsTheSameReplyAndOpensNothingNew() {
            String phone = newPhone();
            String id = "retry-" + Examples.unique();
            String text = "Hej, jag är 40 och bor i Kungsholmen. Ring mig dagtid. Jag blev lurad på nätet.";

            HttpResponse<String> first = elks(phone, id, text);
            HttpResponse<String> retry = elks(phone, id, text);

            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).isEqualTo(first.body());
            String reference = referenceIn(first.body());
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE phone = ?", Integer.class, phone)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_message m JOIN support_case c ON m.case_id = c.id"
                    + " WHERE c.case_reference = ?", Integer.class, reference)).isZero();
        }

        @Test
        void aRetryOfAQuestionsAnswerDoesNotAskTheNextQuestionTwice() {
            String phone = newPhone();
            say(phone, "hej");
            String id = "answer-" + Examples.unique();
            String first = elks(phone, id, "27").body();
            Object state = conversationOf(phone).get("STATE");

            assertThat(elks(phone, id, "27").body()).isEqualTo(first).contains("Var bor du?");
            assertThat(conversationOf(phone).get("STATE")).isEqualTo(state);
        }
    }

    @Nested
    class FollowUps {

        @Test
        void anSmsAfterTheCaseIsOpenJoinsItAsAMessage() {
            String phone = newPhone();
            String reference = referenceIn(say(phone, "Hej, jag är 40 och bor i Farsta. Ring mig på kvällen. Min granne hotar mig."));

            String reply = say(phone, "Han stod utanför min dörr igen i morse");

            assertThat(reply).contains(reference).contains("Brottsofferjouren Södra Stockholm");
            JsonNode details = json.readTree(get("/api/cases/" + reference, "sodra-1", "staff-secret").body());
            assertThat(details.path("messages")).hasSize(2);
            assertThat(details.path("messages").get(1).path("text").asString()).isEqualTo("Han stod utanför min dörr igen i morse");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE phone = ?", Integer.class, phone)).isEqualTo(1);
        }

        @Test
        void onceTheCaseIsOpenTheConversationKeepsNeitherTheNumberNorWhatWasWritten() {
            String phone = newPhone();
            say(phone, "Hej, jag är 40 och bor i Farsta. Ring mig på kvällen. Min granne hotar mig.");
            say(phone, "Han stod utanför min dörr igen i morse");

            Map<String, Object> conversation = conversationOf(phone);
            assertThat(conversation).containsEntry("STAGE", "OPEN").containsEntry("PHONE", null);
            assertThat((String) conversation.get("STATE")).doesNotContain("granne").doesNotContain("dörr").doesNotContain("Farsta");
        }

        @Test
        void aFirstSmsFromANumberWithAnOpenCaseFromThePoliceJoinsThatCase() {
            String phone = newPhone();
            Person person = new Person("VICTIM", "Anna", "Berg", null, 1980, "FEMALE", phone, null, null, "Farsta", "sv", false, false);
            String reference = intake.open(List.of(new SupportRequest(Source.POLICE, "REST", "PM-" + Examples.unique(),
                    Instant.now(), person, new Consent(true, "SELF", null), null, null, 46, null,
                    router.route(new KnownAge(46, "birth year 1980"), "Farsta", null, null)))).get(0).caseReference();

            String reply = say(phone, "Hej, polisen sa att jag kunde skriva hit");

            assertThat(reply).contains(reference);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE phone = ?", Integer.class, phone)).isEqualTo(1);
        }
    }

    @Nested
    class Stalled {

        /** The person wrote two hours ago and then nothing (the service's clock is turned back while they write). */
        private void saidLongAgo(String phone, String... messages) {
            clock.turnBack(Duration.ofHours(2));
            try {
                for (String message : messages) {
                    say(phone, message);
                }
            } finally {
                clock.reset();
            }
        }

        @Test
        void aStalledConversationBecomesATriageCaseAndThePersonGetsItsReferenceBySms() {
            String phone = newPhone();
            saidLongAgo(phone, "Hej, jag behöver prata med någon", "28");
            elksApi.answerNext(503);

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                chatbot.openStalled();
                return elksApi.sentTo(phone).size() >= 2;
            });

            ElksApiStandIn.Received sent = elksApi.sentTo(phone).get(1);
            assertThat(sent.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                    .encodeToString((ELKS_API_USER + ":" + ELKS_API_PASSWORD).getBytes(StandardCharsets.UTF_8)));
            assertThat(sent.from()).isEqualTo("Brottsstod");
            String reference = referenceIn(sent.message());
            awaitQueued("cases.triage", reference);
            assertThat(storedCase(reference)).containsEntry("AGE_YEARS", 28).containsEntry("PARTNER", "triage");
            assertThat((String) storedCase(reference).get("ROUTING_REASON")).contains("stopped before every question");
        }

        @Test
        void anSmsThat46elksRefusesForGoodIsSentOnceAndGivenUp() {
            String phone = newPhone();
            saidLongAgo(phone, "Hej, jag behöver prata med någon", "31");
            elksApi.answerNext(400);

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                chatbot.openStalled();
                return !elksApi.sentTo(phone).isEmpty() && jdbc.queryForObject(
                        "SELECT COUNT(*) FROM sms_outgoing WHERE phone = ?", Integer.class, phone) == 0;
            });

            assertThat(elksApi.sentTo(phone)).hasSize(1);
        }

        @Test
        void noSmsIsSentToANumberWithAProtectedIdentity() {
            String phone = newPhone();
            Person person = new Person("VICTIM", null, null, null, 1980, "FEMALE", phone, null, null, "Farsta", "sv", false, true);
            intake.open(List.of(new SupportRequest(Source.POLICE, "REST", "PM-" + Examples.unique(), Instant.now(), person,
                    new Consent(true, "SELF", null), null, null, 46, null,
                    router.route(new KnownAge(46, "birth year 1980"), "Farsta", null, null))));
            jdbc.update("UPDATE support_case SET status = 'CLOSED', closed_at = ? WHERE phone = ?", Timestamp.from(Instant.now()), phone);
            saidLongAgo(phone, "hej");

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                chatbot.openStalled();
                return "OPEN".equals(conversationOf(phone).get("STAGE"));
            });

            assertThat(elksApi.sentTo(phone)).isEmpty();
        }
    }

    @Test
    void anEndedConversationIsForgottenAfterTheReplyMemoryKeyAndAll() {
        String phone = newPhone();
        jdbc.update("""
                INSERT INTO sms_conversation (phone_key, gateway, stage, case_key, started_at, last_message_at)
                VALUES (?, '46ELKS', 'OPEN', ?, ?, ?)""", keys.phone(phone), "sms-conversation-" + Examples.unique(),
                Timestamp.from(Instant.now().minus(Duration.ofDays(9))), Timestamp.from(Instant.now().minus(Duration.ofDays(8))));

        chatbot.openStalled();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_conversation WHERE phone_key = ?", Integer.class,
                keys.phone(phone))).isZero();
    }

    @Nested
    class TwilioSignatures {

        @Test
        void aWrongTokenIsRefusedWith403() {
            Map<String, String> fields = twilioFields(newPhone(), "SM" + Examples.unique(), "hej");

            assertThat(twilio(fields, "X-Twilio-Signature", sign("another-token", fields)).statusCode()).isEqualTo(403);
        }

        @Test
        void aParameterChangedAfterSigningIsRefusedWith403() {
            Map<String, String> fields = twilioFields(newPhone(), "SM" + Examples.unique(), "hej");
            String signature = sign(TWILIO_AUTH_TOKEN, fields);
            fields.put("Body", "hej då");

            HttpResponse<String> response = twilio(fields, "X-Twilio-Signature", signature);

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("X-Twilio-Signature");
        }

        @Test
        void aForgedRequestLeavesNoRejectionNoDeadLetterAndNoBodyOnlyACount() {
            String sid = "SMforged" + Examples.unique();
            Map<String, String> fields = twilioFields(newPhone(), sid, "Jag heter Forgedname och bor på Forgedgatan 1");
            int rejectionsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM rejection WHERE channel = 'TWILIO'", Integer.class);
            int deadLettersBefore = countOnQueue("intake.dlq", "rejectionReason LIKE 'X-Twilio-Signature%'");
            double countedBefore = unprovenSenders.count("TWILIO");

            HttpResponse<String> forged = twilio(fields, "X-Twilio-Signature", sign("another-token", fields));
            HttpResponse<String> unsigned = twilio(fields);

            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(forged.body()).doesNotContain("Forgedname");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rejection WHERE channel = 'TWILIO'", Integer.class))
                    .isEqualTo(rejectionsBefore);
            assertThat(rejectionsFor(sid)).isZero();
            assertThat(countOnQueue("intake.dlq", "rejectionReason LIKE 'X-Twilio-Signature%'")).isEqualTo(deadLettersBefore);
            assertThat(unprovenSenders.count("TWILIO")).isEqualTo(countedBefore + 2);
        }

        @Test
        void aMissingSignatureIsRefusedWith403AndNothingIsStored() {
            String phone = newPhone();

            assertThat(twilio(twilioFields(phone, "SM" + Examples.unique(), "hej")).statusCode()).isEqualTo(403);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sms_conversation WHERE phone_key = ?", Integer.class,
                    keys.phone(phone))).isZero();
        }
    }

    @Nested
    class BadInput {

        @Test
        void the46elksWebhookNeedsTheGatewaysCredentials() {
            byte[] body = form(Map.of("id", "x" + Examples.unique(), "from", newPhone(), "message", "hej"));

            assertThat(postForm("/webhooks/sms/46elks", body, null, null).statusCode()).isEqualTo(401);
            assertThat(postForm("/webhooks/sms/46elks", body, "police-feed", "police-secret").statusCode()).isEqualTo(403);
        }

        @Test
        void anEmptyBodyIsRefusedNamingTheMissingFieldsAndDeadLettered() {
            HttpResponse<String> response = postForm("/webhooks/sms/46elks", new byte[0], "elks-webhook", "elks-secret");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(response.body()).contains("id: is required").contains("from: is required");
        }

        @Test
        void aMissingSenderIsRefusedWithARejectionRecordAndTheOriginalOnTheDeadLetterQueue() {
            String id = "nofrom-" + Examples.unique();

            HttpResponse<String> response = postForm("/webhooks/sms/46elks", form(Map.of("id", id, "message", "hej")),
                    "elks-webhook", "elks-secret");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("from: is required");
            assertThat(rejectionsFor(id)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> countOnQueue("intake.dlq", "externalId = '" + id + "'") == 1);
        }

        @Test
        void aSenderThatIsNoPhoneNumberIsRefused() {
            HttpResponse<String> response = elks("Telia", "x" + Examples.unique(), "hej");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("from: must be a phone number");
        }

        @Test
        void aTenThousandCharacterMessageGetsAKindReply() {
            HttpResponse<String> response = elks(newPhone(), "long-" + Examples.unique(), "a".repeat(10_000));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Hur gammal är du?");
        }

        @Test
        void aLongerMessageIsRefusedAsTooLongAndDeadLettered() {
            String id = "toolong-" + Examples.unique();

            HttpResponse<String> response = elks(newPhone(), id, "a".repeat(10_001));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("message: must be at most 10000 characters");
            await().atMost(Duration.ofSeconds(10)).until(() -> countOnQueue("intake.dlq", "externalId = '" + id + "'") == 1);
        }

        @Test
        void textThatIsNotUtf8IsReadAsLatin1AndAnsweredKindly() {
            String phone = newPhone();
            byte[] body = ("id=latin-" + Examples.unique() + "&from=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)
                    + "&message=jag+%E4r+30+och+bor+i+H%F6kar%E4ngen").getBytes(StandardCharsets.US_ASCII);

            HttpResponse<String> response = postForm("/webhooks/sms/46elks", body, "elks-webhook", "elks-secret");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Får vi ringa dig");
        }

        @Test
        void unknownFieldsAreIgnored() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("id", "extra-" + Examples.unique());
            fields.put("from", newPhone());
            fields.put("message", "hej");
            fields.put("surprise", "<script>");

            assertThat(postForm("/webhooks/sms/46elks", form(fields), "elks-webhook", "elks-secret").statusCode()).isEqualTo(200);
        }

        @Test
        void thePoliceEndpointIsNotReachableUnderTheWebhooksPath() {
            HttpResponse<String> response = postForm("/webhooks/police", "{}".getBytes(StandardCharsets.UTF_8), "elks-webhook",
                    "elks-secret");

            assertThat(response.statusCode()).isEqualTo(403);
        }
    }
}
