package se.stockholm.brottsofferstod.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.stockholm.brottsofferstod.cases.CaseIntake;
import se.stockholm.brottsofferstod.cases.CaseMessages;
import se.stockholm.brottsofferstod.cases.CaseMessages.Appended;
import se.stockholm.brottsofferstod.cases.CaseMessages.FollowUp;
import se.stockholm.brottsofferstod.freetext.FreeText;
import se.stockholm.brottsofferstod.intake.Consent;
import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.Source;
import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.routing.KnownAge;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.sms.Conversation.Stage;
import se.stockholm.brottsofferstod.sms.Conversations.Row;
import se.stockholm.brottsofferstod.sms.SmsDialogue.Turn;
import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * The SMS chatbot's entry: one dialogue behind every gateway. Each message is answered once per gateway
 * message id (a retry gets the same reply and changes nothing); the conversation lives in the database; a
 * finished conversation becomes a case like any other request, a later message joins it, a stalled one is
 * opened for triage and confirmed by SMS.
 */
@Service
public class SmsChatbot {

    private static final Logger log = LoggerFactory.getLogger(SmsChatbot.class);
    private static final int ATTEMPTS = 3;
    private static final int STALLED_PER_RUN = 100;
    private static final int MAX_CASE_TEXT = 20_000;

    /** One incoming SMS as a gateway delivers it; {@code from} is the sender's number. */
    public record InboundSms(String gateway, String messageId, String from, String text, Instant receivedAt) {
    }

    private final SmsDialogue dialogue;
    private final Conversations conversations;
    private final CaseIntake intake;
    private final CaseMessages caseMessages;
    private final Router router;
    private final FreeText freeText;
    private final ElksSms elks;
    private final TransactionTemplate transaction;
    private final Duration stalledAfter;
    private final Duration replyMemory;
    private final Keys keys;
    private final Clock clock;

    SmsChatbot(SmsDialogue dialogue, Conversations conversations, CaseIntake intake, CaseMessages caseMessages, Router router,
               FreeText freeText, ElksSms elks, PlatformTransactionManager transactionManager,
               @Value("${intake.sms.stalled-after}") Duration stalledAfter,
               @Value("${intake.sms.reply-memory}") Duration replyMemory, Keys keys, Clock clock) {
        this.clock = clock;
        this.dialogue = dialogue;
        this.conversations = conversations;
        this.intake = intake;
        this.caseMessages = caseMessages;
        this.router = router;
        this.freeText = freeText;
        this.elks = elks;
        this.transaction = new TransactionTemplate(transactionManager);
        this.stalledAfter = stalledAfter;
        this.replyMemory = replyMemory;
        this.keys = keys;
    }

    /** The reply to one SMS, stored with the conversation before it is given. */
    public String answer(InboundSms sms) {
        // the follow-up's receipt key too (CaseMessages), so a message is taken once whichever way it goes
        String messageKey = keys.receipt(Source.SMS, sms.gateway() + ':' + sms.messageId());
        String phoneKey = keys.phone(sms.from());
        for (int attempt = 1; ; attempt++) {
            try {
                Step step = transaction.execute(status -> converse(sms, messageKey, phoneKey));
                if (step.reply() != null) {
                    return step.reply();
                }
                // The case is opened outside the conversation's transaction: opening takes connections of its own.
                String confirmation = finishOpening(step.conversationId(), false);
                return messageKey.equals(step.openedBy()) ? confirmation : answer(sms);
            } catch (DuplicateKeyException concurrentFirstMessage) {
                if (attempt == ATTEMPTS) {
                    throw concurrentFirstMessage;
                }
            }
        }
    }

    /** @param openedBy the message whose turn opens the case, when a case is to be opened */
    private record Step(String reply, Long conversationId, String openedBy) {
    }

    private Step converse(InboundSms sms, String messageKey, String phoneKey) {
        Optional<String> earlier = conversations.reply(messageKey);
        if (earlier.isPresent()) {
            return new Step(earlier.get(), null, null);
        }
        Row row = conversations.lock(phoneKey, sms.gateway(), sms.receivedAt());
        Conversation current = row.state();
        if (current == null || current.stage() == Stage.STOPPED) {
            if (!row.isNew()) {
                // a number that wrote STOPP starts afresh: a new case key, so it opens its own case
                conversations.restart(row, sms.gateway(), sms.receivedAt());
            }
            current = null;
        } else if (current.stage() == Stage.OPENING) {
            return new Step(null, row.id(), row.lastMessageKey());
        }
        Optional<SmsDialogue.OpenCase> elsewhere = current != null ? Optional.empty()
                : caseMessages.openCaseForPhone(sms.from()).map(c -> new SmsDialogue.OpenCase(c.caseReference(), c.partner()));
        return apply(row, current, sms, messageKey, dialogue.next(current, sms.text(), elsewhere, today()));
    }

    private Step apply(Row row, Conversation current, InboundSms sms, String messageKey, Turn turn) {
        Conversation next = turn.conversation();
        switch (turn.next()) {
            case FOLLOW_UP -> {
                Appended appended = caseMessages.append(next.caseReference(), followUp(sms, turn.maskedText(), turn.urgent()));
                if (appended == Appended.CASE_NOT_OPEN) {
                    // the case was closed since: this message starts a new conversation
                    conversations.restart(row, sms.gateway(), sms.receivedAt());
                    return apply(row, null, sms, messageKey, dialogue.next(null, sms.text(), Optional.empty(), today()));
                }
            }
            case STOP -> {
                if (current != null && current.stage() == Stage.OPEN) {
                    caseMessages.append(current.caseReference(), followUp(sms, turn.maskedText(), turn.urgent()));
                }
                conversations.erase(row, sms.receivedAt(), messageKey);
                conversations.remember(messageKey, turn.reply(), clock.instant());
                log.info("SMS conversation {} stopped by the person: erased", row.id());
                return new Step(turn.reply(), null, null);
            }
            case OPEN_CASE -> {
                conversations.save(row, next, sms.from(), sms.receivedAt(), messageKey);
                return new Step(null, row.id(), messageKey);
            }
            case REPLY -> {
                // the reply is remembered below, with the conversation
            }
        }
        // the number is kept only while the conversation may need an SMS sent (a stalled one); an open case has it
        conversations.save(row, next, next.stage() == Stage.ASKING ? sms.from() : null, sms.receivedAt(), messageKey);
        conversations.remember(messageKey, turn.reply(), clock.instant());
        return new Step(turn.reply(), null, null);
    }

    /**
     * Opens the case of a conversation that has what it needs (or has stalled), once: the case's external id is
     * the conversation's case key, so a second try after a crash finds the same case.
     *
     * @return the confirmation for the person
     */
    private String finishOpening(long conversationId, boolean stalled) {
        // what the case is opened from, as committed (OPENING): read without a lock, which on H2 would be a write and a
        // commit of its own; the case's external id keeps a second opener to the same case, and the lock below decides
        Row row = conversations.read(conversationId).orElseThrow();
        Conversation c = row.state();
        RoutingDecision routing = routing(c, stalled);
        String reference = intake.open(List.of(request(row, c, routing, stalled))).get(0).caseReference();
        String confirmation = dialogue.confirmation(c, reference, routing, stalled);
        transaction.executeWithoutResult(status -> {
            Row locked = conversations.lock(conversationId).orElseThrow();
            if (locked.state() != null && locked.state().stage() == Stage.OPENING) {
                // the case holds what the person said now: the conversation keeps only what joins later messages to it
                Conversation opened = new Conversation(Stage.OPEN, c.language(), c.chosenLanguage(), null, null, null, null,
                        Map.of(), null, List.of(), false, reference, routing.partner(), null, c.isUrgent(), c.wasMenuOffered(), false);
                conversations.save(locked, opened, null, locked.lastMessageAt(), locked.lastMessageKey());
            }
            if (locked.lastMessageKey() != null && conversations.reply(locked.lastMessageKey()).isEmpty()) {
                conversations.remember(locked.lastMessageKey(), confirmation, clock.instant());
            }
        });
        return confirmation;
    }

    /**
     * Conversations with no answer for the configured time become cases in triage with what is known, and the
     * person gets the case reference by SMS (unless a case of theirs has a protected identity).
     *
     * @return how many were opened
     */
    public int openStalled() {
        Instant before = clock.instant().minus(stalledAfter);
        int opened = 0;
        for (Long id : transaction.execute(status -> conversations.stalledSince(before, STALLED_PER_RUN))) {
            Row row = transaction.execute(status -> conversations.lock(id).filter(r -> r.state() != null
                    && r.state().stage() == Stage.ASKING && r.lastMessageAt().isBefore(before)).map(r -> {
                        Conversation c = r.state();
                        conversations.save(r, new Conversation(Stage.OPENING, c.language(), c.chosenLanguage(), c.age(), c.place(),
                                c.postalCode(), c.call(), c.asked(), c.lastAsked(), c.texts(), c.storyTold(), null, null, null,
                                c.urgent(), c.menuOffered(), false),
                                r.phone(), r.lastMessageAt(), r.lastMessageKey());
                        return r;
                    }).orElse(null));
            if (row == null) {
                continue;
            }
            String confirmation = finishOpening(id, true);
            opened++;
            String reference = transaction.execute(status -> conversations.lock(id).map(Row::state)
                    .map(Conversation::caseReference).orElse(null));
            if (row.phone() != null && !caseMessages.isProtectedIdentity(row.phone())) {
                elks.queue(row.phone(), confirmation, reference);
            }
        }
        Instant forgetBefore = clock.instant().minus(replyMemory);
        int forgotten = transaction.execute(status -> conversations.forgetRepliesBefore(forgetBefore)
                + conversations.forgetEndedBefore(forgetBefore));
        if (opened > 0 || forgotten > 0) {
            log.info("SMS conversations: {} stalled opened for triage, {} old replies forgotten", opened, forgotten);
        }
        return opened;
    }

    private RoutingDecision routing(Conversation c, boolean stalled) {
        KnownAge age = c.age() == null ? KnownAge.UNKNOWN : new KnownAge(c.age(), "age written in the SMS conversation");
        RoutingDecision known = router.route(age, c.place(), c.postalCode(), null);
        if (!stalled) {
            return known;
        }
        return new RoutingDecision(RoutingDecision.TRIAGE, "The SMS conversation stopped before every question was answered;"
                + " what was known: " + known.reason(), known.ageUnknown(), known.district(), known.agreement());
    }

    private SupportRequest request(Row row, Conversation c, RoutingDecision routing, boolean stalled) {
        Person.Address address = c.postalCode() == null ? null
                : new Person.Address(null, c.postalCode().substring(0, 3) + " " + c.postalCode().substring(3), null);
        String preferred = c.chosenLanguage() != null ? c.chosenLanguage() : c.language();
        Person person = new Person(null, null, null, null, null, null, row.phone(), null, address, c.place(), preferred,
                SmsDialogue.needsInterpreter(c), false);
        Consent consent = new Consent(true, "SELF", OffsetDateTime.ofInstant(row.startedAt(), ZoneOffset.UTC));
        return new SupportRequest(Source.SMS, row.gateway(), row.caseKey(), row.startedAt(), person, consent, null,
                caseText(c, stalled), c.age(), null, routing, c.isUrgent());
    }

    /** For staff (in Swedish) what the conversation settled, then the person's messages. */
    private String caseText(Conversation c, boolean stalled) {
        List<String> notes = new ArrayList<>();
        notes.add(switch (c.call() == null ? "" : c.call().name()) {
            case "DAY" -> "Får ringas dagtid.";
            case "EVENING" -> "Får ringas på kvällen.";
            case "ANY" -> "Får ringas.";
            case "NO" -> "Vill inte bli uppringd: skriv sms.";
            default -> "Har inte svarat på om vi får ringa.";
        });
        if (c.isUrgent()) {
            notes.add("AKUT: nöd- eller självmordsord i samtalet, fick 112 (och 90101/1177) direkt.");
        }
        if (SmsDialogue.needsInterpreter(c)) {
            notes.add((c.chosenLanguage() != null ? "Valde " : "Skriver på ")
                    + freeText.languageName(SmsDialogue.interpreterLanguage(c), "sv") + ": ring med tolk.");
        }
        if (stalled) {
            notes.add("Samtalet avbröts innan alla frågor var besvarade.");
        }
        String text = "[Sms-samtalet: " + String.join(" ", notes) + "]\n\n" + String.join("\n", c.texts());
        return text.length() <= MAX_CASE_TEXT ? text : text.substring(0, MAX_CASE_TEXT - 1) + "…";
    }

    private static FollowUp followUp(InboundSms sms, String maskedText, boolean urgent) {
        return new FollowUp(Source.SMS, sms.gateway(), sms.gateway() + ':' + sms.messageId(), sms.receivedAt(), maskedText, urgent);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Stockholm.ZONE));
    }
}
