package se.stockholm.brottsofferstod.cases;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A case (ärende) as staff work it. Cases are opened in bulk by {@link CaseIntake} with plain JDBC; this
 * mapping serves the staff API, the rules and the scheduled jobs.
 */
@Entity
@EntityListeners(CountedWrites.class)
@Table(name = "support_case")
public class SupportCase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Version
    private long version;
    private String caseReference;
    private Instant receivedAt;
    private String source;
    private String channel;
    private String externalId;
    @Enumerated(EnumType.STRING)
    private CaseStatus status;
    private String partner;
    private String routingReason;
    private boolean ageUnknown;
    private String district;
    private String agreement;
    private Integer ageYears;
    private String personRole;
    private String gender;
    private boolean protectedIdentity;
    private String preferredLanguage;
    private Boolean interpreterNeeded;
    private String givenName;
    private String familyName;
    private String personalIdentityNumber;
    private Integer birthYear;
    private String phone;
    private String email;
    private String street;
    private String postalCode;
    private String city;
    private String districtText;
    private String consentGivenBy;
    private Instant consentRecordedAt;
    private String crimeCategory;
    private LocalDate offenceOccurredOn;
    private boolean gangRelated;
    private boolean intimatePartnerViolence;
    @Column(name = "text")
    private String text;
    private String reportNumber;
    private String policeUnit;
    private Instant sentAt;
    private Instant firstAttemptAt;
    private Instant closedAt;
    private String closeOutcome;
    private Instant reminderSentAt;
    private Instant personalDataErasedAt;
    /** How a later message from the person finds this case (see {@link CaseMessages}); erased with the person's data. */
    private String phoneKey;
    private String emailKey;
    /** The person wrote emergency or suicide words: first in the staff's queue. */
    private boolean urgent;

    protected SupportCase() {
    }

    /** The first contact attempt starts the work on a case. */
    void attempted(Instant at) {
        if (status == CaseStatus.NEW) {
            status = CaseStatus.IN_PROGRESS;
        }
        if (firstAttemptAt == null || at.isBefore(firstAttemptAt)) {
            firstAttemptAt = at;
        }
    }

    void handTo(String newPartner) {
        partner = newPartner;
    }

    void close(Instant at, String outcome) {
        status = CaseStatus.CLOSED;
        closedAt = at;
        closeOutcome = outcome;
    }

    void markUrgent() {
        urgent = true;
    }

    public boolean isUrgent() {
        return urgent;
    }

    void reminded(Instant at) {
        reminderSentAt = at;
    }

    /** Erases everything that identifies the person; what the statistics count stays. */
    void erasePersonalData(Instant at) {
        givenName = null;
        familyName = null;
        personalIdentityNumber = null;
        phone = null;
        email = null;
        street = null;
        postalCode = null;
        city = null;
        districtText = null;
        text = null;
        externalId = null;
        reportNumber = null;
        policeUnit = null;
        consentRecordedAt = null;
        offenceOccurredOn = null;
        phoneKey = null;
        emailKey = null;
        personalDataErasedAt = at;
    }

    public Long getId() {
        return id;
    }

    public String getCaseReference() {
        return caseReference;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getSource() {
        return source;
    }

    public String getChannel() {
        return channel;
    }

    public String getExternalId() {
        return externalId;
    }

    public CaseStatus getStatus() {
        return status;
    }

    public String getPartner() {
        return partner;
    }

    public String getRoutingReason() {
        return routingReason;
    }

    public boolean isAgeUnknown() {
        return ageUnknown;
    }

    public String getDistrict() {
        return district;
    }

    /** The agreement the case was taken in under and is counted for (config/routing/agreements.yml). */
    public String getAgreement() {
        return agreement;
    }

    public Integer getAgeYears() {
        return ageYears;
    }

    public String getPersonRole() {
        return personRole;
    }

    public String getGender() {
        return gender;
    }

    public boolean isProtectedIdentity() {
        return protectedIdentity;
    }

    public String getPreferredLanguage() {
        return preferredLanguage;
    }

    public Boolean getInterpreterNeeded() {
        return interpreterNeeded;
    }

    public String getGivenName() {
        return givenName;
    }

    public String getFamilyName() {
        return familyName;
    }

    public String getPersonalIdentityNumber() {
        return personalIdentityNumber;
    }

    public Integer getBirthYear() {
        return birthYear;
    }

    public String getPhone() {
        return phone;
    }

    public String getEmail() {
        return email;
    }

    public String getStreet() {
        return street;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public String getCity() {
        return city;
    }

    public String getDistrictText() {
        return districtText;
    }

    public String getConsentGivenBy() {
        return consentGivenBy;
    }

    public Instant getConsentRecordedAt() {
        return consentRecordedAt;
    }

    public String getCrimeCategory() {
        return crimeCategory;
    }

    public LocalDate getOffenceOccurredOn() {
        return offenceOccurredOn;
    }

    public boolean isGangRelated() {
        return gangRelated;
    }

    public boolean isIntimatePartnerViolence() {
        return intimatePartnerViolence;
    }

    public String getText() {
        return text;
    }

    public String getReportNumber() {
        return reportNumber;
    }

    public String getPoliceUnit() {
        return policeUnit;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getFirstAttemptAt() {
        return firstAttemptAt;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public String getCloseOutcome() {
        return closeOutcome;
    }

    public Instant getReminderSentAt() {
        return reminderSentAt;
    }

    public Instant getPersonalDataErasedAt() {
        return personalDataErasedAt;
    }
}
