package se.stockholm.brottsofferstod.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeException;
import org.apache.camel.Header;
import org.apache.camel.ExchangeProperty;

import se.stockholm.brottsofferstod.cases.CaseIntake;
import se.stockholm.brottsofferstod.cases.CaseMessages;
import se.stockholm.brottsofferstod.cases.IntakeOutcome;
import se.stockholm.brottsofferstod.freetext.Facts;
import se.stockholm.brottsofferstod.freetext.FreeText;
import se.stockholm.brottsofferstod.intake.Consent;
import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.Redeliveries;
import se.stockholm.brottsofferstod.intake.RejectedRequestException;
import se.stockholm.brottsofferstod.intake.Rejection;
import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.TextFields;
import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.RoutingDecision;

/**
 * The email intake's entry, called by the email-imap route for each unseen mail: the mail becomes a case in
 * its partner's queue (or triage) and its reply is queued, all stored before the route lets the mail be
 * flagged. A mail that cannot be read is refused to the dead letter channel; one that fails for a reason on
 * our side, or that the server cannot give, is redelivered by the route (redelivery) and, when Camel
 * gives up, named here for the dead letter channel by its IMAP UID. Either way it is flagged and never loops.
 */
public class MailIntake {

    static final String CHANNEL = "IMAP";
    /** The case text column's width. */
    private static final int MAX_TEXT = 20_000;

    /** Languages the staff speak on the phone; a person writing another is called with an interpreter. */
    private static final Set<String> STAFF_LANGUAGES = Set.of("sv", "en");
    private static final Pattern CASE_REFERENCE = Pattern.compile("BO-\\d{4}-\\d{6}");

    private final MailReader reader;
    private final FreeText freeText;
    private final Router router;
    private final CaseIntake cases;
    private final CaseMessages messages;
    private final MailReplies replies;
    private final MailSettings settings;
    private final Keys keys;

    MailIntake(MailReader reader, FreeText freeText, Router router, CaseIntake cases, CaseMessages messages,
               MailReplies replies, MailSettings settings, Keys keys) {
        this.keys = keys;
        this.reader = reader;
        this.freeText = freeText;
        this.router = router;
        this.cases = cases;
        this.messages = messages;
        this.replies = replies;
        this.settings = settings;
    }

    /** What became of a mail: its case, and why no reply was sent if none was. */
    public record Taken(String externalId, IntakeOutcome.Status status, String caseReference, String noReplyBecause) {
    }

    /**
     * @throws MessagingException the server could not give the mail (the route redelivers it)
     * @throws IOException        the server's stream of the mail broke off (the route redelivers it)
     */
    public Taken take(Message onServer, @ExchangeProperty(Exchange.BATCH_INDEX) Integer batchIndex,
                      @ExchangeProperty(Exchange.BATCH_SIZE) Integer batchSize) throws MessagingException, IOException {
        if (batchIndex != null && batchIndex == 0 && batchSize != null) {
            MailReader.prefetch(onServer, batchSize);
        }
        MailReader.Fetched mail = reader.fetch(onServer);
        String externalId;
        try {
            externalId = reader.externalIdOf(mail.message());
        } catch (MessagingException unreadable) {
            throw refused(null, "the mail's headers cannot be read (" + unreadable.getClass().getSimpleName() + ")",
                    onServer, mail.message());
        }
        return takeReadable(externalId, onServer, mail);
    }

    /**
     * The dead letter of a mail that could not be taken however often the route tried: named by its IMAP UID
     * (its Message-ID too when that can be read), with its source when the server gives it.
     */
    public List<Rejection> exhausted(@Body Message onServer, @ExchangeException Exception cause,
                                     @Header(Redeliveries.HEADER) Integer redeliveries) {
        String externalId = null;
        try {
            externalId = reader.externalIdOf(onServer);
        } catch (MessagingException | RuntimeException unreadable) {
            // named by its UID alone
        }
        return refused(externalId, Redeliveries.reason(cause, redeliveries), onServer, onServer).rejections();
    }

    private Taken takeReadable(String externalId, Message onServer, MailReader.Fetched mail) {
        IncomingMail incoming;
        try {
            incoming = reader.read(mail);
        } catch (MessagingException | IOException unreadable) {
            throw refused(externalId, "the mail cannot be read as MIME (" + unreadable.getClass().getSimpleName() + ")",
                    onServer, mail.message());
        } catch (StackOverflowError tooDeep) {
            // an Error would leave the mail unseen and fetched again on every poll: a loop, so it is refused instead
            throw refused(externalId, "the mail is nested too deeply to read", onServer, mail.message());
        }
        // the same reader as the chatbot's: the subject often says it all ("17 år, bor i Tensta")
        Facts facts = freeText.read(TextFields.withoutControlCharacters(caseText(incoming)));
        Optional<CaseMessages.OpenCase> answered = answeredCase(incoming);
        if (answered.isPresent()) {
            Taken joined = join(answered.get(), externalId, incoming, facts);
            if (joined != null) {
                return joined;
            }
        }
        if (incoming.isBounce()) {
            throw refused(externalId, incoming.automatic().reason() + " that names no open case", onServer, mail.message());
        }
        return open(externalId, incoming, facts);
    }

    /**
     * The open case a mail belongs to: the one whose reply it answers (a Message-ID we sent, looked up, not
     * guessed from its shape), else for mail from a person the sender's own open case, the one the subject names
     * if it is theirs. A case reference alone proves nothing (references are sequential): a mail naming someone
     * else's case opens a case of its own, and its reply names only that one.
     */
    private Optional<CaseMessages.OpenCase> answeredCase(IncomingMail incoming) {
        for (String id : incoming.references()) {
            Optional<CaseMessages.OpenCase> ours = replies.caseRepliedWith(id).flatMap(messages::openCase);
            if (ours.isPresent()) {
                return ours;
            }
        }
        if (incoming.automatic() != null) {
            return Optional.empty();
        }
        String named = referenceIn(incoming.subject());
        Optional<CaseMessages.OpenCase> own = named == null ? Optional.empty() : messages.openCaseForEmail(named, incoming.from());
        return own.isPresent() ? own : messages.openCaseForEmail(incoming.from());
    }

    /** The mail as a message on its open case; {@code null} when the case closed in the meantime. */
    private Taken join(CaseMessages.OpenCase open, String externalId, IncomingMail incoming, Facts facts) {
        CaseMessages.Appended appended = messages.append(open.caseReference(),
                new CaseMessages.FollowUp(Source.EMAIL, CHANNEL, externalId, incoming.receivedAt(), bounded(facts.text()),
                        freeText.danger(facts.text(), facts.language()).any()));
        if (appended == CaseMessages.Appended.CASE_NOT_OPEN) {
            return null;
        }
        String language = facts.language() != null ? facts.language() : open.preferredLanguage();
        String noReply = replies.queue(receiptKey(externalId), open.caseReference(), MailReplies.Kind.FOLLOW_UP,
                open.partner(), language, incoming.from(), inReplyTo(externalId),
                whyNoReply(incoming, open.protectedIdentity()));
        return new Taken(externalId, appended == CaseMessages.Appended.APPENDED ? IntakeOutcome.Status.ACCEPTED
                : IntakeOutcome.Status.DUPLICATE, open.caseReference(), noReply);
    }

    private Taken open(String externalId, IncomingMail incoming, Facts facts) {
        RoutingDecision routing = router.route(facts.knownAge(), facts.place(), facts.postalCode(), null);
        String language = facts.language();
        Boolean interpreterNeeded = language == null ? null : !STAFF_LANGUAGES.contains(language);
        SupportRequest request = new SupportRequest(Source.EMAIL, CHANNEL, externalId, incoming.receivedAt(),
                new Person(null, null, null, null, null, null, null, incoming.from(), null, facts.place(), language,
                        interpreterNeeded, null),
                new Consent(true, "SELF", incoming.receivedAt().atOffset(ZoneOffset.UTC)), null, bounded(facts.text()),
                facts.age(), null, routing, freeText.danger(facts.text(), language).any());
        IntakeOutcome outcome = cases.open(List.of(request)).get(0);
        String noReply = replies.queue(receiptKey(externalId), outcome.caseReference(), kindOf(routing), routing.partner(),
                language, incoming.from(), inReplyTo(externalId), whyNoReply(incoming, false));
        return new Taken(externalId, outcome.status(), outcome.caseReference(), noReply);
    }

    private static String whyNoReply(IncomingMail incoming, boolean protectedIdentity) {
        if (protectedIdentity) {
            return "protected identity: contact by phone only";
        }
        return incoming.automatic() != null ? incoming.automatic().reason() : null;
    }

    /** A reply threads under the mail it answers, unless that mail had no Message-ID of its own. */
    private static String inReplyTo(String externalId) {
        return MailReader.isMadeHere(externalId) ? null : externalId;
    }

    private static String referenceIn(String text) {
        Matcher reference = text == null ? null : CASE_REFERENCE.matcher(text);
        return reference != null && reference.find() ? reference.group() : null;
    }

    private static MailReplies.Kind kindOf(RoutingDecision routing) {
        return switch (routing.partner()) {
            case RoutingDecision.TRIAGE -> MailReplies.Kind.TRIAGE;
            case RoutingDecision.OUTSIDE_AREA -> MailReplies.Kind.OUTSIDE_AREA;
            default -> MailReplies.Kind.ROUTED;
        };
    }

    /** The same key as the case store's receipt, so a reply belongs to exactly one incoming mail. */
    private String receiptKey(String externalId) {
        return keys.receipt(Source.EMAIL, externalId);
    }

    /** What staff read on the case: the subject, what the person wrote, and notes on what was not taken in. */
    static String caseText(IncomingMail mail) {
        StringBuilder text = new StringBuilder();
        if (!mail.subject().isBlank()) {
            text.append("Subject: ").append(mail.subject()).append("\n\n");
        }
        text.append(mail.text());
        if (!mail.attachments().isEmpty()) {
            text.append("\n\n[Attachments, not opened: ").append(mail.attachments().stream()
                    .map(a -> (a.name() != null ? a.name() : "(no name)") + " (" + a.contentType() + ", " + size(a.sizeBytes()) + ")")
                    .collect(Collectors.joining("; "))).append(']');
        }
        if (mail.notMime() != null) {
            text.append("\n\n[The mail is not valid MIME (").append(mail.notMime())
                    .append("): its text is taken as it stands, the whole mail stays in the mailbox]");
        }
        if (mail.oversized()) {
            text.append("\n\n[The mail is ").append(size(mail.sizeBytes()))
                    .append(", above the intake's limit: taken as it is, the whole mail stays in the mailbox]");
        }
        return text.toString();
    }

    private static String bounded(String whole) {
        if (whole.length() <= MAX_TEXT) {
            return whole;
        }
        String cut = "\n\n[Cut here: the whole mail stays in the mailbox]";
        return whole.substring(0, MAX_TEXT - cut.length()) + cut;
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        return bytes < 1024 * 1024 ? (bytes + 512) / 1024 + " kB" : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private RejectedRequestException refused(String externalId, String reason, Message onServer, Message source) {
        String id = externalId == null || externalId.length() > MailReader.MAX_ID_LENGTH ? null : externalId;
        return new RejectedRequestException(422, "Mail not taken",
                List.of(new Rejection(Source.EMAIL.name(), CHANNEL, id, uidOf(onServer), null, reason, original(source))));
    }

    /** Which mail in the mailbox it is, for the dead-letter desk: its IMAP UID (no personal data), if the server says. */
    private static String uidOf(Message onServer) {
        try {
            if (onServer.getFolder() instanceof UIDFolder folder) {
                long uid = folder.getUID(onServer);
                return uid < 0 ? null : "IMAP UID " + uid;
            }
        } catch (MessagingException | RuntimeException unknown) {
            // the rejection still names the mail by its Message-ID where it can
        }
        return null;
    }

    /** The mail's source for the dead-letter queue, up to the size limit. */
    private String original(Message mail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (mail.getSize() <= settings.maxBytes()) {
                mail.writeTo(out);
            }
        } catch (IOException | MessagingException | RuntimeException unwritable) {
            // the dead letter then carries what could be written: the rejection record still names the mail
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
