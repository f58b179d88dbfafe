package se.stockholm.brottsofferstod.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.jms.ConnectionFactory;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.support.OwnContext;
import se.stockholm.brottsofferstod.support.ServiceLog;
import se.stockholm.brottsofferstod.support.TestDatabase;

/**
 * Email intake end to end: GreenMail's IMAP mailbox in, the case store and partner queues, GreenMail's SMTP out.
 * A context of its own beside the other integration tests' (its own data folder, broker port and servlet), closed
 * after the class so that its consumer does not poll the stopped mail server on.
 */
// logging levels must be known when the context's environment is prepared: a @DynamicPropertySource comes too late
@Tag(TestDatabase.TAG)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.level.com.icegreen.greenmail=WARN")
@OwnContext
class EmailIntakeTests {

    static final TestMailServer MAIL = new TestMailServer().start();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Keys keys;

    @Autowired
    private se.stockholm.brottsofferstod.cases.CaseWork work;

    @Autowired
    private ConnectionFactory connectionFactory;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void mailProperties(DynamicPropertyRegistry registry) {
        registry.add("intake.mail.max-size", () -> "64KB");
        MAIL.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @AfterAll
    static void stopMailServer() {
        MAIL.close();
    }

    private int casesWithExternalId(String externalId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM support_case WHERE external_id = ?", Integer.class, externalId);
    }

    /** A refused mail's rejection names it by its short keyed id, never by its Message-ID. */
    private int rejectionsFor(String messageId) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rejection WHERE external_id = ?", Integer.class, messageId)).isZero();
        return jdbc.queryForObject("SELECT COUNT(*) FROM rejection WHERE external_id = ?", Integer.class,
                keys.forLog("EMAIL", messageId));
    }

    /** How many messages on the queue match the selector, browsed (left on the queue). */
    private int countOnQueue(String queue, String selector) {
        Integer count = new JmsTemplate(connectionFactory).browseSelected(queue, selector, (session, browser) -> {
            int n = 0;
            for (var e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
                n++;
            }
            return n;
        });
        return count == null ? 0 : count;
    }

    private void awaitQueued(String queue, String caseReference) {
        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue(queue, "caseReference = '" + caseReference + "'") > 0);
    }

    /** The case as the coordinator reads it over the staff API. */
    private String caseDetails(String caseReference) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases/" + caseReference))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "samordnare:coord-secret".getBytes(StandardCharsets.UTF_8))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private Map<String, Object> awaitCase(String messageId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> casesWithExternalId(messageId) == 1);
        return jdbc.queryForMap("SELECT * FROM support_case WHERE external_id = ?", messageId);
    }

    private MimeMessage awaitReply(String sender) {
        await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.mailsTo(sender).size() == 1);
        return MAIL.mailsTo(sender).get(0);
    }

    /** The reply's plain-text part. */
    static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    /** The reply's part of the given type (the replies are multipart/alternative: plain text and HTML). */
    static String part(MimeMessage message, String type) throws Exception {
        jakarta.mail.internet.MimeMultipart alternative = (jakarta.mail.internet.MimeMultipart) message.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            if (alternative.getBodyPart(i).isMimeType(type)) {
                return ((String) alternative.getBodyPart(i).getContent()).replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no " + type + " part in the reply");
    }

    @Test
    void swedishMailWithAgeAndDistrictGoesToTheJourAndGetsAReplyNamingItWithTheReference() throws Exception {
        String id = Mails.id();
        String sender = Mails.sender();
        MAIL.deliver(Mails.plain(id, sender, "Hjälp", "Hej, jag är 34 år och bor i Hökarängen. Min sambo slog mig igår."));

        Map<String, Object> stored = awaitCase(id);
        String reference = (String) stored.get("CASE_REFERENCE");
        assertThat(stored).containsEntry("SOURCE", "EMAIL").containsEntry("PARTNER", "boj-sodra-stockholm")
                .containsEntry("AGE_YEARS", 34).containsEntry("EMAIL", sender).containsEntry("PREFERRED_LANGUAGE", "sv");
        assertThat((String) stored.get("TEXT")).contains("Min sambo slog mig igår");
        awaitQueued("cases.boj-sodra-stockholm", reference);

        MimeMessage reply = awaitReply(sender);
        assertThat(reply.getSubject()).contains("[Ärende " + reference + "]");
        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<" + id + ">");
        assertThat(reply.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(text(reply)).contains("Brottsofferjouren Södra Stockholm kommer att kontakta dig inom 3 dagar")
                .contains(reference);
        await().atMost(Duration.ofSeconds(10)).until(() -> MAIL.seen(id));
    }

    @Test
    void englishMailFromATeenagerGoesToStodcentrumAndIsAnsweredInEnglish() throws Exception {
        String id = Mails.id();
        String sender = Mails.sender();
        MAIL.deliver(Mails.plain(id, sender, "Need help", "Hello, I am 16 and I live in Rinkeby. Someone at school threatens me."));

        Map<String, Object> stored = awaitCase(id);
        String reference = (String) stored.get("CASE_REFERENCE");
        assertThat(stored).containsEntry("PARTNER", "stodcentrum").containsEntry("PREFERRED_LANGUAGE", "en");
        awaitQueued("cases.stodcentrum", reference);
        MimeMessage reply = awaitReply(sender);
        assertThat(reply.getSubject()).isEqualTo("We have received your email [Ärende " + reference + "]");
        assertThat(text(reply)).contains("Stödcentrum för unga brottsutsatta och vittnen will contact you within 3 days");
    }

    @Test
    void aFirstMailInPersianReachesTheJourWithPersianOnTheCaseAndIsAnsweredInPersianRightToLeft() throws Exception {
        String id = Mails.id();
        String sender = Mails.sender();
        MAIL.deliver(Mails.plain(id, sender, "کمک لازم دارم",
                "سلام، من 35 سال دارم و در Farsta زندگی می‌کنم. همسرم مرا کتک می‌زند و می‌ترسم. لطفا با من تماس بگیرید."));

        Map<String, Object> stored = awaitCase(id);
        String reference = (String) stored.get("CASE_REFERENCE");
        assertThat(stored).containsEntry("PARTNER", "boj-sodra-stockholm").containsEntry("AGE_YEARS", 35)
                .containsEntry("PREFERRED_LANGUAGE", "fa").containsEntry("INTERPRETER_NEEDED", true);
        awaitQueued("cases.boj-sodra-stockholm", reference);
        assertThat(countOnQueue("cases.boj-sodra-stockholm", "caseReference = '" + reference + "' AND language = 'fa'")).isEqualTo(1);
        MimeMessage reply = awaitReply(sender);
        assertThat(reply.getSubject()).isEqualTo("ایمیل شما را دریافت کردیم [Ärende " + reference + "]");
        assertThat(reply.getHeader("Content-Language")[0]).isEqualTo("fa");
        assertThat(text(reply)).contains("Brottsofferjouren Södra Stockholm ظرف 3 روز با شما تماس می‌گیرد").contains(reference);
        assertThat(part(reply, "text/html")).contains("<html lang=\"fa\" dir=\"rtl\">").contains(reference);
    }

    @Test
    void mailWithoutAgeOrDistrictGoesToTriageAndTheReplyAsksKindlyForBoth() throws Exception {
        String id = Mails.id();
        String sender = Mails.sender();
        MAIL.deliver(Mails.plain(id, sender, "Hjälp", "Hej, jag blev rånad i helgen och mår dåligt. Kan någon ringa mig?"));

        Map<String, Object> stored = awaitCase(id);
        assertThat(stored).containsEntry("PARTNER", "triage");
        awaitQueued("cases.triage", (String) stored.get("CASE_REFERENCE"));
        assertThat(text(awaitReply(sender))).contains("hur gammal du är och i vilken stadsdel du bor");
    }

    @Test
    void mailFromOutsideTheCityGoesToOutsideAreaWithWhereToTurn() throws Exception {
        String id = Mails.id();
        String sender = Mails.sender();
        MAIL.deliver(Mails.plain(id, sender, "Stöd", "Hej, jag är 40 år och bor i Uppsala. Jag blev misshandlad."));

        Map<String, Object> stored = awaitCase(id);
        assertThat(stored).containsEntry("PARTNER", "outside-area");
        assertThat(text(awaitReply(sender))).contains("116 006");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Hej, jag är 40 år och bor i Norrtälje. Jag blev misshandlad.",
            "Hej, jag är 40 år, Storgatan 3, 761 30. Jag blev misshandlad."})
    void mailFromANorrtaljeResidentReachesTheJourUnderNorrtaljesAgreementAndTheReplyNamesIt(String body) throws Exception {
        String id = Mails.id();
        String sender = Mails.sender();
        MAIL.deliver(Mails.plain(id, sender, "Stöd", body));

        Map<String, Object> stored = awaitCase(id);
        assertThat(stored).containsEntry("PARTNER", "boj-stockholm-gotland").containsEntry("AGREEMENT", "norrtalje");
        String reference = (String) stored.get("CASE_REFERENCE");
        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("cases.boj-stockholm-gotland",
                "caseReference = '" + reference + "' AND agreement = 'norrtalje'") == 1);
        assertThat(text(awaitReply(sender))).contains("Brottsofferjouren Stockholm-Gotland kommer att kontakta dig")
                .doesNotContain("utanför Stockholms stad");
    }

    @Test
    void htmlOnlyMailIsStoredAsReadableText() {
        String id = Mails.id();
        MAIL.deliver(Mails.headers(id, Mails.sender(), "Hej") + "Content-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<html><head><style>p{color:red}</style></head><body><p>Jag &auml;r 25 &aring;r och bor i Tensta.</p>"
                + "<p>Han <b>hotar</b> mig.<br>Varje dag.</p></body></html>\r\n");

        Map<String, Object> stored = awaitCase(id);
        assertThat((String) stored.get("TEXT")).contains("Jag är 25 år och bor i Tensta.\nHan hotar mig.\nVarje dag.")
                .doesNotContain("<p>").doesNotContain("color");
        assertThat(stored).containsEntry("PARTNER", "boj-vasterort");
    }

    @Test
    void isoLatin1MailKeepsItsSwedishLetters() {
        String id = Mails.id();
        byte[] source = (Mails.headers(id, Mails.sender(), "=?ISO-8859-1?Q?R=E5d?=")
                + "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Jag är 30 år och bor i Skärholmen. Grannen förföljer mig.\r\n").getBytes(StandardCharsets.ISO_8859_1);
        MAIL.deliver(source);

        Map<String, Object> stored = awaitCase(id);
        assertThat((String) stored.get("TEXT")).contains("Subject: Råd").contains("Grannen förföljer mig.");
        assertThat(stored).containsEntry("PARTNER", "boj-sodra-stockholm");
    }

    @Test
    void base64MailIsDecoded() {
        String id = Mails.id();
        MAIL.deliver(Mails.headers(id, Mails.sender(), "Hej")
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Mails.base64("Jag är 19 år och bor i Farsta. Någon har hackat mitt konto.") + "\r\n");

        Map<String, Object> stored = awaitCase(id);
        assertThat((String) stored.get("TEXT")).contains("Någon har hackat mitt konto.");
        assertThat(stored).containsEntry("PARTNER", "stodcentrum");
    }

    @Test
    void attachmentsAreRecordedByNameAndSizeButNotStored() {
        String id = Mails.id();
        byte[] photo = new byte[30_000];
        java.util.Arrays.fill(photo, (byte) 7);
        MAIL.deliver(Mails.headers(id, Mails.sender(), "Bilder") + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHär är bilderna på skadorna.\r\n"
                + "--b1\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"skada.jpg\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Mails.base64(photo) + "\r\n--b1--\r\n");

        String text = (String) awaitCase(id).get("TEXT");
        assertThat(text).contains("Här är bilderna på skadorna.").contains("skada.jpg (image/jpeg, 29 kB)")
                .doesNotContain(Mails.base64(photo).substring(0, 40));
    }

    @Test
    void theSameMailDeliveredTwiceMakesOneCaseAndOneReply() {
        String id = Mails.id();
        String sender = Mails.sender();
        String mail = Mails.plain(id, sender, "Hjälp", "Jag är 50 år och bor i Bromma.");
        MAIL.deliver(mail);
        awaitCase(id);
        MAIL.deliver(mail);

        await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.stored(id).size() == 2 && MAIL.seen(id));
        assertThat(casesWithExternalId(id)).isEqualTo(1);
        awaitReply(sender);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM email_reply WHERE incoming_key = ?", Integer.class,
                receiptKey(id))).isEqualTo(1);
    }

    @Test
    void autoRepliesBouncesAndListMailGetNoReplyButAreStillRecorded() {
        String sender = Mails.sender();
        String autoReply = Mails.id();
        String listMail = Mails.id();
        String precedence = Mails.id();
        String xAutoreply = Mails.id();
        MAIL.deliver(Mails.plain(autoReply, sender, "Out of office", "I am away until Monday.", "Auto-Submitted: auto-replied\r\n"));
        MAIL.deliver(Mails.plain(listMail, sender, "Newsletter", "News of the week.", "List-Id: <news.example.se>\r\n"));
        MAIL.deliver(Mails.plain(precedence, sender, "Bulk", "Offers.", "Precedence: bulk\r\n"));
        MAIL.deliver(Mails.plain(xAutoreply, sender, "Autosvar", "Jag är ledig.", "X-Autoreply: yes\r\n"));
        String bounce = Mails.id();
        MAIL.deliver(Mails.headers(bounce, "MAILER-DAEMON@example.se", "Undelivered Mail Returned to Sender")
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--r\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--r--\r\n");

        for (String id : List.of(autoReply, listMail, precedence, xAutoreply)) {
            awaitCase(id);
            await().atMost(Duration.ofSeconds(10)).until(() -> MAIL.seen(id));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rejectionsFor(bounce) == 1 && MAIL.seen(bounce));
        assertThat(casesWithExternalId(bounce)).isZero();
        assertThat(jdbc.queryForList("SELECT status FROM email_reply WHERE incoming_key IN (?, ?, ?, ?)", String.class,
                receiptKey(autoReply), receiptKey(listMail), receiptKey(precedence),
                receiptKey(xAutoreply))).containsExactly("SUPPRESSED", "SUPPRESSED", "SUPPRESSED", "SUPPRESSED");
        assertThat(MAIL.mailsTo(sender)).isEmpty();
        assertThat(MAIL.mailsTo("MAILER-DAEMON@example.se")).isEmpty();
    }

    @Test
    void mailFromOurOwnAddressIsNeverAnswered() {
        String id = Mails.id();
        MAIL.deliver(Mails.plain(id, TestMailServer.ADDRESS, "Loop", "Jag är 30 år och bor i Bromma."));

        awaitCase(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> MAIL.seen(id));
        assertThat(jdbc.queryForObject("SELECT reason FROM email_reply WHERE incoming_key = ?", String.class,
                receiptKey(id))).isEqualTo("sent from our own address");
    }

    @Test
    void aSenderGetsAtMostTheHourlyNumberOfReplies() {
        String sender = Mails.sender();
        List<String> ids = List.of(Mails.id(), Mails.id(), Mails.id(), Mails.id(), Mails.id());
        ids.forEach(id -> MAIL.deliver(Mails.plain(id, sender, "Hjälp", "Jag är 30 år och bor i Bromma.")));

        Object[] keys = ids.stream().map(this::receiptKey).toArray();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM email_reply WHERE incoming_key IN (?, ?, ?, ?, ?)", Integer.class, keys) == 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.mailsTo(sender).size() == 3);
        assertThat(jdbc.queryForList("SELECT reason FROM email_reply WHERE status = 'SUPPRESSED' AND incoming_key IN (?, ?, ?, ?, ?)",
                String.class, keys))
                .containsExactly("more than 3 replies to this sender within an hour", "more than 3 replies to this sender within an hour");
    }

    @Test
    void aReplyToOurReplyJoinsTheCaseAsAMessageWithoutTheQuotedText() throws Exception {
        String first = Mails.id();
        String sender = Mails.sender();
        MAIL.deliver(Mails.plain(first, sender, "Hjälp", "Hej, jag blev hotad på bussen och vet inte vad jag ska göra."));
        String reference = (String) awaitCase(first).get("CASE_REFERENCE");
        MimeMessage ourReply = awaitReply(sender);

        String answer = Mails.id();
        MAIL.deliver(Mails.plain(answer, sender, "=?UTF-8?Q?Re:_Vi_har_tagit_emot_ditt_mejl_[=C3=84rende_" + reference + "]?=",
                "Jag är 34 år och bor i Farsta.\r\n\r\nDen tis 25 nov. 2026 kl 10:00 skrev <" + TestMailServer.ADDRESS + ">:\r\n"
                        + "> Hej,\r\n> Tack för att du skrev till oss.",
                "In-Reply-To: " + ourReply.getHeader("Message-ID")[0] + "\r\nReferences: <" + first + "> "
                        + ourReply.getHeader("Message-ID")[0] + "\r\n"));

        await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.mailsTo(sender).size() == 2);
        assertThat(casesWithExternalId(answer)).isZero();
        String details = caseDetails(reference);
        assertThat(details).contains("Jag är 34 år och bor i Farsta.").doesNotContain("Tack för att du skrev till oss");
        assertThat(text(MAIL.mailsTo(sender).get(1))).contains("vi har lagt till ditt mejl i ditt ärende");
        await().atMost(Duration.ofSeconds(20)).until(() -> countOnQueue("cases.triage", "caseReference = '" + reference + "'") == 2);
    }

    @Test
    void theLogNamesAMailByAShortKeyedIdNotByItsMessageId() {
        long mark = ServiceLog.mark();
        String id = "anna.lindqvist." + Mails.unique() + "@privat.example.se";
        MAIL.deliver(Mails.plain(id, Mails.sender(), "Hjälp", "Jag är 30 år och bor i Farsta."));

        String reference = (String) awaitCase(id).get("CASE_REFERENCE");

        await().atMost(Duration.ofSeconds(10)).until(() -> ServiceLog.since(mark).contains("Opened case " + reference));
        assertThat(ServiceLog.since(mark)).doesNotContain("anna.lindqvist").contains("mail " + keys.logId(id));
    }

    @Test
    void afterRetentionNothingOfAMailFollowUpAndReplyIsLeftInTheDatabase() throws Exception {
        String tag = Mails.unique().replaceAll("\\d", "q");
        String sender = "svep.mail." + tag + "@example.se";
        String first = "svep." + tag + "." + System.nanoTime() + "@privat.example.se";
        MAIL.deliver(Mails.plain(first, sender, "Hjälp " + tag, "Jag heter Mejlsvep" + tag + ", 34 år, bor i Farsta."));
        String reference = (String) awaitCase(first).get("CASE_REFERENCE");
        MimeMessage ourReply = awaitReply(sender);
        String answer = "svar." + tag + "." + System.nanoTime() + "@privat.example.se";
        MAIL.deliver(Mails.plain(answer, sender, "Re: " + ourReply.getSubject(), "Mejlsvepsvar" + tag + " ring efter 17.",
                "In-Reply-To: " + ourReply.getHeader("Message-ID")[0] + "\r\n"));
        await().atMost(Duration.ofSeconds(20)).until(() -> MAIL.mailsTo(sender).size() == 2);
        HttpRequest close = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases/" + reference + "/close"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("samordnare:coord-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"at\":\"" + java.time.Instant.now().minusSeconds(60)
                        + "\",\"outcome\":\"SUPPORT_GIVEN\"}")).build();
        assertThat(HttpClient.newHttpClient().send(close, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        jdbc.update("UPDATE support_case SET closed_at = ? WHERE case_reference = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(400))), reference);

        work.erasePersonalData();

        assertThat(se.stockholm.brottsofferstod.support.DatabaseSweep.find(jdbc,
                List.of(sender, first, answer, "Mejlsvep" + tag, "Mejlsvepsvar" + tag, tag))).isEmpty();
    }

    @Test
    void aMailNamingItsOwnCaseInTheSubjectJoinsIt() throws Exception {
        String first = Mails.id();
        String sender = Mails.sender();
        MAIL.deliver(Mails.plain(first, sender, "Hjälp", "Jag är 45 år och bor i Bromma. Jag blev lurad på pengar."));
        String reference = (String) awaitCase(first).get("CASE_REFERENCE");

        String later = Mails.id();
        MAIL.deliver(Mails.plain(later, sender.toUpperCase(java.util.Locale.ROOT), "Mitt ärende " + reference,
                "Ring efter 17."));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM case_message WHERE external_id = ?", Integer.class, later) == 1);
        assertThat(casesWithExternalId(later)).isZero();
        assertThat(caseDetails(reference)).contains("Ring efter 17");
    }

    @Test
    void aMailNamingSomeoneElsesCaseOpensACaseOfItsOwnAndItsReplyNeverNamesTheOther() throws Exception {
        String first = Mails.id();
        MAIL.deliver(Mails.plain(first, Mails.sender(), "Hjälp", "Jag är 45 år och bor i Bromma. Jag blev lurad på pengar."));
        String reference = (String) awaitCase(first).get("CASE_REFERENCE");

        String stranger = Mails.sender();
        String guess = Mails.id();
        MAIL.deliver(Mails.plain(guess, stranger, "Re: [Ärende " + reference + "]", "Vad står det i ärendet?",
                "References: <" + reference + ".0000-forged@" + TestMailServer.ADDRESS.substring(TestMailServer.ADDRESS.indexOf('@') + 1)
                        + ">\r\n"));

        Map<String, Object> own = awaitCase(guess);
        assertThat(own.get("CASE_REFERENCE")).isNotEqualTo(reference);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_message WHERE external_id = ?", Integer.class, guess)).isZero();
        assertThat(caseDetails(reference)).doesNotContain("Vad står det i ärendet");
        MimeMessage reply = awaitReply(stranger);
        assertThat(reply.getSubject()).doesNotContain(reference).contains((String) own.get("CASE_REFERENCE"));
        assertThat(text(reply)).doesNotContain(reference);
    }

    @Test
    void anAutoReplyToOurReplyJoinsTheCaseAndIsNotAnswered() throws Exception {
        String first = Mails.id();
        String sender = Mails.sender();
        MAIL.deliver(Mails.plain(first, sender, "Hjälp", "Jag är 28 år och bor i Kista."));
        String reference = (String) awaitCase(first).get("CASE_REFERENCE");
        MimeMessage ourReply = awaitReply(sender);

        String outOfOffice = Mails.id();
        MAIL.deliver(Mails.plain(outOfOffice, sender, "Autosvar: Vi har tagit emot ditt mejl", "Jag är på semester.",
                "Auto-Submitted: auto-replied\r\nIn-Reply-To: " + ourReply.getHeader("Message-ID")[0] + "\r\n"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUPPRESSED".equals(jdbc.query(
                "SELECT status FROM email_reply WHERE incoming_key = ?", rs -> rs.next() ? rs.getString(1) : null,
                receiptKey(outOfOffice))));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM case_message WHERE external_id = ?", Integer.class, outOfOffice))
                .isEqualTo(1);
        assertThat(caseDetails(reference)).contains("Jag är på semester.");
        assertThat(MAIL.mailsTo(sender)).hasSize(1);
    }

    @Test
    void aMailThatCannotBeReadGoesToTheDeadLetterQueueAndIsFlaggedSoItNeverLoops() {
        String id = Mails.id();
        MAIL.deliver(Mails.headers(id, Mails.sender(), "Trasig")
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: x-no-such-encoding\r\n\r\n?!?\r\n");

        await().atMost(Duration.ofSeconds(20)).until(() -> rejectionsFor(id) == 1 && MAIL.seen(id));
        assertThat(casesWithExternalId(id)).isZero();
        assertThat(countOnQueue("intake.dlq", "externalId = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void aMailNestedDeeperThanTheLimitGoesToTheDeadLetterQueueAndIsFlaggedSoItNeverLoops() {
        String id = Mails.id();
        String body = Mails.nestedMultipart(MailReader.MAX_DEPTH + 5);
        MAIL.deliver(Mails.headers(id, Mails.sender(), "Djup") + "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n" + body);

        await().atMost(Duration.ofSeconds(20)).until(() -> rejectionsFor(id) == 1 && MAIL.seen(id));
        assertThat(casesWithExternalId(id)).isZero();
        assertThat(countOnQueue("intake.dlq", "externalId = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void anOversizedMailIsTakenAsACaseWithANote() {
        String id = Mails.id();
        byte[] video = new byte[100_000];
        MAIL.deliver(Mails.headers(id, Mails.sender(), "Film") + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nFilmen visar när han slår mig.\r\n"
                + "--b1\r\nContent-Type: video/mp4\r\nContent-Disposition: attachment; filename=\"film.mp4\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + Mails.base64(video) + "\r\n--b1--\r\n");

        String text = (String) awaitCase(id).get("TEXT");
        assertThat(text).contains("Filmen visar när han slår mig.").contains("film.mp4 (video/mp4, 98 kB)")
                .contains("above the intake's limit");
    }

    @Test
    void aPersonnummerInAMailIsMaskedAndGivesTheAge() {
        String id = Mails.id();
        MAIL.deliver(Mails.plain(id, Mails.sender(), "Hjälp", "Mitt personnummer är 19900101-0017 och jag bor i Kista."));

        Map<String, Object> stored = awaitCase(id);
        assertThat((String) stored.get("TEXT")).doesNotContain("19900101-0017").doesNotContain("0017");
        assertThat(stored.get("PERSONAL_IDENTITY_NUMBER")).isNull();
        assertThat(stored).containsEntry("PARTNER", "boj-vasterort");
    }

    private String receiptKey(String messageId) {
        return keys.receipt(Source.EMAIL, messageId);
    }
}
