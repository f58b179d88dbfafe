package se.stockholm.brottsofferstod.email;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.camel.Body;
import org.apache.camel.ExchangeException;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.OutboxRelay;
import se.stockholm.brottsofferstod.routing.Partners;
import se.stockholm.brottsofferstod.routing.RoutingDecision;

/**
 * Replies to incoming mail through a reply outbox: a reply is queued once per incoming mail after its case is
 * stored, and sent by the {@code email-replies} route through Camel's SMTP producer, with the outbox relay's
 * retries, so a mail server that is down delays replies but loses none. The
 * hourly limit per sender and the other reasons not to answer are decided when the reply is queued and kept
 * with it.
 */
public class MailReplies {

    enum Kind { ROUTED, TRIAGE, OUTSIDE_AREA, FOLLOW_UP }

    private static final Logger log = LoggerFactory.getLogger(MailReplies.class);
    private static final int BLOCK = 50;
    private static final Duration LAST_RETRY = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final Session smtp;
    private final MailSettings settings;
    private final ReplyTexts texts;
    private final Partners partners;
    private final Clock clock;
    private final Keys keys;
    private final OutboxRelay outbox;

    MailReplies(JdbcTemplate jdbc, Session smtp, MailSettings settings, ReplyTexts texts, Partners partners, Clock clock, Keys keys) {
        this.outbox = new OutboxRelay(jdbc, clock, "email_reply", "status = 'PENDING' AND next_attempt_at <= ?");
        this.keys = keys;
        this.jdbc = jdbc;
        this.smtp = smtp;
        this.settings = settings;
        this.texts = texts;
        this.partners = partners;
        this.clock = clock;
    }

    /**
     * Queues the reply to one incoming mail, or records why none is sent. A mail fetched again (after a crash
     * between storing and flagging it) finds its reply already queued and changes nothing.
     *
     * @param suppressed why no reply may be sent (automatic mail, protected identity, ...), or {@code null}
     * @return why no reply is sent, or {@code null} when one is queued
     */
    String queue(String incomingKey, String caseReference, Kind kind, String partner, String language, String recipient,
                 String inReplyTo, String suppressed) {
        Instant now = clock.instant();
        String recipientKey = keys.recipient(recipient);
        String reason = suppressed;
        if (reason == null && sentWithinHour(recipientKey, now) >= settings.repliesPerSenderPerHour()) {
            reason = "more than " + settings.repliesPerSenderPerHour() + " replies to this sender within an hour";
        }
        String lang = texts.speaks(language) ? language : ReplyTexts.FALLBACK_LANGUAGE;
        try {
            jdbc.update("""
                    INSERT INTO email_reply (incoming_key, case_reference, kind, partner, language, recipient, in_reply_to,
                        recipient_key, status, reason, attempts, next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""",
                    incomingKey, caseReference, kind.name(), partner, lang, reason == null ? recipient : null,
                    reason == null ? inReplyTo : null, recipientKey, reason == null ? "PENDING" : "SUPPRESSED",
                    reason, Timestamp.from(now), Timestamp.from(now));
        } catch (DuplicateKeyException queuedBefore) {
            return jdbc.queryForObject("SELECT reason FROM email_reply WHERE incoming_key = ?", String.class, incomingKey);
        }
        if (reason != null) {
            log.info("No reply for case {}: {}", caseReference, reason);
        }
        return reason;
    }

    /** The case of the reply we sent with this Message-ID (without brackets), if we sent one. */
    Optional<String> caseRepliedWith(String messageId) {
        if (messageId == null || messageId.isBlank() || messageId.length() > 298) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT case_reference FROM email_reply WHERE message_id = ?", String.class,
                "<" + messageId + ">").stream().findFirst();
    }

    private int sentWithinHour(String recipientKey, Instant now) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM email_reply WHERE recipient_key = ? AND created_at > ? AND status IN ('PENDING', 'SENT')""",
                Integer.class, recipientKey, Timestamp.from(now.minus(Duration.ofHours(1))));
    }

    /** Claims the next replies that are due, in the relay's transaction (the {@code email-replies} route). */
    public List<ReplyRow> claim() {
        return outbox.claim("id, case_reference, kind, partner, language, recipient, in_reply_to, attempts", BLOCK,
                (rs, i) -> new ReplyRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8)));
    }

    /** The reply went out: marked sent with its Message-ID, and the address forgotten. */
    public void sent(@ExchangeProperty("outboxRow") ReplyRow reply, @Body MimeMessage message) throws MessagingException {
        jdbc.update("""
                UPDATE email_reply SET status = 'SENT', sent_at = ?, message_id = ?, recipient = NULL, in_reply_to = NULL,
                    attempts = attempts + 1 WHERE id = ?""",
                Timestamp.from(clock.instant()), message.getMessageID(), reply.id());
        log.info("Reply for case {} sent", reply.caseReference());
    }

    /** The reply could not be sent, after the redelivery policy's redeliveries: tried later, or given up. */
    public void failed(@ExchangeProperty("outboxRow") ReplyRow reply, @ExchangeException Exception e) {
        String cause = e == null ? "?" : e.getClass().getSimpleName();
        int attempts = reply.attempts() + 1;
        if (attempts >= settings.replyMaxAttempts()) {
            jdbc.update("""
                    UPDATE email_reply SET status = 'FAILED', reason = ?, recipient = NULL, in_reply_to = NULL, attempts = ?
                    WHERE id = ?""", "not sent after " + attempts + " attempts: " + cause, attempts, reply.id());
            log.error("Reply for case {} given up after {} attempts ({})", reply.caseReference(), attempts, cause);
            return;
        }
        outbox.retryLater(reply.id(), attempts, settings.replyFirstRetry(), LAST_RETRY);
        log.warn("Reply for case {} not sent (attempt {}, {}); tried again later", reply.caseReference(), attempts, cause);
    }

    /** The reply as a mail, for the route's SMTP producer: our own Message-ID, so that an answer to it finds its case. */
    public MimeMessage compose(ReplyRow row) throws MessagingException {
        return compose(new Due(row.id(), row.caseReference(), Kind.valueOf(row.kind()), row.partner(), row.language(),
                row.recipient(), row.inReplyTo()));
    }

    private record Due(long id, String caseReference, Kind kind, String partner, String language, String recipient,
                       String inReplyTo) {
    }

    private MimeMessage compose(Due reply) throws MessagingException {
        String messageId = "<" + reply.caseReference() + "." + UUID.randomUUID() + "@" + domainOf(settings.address()) + ">";
        MimeMessage message = new MimeMessage(smtp) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(settings.address()));
        message.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(reply.recipient()));
        String subject = texts.subject(reply.language(), reply.caseReference());
        String body = texts.body(reply.language(), reply.kind(), reply.caseReference(), partnerName(reply),
                settings.contactWithinDays());
        message.setSubject(subject, "UTF-8");
        // plain text, and HTML that marks the language and, for Arabic and Persian, right to left
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(body, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(texts.html(reply.language(), subject, body), "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", plain, html));
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Content-Language", reply.language());
        // RFC 3834: marks the reply as automatic, so well-behaved auto-responders do not answer it
        message.setHeader("Auto-Submitted", "auto-replied");
        if (reply.inReplyTo() != null) {
            message.setHeader("In-Reply-To", "<" + reply.inReplyTo() + ">");
            message.setHeader("References", "<" + reply.inReplyTo() + ">");
        }
        message.saveChanges();
        return message;
    }

    private String partnerName(Due reply) {
        return partners.nameOf(reply.partner()).orElse(RoutingDecision.TRIAGE.equals(reply.partner())
                || RoutingDecision.OUTSIDE_AREA.equals(reply.partner()) ? "" : reply.partner());
    }

    private static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "localhost" : address.substring(at + 1);
    }
}
