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

/** Staff trying to reach the person; a {@link Outcome#REACHED} attempt is a direct contact. */
@Entity
@EntityListeners(CountedWrites.class)
@Table(name = "contact_attempt")
public class ContactAttempt {

    public enum Channel { PHONE, SMS, EMAIL, MEETING, VIDEO }

    public enum Outcome { REACHED, NO_ANSWER, VOICEMAIL, WRONG_NUMBER, DECLINED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long caseId;
    private Instant attemptedAt;
    @Enumerated(EnumType.STRING)
    private Channel channel;
    @Enumerated(EnumType.STRING)
    private Outcome outcome;
    private String partner;
    /** The person's gender, kept beside the attempt so the statistics count contacts by gender without a join. */
    private String personGender;
    private String recordedBy;
    private Instant recordedAt;

    protected ContactAttempt() {
    }

    ContactAttempt(long caseId, Instant attemptedAt, Channel channel, Outcome outcome, String partner,
                   String personGender, String recordedBy, Instant recordedAt) {
        this.caseId = caseId;
        this.personGender = personGender;
        this.attemptedAt = attemptedAt;
        this.channel = channel;
        this.outcome = outcome;
        this.partner = partner;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public Instant getAttemptedAt() {
        return attemptedAt;
    }

    public Channel getChannel() {
        return channel;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public String getPartner() {
        return partner;
    }

    public String getRecordedBy() {
        return recordedBy;
    }
}
