package se.stockholm.brottsofferstod.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import se.stockholm.brottsofferstod.routing.RoutingDecision;

/**
 * Puts the database's counts together by the contract's rules: a case counts for the partner holding it at the
 * period's end, contacts and actions for the partner that recorded them, percentages to one decimal.
 */
final class ReportBuilder {

    static final List<String> GENDERS = List.of("FEMALE", "MALE", "OTHER", "UNKNOWN");
    static final List<String> CRIME_CATEGORIES = List.of("ASSAULT", "FRAUD", "UNLAWFUL_THREAT", "MOLESTATION",
            "SEXUAL_OFFENCE", "ROBBERY", "THEFT_BURGLARY", "VANDALISM", "HATE_CRIME", "HUMAN_TRAFFICKING", "HOMICIDE",
            "OTHER", "UNKNOWN");
    static final List<String> SOURCES = List.of("POLICE", "SMS", "EMAIL", "WEB");
    static final List<String> ACTION_TYPES = List.of("SUPPORT_CALL", "LEGAL_PROCESS_INFO", "ACCOMPANIMENT",
            "COUNSEL_REQUEST_HELP", "COMPENSATION_HELP", "AUTHORITY_CONTACT_HELP", "REFERRAL_TO_OTHER",
            "WITNESS_SUPPORT", "OTHER");
    static final String REACHED = "REACHED";

    private final List<String> partners;
    private final String youthPartner;
    private final List<String> holders;
    private final Report.AgreementView agreement;

    ReportBuilder(List<String> partners, String youthPartner) {
        this(partners, youthPartner, new Report.AgreementView("stockholm", "Stockholms stads IOP om stöd till brottsutsatta",
                "Stockholms stad"));
    }

    /**
     * @param partners     the agreement's partners
     * @param youthPartner the partner of the young under the agreement's rule, or {@code null} (every partner a jour)
     */
    ReportBuilder(List<String> partners, String youthPartner, Report.AgreementView agreement) {
        this.agreement = agreement;
        this.partners = List.copyOf(partners);
        this.youthPartner = youthPartner;
        List<String> all = new ArrayList<>(partners);
        all.add(RoutingDecision.TRIAGE);
        all.add(RoutingDecision.OUTSIDE_AREA);
        this.holders = List.copyOf(all);
    }

    Report build(PeriodCounts now, PeriodCounts before) {
        Tallies current = tally(now);
        Tallies previous = tally(before);
        Tally jours = current.jours();
        Tally previousJours = previous.jours();

        Map<String, Long> bySource = zeros(SOURCES);
        now.cases().forEach(g -> bySource.merge(orUnknown(g.source(), "WEB"), g.cases(), Long::sum));
        Map<String, Long> byActionType = zeros(ACTION_TYPES);
        now.actions().forEach(a -> byActionType.merge(a.type(), a.actions(), Long::sum));
        long toYouth = 0;
        long toJour = 0;
        for (StatisticsQueries.LinkGroup link : now.links()) {
            if (link.toPartner().equals(youthPartner)) {
                toYouth += link.links();
            } else if (isJour(link.toPartner())) {
                toJour += link.links();
            }
        }
        List<Report.QuarterCases> quarters = new ArrayList<>();
        List<Period.Quarter> periodQuarters = now.period().quarters();
        for (int i = 0; i < periodQuarters.size(); i++) {
            Period.Quarter q = periodQuarters.get(i);
            quarters.add(new Report.QuarterCases(q.name(), q.period().from(), q.period().to(), now.casesByQuarter().get(i)));
        }
        StatisticsQueries.ServiceLevelCounts sl = now.serviceLevel();
        Map<String, Report.Figures> byPartner = new LinkedHashMap<>();
        holders.forEach(h -> byPartner.put(h, current.of(h).figures(true)));
        Tally total = current.total();
        return new Report(new Report.PeriodView(now.period().from(), now.period().to()), total.figures(false), byPartner,
                jours.figures(true), total.byCategory, jours.gangRelated, jours.intimatePartnerViolence, bySource,
                now.noConsentReferrals(), current.atIntake(RoutingDecision.OUTSIDE_AREA),
                current.atIntake(RoutingDecision.TRIAGE), new Report.Links(toYouth, toJour), byActionType,
                new Report.ServiceLevel(sl.withinLimit(), sl.late(), sl.missing(), sl.pending(), sl.closedNotReached()),
                quarters,
                new Report.WomenShare(share(total.byGender.get("FEMALE"), total.cases),
                        share(total.contactsByGender.get("FEMALE"), total.directContacts)),
                new Report.PreviousPeriod(before.period().from(), before.period().to(), previous.total().cases,
                        previous.total().directContacts, previous.total().actions, previousJours.cases,
                        previousJours.gangRelated, previousJours.intimatePartnerViolence),
                new Report.Change(change(total.cases, previous.total().cases),
                        change(total.directContacts, previous.total().directContacts),
                        change(total.actions, previous.total().actions), change(jours.cases, previousJours.cases),
                        change(jours.gangRelated, previousJours.gangRelated),
                        change(jours.intimatePartnerViolence, previousJours.intimatePartnerViolence)), agreement);
    }

    boolean isJour(String partner) {
        return partners.contains(partner) && !partner.equals(youthPartner);
    }

    /** Per cent with one decimal, rounded half up as a coordinator would by hand. */
    static Double change(long current, long previous) {
        if (previous == 0) {
            return null;
        }
        return BigDecimal.valueOf(current - previous).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(previous), 1, RoundingMode.HALF_UP).doubleValue();
    }

    static Double share(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).doubleValue();
    }

    private Tallies tally(PeriodCounts counts) {
        Map<String, Tally> byHolder = new LinkedHashMap<>();
        holders.forEach(h -> byHolder.put(h, new Tally()));
        Function<String, Tally> holder = h -> byHolder.computeIfAbsent(h, k -> new Tally());
        Map<String, Long> atIntakeCorrection = new LinkedHashMap<>();
        for (StatisticsQueries.CaseGroup g : counts.cases()) {
            holder.apply(g.partner()).addCases(g.gender(), g.category(), g.gangRelated(), g.intimatePartnerViolence(), g.cases());
        }
        Map<Long, List<StatisticsQueries.Handover>> handoversByCase = counts.handovers().stream()
                .collect(Collectors.groupingBy(StatisticsQueries.Handover::caseId, LinkedHashMap::new, Collectors.toList()));
        for (List<StatisticsQueries.Handover> handovers : handoversByCase.values()) {
            StatisticsQueries.Handover first = handovers.get(0);
            String now = first.partnerNow();
            String atEnd = handovers.stream().filter(h -> !h.at().isBefore(counts.period().end())).findFirst()
                    .map(StatisticsQueries.Handover::fromPartner).orElse(now);
            if (!atEnd.equals(now)) {
                holder.apply(now).addCases(first.gender(), first.category(), first.gangRelated(),
                        first.intimatePartnerViolence(), -1);
                holder.apply(atEnd).addCases(first.gender(), first.category(), first.gangRelated(),
                        first.intimatePartnerViolence(), 1);
            }
            atIntakeCorrection.merge(first.fromPartner(), 1L, Long::sum);
            atIntakeCorrection.merge(now, -1L, Long::sum);
        }
        for (StatisticsQueries.AttemptGroup a : counts.attempts()) {
            holder.apply(a.partner()).addAttempts(a.gender(), REACHED.equals(a.outcome()), a.attempts());
        }
        for (StatisticsQueries.ActionGroup a : counts.actions()) {
            holder.apply(a.partner()).actions += a.actions();
        }
        Map<String, Long> heldNow = new LinkedHashMap<>();
        counts.cases().forEach(g -> heldNow.merge(g.partner(), g.cases(), Long::sum));
        return new Tallies(byHolder, heldNow, atIntakeCorrection);
    }

    private final class Tallies {
        private final Map<String, Tally> byHolder;
        private final Map<String, Long> heldNow;
        private final Map<String, Long> atIntakeCorrection;

        Tallies(Map<String, Tally> byHolder, Map<String, Long> heldNow, Map<String, Long> atIntakeCorrection) {
            this.byHolder = byHolder;
            this.heldNow = heldNow;
            this.atIntakeCorrection = atIntakeCorrection;
        }

        Tally of(String holder) {
            return byHolder.get(holder);
        }

        Tally total() {
            return sum(byHolder.keySet());
        }

        Tally jours() {
            Set<String> jours = new HashSet<>();
            byHolder.keySet().stream().filter(ReportBuilder.this::isJour).forEach(jours::add);
            return sum(jours);
        }

        /** Cases that intake first sent to this holder, wherever they went afterwards. */
        long atIntake(String holder) {
            return heldNow.getOrDefault(holder, 0L) + atIntakeCorrection.getOrDefault(holder, 0L);
        }

        private Tally sum(Set<String> keys) {
            Tally sum = new Tally();
            keys.forEach(k -> sum.add(byHolder.get(k)));
            return sum;
        }
    }

    private static final class Tally {
        long cases;
        long directContacts;
        long actions;
        long contactAttempts;
        long gangRelated;
        long intimatePartnerViolence;
        final Map<String, Long> byGender = zeros(GENDERS);
        final Map<String, Long> contactsByGender = zeros(GENDERS);
        final Map<String, Long> byCategory = zeros(CRIME_CATEGORIES);
        final Map<String, Long> ipvByGender = zeros(GENDERS);

        void addCases(String gender, String category, boolean gang, boolean ipv, long n) {
            String g = orUnknown(gender, "UNKNOWN");
            cases += n;
            byGender.merge(g, n, Long::sum);
            byCategory.merge(orUnknown(category, "UNKNOWN"), n, Long::sum);
            if (gang) {
                gangRelated += n;
            }
            if (ipv) {
                intimatePartnerViolence += n;
                ipvByGender.merge(g, n, Long::sum);
            }
        }

        void addAttempts(String gender, boolean reached, long n) {
            contactAttempts += n;
            if (reached) {
                directContacts += n;
                contactsByGender.merge(orUnknown(gender, "UNKNOWN"), n, Long::sum);
            }
        }

        void add(Tally other) {
            cases += other.cases;
            directContacts += other.directContacts;
            actions += other.actions;
            contactAttempts += other.contactAttempts;
            gangRelated += other.gangRelated;
            intimatePartnerViolence += other.intimatePartnerViolence;
            other.byGender.forEach((k, v) -> byGender.merge(k, v, Long::sum));
            other.contactsByGender.forEach((k, v) -> contactsByGender.merge(k, v, Long::sum));
            other.byCategory.forEach((k, v) -> byCategory.merge(k, v, Long::sum));
            other.ipvByGender.forEach((k, v) -> ipvByGender.merge(k, v, Long::sum));
        }

        Report.Figures figures(boolean withFlags) {
            return new Report.Figures(cases, directContacts, actions, contactAttempts, byGender, contactsByGender,
                    withFlags ? byCategory : null, withFlags ? gangRelated : null,
                    withFlags ? intimatePartnerViolence : null, withFlags ? ipvByGender : null);
        }
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        return map;
    }

    private static String orUnknown(String value, String unknown) {
        return value == null ? unknown : value;
    }
}
