package se.stockholm.brottsofferstod.cases;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A case handed to another partner under the age rule ("länka"). */
@Entity
@Table(name = "case_link")
public class Link {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long caseId;
    private String fromPartner;
    private String toPartner;
    private String reason;
    private Instant linkedAt;
    private String linkedBy;

    protected Link() {
    }

    Link(long caseId, String fromPartner, String toPartner, String reason, Instant linkedAt, String linkedBy) {
        this.caseId = caseId;
        this.fromPartner = fromPartner;
        this.toPartner = toPartner;
        this.reason = reason;
        this.linkedAt = linkedAt;
        this.linkedBy = linkedBy;
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
