package se.stockholm.brottsofferstod.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import se.stockholm.brottsofferstod.audit.AuditLog;
import se.stockholm.brottsofferstod.intake.Keys;
import se.stockholm.brottsofferstod.routing.PersonalIdentityNumber;
import se.stockholm.brottsofferstod.routing.Stockholm;
import se.stockholm.brottsofferstod.security.Actor;
import se.stockholm.brottsofferstod.security.Role;

/**
 * A person's rights (GDPR art. 15 and 17) for the coordinator: everything held on a person, found by personnummer
 * (as stored, normalised), phone number or email address through their keys, never by searching texts; exported as
 * one document, or erased on request the same way retention erases (the statistics keep their exact counts). Both
 * are audited, per case and once for the request.
 */
@Service
public class PersonRights {


    /** Who the request is about: one of the three, as the person gives it. */
    public record Subject(String personnummer, String phone, String email) {
    }

    /** Everything held on the person. */
    public record Export(List<CaseViews.Details> cases, List<Map<String, Object>> smsConversations,
                         List<Map<String, Object>> emailReplies) {
    }

    private final JdbcTemplate jdbc;
    private final Keys keys;
    private final CaseWork work;
    private final CaseRepository cases;
    private final AuditLog audit;

    PersonRights(JdbcTemplate jdbc, Keys keys, CaseWork work, CaseRepository cases, AuditLog audit) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.work = work;
        this.cases = cases;
        this.audit = audit;
    }

    public Export export(Actor actor, Subject subject) {
        coordinatorOnly(actor, "EXPORT_PERSON");
        Set<Long> ids = caseIds(subject);
        List<CaseViews.Details> details = new ArrayList<>();
        for (long id : ids) {
            cases.findById(id).ifPresent(c -> {
                details.add(work.detailsOf(c));
                audit.record(actor, "EXPORT_PERSON", c.getCaseReference(), "OK");
            });
        }
        String phoneKey = keys.phone(subject.phone());
        List<Map<String, Object>> conversations = phoneKey == null ? List.of() : jdbc.queryForList("""
                SELECT stage, state, started_at, last_message_at FROM sms_conversation WHERE phone_key = ?""", phoneKey);
        List<String> references = details.stream().map(CaseViews.Details::caseReference).toList();
        List<Map<String, Object>> replies = new ArrayList<>();
        for (String reference : references) {
            replies.addAll(jdbc.queryForList("""
                    SELECT case_reference, kind, language, status, created_at, sent_at FROM email_reply WHERE case_reference = ?""",
                    reference));
        }
        audit.record(actor, "EXPORT_PERSON", null, "OK");
        return new Export(details, conversations, replies);
    }

    /** @return the references of the cases whose personal data was erased */
    public List<String> erase(Actor actor, Subject subject) {
        coordinatorOnly(actor, "ERASE_PERSON");
        List<String> erased = work.eraseOnRequest(actor, List.copyOf(caseIds(subject)));
        String phoneKey = keys.phone(subject.phone());
        if (phoneKey != null) {
            jdbc.update("DELETE FROM sms_conversation WHERE phone_key = ?", phoneKey);
        }
        for (String reference : erased) {
            jdbc.update("DELETE FROM sms_outgoing WHERE case_reference = ?", reference);
        }
        audit.record(actor, "ERASE_PERSON", null, "OK");
        return erased;
    }

    private void coordinatorOnly(Actor actor, String operation) {
        if (actor.role() != Role.COORDINATOR) {
            audit.record(actor, operation, null, "DENIED");
            throw new CaseRuleException("Only the coordinator handles a person's requests");
        }
    }

    private Set<Long> caseIds(Subject subject) {
        int given = (subject.personnummer() != null ? 1 : 0) + (subject.phone() != null ? 1 : 0) + (subject.email() != null ? 1 : 0);
        if (given != 1) {
            throw new InvalidCaseRequestException("personnummer", "give exactly one of personnummer, phone or email");
        }
        Set<Long> ids = new LinkedHashSet<>();
        if (subject.personnummer() != null) {
            String normalized;
            try {
                normalized = PersonalIdentityNumber.parse(subject.personnummer(), LocalDate.now(Stockholm.ZONE)).normalized();
            } catch (PersonalIdentityNumber.InvalidIdentityNumberException e) {
                throw new InvalidCaseRequestException("personnummer", e.getMessage());
            }
            ids.addAll(jdbc.queryForList("SELECT id FROM support_case WHERE personal_identity_number = ? ORDER BY id",
                    Long.class, normalized));
        }
        if (subject.phone() != null) {
            String key = keys.phone(subject.phone());
            if (key == null) {
                throw new InvalidCaseRequestException("phone", "must be a phone number");
            }
            ids.addAll(jdbc.queryForList("SELECT id FROM support_case WHERE phone_key = ? ORDER BY id", Long.class, key));
        }
        if (subject.email() != null) {
            ids.addAll(jdbc.queryForList("SELECT id FROM support_case WHERE email_key = ? ORDER BY id", Long.class,
                    keys.email(subject.email())));
        }
        return ids;
    }
}
