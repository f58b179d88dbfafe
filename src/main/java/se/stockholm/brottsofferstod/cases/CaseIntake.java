package se.stockholm.brottsofferstod.cases;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.stockholm.brottsofferstod.intake.Person;
import se.stockholm.brottsofferstod.intake.CountedDaysChanged;
import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.intake.SupportRequest;
import se.stockholm.brottsofferstod.cases.IntakeOutcome.Status;
import se.stockholm.brottsofferstod.routing.Stockholm;

/**
 * Opens cases for routed support requests, once per external id: the receipt's primary key is the
 * idempotency guard, written in the same transaction as the case and its outbox message. A request
 * without consent leaves only its receipt, which holds nothing personal.
 */
@Service
public class CaseIntake {

    private static final Logger log = LoggerFactory.getLogger(CaseIntake.class);
    private static final int CHUNK_ATTEMPTS = 3;

    private static final String INSERT_RECEIPT = """
            INSERT INTO referral_receipt (receipt_key, source, channel, status, case_reference, received_at)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_CASE = """
            INSERT INTO support_case (case_reference, received_at, source, channel, external_id, status, partner,
                routing_reason, age_unknown, district, age_years, person_role, gender, protected_identity,
                preferred_language, interpreter_needed, given_name, family_name, personal_identity_number, birth_year,
                phone, email, street, postal_code, city, district_text, consent_given_by, consent_recorded_at,
                crime_category, offence_occurred_on, gang_related, intimate_partner_violence, text, report_number,
                police_unit, sent_at, phone_key, email_key, agreement, urgent)
            VALUES (?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transaction;
    private final CaseReferences references;
    private final Outbox outbox;
    private final CaseDispatcher dispatcher;
    private final ApplicationEventPublisher events;
    private final Keys keys;

    CaseIntake(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, CaseReferences references, Outbox outbox,
               CaseDispatcher dispatcher, ApplicationEventPublisher events, Keys keys) {
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
        this.events = events;
        this.keys = keys;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.transaction = new TransactionTemplate(transactionManager);
        this.references = references;
        this.outbox = outbox;
    }

    /**
     * Opens a case for each new request with consent, and answers for each request in the same order.
     * Meant for chunks of up to a few hundred requests. The case messages go by the outbox relay.
     */
    public List<IntakeOutcome> open(List<SupportRequest> requests) {
        return open(requests, null);
    }

    /**
     * The same, and the cases' messages are sent from this thread right after each chunk's commit (the outbox relay
     * is only the fallback): for a caller in no transaction of its own, whose source is acknowledged after this
     * returns (a REST answer, an inbox file moved).
     */
    public List<IntakeOutcome> openAndSend(List<SupportRequest> requests) {
        List<CaseOutboxRow> toSend = new ArrayList<>();
        List<IntakeOutcome> outcomes = open(requests, toSend);
        dispatcher.sendNow(toSend);
        return outcomes;
    }

    private List<IntakeOutcome> open(List<SupportRequest> requests, List<CaseOutboxRow> toSend) {
        if (requests.isEmpty()) {
            return List.of();
        }
        // Numbers are taken before the chunk's transaction (each block in its own short one), so an intake
        // never holds two connections at once; a number given to what turns out a duplicate is a gap.
        List<String> caseReferences = allocate(requests.stream().filter(SupportRequest::hasConsent).toList());
        for (int attempt = 1; attempt <= CHUNK_ATTEMPTS; attempt++) {
            try {
                List<CaseOutboxRow> written = new ArrayList<>();
                List<IntakeOutcome> outcomes = transaction.execute(status -> openAll(requests, caseReferences.iterator(),
                        toSend == null ? null : written));
                if (toSend != null) {
                    toSend.addAll(written);
                }
                return outcomes;
            } catch (DuplicateKeyException | TransientDataAccessException concurrentIntake) {
                // Another intake stored one of these ids after our look-up and has committed by now (or held
                // it too long), so the next look-up sees it: try the chunk again before one at a time.
                log.debug("Chunk of {} met a concurrent intake of the same id (attempt {})", requests.size(), attempt);
            }
        }
        List<IntakeOutcome> outcomes = new ArrayList<>(requests.size());
        for (SupportRequest request : requests) {
            outcomes.add(openOne(request, toSend));
        }
        return outcomes;
    }

    private IntakeOutcome openOne(SupportRequest request, List<CaseOutboxRow> toSend) {
        try {
            List<String> caseReference = allocate(request.hasConsent() ? List.of(request) : List.of());
            List<CaseOutboxRow> written = new ArrayList<>();
            IntakeOutcome outcome = transaction.execute(status -> openAll(List.of(request), caseReference.iterator(),
                    toSend == null ? null : written)).get(0);
            if (toSend != null) {
                toSend.addAll(written);
            }
            return outcome;
        } catch (DuplicateKeyException concurrentIntake) {
            IntakeOutcome earlier = transaction.execute(status -> earlierReceipts(List.of(receiptKey(request))))
                    .get(receiptKey(request));
            return new IntakeOutcome(request.externalId(), Status.DUPLICATE, earlier == null ? null : earlier.caseReference());
        }
    }

    /** @param toSend the outbox rows to send after the commit are added here; {@code null}: the relay sends them */
    private List<IntakeOutcome> openAll(List<SupportRequest> requests, Iterator<String> newReferences, List<CaseOutboxRow> toSend) {
        List<String> keys = requests.stream().map(this::receiptKey).toList();
        Map<String, IntakeOutcome> taken = earlierReceipts(keys);
        List<SupportRequest> toOpen = new ArrayList<>();
        List<String> keysToOpen = new ArrayList<>();
        List<SupportRequest> withoutConsent = new ArrayList<>();
        List<String> keysWithoutConsent = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            SupportRequest request = requests.get(i);
            String key = keys.get(i);
            if (taken.containsKey(key)) {
                continue;
            }
            taken.put(key, null);
            if (request.hasConsent()) {
                toOpen.add(request);
                keysToOpen.add(key);
            } else {
                withoutConsent.add(request);
                keysWithoutConsent.add(key);
            }
        }
        Map<String, IntakeOutcome> fresh = new HashMap<>();
        List<String> caseReferences = new ArrayList<>(toOpen.size());
        for (int i = 0; i < toOpen.size(); i++) {
            String reference = newReferences.next();
            caseReferences.add(reference);
            fresh.put(keysToOpen.get(i), new IntakeOutcome(toOpen.get(i).externalId(), Status.ACCEPTED, reference));
        }
        for (int i = 0; i < withoutConsent.size(); i++) {
            fresh.put(keysWithoutConsent.get(i), new IntakeOutcome(withoutConsent.get(i).externalId(), Status.NO_CONSENT, null));
        }
        insertReceipts(toOpen, keysToOpen, caseReferences, withoutConsent, keysWithoutConsent);
        insertCases(toOpen, caseReferences);
        events.publishEvent(new CountedDaysChanged(toOpen.stream().map(SupportRequest::receivedAt).toList()));
        List<CaseMessage> messages = new ArrayList<>(toOpen.size());
        for (int i = 0; i < toOpen.size(); i++) {
            messages.add(CaseMessage.of(caseReferences.get(i), toOpen.get(i)));
        }
        if (toSend == null) {
            outbox.add(messages);
        } else {
            toSend.addAll(outbox.addToSendNow(messages));
        }

        List<IntakeOutcome> outcomes = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            IntakeOutcome outcome = fresh.remove(keys.get(i));
            if (outcome == null) {
                IntakeOutcome earlier = taken.get(keys.get(i));
                String reference = earlier != null ? earlier.caseReference() : referenceOfFirst(keys.get(i), keys, requests, outcomes);
                outcome = new IntakeOutcome(requests.get(i).externalId(), Status.DUPLICATE, reference);
            } else if (outcome.status() == Status.ACCEPTED) {
                // the reference as a field of the structured log too
                try (MDC.MDCCloseable ignored = MDC.putCloseable("caseReference", outcome.caseReference())) {
                    log.info("Opened case {} for {} {} via {}, routed to {}", outcome.caseReference(), requests.get(i).source(),
                            this.keys.forLog(requests.get(i).source().name(), outcome.externalId()), requests.get(i).channel(),
                            requests.get(i).routing().partner());
                }
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** The reference given to the first occurrence of a key that came twice in the same chunk. */
    private static String referenceOfFirst(String key, List<String> keys, List<SupportRequest> requests, List<IntakeOutcome> outcomes) {
        int first = keys.indexOf(key);
        return first < outcomes.size() ? outcomes.get(first).caseReference() : null;
    }

    private Map<String, IntakeOutcome> earlierReceipts(List<String> keys) {
        Map<String, IntakeOutcome> earlier = new HashMap<>();
        named.query("SELECT receipt_key, status, case_reference FROM referral_receipt WHERE receipt_key IN (:keys)",
                new MapSqlParameterSource("keys", keys),
                rs -> {
                    earlier.put(rs.getString(1), new IntakeOutcome(null, Status.valueOf(rs.getString(2)), rs.getString(3)));
                });
        return earlier;
    }

    private List<String> allocate(List<SupportRequest> toOpen) {
        Map<Integer, Integer> perYear = new HashMap<>();
        for (SupportRequest request : toOpen) {
            perYear.merge(yearOf(request.receivedAt()), 1, Integer::sum);
        }
        Map<Integer, Iterator<String>> blocks = new HashMap<>();
        perYear.forEach((year, count) -> blocks.put(year, references.next(year, count).iterator()));
        return toOpen.stream().map(r -> blocks.get(yearOf(r.receivedAt())).next()).toList();
    }

    private void insertReceipts(List<SupportRequest> opened, List<String> openedKeys, List<String> caseReferences,
                                List<SupportRequest> withoutConsent, List<String> withoutConsentKeys) {
        List<Object[]> rows = new ArrayList<>(opened.size() + withoutConsent.size());
        for (int i = 0; i < opened.size(); i++) {
            SupportRequest r = opened.get(i);
            rows.add(new Object[] {openedKeys.get(i), r.source().name(), r.channel(), Status.ACCEPTED.name(),
                    caseReferences.get(i), timestamp(r.receivedAt())});
        }
        for (int i = 0; i < withoutConsent.size(); i++) {
            SupportRequest r = withoutConsent.get(i);
            rows.add(new Object[] {withoutConsentKeys.get(i), r.source().name(), r.channel(), Status.NO_CONSENT.name(),
                    null, timestamp(r.receivedAt())});
        }
        // One order for every intake: two chunks that share ids then wait on each other, never deadlock.
        rows.sort(Comparator.comparing(row -> (String) row[0]));
        jdbc.batchUpdate(INSERT_RECEIPT, rows);
    }

    private void insertCases(List<SupportRequest> opened, List<String> caseReferences) {
        jdbc.batchUpdate(INSERT_CASE, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                bindCase(ps, caseReferences.get(i), opened.get(i), keys);
            }

            @Override
            public int getBatchSize() {
                return opened.size();
            }
        });
    }

    private static void bindCase(PreparedStatement ps, String reference, SupportRequest r, Keys keys) throws SQLException {
        Person p = r.person();
        Person.Address a = p.address() != null ? p.address() : new Person.Address(null, null, null);
        var offence = r.offence();
        var consent = r.consent();
        var police = r.police();
        int c = 1;
        ps.setString(c++, reference);
        ps.setTimestamp(c++, timestamp(r.receivedAt()));
        ps.setString(c++, r.source().name());
        ps.setString(c++, r.channel());
        ps.setString(c++, r.externalId());
        ps.setString(c++, r.routing().partner());
        ps.setString(c++, r.routing().reason());
        ps.setBoolean(c++, r.routing().ageUnknown());
        ps.setString(c++, r.routing().district());
        setInteger(ps, c++, r.ageYears());
        ps.setString(c++, p.role());
        ps.setString(c++, p.gender() != null ? p.gender() : "UNKNOWN");
        ps.setBoolean(c++, p.isProtected());
        ps.setString(c++, p.preferredLanguage());
        setBoolean(ps, c++, p.interpreterNeeded());
        ps.setString(c++, p.givenName());
        ps.setString(c++, p.familyName());
        ps.setString(c++, p.personalIdentityNumber());
        setInteger(ps, c++, p.birthYear());
        ps.setString(c++, p.phone());
        ps.setString(c++, p.email());
        ps.setString(c++, a.street());
        ps.setString(c++, a.postalCode());
        ps.setString(c++, a.city());
        ps.setString(c++, p.district());
        ps.setString(c++, consent.givenBy());
        ps.setTimestamp(c++, consent.recordedAt() != null ? timestamp(consent.recordedAt().toInstant()) : null);
        ps.setString(c++, offence != null ? offence.category() : null);
        ps.setDate(c++, offence != null && offence.occurredOn() != null ? Date.valueOf(offence.occurredOn()) : null);
        ps.setBoolean(c++, offence != null && offence.isGangRelated());
        ps.setBoolean(c++, offence != null && offence.isIntimatePartnerViolence());
        ps.setString(c++, r.text());
        ps.setString(c++, police != null ? police.reportNumber() : null);
        ps.setString(c++, police != null ? police.policeUnit() : null);
        ps.setTimestamp(c++, police != null && police.sentAt() != null ? timestamp(police.sentAt().toInstant()) : null);
        ps.setString(c++, keys.phone(p.phone()));
        ps.setString(c++, keys.email(p.email()));
        ps.setString(c++, r.routing().agreement());
        ps.setBoolean(c, r.urgent());
    }

    /** The receipt identifies a request without holding anything about it (a keyed hash of source and external id). */
    private String receiptKey(SupportRequest request) {
        return keys.receipt(request.source(), request.externalId());
    }

    private static int yearOf(Instant instant) {
        return instant.atZone(Stockholm.ZONE).getYear();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static void setBoolean(PreparedStatement ps, int index, Boolean value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BOOLEAN);
        } else {
            ps.setBoolean(index, value);
        }
    }
}
