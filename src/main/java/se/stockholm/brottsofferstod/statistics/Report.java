package se.stockholm.brottsofferstod.statistics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The yearly follow-up's figures for one period (contract section 6). Counts only: nothing in it identifies a
 * person.
 *
 * @param gangRelated             the jours' gang-related cases, as the agreement counts them (seed 000: the jours
 *                                report them; Stödcentrum has no such crime type); each partner's own in
 *                                {@code byPartner}
 * @param intimatePartnerViolence the jours' cases of violence in close relationships, likewise; Stödcentrum's are
 *                                in {@code byPartner.stodcentrum} with their gender split
 * @param jours                   the three jours together
 * @param triage                  cases received in the period that intake could not route (district unknown)
 * @param outsideArea             cases received in the period from people living outside the city
 * @param agreement               whose report it is (config/routing/agreements.yml): every figure counts only the cases
 *                                taken in under this agreement, and the attempts, actions and links on them
 */
public record Report(PeriodView period, Figures total, Map<String, Figures> byPartner, Figures jours,
                     Map<String, Long> casesByCrimeCategory, long gangRelated, long intimatePartnerViolence,
                     Map<String, Long> casesBySource, long noConsentReferrals, long outsideArea, long triage,
                     Links links, Map<String, Long> actionsByType, ServiceLevel serviceLevel,
                     List<QuarterCases> casesByQuarter, WomenShare womenShare, PreviousPeriod previousPeriod,
                     Change change, AgreementView agreement) {

    public record PeriodView(LocalDate from, LocalDate to) {
    }

    /** @param municipality the municipality or region the agreement is with */
    public record AgreementView(String id, String name, String municipality) {
    }

    /**
     * One partner's (or all partners') figures. Cases by the holder at the period's end; contacts and actions by
     * the partner that recorded them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(long cases, long directContacts, long actions, long contactAttempts,
                          Map<String, Long> casesByGender, Map<String, Long> directContactsByGender,
                          Map<String, Long> casesByCrimeCategory, Long gangRelated, Long intimatePartnerViolence,
                          Map<String, Long> intimatePartnerViolenceByGender) {
    }

    public record Links(long toStodcentrum, long toJour) {
    }

    /**
     * @param firstAttemptMissing no attempt, and the time for the first one has passed
     * @param firstAttemptPending no attempt yet, but there is still time
     */
    public record ServiceLevel(long firstAttemptWithin3Days, long firstAttemptLate, long firstAttemptMissing,
                               long firstAttemptPending, long closedNotReached) {
    }

    public record QuarterCases(String quarter, LocalDate from, LocalDate to, long cases) {
    }

    /** Share of women in per cent, one decimal; {@code null} when there is nothing to share. */
    public record WomenShare(Double cases, Double directContacts) {
    }

    public record PreviousPeriod(LocalDate from, LocalDate to, long cases, long directContacts, long actions,
                                 long jourCases, long gangRelated, long intimatePartnerViolence) {
    }

    /** Change against the previous period in per cent, one decimal; {@code null} when the previous was zero. */
    public record Change(Double casesPercent, Double directContactsPercent, Double actionsPercent,
                         Double jourCasesPercent, Double gangRelatedPercent, Double intimatePartnerViolencePercent) {
    }
}
