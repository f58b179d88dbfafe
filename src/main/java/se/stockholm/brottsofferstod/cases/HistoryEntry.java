package se.stockholm.brottsofferstod.cases;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a case's history, for staff: what happened, when, by whom; no personal data. */
@Entity
@Table(name = "case_history")
public class HistoryEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long caseId;
    private Instant occurredAt;
    private String entryType;
    private String description;
    private String actor;

    protected HistoryEntry() {
    }

    HistoryEntry(long caseId, Instant occurredAt, String entryType, String description, String actor) {
        this.caseId = caseId;
        this.occurredAt = occurredAt;
        this.entryType = entryType;
        this.description = description;
        this.actor = actor;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getEntryType() {
        return entryType;
    }

    public String getDescription() {
        return description;
    }

    public String getActor() {
        return actor;
    }
}
