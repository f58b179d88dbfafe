package se.stockholm.brottsofferstod.cases;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Support given on a case (åtgärd). */
@Entity
@EntityListeners(CountedWrites.class)
@Table(name = "case_action")
public class Action {

    public enum Type {
        SUPPORT_CALL, LEGAL_PROCESS_INFO, ACCOMPANIMENT, COUNSEL_REQUEST_HELP, COMPENSATION_HELP,
        AUTHORITY_CONTACT_HELP, REFERRAL_TO_OTHER, WITNESS_SUPPORT, OTHER
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long caseId;
    private Instant performedAt;
    @Enumerated(EnumType.STRING)
    private Type actionType;
    private String partner;
    private String recordedBy;
    private Instant recordedAt;

    protected Action() {
    }

    Action(long caseId, Instant performedAt, Type actionType, String partner, String recordedBy, Instant recordedAt) {
        this.caseId = caseId;
        this.performedAt = performedAt;
        this.actionType = actionType;
        this.partner = partner;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public Instant getPerformedAt() {
        return performedAt;
    }

    public Type getActionType() {
        return actionType;
    }

    public String getPartner() {
        return partner;
    }

    public String getRecordedBy() {
        return recordedBy;
    }
}
