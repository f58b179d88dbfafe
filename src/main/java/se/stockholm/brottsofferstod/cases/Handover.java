package se.stockholm.brottsofferstod.cases;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A case handed from one holder to another, of one of two kinds: a link under the age rule ("länka"), counted in
 * the statistics, or the coordinator's assignment of a triage or outside-area case, which only moves the case.
 * (Stored in {@code case_link}, the table's name from before assignments were recorded beside links.)
 */
@Entity
@Table(name = "case_link")
public class Handover {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long caseId;
    private String fromPartner;
    private String toPartner;
    private String reason;
    private Instant linkedAt;
    private String linkedBy;
    @Enumerated(EnumType.STRING)
    private Kind kind;

    public enum Kind { LINK, ASSIGNMENT }

    protected Handover() {
    }

    Handover(Kind kind, long caseId, String fromPartner, String toPartner, String reason, Instant linkedAt, String linkedBy) {
        this.kind = kind;
        this.caseId = caseId;
        this.fromPartner = fromPartner;
        this.toPartner = toPartner;
        this.reason = reason;
        this.linkedAt = linkedAt;
        this.linkedBy = linkedBy;
    }

    public Kind getKind() {
        return kind;
    }

    public String getFromPartner() {
        return fromPartner;
    }

    public String getToPartner() {
        return toPartner;
    }

    public String getReason() {
        return reason;
    }

    public Instant getLinkedAt() {
        return linkedAt;
    }

    public String getLinkedBy() {
        return linkedBy;
    }
}
