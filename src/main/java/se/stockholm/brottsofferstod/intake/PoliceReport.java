package se.stockholm.brottsofferstod.intake;

import java.time.OffsetDateTime;

/** The police's references for a referral: their report (K-number), unit and when they sent it. */
public record PoliceReport(String reportNumber, String policeUnit, OffsetDateTime sentAt) {
}
