package se.stockholm.brottsofferstod.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.stockholm.brottsofferstod.audit.AuditLog;
import se.stockholm.brottsofferstod.intake.TextFields;
import se.stockholm.brottsofferstod.intake.Progress;
import se.stockholm.brottsofferstod.routing.Router;
import se.stockholm.brottsofferstod.routing.RoutingDecision;
import se.stockholm.brottsofferstod.security.Actor;
import se.stockholm.brottsofferstod.security.Role;

/**
 * The case feature's entry for staff, partner systems and the coordinator: one implementation of the
 * rules behind the staff API and the case-events queue. Every read and change is audited, refusals too.
 */
@Service
public class CaseWork {

    private static final Logger log = LoggerFactory.getLogger(CaseWork.class);
    /** Clocks differ a little between staff devices and the server. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_PAGE_SIZE = 200;

    private final CaseRepository cases;
    private final ContactAttemptRepository attempts;
    private final ActionRepository actions;
    private final HandoverRepository handovers;
    private final HistoryRepository history;
    private final Outbox outbox;
    private final CaseMessages messages;
    private final AuditLog audit;
    private final CaseRules rules;
    private final Set<String> partners;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration firstAttemptWithin;
    private final Duration retention;
    private final CaseErasure erasure;

    CaseWork(CaseRepository cases, ContactAttemptRepository attempts, ActionRepository actions, HandoverRepository handovers,
             HistoryRepository history, Outbox outbox, CaseMessages messages, AuditLog audit, Router router,
             PlatformTransactionManager transactionManager,
             @Value("${intake.service-level.first-attempt-within}") Duration firstAttemptWithin,
             @Value("${intake.retention.personal-data}") Duration retention, CaseErasure erasure, Clock clock) {
        this.erasure = erasure;
        this.cases = cases;
        this.attempts = attempts;
        this.actions = actions;
        this.handovers = handovers;
        this.history = history;
        this.outbox = outbox;
        this.messages = messages;
        this.audit = audit;
        this.rules = new CaseRules(router.partners().youthPartner(), router.partners().ageLimit());
        this.partners = Set.copyOf(router.partners().ids());
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.firstAttemptWithin = firstAttemptWithin;
        this.retention = retention;
    }

    public CaseViews.Page list(Actor actor, String partner, String status, int page, int size) {
        if (page < 0) {
            throw new InvalidCaseRequestException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidCaseRequestException("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        CaseStatus wanted = status == null || status.isBlank() ? null : parse(CaseStatus.class, status, "status");
        String scope = partner == null || partner.isBlank() ? null : partner;
        if (actor.role() != Role.COORDINATOR) {
            if (scope != null && !scope.equals(actor.partner())) {
                audit.record(actor, "LIST_CASES", null, "DENIED");
                throw new CaseRuleException("Staff see only their own partner's cases (" + actor.partner() + ")");
            }
            scope = actor.partner();
        } else if (scope != null && !partners.contains(scope) && !isSpecialQueue(scope)) {
            throw new InvalidCaseRequestException("partner", "must be one of " + partnerList());
        }
        var result = cases.search(scope, wanted, PageRequest.of(page, size,
                Sort.by(Sort.Direction.DESC, "urgent", "receivedAt", "id")));
        audit.record(actor, "LIST_CASES", null, "OK");
        Set<Long> newMessages = messages.withMessageSinceLastAttempt(result.getContent().stream().map(SupportCase::getId).toList());
        Instant now = now();
        return new CaseViews.Page(result.getContent().stream()
                .map(c -> CaseViews.Summary.of(c, now, firstAttemptWithin, newMessages.contains(c.getId()))).toList(),
                page, size, result.getTotalElements());
    }

    /** Every holder's queue at a glance, for the coordinator. */
    public List<CaseViews.QueueCount> queueCounts(Actor actor) {
        if (actor.role() != Role.COORDINATOR) {
            audit.record(actor, "QUEUE_COUNTS", null, "DENIED");
            throw new CaseRuleException("Only the coordinator sees every queue");
        }
        List<CaseViews.QueueCount> counts = cases.queueCounts(now().minus(firstAttemptWithin)).stream()
                .map(row -> new CaseViews.QueueCount((String) row[0], count(row[1]), count(row[2]), count(row[3])))
                .sorted(Comparator.comparing(CaseViews.QueueCount::partner)).toList();
        audit.record(actor, "QUEUE_COUNTS", null, "OK");
        return counts;
    }

    private static long count(Object sum) {
        return sum == null ? 0 : ((Number) sum).longValue();
    }

    public CaseViews.Details get(Actor actor, String caseReference) {
        return audited(actor, "READ_CASE", caseReference, () -> transaction.execute(s -> details(visible(actor, caseReference))));
    }

    public CaseViews.Details recordAttempt(Actor actor, String caseReference, CaseRequests.Attempt request) {
        Instant at = pastOrPresent(request.at(), "at");
        ContactAttempt.Channel channel = parse(ContactAttempt.Channel.class, request.channel(), "channel");
        ContactAttempt.Outcome outcome = parse(ContactAttempt.Outcome.class, request.outcome(), "outcome");
        return audited(actor, "RECORD_CONTACT_ATTEMPT", caseReference, () -> transaction.execute(s -> {
            SupportCase c = workable(actor, caseReference);
            CaseRules.whyChannelRefused(c.isProtectedIdentity(), channel).ifPresent(reason -> {
                throw new CaseRuleException(reason);
            });
            attempts.save(new ContactAttempt(c.getId(), at, channel, outcome, c.getPartner(), c.getGender(), actor.username(), now()));
            c.attempted(at);
            note(c, "CONTACT_ATTEMPT", "%s attempt: %s%s".formatted(channel, outcome, CaseRules.isEvening(at) ? " (evening)" : ""), actor);
            return details(c);
        }));
    }

    public CaseViews.Details recordAction(Actor actor, String caseReference, CaseRequests.ActionTaken request) {
        Instant at = pastOrPresent(request.at(), "at");
        Action.Type type = parse(Action.Type.class, request.type(), "type");
        return audited(actor, "RECORD_ACTION", caseReference, () -> transaction.execute(s -> {
            SupportCase c = workable(actor, caseReference);
            actions.save(new Action(c.getId(), at, type, c.getPartner(), actor.username(), now()));
            note(c, "ACTION", "Action: " + type, actor);
            return details(c);
        }));
    }

    public CaseViews.Details link(Actor actor, String caseReference, CaseRequests.LinkTo request) {
        String to = required(request.to(), "to");
        if (!partners.contains(to)) {
            throw new InvalidCaseRequestException("to", "must be one of " + partnerList());
        }
        if (request.reason() != null && request.reason().length() > 500) {
            throw new InvalidCaseRequestException("reason", "must be at most 500 characters");
        }
        if (TextFields.hasControlCharacter(request.reason())) {
            throw new InvalidCaseRequestException("reason", "contains a control character (NUL or another non-printing character)");
        }
        Instant at = request.at() == null ? now() : pastOrPresent(request.at(), "at");
        return audited(actor, "LINK_CASE", caseReference, () -> transaction.execute(s -> {
            SupportCase c = workable(actor, caseReference);
            if (at.isBefore(c.getReceivedAt())) {
                throw new InvalidCaseRequestException("at", "is before the case was received");
            }
            rules.whyLinkRefused(c.getPartner(), c.getAgeYears(), to, request.reason()).ifPresent(reason -> {
                throw new CaseRuleException(reason);
            });
            String from = c.getPartner();
            handovers.save(new Handover(Handover.Kind.LINK, c.getId(), from, to, request.reason(), at, actor.username()));
            c.handTo(to);
            String reason = "Linked from %s to %s by the age rule%s".formatted(from, to,
                    request.reason() != null && !request.reason().isBlank() ? ": " + request.reason() : "");
            note(c, "LINK", "Linked from %s to %s".formatted(from, to), actor);
            outbox.add(List.of(CaseMessage.of(c, reason, "LINKED")));
            log.info("Case {} linked from {} to {}", c.getCaseReference(), from, to);
            return details(c);
        }));
    }

    public CaseViews.Details close(Actor actor, String caseReference, CaseRequests.Close request) {
        Instant at = pastOrPresent(request.at(), "at");
        CloseOutcome outcome = parse(CloseOutcome.class, request.outcome(), "outcome");
        CaseViews.Details closed = audited(actor, "CLOSE_CASE", caseReference, () -> transaction.execute(s -> {
            SupportCase c = workable(actor, caseReference);
            if (outcome == CloseOutcome.NOT_REACHED) {
                CaseRules.whyNotYetNotReached(attempts.findByCaseIdOrderByAttemptedAt(c.getId())).ifPresent(reason -> {
                    throw new CaseRuleException(reason);
                });
            }
            c.close(at, outcome.name());
            note(c, "CLOSED", "Closed: " + outcome, actor);
            return details(c);
        }));
        if (isSpecialQueue(closed.partner())) {
            erasure.withdrawFromCoordinatorQueues(caseReference);
        }
        return closed;
    }

    /** The coordinator hands a triage (or outside-area) case to a partner. */
    public CaseViews.Details assign(Actor actor, String caseReference, CaseRequests.Assign request) {
        if (actor.role() != Role.COORDINATOR) {
            audit.record(actor, "ASSIGN_CASE", caseReference, "DENIED");
            throw new CaseRuleException("Only the coordinator assigns cases");
        }
        String to = required(request.partner(), "partner");
        if (!partners.contains(to)) {
            throw new InvalidCaseRequestException("partner", "must be one of " + partnerList());
        }
        CaseViews.Details assigned = audited(actor, "ASSIGN_CASE", caseReference, () -> transaction.execute(s -> {
            SupportCase c = workable(actor, caseReference);
            if (!isSpecialQueue(c.getPartner())) {
                throw new CaseRuleException("Only triage and outside-area cases are assigned; this case is held by " + c.getPartner());
            }
            String from = c.getPartner();
            handovers.save(new Handover(Handover.Kind.ASSIGNMENT, c.getId(), from, to, null, now(), actor.username()));
            c.handTo(to);
            note(c, "ASSIGNED", "Assigned from %s to %s".formatted(from, to), actor);
            outbox.add(List.of(CaseMessage.of(c, "Assigned from %s by the coordinator".formatted(from), "ASSIGNED")));
            return details(c);
        }));
        // the case's message waits on the triage (or outside-area) queue, which no one consumes: it has served
        erasure.withdrawFromCoordinatorQueues(caseReference);
        return assigned;
    }

    /** Sends a reminder once for every case without a contact attempt since it was received more than the limit ago. */
    public int remindLateCases() {
        Actor job = Actor.system("service-level-check");
        Instant receivedBefore = now().minus(firstAttemptWithin);
        return eachInItsOwnTransaction("reminder", cases.withoutAttemptSince(receivedBefore), c -> {
            if (c.getFirstAttemptAt() != null || c.getReminderSentAt() != null || c.getStatus() != CaseStatus.NEW) {
                return false;
            }
            c.reminded(now());
            note(c, "REMINDER", "No contact attempt within %d days of receipt: reminder sent".formatted(firstAttemptWithin.toDays()), job);
            outbox.add(List.of(CaseMessage.of(c, "Reminder: no contact attempt within %d days".formatted(firstAttemptWithin.toDays()),
                    "REMINDER")));
            log.info("Reminder sent for case {} to {}", c.getCaseReference(), c.getPartner());
            return true;
        });
    }

    /**
     * Erases the personal data of cases closed longer ago than the retention time, and of open cases idle beyond the
     * configured maximum (nothing recorded on them), with everything kept beside them: follow-up texts, link reasons,
     * replies and their keys, queued messages. Statistics keep their counts.
     */
    public int erasePersonalData() {
        Actor job = Actor.system("retention");
        List<Long> due = new java.util.ArrayList<>(cases.closedBeforeAndNotErased(now().minus(retention)));
        List<Long> idle = erasure.idleOpenCases(now());
        due.addAll(idle);
        List<String> erased = new java.util.ArrayList<>();
        int done = eachInItsOwnTransaction("retention", due, c -> erase(c, job, c.getStatus() != CaseStatus.CLOSED
                ? "Personal data erased: the open case was idle beyond the maximum"
                : "Personal data erased after the retention time", erased));
        erasure.withdrawEverywhere(erased);
        return done;
    }

    /** The person's request (GDPR art. 17): the cases are erased as retention erases them, whatever their state. */
    List<String> eraseOnRequest(Actor actor, List<Long> ids) {
        List<String> erased = new java.util.ArrayList<>();
        eachInItsOwnTransaction("erasure request", ids, c -> erase(c, actor, "Personal data erased at the person's request", erased));
        erasure.withdrawEverywhere(erased);
        return erased;
    }

    private boolean erase(SupportCase c, Actor actor, String why, List<String> erased) {
        if (c.getPersonalDataErasedAt() != null) {
            return false;
        }
        c.erasePersonalData(now());
        erasure.eraseAround(c);
        note(c, "ERASED", why, actor);
        audit.record(actor, "ERASE_PERSONAL_DATA", c.getCaseReference(), "OK");
        erased.add(c.getCaseReference());
        return true;
    }

    CaseViews.Details detailsOf(SupportCase c) {
        return details(c);
    }

    /**
     * Applies a job to each case in a short transaction of its own, so that staff working a case at the same time
     * never wait on the job, and a case they changed meanwhile is left for the job's next run.
     */
    private int eachInItsOwnTransaction(String job, List<Long> ids, Predicate<SupportCase> apply) {
        int done = 0;
        Progress progress = Progress.of(log, "The " + job + " job", "cases", ids.size());
        for (long id : ids) {
            try {
                Boolean applied = transaction.execute(s -> cases.findById(id).map(apply::test).orElse(false));
                if (Boolean.TRUE.equals(applied)) {
                    done++;
                }
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                log.info("Case id {} changed during the {} job; the next run takes it", id, job);
            }
            progress.step();
        }
        progress.finish();
        return done;
    }

    enum CloseOutcome { SUPPORT_GIVEN, NOT_REACHED, DECLINED, LINKED }

    private <T> T audited(Actor actor, String operation, String caseReference, Supplier<T> work) {
        try {
            T result = work.get();
            audit.record(actor, operation, caseReference, "OK");
            return result;
        } catch (CaseNotFoundException e) {
            audit.record(actor, operation, caseReference, "NOT_FOUND");
            throw e;
        } catch (CaseRuleException e) {
            audit.record(actor, operation, caseReference, "REFUSED");
            throw e;
        }
    }

    /** The case if this actor may see it; another partner's case is "not found", never "forbidden". */
    private SupportCase visible(Actor actor, String caseReference) {
        return cases.findByCaseReference(caseReference).filter(c -> actor.mayWork(c.getPartner()))
                .orElseThrow(() -> new CaseNotFoundException(caseReference));
    }

    private SupportCase workable(Actor actor, String caseReference) {
        SupportCase c = visible(actor, caseReference);
        if (c.getStatus() == CaseStatus.CLOSED) {
            throw new CaseRuleException("Case " + caseReference + " is closed");
        }
        return c;
    }

    private void note(SupportCase c, String type, String description, Actor actor) {
        history.save(new HistoryEntry(c.getId(), now(), type, description, actor.username()));
    }

    private CaseViews.Details details(SupportCase c) {
        long id = c.getId();
        var person = new CaseViews.Person(c.getPersonRole(), c.getGivenName(), c.getFamilyName(), c.getPersonalIdentityNumber(),
                c.getBirthYear(), c.getAgeYears(), c.getGender(), c.getPhone(), c.getEmail(), c.getStreet(), c.getPostalCode(),
                c.getCity(), c.getDistrictText(), c.getPreferredLanguage(), c.getInterpreterNeeded(), c.isProtectedIdentity());
        var offence = new CaseViews.Offence(c.getCrimeCategory(), c.getOffenceOccurredOn(), c.isGangRelated(),
                c.isIntimatePartnerViolence(), c.getReportNumber(), c.getPoliceUnit());
        return new CaseViews.Details(c.getCaseReference(), CaseViews.local(c.getReceivedAt()), c.getSource(), c.getChannel(),
                c.getStatus(), c.getPartner(), c.isUrgent(), new CaseViews.Routing(c.getPartner(), c.getRoutingReason(), c.getDistrict(),
                c.isAgeUnknown(), c.getAgreement()), person, c.getConsentGivenBy(), offence, CaseViews.local(c.getClosedAt()),
                c.getCloseOutcome(), CaseViews.local(c.getPersonalDataErasedAt()), messages.messagesOf(c),
                attempts.findByCaseIdOrderByAttemptedAt(id).stream().map(a -> new CaseViews.Attempt(CaseViews.local(a.getAttemptedAt()),
                        a.getChannel(), a.getOutcome(), a.getPartner(), a.getRecordedBy())).toList(),
                actions.findByCaseIdOrderByPerformedAt(id).stream().map(a -> new CaseViews.ActionView(CaseViews.local(a.getPerformedAt()),
                        a.getActionType(), a.getPartner(), a.getRecordedBy())).toList(),
                handovers.findByCaseIdOrderByLinkedAt(id).stream().filter(l -> l.getKind() == Handover.Kind.LINK).map(l -> new CaseViews.LinkView(CaseViews.local(l.getLinkedAt()),
                        l.getFromPartner(), l.getToPartner(), l.getReason(), l.getLinkedBy())).toList(),
                history.findByCaseIdOrderByOccurredAtAscIdAsc(id).stream().map(h -> new CaseViews.History(
                        CaseViews.local(h.getOccurredAt()), h.getEntryType(), h.getDescription(), h.getActor())).toList());
    }

    private Instant pastOrPresent(OffsetDateTime at, String field) {
        if (at == null) {
            throw new InvalidCaseRequestException(field, "is required (a date-time with offset, e.g. 2026-11-25T18:30:00+01:00)");
        }
        if (at.toInstant().isAfter(now().plus(CLOCK_SKEW))) {
            throw new InvalidCaseRequestException(field, "is in the future");
        }
        return at.toInstant();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidCaseRequestException(field, "is required");
        }
        return value;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        required(value, field);
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidCaseRequestException(field, "must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static boolean isSpecialQueue(String partner) {
        return RoutingDecision.TRIAGE.equals(partner) || RoutingDecision.OUTSIDE_AREA.equals(partner);
    }

    private String partnerList() {
        return partners.stream().sorted().collect(Collectors.joining(", "));
    }

    private Instant now() {
        return clock.instant();
    }
}
